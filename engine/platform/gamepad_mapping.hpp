#pragma once
// The gamepad as plain functions, so the whole path from GLFW's gamepad state to tour and camera
// actions is tested without a device (the CI machines have no /dev/input joystick and no
// /dev/uinput to fake one; see docs/CLIENT.md):
//
//   RawGamepad (GLFWgamepadstate's numbers) -> gamepadStateFrom -> GamepadState (input_state.hpp)
//   GamepadState -> gamepadActions -> GamepadActions (next / previous / pause / repeat / select,
//                                                     move / look / zoom / fast)
//
// Window::pollEvents does only the GLFW calls and hands the numbers to gamepadStateFrom; the tour
// session and the visitor camera read gamepadActions.
#include <array>
#include <cstdint>
#include <string>

#include <glm/vec2.hpp>

#include "platform/input_state.hpp"

namespace sc::platform {

// GLFWgamepadstate without GLFW: axes in GLFW_GAMEPAD_AXIS_* order (left x, left y, right x,
// right y, left trigger, right trigger; sticks -1..1 with y pointing DOWN, triggers -1 at rest
// .. 1 pulled), buttons in GLFW_GAMEPAD_BUTTON_* order (the GamepadButton order), 1 = pressed.
struct RawGamepad {
  std::array<float, 6> axes{0.0f, 0.0f, 0.0f, 0.0f, -1.0f, -1.0f};
  std::array<std::uint8_t, std::size_t(GamepadButton::Count)> buttons{};
};
inline constexpr int kRawAxisLeftX = 0, kRawAxisLeftY = 1, kRawAxisRightX = 2, kRawAxisRightY = 3,
                     kRawAxisLeftTrigger = 4, kRawAxisRightTrigger = 5;

// This poll's GamepadState (connected) from the raw numbers and the previous poll's state (for
// buttonsPressed: down now, up then). Sticks get y flipped (forward / up is +y); triggers go to
// 0..1; NaN or out-of-range axes are clamped.
GamepadState gamepadStateFrom(const RawGamepad& raw, const GamepadState& previous, std::string name);

// Triggers below this (0..1) count as released: a trigger resting slightly pulled zooms nothing.
inline constexpr float kTriggerDeadZone = 0.1f;

// What the visitor asks for with the pad this frame. A disconnected pad asks for nothing.
struct GamepadActions {
  bool next = false;         // right bumper (pressed this poll)
  bool previous = false;     // left bumper
  bool togglePause = false;  // Start
  bool repeat = false;       // Y
  bool select = false;       // A: the POI marker nearest the screen centre
  bool back = false;         // B: leave a view (the 360-degree panorama)
  glm::vec2 move{0.0f};      // left stick after the dead zone: x right, y forward, length <= 1
  glm::vec2 look{0.0f};      // right stick after the dead zone: x right, y up
  float zoom = 0.0f;         // right trigger - left trigger, 0 inside kTriggerDeadZone (> 0: in)
  bool fast = false;         // left stick pressed (run)
  bool any() const;          // anything at all
};
GamepadActions gamepadActions(const GamepadState& pad, float deadZone = kStickDeadZone);

}  // namespace sc::platform
