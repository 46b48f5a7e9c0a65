#pragma once
// What the user did since the last poll: keys, mouse buttons, cursor, scroll, typed text and the
// first connected gamepad. Filled by Window::pollEvents; plain data, so controllers and tests
// can build one by hand.
//
// Touch screens: GLFW 3.3 reports no touch events. On X11 and Wayland a touch screen's first
// finger arrives as the pointer (press, drag, release), so a tap is a left click and a one-finger
// drag is a left drag; a second finger (pinch) is not reported at all. See docs/CLIENT.md.
#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <string>

#include <glm/glm.hpp>

namespace sc::platform {

// The keys the desktop faces use (a subset; others are ignored).
enum class Key : std::uint8_t {
  Escape, Enter, Space, Tab, Backspace,
  Left, Right, Up, Down,
  LeftShift, RightShift, LeftControl, RightControl, LeftAlt, RightAlt,
  A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z,
  Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9,
  F1, F11, F12,
  Count
};

enum class MouseButton : std::uint8_t { Left, Right, Middle, Count };

// GLFW's standard gamepad layout (Xbox names; a PlayStation cross is A, circle B, ...).
enum class GamepadButton : std::uint8_t {
  A, B, X, Y, LeftBumper, RightBumper, Back, Start, Guide, LeftThumb, RightThumb,
  DpadUp, DpadRight, DpadDown, DpadLeft, Count
};

struct GamepadState {
  bool connected = false;
  std::string name;
  glm::vec2 leftStick{0.0f};   // x right, y forward (pushed away from the player is +y)
  glm::vec2 rightStick{0.0f};  // x right, y up
  float leftTrigger = 0.0f;    // 0 released .. 1 fully pulled
  float rightTrigger = 0.0f;
  std::bitset<std::size_t(GamepadButton::Count)> buttonsDown;
  std::bitset<std::size_t(GamepadButton::Count)> buttonsPressed;  // since the previous poll

  bool down(GamepadButton b) const { return buttonsDown[std::size_t(b)]; }
  bool pressed(GamepadButton b) const { return buttonsPressed[std::size_t(b)]; }
  // True when a stick, trigger or button is in use (beyond the dead zone): the visitor is there.
  bool active() const;
};

// Sticks report small values at rest: below kStickDeadZone counts as zero (rescaled above it).
inline constexpr float kStickDeadZone = 0.18f;
glm::vec2 applyDeadZone(glm::vec2 stick, float deadZone = kStickDeadZone);

// Modifier bits held when a key went down (KeyCombination checks these: a fast combination such
// as xdotool's, or a quick human one, is pressed and released within one poll).
inline constexpr std::uint8_t kModCtrl = 1, kModAlt = 2, kModShift = 4;

struct InputState {
  std::bitset<std::size_t(Key::Count)> keysDown;
  std::bitset<std::size_t(Key::Count)> keysPressed;  // went down since the previous poll
  std::array<std::uint8_t, std::size_t(Key::Count)> pressedMods{};  // kMod* bits at that press
  std::bitset<std::size_t(MouseButton::Count)> buttonsDown;
  std::bitset<std::size_t(MouseButton::Count)> buttonsPressed;
  std::bitset<std::size_t(MouseButton::Count)> buttonsReleased;  // went up since the previous poll
  glm::vec2 cursor{0.0f};       // window points, origin top-left
  glm::vec2 cursorDelta{0.0f};  // since the previous poll
  glm::vec2 scroll{0.0f};       // wheel steps since the previous poll (y > 0: away from the user)
  std::string typed;            // UTF-8 text typed since the previous poll
  bool closeRequested = false;  // the window's close button (or Alt-F4) since the previous poll
  GamepadState gamepad;

  bool down(Key key) const { return keysDown[std::size_t(key)]; }
  bool pressed(Key key) const { return keysPressed[std::size_t(key)]; }
  bool down(MouseButton button) const { return buttonsDown[std::size_t(button)]; }
  bool pressed(MouseButton button) const { return buttonsPressed[std::size_t(button)]; }
  bool released(MouseButton button) const { return buttonsReleased[std::size_t(button)]; }
  bool ctrl() const { return down(Key::LeftControl) || down(Key::RightControl); }
  bool alt() const { return down(Key::LeftAlt) || down(Key::RightAlt); }
  bool shift() const { return down(Key::LeftShift) || down(Key::RightShift); }
  // Anything at all happened (keys, buttons, pointer movement, wheel, text, gamepad): for idle
  // timers.
  bool anyActivity() const {
    return keysPressed.any() || keysDown.any() || buttonsDown.any() || buttonsPressed.any() ||
           cursorDelta != glm::vec2(0.0f) || scroll != glm::vec2(0.0f) || !typed.empty() || gamepad.active();
  }
  // Clears what counts "since the previous poll".
  void beginPoll() {
    keysPressed.reset();
    pressedMods.fill(0);
    buttonsPressed.reset();
    buttonsReleased.reset();
    cursorDelta = glm::vec2(0.0f);
    scroll = glm::vec2(0.0f);
    typed.clear();
    closeRequested = false;
    gamepad.buttonsPressed.reset();
  }
};

inline bool GamepadState::active() const {
  return connected && (buttonsDown.any() || glm::length(applyDeadZone(leftStick)) > 0.0f ||
                       glm::length(applyDeadZone(rightStick)) > 0.0f || leftTrigger > 0.1f || rightTrigger > 0.1f);
}

inline glm::vec2 applyDeadZone(glm::vec2 stick, float deadZone) {
  float length = glm::length(stick);
  if (length <= deadZone) return glm::vec2(0.0f);
  float scaled = std::min(1.0f, (length - deadZone) / (1.0f - deadZone));
  return stick / length * scaled;
}

}  // namespace sc::platform
