#version 460
#extension GL_EXT_multiview : require
// One triangle that covers the screen; uv in [0,1], y down like Vulkan's framebuffer.
// The view index goes to the fragment shader as a flat varying.
layout(location = 0) out vec2 outUv;
layout(location = 1) flat out int outView;

void main() {
  vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  outUv = uv;
  outView = int(gl_ViewIndex);
  gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}
