#include "platform/gamepad_mapping.hpp"

#include <algorithm>
#include <cmath>

namespace sc::platform {

namespace {

// A broken driver can report NaN or values past the ends; neither may reach the camera.
float clampAxis(float v) { return std::isfinite(v) ? std::clamp(v, -1.0f, 1.0f) : 0.0f; }

}  // namespace

GamepadState gamepadStateFrom(const RawGamepad& raw, const GamepadState& previous, std::string name) {
  GamepadState pad;
  pad.connected = true;
  pad.name = std::move(name);
  // GLFW's y axes point down; ours point forward / up.
  pad.leftStick = {clampAxis(raw.axes[kRawAxisLeftX]), -clampAxis(raw.axes[kRawAxisLeftY])};
  pad.rightStick = {clampAxis(raw.axes[kRawAxisRightX]), -clampAxis(raw.axes[kRawAxisRightY])};
  // Triggers rest at -1.
  pad.leftTrigger = (clampAxis(raw.axes[kRawAxisLeftTrigger]) + 1.0f) * 0.5f;
  pad.rightTrigger = (clampAxis(raw.axes[kRawAxisRightTrigger]) + 1.0f) * 0.5f;
  for (std::size_t b = 0; b < raw.buttons.size(); ++b) {
    bool down = raw.buttons[b] != 0;
    pad.buttonsDown[b] = down;
    pad.buttonsPressed[b] = down && !(previous.connected && previous.buttonsDown[b]);
  }
  return pad;
}

bool GamepadActions::any() const {
  return next || previous || togglePause || repeat || select || back || move != glm::vec2(0.0f) || look != glm::vec2(0.0f) ||
         zoom != 0.0f;
}

GamepadActions gamepadActions(const GamepadState& pad, float deadZone) {
  GamepadActions out;
  if (!pad.connected) return out;
  out.next = pad.pressed(GamepadButton::RightBumper);
  out.previous = pad.pressed(GamepadButton::LeftBumper);
  out.togglePause = pad.pressed(GamepadButton::Start);
  out.repeat = pad.pressed(GamepadButton::Y);
  out.select = pad.pressed(GamepadButton::A);
  out.back = pad.pressed(GamepadButton::B);
  out.move = applyDeadZone(pad.leftStick, deadZone);
  out.look = applyDeadZone(pad.rightStick, deadZone);
  float zoom = pad.rightTrigger - pad.leftTrigger;
  out.zoom = std::abs(zoom) < kTriggerDeadZone ? 0.0f : zoom;
  out.fast = pad.down(GamepadButton::LeftThumb);
  return out;
}

}  // namespace sc::platform
