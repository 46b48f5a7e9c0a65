#pragma once
// C++ mirrors of the shader interface blocks (shaders/common.glsl, shaders/material.glsl),
// std140/std430 layouts. Change both sides together.
#include <cstdint>

#include <glm/glm.hpp>

namespace sc::render {

inline constexpr std::uint32_t kMaxViews = 2;
inline constexpr std::uint32_t kMaxLights = 256;

struct ViewData {
  glm::mat4 view;
  glm::mat4 proj;
  glm::mat4 viewProj;
  glm::mat4 invViewProj;
  glm::vec4 eye;
};

struct FrameUniforms {
  ViewData views[kMaxViews];
  glm::mat4 cascadeViewProj[4];
  glm::vec4 cascadeFar;
  glm::vec4 sunDirection;
  glm::vec4 sunColor;
  glm::vec4 skyZenith;
  glm::vec4 skyHorizon;
  glm::vec4 groundColor;
  glm::vec4 fog;
  glm::vec4 params;
};
static_assert(sizeof(FrameUniforms) == 928);

struct PunctualLightGpu {
  glm::vec4 positionRange;
  glm::vec4 colorIntensity;
  glm::vec4 directionType;
  glm::vec4 cone;
};

struct MaterialUniforms {
  glm::vec4 baseColorFactor;
  glm::vec4 emissive;
  glm::vec4 pbr;
  glm::vec4 alpha;
  glm::ivec4 texCoordA;
  glm::ivec4 texCoordB;
  glm::vec4 uvTransform[10];
};
static_assert(sizeof(MaterialUniforms) == 256);

// Per-draw data (shaders/draw_data.glsl, set 0 binding 5, std430): one record per primitive
// drawn this frame, read by the vertex shaders through the pass's slot list. Unsigned arithmetic
// wraps, so the "base - vertexOffset" fields may wrap below zero: the shader adds gl_VertexIndex
// (which includes vertexOffset) and lands on the primitive's own records.
struct DrawConstants {
  glm::mat4 model;
  // z: first joint matrix of the draw's skin in the frame's palette + 1 (0: not skinned),
  // w: first SkinVertexGpu of the primitive - its vertexOffset; x, y: unused.
  glm::uvec4 info{0u};
  // x: morph target count (0: no morphs), y: first weight in the frame's morph weights,
  // z: first MorphDeltaGpu of the primitive - vertexOffset * x, w: unused.
  glm::uvec4 deform{0u};
};
static_assert(sizeof(DrawConstants) == 96);

// Push constants of every pass (shaders/common.glsl PassConstants).
struct PassConstants {
  // x: cascade (shadow passes), y: first view of a single-view pass; z, w: unused.
  glm::uvec4 info{0u};
};
static_assert(sizeof(PassConstants) == 16);

// Per-vertex skinning record (set 1, binding 6), std430: four joint indices into the draw's
// skin and their weights.
struct SkinVertexGpu {
  glm::uvec4 joints;
  glm::vec4 weights;
};
static_assert(sizeof(SkinVertexGpu) == 32);

// Per-vertex, per-target morph delta (set 1, binding 7), vertex-major: the record of vertex v,
// target t of a primitive is at base + v * targetCount + t.
struct MorphDeltaGpu {
  glm::vec4 position;  // xyz
  glm::vec4 normal;    // xyz
};
static_assert(sizeof(MorphDeltaGpu) == 32);

}  // namespace sc::render
