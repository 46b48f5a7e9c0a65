#pragma once
// Cascaded shadow maps for the sun, fitted to the camera's frustum slices.
#include <array>
#include <span>

#include <glm/glm.hpp>

#include "render/camera.hpp"

namespace sc::render {

inline constexpr int kShadowCascades = 4;

struct ShadowCascades {
  std::array<glm::mat4, kShadowCascades> viewProj{};
  std::array<float, kShadowCascades> farDistance{};  // view-space depth where each cascade ends
};

// Splits [near, min(far, shadowDistance)] with the practical scheme (lambda blends logarithmic
// and uniform splits), bounds every slice of every view with a sphere (so the map does not
// shimmer when the camera turns), and snaps it to whole shadow-map texels (nor when it moves).
ShadowCascades fitCascades(std::span<const ViewCamera> views, const glm::vec3& sunDirection,
                           float shadowDistance, std::uint32_t mapSize, float lambda = 0.75f);

}  // namespace sc::render
