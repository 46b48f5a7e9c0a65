#version 460
#include "common.glsl"
#include "skinning.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 0) out vec4 outUv;

void main() {
  loadDraw();
  vec3 position = inPosition;
  vec3 unusedNormal = vec3(0.0);
  applyMorphs(position, unusedNormal);
  if (isSkinned()) position = (skinMatrix() * vec4(position, 1.0)).xyz;
  outUv = vec4(inUv0, inUv1);
  gl_Position = frame.cascadeViewProj[passInfo.info.x] * draw.model * vec4(position, 1.0);
}
