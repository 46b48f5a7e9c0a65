#pragma once
// Which world point (a point of interest's marker) is under the pointer: each point is projected
// with the camera's view-projection (Vulkan clip space, y down, as render::Camera makes it) into
// window points; the nearest one within `radius` points of the pointer wins, provided it is in
// front of the camera and, when a collider is given, not hidden behind scene geometry.
#include <optional>
#include <span>

#include <glm/glm.hpp>

#include "platform/scene_collider.hpp"

namespace sc::platform {

// Window-point position of `world`, or nullopt when it is behind the camera or off screen.
std::optional<glm::vec2> projectToWindow(const glm::mat4& viewProjection, const glm::vec3& world,
                                         const glm::vec2& windowSize);

// Index into `points` of the pick, or -1. `eye` is the camera position (for the occlusion ray);
// a point counts as hidden when geometry lies between the eye and 0.5 m before it.
int pickPoint(std::span<const glm::vec3> points, const glm::mat4& viewProjection, const glm::vec2& windowSize,
              const glm::vec2& pointer, float radius, const glm::vec3& eye, const SceneCollider* occluders);

}  // namespace sc::platform
