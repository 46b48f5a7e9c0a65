#pragma once
// Selecting a model in the creator preview: which of the scene's models is under a window point
// (a click in the 3D view), and what the inspector says about the selected one.
//
// Picking tests a ray from the camera through the point against each model's world bounds (an
// axis-aligned box): the nearest box the ray enters wins. A box that holds the camera (a ground
// or city model the creator stands in) only wins when no other box is hit, and then the smallest
// such box. Limits: bounds, not triangles: the shown models' CPU geometry is not kept after
// upload (SceneHotReload keeps bounds, stats and materials), so a click into the empty corner of
// a model's box selects that model. Pure math, no GPU: unit-testable.
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include <glm/glm.hpp>

#include "app/hot_reload.hpp"
#include "assets/model.hpp"
#include "render/camera.hpp"

namespace sc::app {

struct PickRay {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit
};

// The ray from `camera`'s eye through `point` (window points, origin top-left) of a view of
// `windowSize` points (its aspect is the framebuffer's).
PickRay rayThroughPoint(const render::Camera& camera, glm::vec2 windowSize, glm::vec2 point);

// Distance along the ray to where it enters `bounds` (0 when the origin is inside), or nullopt
// when it misses or the box is behind. `inside` tells whether the origin is in the box.
std::optional<float> rayEntersBounds(const PickRay& ray, const assets::Bounds& bounds, bool* inside = nullptr);

// Index into `models` of the model under the ray (rules above), or nullopt.
std::optional<std::size_t> pickModel(std::span<const ShownModel> models, const PickRay& ray);

// A placement split into parts: position, rotation as Euler degrees in the scene format's order
// (about X, then Y, then Z: R = Rz * Ry * Rx) and scale per axis. Shear is not represented.
struct TransformParts {
  glm::vec3 position{0.0f};
  glm::vec3 rotationDegrees{0.0f};
  glm::vec3 scale{1.0f};
};
TransformParts decomposeTransform(const glm::mat4& transform);
// The matrix of a placement, as the scene loader makes it: translate * (Rz * Ry * Rx) * scale.
glm::mat4 composeTransform(const TransformParts& parts);
// A scene file's placement of a model; its Euler angles as written when the file gave them.
TransformParts placementOf(const scene::Transform& transform);
// The same placement as far as a scene file keeps it (4 decimals): positions and scales within
// 1e-3, rotations compared as rotations (so (0, 200, 0) equals (180, -20, 180)).
bool samePlacement(const TransformParts& a, const TransformParts& b);

// The inspector's "selected" section: name, file, transform, world bounds, materials (base
// colour factor, metallic/roughness, alpha mode and which textures they use). Ends with '\n'.
std::string describeModel(const ShownModel& model);

}  // namespace sc::app
