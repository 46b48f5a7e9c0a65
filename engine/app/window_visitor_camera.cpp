#include "app/window_visitor_camera.hpp"

#include <spdlog/spdlog.h>

#include "platform/gamepad_mapping.hpp"

namespace sc::app {

using platform::Key;
using platform::MouseButton;

namespace {
constexpr float kStickPixelsPerSecond = 600.0f;  // right stick fully pushed = this many pixels of drag
}

const char* cameraModeName(CameraMode mode) {
  switch (mode) {
    case CameraMode::Orbit: return "orbit";
    case CameraMode::Walk: return "walk";
    case CameraMode::Fly: return "fly";
  }
  return "?";
}

void VisitorCamera::reset(const render::Camera& lens, const platform::SceneCollider& collider) {
  lens_ = lens;
  move_.reset();
  mode_ = CameraMode::Orbit;
  setPose({lens.eye, lens.target}, collider);
}

void VisitorCamera::setPose(const platform::CameraPose& pose, const platform::SceneCollider& collider) {
  orbit_ = platform::OrbitCamera::fromPose(pose);
  fly_ = platform::FlyCamera::fromPose(pose);
  if (mode_ == CameraMode::Walk) walk_ = platform::WalkCamera::fromPose(pose, collider);
}

void VisitorCamera::moveTo(const platform::CameraPose& pose, float seconds) {
  platform::CameraPose from = this->pose();
  mode_ = CameraMode::Orbit;  // a viewpoint is framed around its target
  orbit_ = platform::OrbitCamera::fromPose(from);
  move_ = platform::CameraTransition{from, pose, seconds, 0.0f};
}

void VisitorCamera::setMode(CameraMode mode, const platform::SceneCollider& collider) {
  if (mode == mode_) return;
  platform::CameraPose now = pose();
  move_.reset();
  mode_ = mode;
  setPose(now, collider);
  spdlog::info("camera: {}", cameraModeName(mode));
}

bool VisitorCamera::update(const platform::InputState& in, float seconds, const platform::SceneCollider& collider,
                           bool allowDrag, bool keyboard) {
  const platform::GamepadActions pad = platform::gamepadActions(in.gamepad);
  glm::vec2 stickMove = pad.move;
  glm::vec2 stickLook = pad.look;
  float triggerZoom = pad.zoom;

  glm::vec3 keys(0.0f);
  bool fast = pad.fast;
  if (keyboard) {
    keys = {float(in.down(Key::D)) - float(in.down(Key::A)), float(in.down(Key::E)) - float(in.down(Key::Q)),
            float(in.down(Key::W)) - float(in.down(Key::S))};
    fast = fast || in.shift();
    if (in.pressed(Key::F)) setMode(mode_ == CameraMode::Fly ? CameraMode::Orbit : CameraMode::Fly, collider);
    if (in.pressed(Key::G)) setMode(mode_ == CameraMode::Walk ? CameraMode::Orbit : CameraMode::Walk, collider);
  }
  glm::vec2 move2(keys.x + stickMove.x, keys.z + stickMove.y);
  bool dragging = allowDrag && (in.down(MouseButton::Left) || in.down(MouseButton::Right) || in.down(MouseButton::Middle));
  bool wheel = allowDrag && in.scroll.y != 0.0f;
  bool userMoves = glm::length(move2) > 0.0f || keys.y != 0.0f || wheel || triggerZoom != 0.0f ||
                   glm::length(stickLook) > 0.0f || (dragging && in.cursorDelta != glm::vec2(0.0f));
  if (move_) {
    if (!userMoves) {
      platform::CameraPose p = move_->advance(seconds);
      orbit_ = platform::OrbitCamera::fromPose(p);
      fly_ = platform::FlyCamera::fromPose(p);
      if (move_->done()) move_.reset();
      return false;
    }
    move_.reset();  // the visitor takes over mid-move
  }
  if (!userMoves) {
    if (mode_ == CameraMode::Walk) walk_.walk({0.0f, 0.0f}, seconds, collider);  // keep falling
    return false;
  }
  // Moving in orbit mode means "go there on foot".
  if (mode_ == CameraMode::Orbit && (glm::length(move2) > 0.0f || keys.y != 0.0f)) {
    setMode(keys.y != 0.0f ? CameraMode::Fly : CameraMode::Walk, collider);
  }
  glm::vec2 look = stickLook * kStickPixelsPerSecond * seconds * glm::vec2(1.0f, -1.0f);
  if (allowDrag && in.down(MouseButton::Left)) look += in.cursorDelta;
  switch (mode_) {
    case CameraMode::Orbit:
      orbit_.rotate(look.x, look.y);
      if (allowDrag && (in.down(MouseButton::Right) || in.down(MouseButton::Middle))) {
        orbit_.pan(in.cursorDelta.x, in.cursorDelta.y);
      }
      if (wheel) orbit_.zoom(in.scroll.y);
      if (triggerZoom != 0.0f) orbit_.zoom(triggerZoom * 6.0f * seconds);
      fly_ = platform::FlyCamera::fromPose(orbit_.pose());
      break;
    case CameraMode::Walk:
      walk_.look(look.x, look.y);
      walk_.walk(move2, seconds, collider, fast);
      break;
    case CameraMode::Fly:
      fly_.look(look.x, look.y);
      fly_.fly({move2.x, keys.y, move2.y}, seconds, fast);
      if (wheel) fly_.fly({0.0f, 0.0f, in.scroll.y}, 0.2f);
      orbit_ = platform::OrbitCamera::fromPose(fly_.pose());
      break;
  }
  return true;
}

void VisitorCamera::follow(const platform::CameraPose& pose) {
  if (move_ || mode_ != CameraMode::Orbit) return;
  orbit_ = platform::OrbitCamera::fromPose(pose);
  fly_ = platform::FlyCamera::fromPose(pose);
}

void VisitorCamera::autoRotate(float radians) {
  if (move_ || mode_ != CameraMode::Orbit) return;
  orbit_.yaw += radians;
  fly_ = platform::FlyCamera::fromPose(orbit_.pose());
}

platform::CameraPose VisitorCamera::pose() const {
  switch (mode_) {
    case CameraMode::Orbit: return orbit_.pose();
    case CameraMode::Walk: return walk_.pose();
    case CameraMode::Fly: return fly_.pose();
  }
  return orbit_.pose();
}

render::Camera VisitorCamera::camera() const {
  render::Camera camera = lens_;
  platform::CameraPose p = pose();
  camera.eye = p.eye;
  camera.target = p.target;
  return camera;
}

}  // namespace sc::app
