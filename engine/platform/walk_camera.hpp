#pragma once
// A visitor on foot: eyes at eyeHeight above the ground under their feet, mouse or stick look,
// WASD or stick walking. It follows the ground (stairs up to stepHeight, slopes, falls down
// ledges) and does not pass through walls: the move is tested with rays at knee and chest
// height against the SceneCollider and slides along what it hits. Same angle conventions as
// camera_controller.hpp. Pure math, unit-tested without a window.
//
// Limits: collision is a ray fan, not a swept capsule: a pole thinner than the gap between two
// rays (about radius / 2 at the widest) can be slipped past at a corner. Moves longer than
// radius / 2 are split into sub-steps so fast walking cannot tunnel through thin walls. A step
// that would leave every surface (the edge of the world) is refused; with no ground below at all
// (a model floating in space) the walker moves level.
#include <glm/glm.hpp>

#include "platform/camera_controller.hpp"
#include "platform/scene_collider.hpp"

namespace sc::platform {

struct WalkCamera {
  glm::vec3 feet{0.0f};
  float yaw = 0.0f;
  float pitch = 0.0f;
  float eyeHeight = 1.6f;   // metres above the feet
  float radius = 0.3f;      // how close to a wall the eyes may come
  float stepHeight = 0.45f; // the highest step walked up without a jump
  float speed = 1.6f;       // metres per second; `fast` multiplies it by 2.5
  float fallSpeed = 0.0f;   // while dropping down a ledge, metres per second

  // Stands the walker on the ground below `pose.eye` (or at eye height below it when there is no
  // ground there), looking the same way.
  static WalkCamera fromPose(const CameraPose& pose, const SceneCollider& collider);
  void look(float dxPixels, float dyPixels, float radiansPerPixel = 0.003f);
  // `move` in the walker's frame: x right, y forward (any length, normalised; the pitch is
  // ignored: walking looks up or down but moves level). Falls when the ground is below.
  void walk(const glm::vec2& move, float seconds, const SceneCollider& collider, bool fast = false);
  CameraPose pose() const;  // eye, and a target one metre ahead

 private:
  glm::vec3 slide(const glm::vec3& step, const SceneCollider& collider) const;
};

}  // namespace sc::platform
