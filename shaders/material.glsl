// glTF 2.0 metallic-roughness material inputs (set 1). Mirrors engine/render/gpu_layouts.hpp.
#ifndef SC_MATERIAL_GLSL
#define SC_MATERIAL_GLSL

const int kTexBaseColor = 0;
const int kTexMetallicRoughness = 1;
const int kTexNormal = 2;
const int kTexOcclusion = 3;
const int kTexEmissive = 4;

layout(set = 1, binding = 0) uniform MaterialUniforms {
  vec4 baseColorFactor;
  vec4 emissive;           // rgb: emissiveFactor * emissiveStrength
  vec4 pbr;                // x metallic, y roughness, z normal scale, w occlusion strength
  vec4 alpha;              // x cutoff, y mode (0 opaque, 1 mask, 2 blend), z unlit, w double-sided
  ivec4 texCoordA;         // texCoord set of base colour, metallic-roughness, normal, occlusion
  ivec4 texCoordB;         // x: emissive; y: bit i set when texture i is present
  vec4 uvTransform[10];    // per texture: two rows of a 2x3 matrix (KHR_texture_transform)
} material;

layout(set = 1, binding = 1) uniform sampler2D baseColorTexture;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTexture;
layout(set = 1, binding = 3) uniform sampler2D normalTexture;
layout(set = 1, binding = 4) uniform sampler2D occlusionTexture;
layout(set = 1, binding = 5) uniform sampler2D emissiveTexture;

int texCoordSet(int tex) {
  return tex < 4 ? material.texCoordA[tex] : material.texCoordB.x;
}

bool hasTexture(int tex) {
  return (material.texCoordB.y & (1 << tex)) != 0;
}

vec2 materialUv(int tex, vec4 uvs) {
  vec2 uv = texCoordSet(tex) == 1 ? uvs.zw : uvs.xy;
  vec4 r0 = material.uvTransform[tex * 2];
  vec4 r1 = material.uvTransform[tex * 2 + 1];
  return vec2(dot(r0.xyz, vec3(uv, 1.0)), dot(r1.xyz, vec3(uv, 1.0)));
}

#endif
