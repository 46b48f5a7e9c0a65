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

struct DrawConstants {
  glm::mat4 model;
  glm::uvec4 info;
};

}  // namespace sc::render
