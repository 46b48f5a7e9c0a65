#include "platform/pointer_gestures.hpp"

namespace sc::platform {

void PointerGestures::update(const InputState& input, double now) {
  tapped_ = false;
  if (input.pressed(MouseButton::Left)) {
    down_ = true;
    dragging_ = false;
    pressPosition_ = input.cursor;
    pressTime_ = now;
  }
  if (down_ && glm::length(input.cursor - pressPosition_) > tapSlop) dragging_ = true;
  // Released (a press and release inside one poll counts too: fast taps under load).
  if (down_ && (input.released(MouseButton::Left) || !input.down(MouseButton::Left))) {
    if (!dragging_ && now - pressTime_ <= tapSeconds) {
      tapped_ = true;
      tapPosition_ = input.cursor;
    }
    down_ = false;
    dragging_ = false;
  }
}

}  // namespace sc::platform
