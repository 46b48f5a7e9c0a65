#pragma once
// Plain XR vocabulary shared by engine/xr's public headers and their users: no OpenXR types
// here (those stay inside engine/xr's .cpp files and internal headers).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sc::xr {

// OpenXR's session lifecycle (XrSessionState), in its order.
enum class SessionState : std::uint8_t {
  Unknown,
  Idle,
  Ready,
  Synchronized,
  Visible,
  Focused,
  Stopping,
  LossPending,
  Exiting,
};
const char* sessionStateName(SessionState state);

// Why XR cannot start: the caller falls back to the desktop on NoRuntime and NoHeadset.
enum class Availability : std::uint8_t {
  Available,
  NoRuntime,  // no OpenXR runtime installed or active (or the loader found none)
  NoHeadset,  // the runtime runs but no head-mounted display is connected
  Failed,     // anything else (the error message says what)
  Lost,       // the runtime went away during the tour and did not come back (runXr: no fallback)
};

// The tracking space the app's world is placed in, best first.
enum class SpaceKind : std::uint8_t { LocalFloor, Stage, Local };
const char* spaceKindName(SpaceKind kind);

struct Pose {
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 position{0.0f};
};

// Half-angles of an eye's view frustum in radians (left and down are negative), as OpenXR
// gives them: asymmetric in general.
struct Fov {
  float left = -0.8f;
  float right = 0.8f;
  float up = 0.8f;
  float down = -0.8f;
};

struct EyeView {
  Pose pose;  // in the session's reference space
  Fov fov;
};

// Input of one frame, from the action system. Edges (pressed/released) are true for exactly one
// frame. Hand 0 is left, 1 is right.
struct InputState {
  bool select = false;
  bool selectPressed = false;
  bool menuPressed = false;
  bool teleportHeld = false;      // an explicit teleport input (hand grasp) is held
  bool teleportReleased = false;
  // Thumbstick (or trackpad) of the hand pushing it furthest: x right, y forward, -1..1.
  // Forward aims the teleport arc, sideways snap-turns (xr/locomotion.hpp decides).
  glm::vec2 stick{0.0f};
  int stickHand = -1;  // 0 left, 1 right, -1 none
  std::array<bool, 2> aimValid{false, false};
  std::array<Pose, 2> aim;  // laser pointer origins and directions (-Z), reference space
};

// How the headset combines the app's images with the real world (XrEnvironmentBlendMode).
// Opaque: VR. Additive (see-through optics) and AlphaBlend (passthrough video): AR.
enum class BlendMode : std::uint8_t { Opaque, Additive, AlphaBlend };
const char* blendModeName(BlendMode mode);

// The blend mode a session uses: with `wantAr`, the runtime's first AR mode (alpha blend before
// additive, the way OpenXR lists preference), else opaque when offered, else the runtime's first
// mode. `message` says what was chosen and, when AR was asked for but not offered, that the tour
// falls back to opaque VR. `offered` empty (no runtime answer) means opaque.
struct BlendChoice {
  BlendMode mode = BlendMode::Opaque;
  bool ar = false;  // mode is Additive or AlphaBlend: draw without the landmark geometry
  std::string message;
};
BlendChoice chooseBlendMode(const std::vector<BlendMode>& offered, bool wantAr);

// What xrSuggestInteractionProfileBindings answered for one interaction profile.
struct BindingResult {
  std::string profile;
  bool offered = true;   // false: its extension is not offered by the runtime (not suggested)
  bool accepted = false; // XR_SUCCESS
  std::string result;    // the XrResult's name
};

}  // namespace sc::xr
