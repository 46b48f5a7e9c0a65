#pragma once
// The visitor's camera in a window: orbit, walk or fly, driven by mouse, keyboard, gamepad and
// touch (a touch screen's finger arrives as the pointer), with smooth moves to viewpoints.
// Shared by the tour and kiosk faces.
//
// Mouse/touch: left drag rotates (orbit) or looks (walk, fly); right or middle drag pans
// (orbit); the wheel zooms (orbit) or moves forward (fly). Keyboard: WASD move (switches from
// orbit to walk), Q/E down/up (fly), Shift faster; F fly on/off, G walk on/off.
// Gamepad: left stick moves (walk; orbit switches to walk), right stick looks / orbits,
// triggers zoom (orbit), left thumb press = fast.
#include <optional>

#include "platform/camera_controller.hpp"
#include "platform/input_state.hpp"
#include "platform/scene_collider.hpp"
#include "platform/walk_camera.hpp"
#include "render/camera.hpp"

namespace sc::app {

enum class CameraMode : std::uint8_t { Orbit, Walk, Fly };
const char* cameraModeName(CameraMode mode);

class VisitorCamera {
 public:
  // Lens (fov, clip planes) from `lens`, pose from its eye and target.
  void reset(const render::Camera& lens, const platform::SceneCollider& collider);
  // Glides to `pose` over `seconds` (any camera mode; orbit keeps the new target).
  void moveTo(const platform::CameraPose& pose, float seconds = 1.5f);
  bool moving() const { return move_.has_value(); }
  void setMode(CameraMode mode, const platform::SceneCollider& collider);
  CameraMode mode() const { return mode_; }
  // Input of one frame; `allowDrag` false while the pointer is over the UI. Returns true when
  // the visitor moved the camera (a running glide is then abandoned).
  bool update(const platform::InputState& input, float seconds, const platform::SceneCollider& collider,
              bool allowDrag = true, bool keyboard = true);
  // Puts an orbit camera at `pose` (a camera that follows the guide; the director smooths it).
  // Nothing during a glide or in walk / fly mode.
  void follow(const platform::CameraPose& pose);
  // Turns an orbit slowly around its target without input (the kiosk's attract loop); nothing
  // during a glide or in walk / fly mode.
  void autoRotate(float radians);
  platform::CameraPose pose() const;
  render::Camera camera() const;

 private:
  void setPose(const platform::CameraPose& pose, const platform::SceneCollider& collider);
  CameraMode mode_ = CameraMode::Orbit;
  platform::OrbitCamera orbit_;
  platform::FlyCamera fly_;
  platform::WalkCamera walk_;
  std::optional<platform::CameraTransition> move_;
  render::Camera lens_;
};

}  // namespace sc::app
