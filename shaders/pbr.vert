#version 460
#extension GL_EXT_multiview : require
#include "common.glsl"
#include "skinning.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;

layout(location = 0) out vec3 outWorldPos;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec4 outUv;  // xy: set 0, zw: set 1
layout(location = 4) out vec4 outColor;
layout(location = 5) out float outViewDepth;

void main() {
  loadDraw();
  ViewData v = frame.views[viewIndex()];
  vec3 position = inPosition;
  vec3 normal = inNormal;
  vec3 tangent = inTangent.xyz;
  applyMorphs(position, normal);
  if (isSkinned()) {
    // Skinned vertices are in model space after this; draw.model places the instance.
    mat4 skin = skinMatrix();
    position = (skin * vec4(position, 1.0)).xyz;
    normal = normalize(mat3(skin) * normal);
    tangent = normalize(mat3(skin) * tangent);
  }
  vec4 world = draw.model * vec4(position, 1.0);
  mat3 normalMatrix = transpose(inverse(mat3(draw.model)));
  outWorldPos = world.xyz;
  outNormal = normalize(normalMatrix * normal);
  outTangent = vec4(normalize(mat3(draw.model) * tangent), inTangent.w);
  outUv = vec4(inUv0, inUv1);
  outColor = inColor;
  vec4 viewPos = v.view * world;
  outViewDepth = -viewPos.z;
  gl_Position = v.proj * viewPos;
}
