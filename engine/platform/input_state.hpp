#pragma once
// What the user did since the last poll: keys, mouse buttons, cursor and scroll. Filled by
// Window::pollEvents; plain data, so controllers and tests can build one by hand.
#include <bitset>
#include <cstdint>

#include <glm/glm.hpp>

namespace sc::platform {

// The keys the desktop faces use (a subset; others are ignored).
enum class Key : std::uint8_t {
  Escape, Enter, Space, Tab, Backspace,
  Left, Right, Up, Down,
  LeftShift, RightShift, LeftControl, RightControl,
  A, D, E, F, N, P, Q, S, V, W,
  Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9,
  F1, F11, F12,
  Count
};

enum class MouseButton : std::uint8_t { Left, Right, Middle, Count };

struct InputState {
  std::bitset<std::size_t(Key::Count)> keysDown;
  std::bitset<std::size_t(Key::Count)> keysPressed;  // went down since the previous poll
  std::bitset<std::size_t(MouseButton::Count)> buttonsDown;
  std::bitset<std::size_t(MouseButton::Count)> buttonsPressed;
  glm::vec2 cursor{0.0f};       // window points, origin top-left
  glm::vec2 cursorDelta{0.0f};  // since the previous poll
  glm::vec2 scroll{0.0f};       // wheel steps since the previous poll (y > 0: away from the user)

  bool down(Key key) const { return keysDown[std::size_t(key)]; }
  bool pressed(Key key) const { return keysPressed[std::size_t(key)]; }
  bool down(MouseButton button) const { return buttonsDown[std::size_t(button)]; }
  bool pressed(MouseButton button) const { return buttonsPressed[std::size_t(button)]; }
  // Clears what counts "since the previous poll".
  void beginPoll() {
    keysPressed.reset();
    buttonsPressed.reset();
    cursorDelta = glm::vec2(0.0f);
    scroll = glm::vec2(0.0f);
  }
};

}  // namespace sc::platform
