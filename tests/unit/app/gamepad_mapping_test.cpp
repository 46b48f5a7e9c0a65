// The gamepad mapping (platform/gamepad_mapping.hpp) from GLFWgamepadstate-like numbers: axes
// and buttons into GamepadState, dead zones, and the tour / camera actions. No device: GLFW
// cannot see a joystick on the CI machines (no /dev/input, no /dev/uinput).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "platform/gamepad_mapping.hpp"

namespace {

using sc::platform::GamepadButton;
using sc::platform::gamepadActions;
using sc::platform::GamepadState;
using sc::platform::gamepadStateFrom;
using sc::platform::RawGamepad;

RawGamepad pressing(std::initializer_list<GamepadButton> buttons) {
  RawGamepad raw;
  for (GamepadButton b : buttons) raw.buttons[std::size_t(b)] = 1;
  return raw;
}

TEST(GamepadMapping, RestingPadAsksForNothing) {
  GamepadState pad = gamepadStateFrom(RawGamepad{}, GamepadState{}, "Xbox Controller");
  EXPECT_TRUE(pad.connected);
  EXPECT_EQ(pad.name, "Xbox Controller");
  EXPECT_FLOAT_EQ(pad.leftTrigger, 0.0f);  // -1 raw is released
  EXPECT_FLOAT_EQ(pad.rightTrigger, 0.0f);
  EXPECT_FALSE(gamepadActions(pad).any());
  EXPECT_FALSE(pad.active());
  // Sticks resting a little off centre, triggers resting slightly pulled: still nothing.
  RawGamepad drift;
  drift.axes = {0.1f, -0.12f, -0.15f, 0.05f, -0.85f, -0.9f};
  GamepadState drifting = gamepadStateFrom(drift, pad, "x");
  EXPECT_FALSE(gamepadActions(drifting).any());
  EXPECT_FALSE(drifting.active());
}

TEST(GamepadMapping, SticksBecomeMoveAndLookWithYFlipped) {
  RawGamepad raw;
  raw.axes[sc::platform::kRawAxisLeftY] = -1.0f;  // GLFW: up is -1 -> walk forward
  raw.axes[sc::platform::kRawAxisRightX] = 0.6f;  // look right
  auto actions = gamepadActions(gamepadStateFrom(raw, GamepadState{}, "x"));
  EXPECT_FLOAT_EQ(actions.move.x, 0.0f);
  EXPECT_FLOAT_EQ(actions.move.y, 1.0f);  // full tilt stays 1 after the dead zone rescale
  EXPECT_GT(actions.look.x, 0.0f);
  // Rescaled above the dead zone: 0.6 -> (0.6 - 0.18) / 0.82.
  EXPECT_NEAR(actions.look.x, (0.6f - sc::platform::kStickDeadZone) / (1.0f - sc::platform::kStickDeadZone), 1e-5f);
  EXPECT_FLOAT_EQ(actions.look.y, 0.0f);
  // Just past the dead zone gives a small, not a jumping, value.
  RawGamepad edge;
  edge.axes[sc::platform::kRawAxisLeftX] = sc::platform::kStickDeadZone + 0.01f;
  auto small = gamepadActions(gamepadStateFrom(edge, GamepadState{}, "x"));
  EXPECT_GT(small.move.x, 0.0f);
  EXPECT_LT(small.move.x, 0.02f);
  // Diagonal full tilt is clamped to length 1 (no faster walking diagonally).
  RawGamepad diagonal;
  diagonal.axes[sc::platform::kRawAxisLeftX] = 1.0f;
  diagonal.axes[sc::platform::kRawAxisLeftY] = 1.0f;
  auto d = gamepadActions(gamepadStateFrom(diagonal, GamepadState{}, "x"));
  EXPECT_NEAR(glm::length(d.move), 1.0f, 1e-5f);
  EXPECT_LT(d.move.y, 0.0f);  // stick pulled back: walk backwards
}

TEST(GamepadMapping, TriggersZoomBeyondTheirDeadZone) {
  RawGamepad raw;
  raw.axes[sc::platform::kRawAxisRightTrigger] = 1.0f;  // fully pulled
  auto in = gamepadActions(gamepadStateFrom(raw, GamepadState{}, "x"));
  EXPECT_FLOAT_EQ(in.zoom, 1.0f);
  raw.axes[sc::platform::kRawAxisLeftTrigger] = 1.0f;  // both: cancel out
  EXPECT_FLOAT_EQ(gamepadActions(gamepadStateFrom(raw, GamepadState{}, "x")).zoom, 0.0f);
  RawGamepad out;
  out.axes[sc::platform::kRawAxisLeftTrigger] = 0.0f;  // half pulled
  EXPECT_FLOAT_EQ(gamepadActions(gamepadStateFrom(out, GamepadState{}, "x")).zoom, -0.5f);
}

TEST(GamepadMapping, ButtonsFireOnceWhenPressedNotWhileHeld) {
  GamepadState none = gamepadStateFrom(RawGamepad{}, GamepadState{}, "x");
  GamepadState first = gamepadStateFrom(pressing({GamepadButton::RightBumper, GamepadButton::Start}), none, "x");
  auto a = gamepadActions(first);
  EXPECT_TRUE(a.next);
  EXPECT_TRUE(a.togglePause);
  EXPECT_FALSE(a.previous);
  EXPECT_FALSE(a.repeat);
  EXPECT_FALSE(a.select);
  // Held into the next poll: no second "next".
  GamepadState held = gamepadStateFrom(pressing({GamepadButton::RightBumper, GamepadButton::Start}), first, "x");
  EXPECT_FALSE(gamepadActions(held).next);
  EXPECT_FALSE(gamepadActions(held).togglePause);
  EXPECT_TRUE(held.active());  // but the visitor is there (the kiosk's idle timer)
  // Released, pressed again: fires again.
  GamepadState released = gamepadStateFrom(RawGamepad{}, held, "x");
  EXPECT_TRUE(gamepadActions(gamepadStateFrom(pressing({GamepadButton::RightBumper}), released, "x")).next);
  // The other mapped buttons.
  auto b = gamepadActions(gamepadStateFrom(
      pressing({GamepadButton::LeftBumper, GamepadButton::Y, GamepadButton::A, GamepadButton::LeftThumb}), none, "x"));
  EXPECT_TRUE(b.previous);
  EXPECT_TRUE(b.repeat);
  EXPECT_TRUE(b.select);
  EXPECT_TRUE(b.fast);
  EXPECT_FALSE(b.next);
  EXPECT_FALSE(b.back);
  EXPECT_TRUE(gamepadActions(gamepadStateFrom(pressing({GamepadButton::B}), none, "x")).back);
  // Unmapped buttons (X, Back, Guide, d-pad) do nothing in the tour.
  auto c = gamepadActions(gamepadStateFrom(
      pressing({GamepadButton::X, GamepadButton::Back, GamepadButton::Guide, GamepadButton::DpadUp}), none, "x"));
  EXPECT_FALSE(c.any());
}

TEST(GamepadMapping, AButtonAlreadyDownWhenThePadConnectsFiresOnce) {
  GamepadState disconnected;  // previous poll: no pad
  auto a = gamepadActions(gamepadStateFrom(pressing({GamepadButton::A}), disconnected, "x"));
  EXPECT_TRUE(a.select);
}

TEST(GamepadMapping, BrokenAxesAreClampedAndNaNIsZero) {
  RawGamepad raw;
  raw.axes = {std::numeric_limits<float>::quiet_NaN(), 7.0f, -std::numeric_limits<float>::infinity(), 0.0f,
              std::numeric_limits<float>::quiet_NaN(), 3.0f};
  GamepadState pad = gamepadStateFrom(raw, GamepadState{}, "x");
  EXPECT_FLOAT_EQ(pad.leftStick.x, 0.0f);
  EXPECT_FLOAT_EQ(pad.leftStick.y, -1.0f);
  EXPECT_FLOAT_EQ(pad.rightStick.x, 0.0f);
  EXPECT_FLOAT_EQ(pad.leftTrigger, 0.5f);  // NaN -> 0 raw -> half
  EXPECT_FLOAT_EQ(pad.rightTrigger, 1.0f);
  auto actions = gamepadActions(pad);
  EXPECT_TRUE(std::isfinite(actions.move.x) && std::isfinite(actions.move.y));
  EXPECT_TRUE(std::isfinite(actions.look.x) && std::isfinite(actions.look.y));
}

TEST(GamepadMapping, DisconnectedPadAsksForNothingEvenWithStaleValues) {
  GamepadState pad;
  pad.connected = false;
  pad.leftStick = {1.0f, 1.0f};
  pad.buttonsPressed.set();
  EXPECT_FALSE(gamepadActions(pad).any());
}

}  // namespace
