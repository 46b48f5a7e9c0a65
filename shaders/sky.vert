#version 460
#extension GL_EXT_multiview : require
#include "common.glsl"
// The sky is drawn at the far plane behind everything; the ray direction comes from the view's
// inverse view-projection so each eye gets its own.
layout(location = 0) out vec3 outDirection;

void main() {
  vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  vec4 clip = vec4(uv * 2.0 - 1.0, 1.0, 1.0);
  ViewData v = frame.views[viewIndex()];
  vec4 nearPoint = v.invViewProj * vec4(clip.xy, 0.0, 1.0);
  vec4 farPoint = v.invViewProj * vec4(clip.xy, 0.999, 1.0);
  outDirection = farPoint.xyz / farPoint.w - nearPoint.xyz / nearPoint.w;
  gl_Position = vec4(clip.xy, 1.0, 1.0);
}
