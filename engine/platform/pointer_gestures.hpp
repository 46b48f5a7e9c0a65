#pragma once
// Taps and drags from the pointer (a mouse, or a touch screen's first finger, which window
// systems deliver as the pointer). A tap is a press and release of the left button that moved
// less than tapSlop points and took less than tapSeconds: a click on a point of interest, a tap
// on a kiosk screen. Anything else is a drag (orbit / look). Pure logic: fed InputStates.
#include <glm/glm.hpp>

#include "platform/input_state.hpp"

namespace sc::platform {

struct PointerGestures {
  float tapSlop = 8.0f;       // points; kiosks with fat fingers use more
  double tapSeconds = 0.4;

  // Call once per poll with the time (seconds, any monotonic origin).
  void update(const InputState& input, double now);
  // A tap ended in this poll, at tapPosition (window points).
  bool tapped() const { return tapped_; }
  glm::vec2 tapPosition() const { return tapPosition_; }
  // The left button is down and has moved beyond tapSlop: the press is a drag, not a tap.
  bool dragging() const { return down_ && dragging_; }

 private:
  bool down_ = false;
  bool dragging_ = false;
  bool tapped_ = false;
  glm::vec2 pressPosition_{0.0f};
  glm::vec2 tapPosition_{0.0f};
  double pressTime_ = 0.0;
};

}  // namespace sc::platform
