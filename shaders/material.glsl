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

// A shader specialised to one kind of material (GpuMaterial::shaderKey, set by the renderer on
// CPU rasterisers): bit 0 on; bit t + 1: texture t is present; bit 6: every texture reads set 0
// untransformed. 0: generic, everything read from the material's uniforms. lavapipe fetches a
// texture and transforms its coordinates for every pixel even where a uniform branch skips
// them, so compiling out what a material does not have is what makes it cheaper there.
layout(constant_id = 2) const uint kMaterialKey = 0u;

bool textureUsed(int tex) {
  if ((kMaterialKey & 1u) != 0u) return (kMaterialKey & (2u << uint(tex))) != 0u;
  return hasTexture(tex);
}

vec2 textureUv(int tex, vec4 uvs) {
  if ((kMaterialKey & 1u) != 0u && (kMaterialKey & 64u) != 0u) return uvs.xy;
  return materialUv(tex, uvs);
}

#endif
