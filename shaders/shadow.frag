#version 460
// Alpha-tested (MASK) casters: cut the same holes in the shadow as in the surface.
#include "common.glsl"
#include "material.glsl"

layout(location = 0) in vec4 inUv;

void main() {
  float a = material.baseColorFactor.a;
  if (hasTexture(kTexBaseColor)) a *= texture(baseColorTexture, materialUv(kTexBaseColor, inUv)).a;
  if (a < material.alpha.x) discard;
}
