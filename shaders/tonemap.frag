#version 460
#extension GL_EXT_multiview : require
// HDR (one layer per view) -> display: exposure, then ACES (Hill's fit) or Khronos PBR Neutral
// (tonemap.glsl). The target is an sRGB format, so the hardware applies the transfer function on
// write. Frames whose scene shaders tone-map their own output skip this pass (scene_output.glsl).
#include "tonemap.glsl"

layout(location = 0) in vec2 inUv;
layout(location = 1) flat in int inView;
layout(location = 0) out vec4 outColor;

layout(set = 0, binding = 0) uniform sampler2DArray hdr;
layout(push_constant) uniform Tonemap {
  vec4 params;  // x exposure, y operator (0 ACES, 1 PBR Neutral), z keep alpha (transparent background)
} tonemap;

void main() {
  vec4 hdrColor = texture(hdr, vec3(inUv, float(inView)));
  outColor = toneMapped(hdrColor, tonemap.params.x, tonemap.params.y > 0.5, tonemap.params.z > 0.5);
}
