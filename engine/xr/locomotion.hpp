#pragma once
// Comfortable locomotion for headset tours, as pure math (no OpenXR, no GPU; unit-tested
// without a runtime): a teleport along a parabolic arc from the controller's aim pose onto
// walkable ground with a landing marker and a validity verdict, snap turns with a dead zone and
// a cooldown (no smooth rotation), and the controller that turns one frame's action states into
// these moves of the visitor's rig (where the tracking space sits in the world).
//
// Conventions: world metres, +Y up, a pose's forward is -Z (OpenXR's aim pose).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "xr/xr_types.hpp"

namespace sc::xr {

// The first surface met going from `from` to `to`; the normal faces `from`.
struct GroundHit {
  glm::vec3 point{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
};
using SegmentCast = std::function<std::optional<GroundHit>(const glm::vec3& from, const glm::vec3& to)>;

// Flat ground at `height` over the rectangle minXZ..maxXZ (a scene's bounds until a triangle
// ray cast is plugged in, e.g. platform::SceneCollider::raycast). Hit from above only.
SegmentCast flatGround(float height, glm::vec2 minXZ, glm::vec2 maxXZ);

struct TeleportSettings {
  float launchSpeed = 7.0f;      // m/s along the aim direction
  float gravity = 9.81f;         // m/s^2
  float timeStep = 0.025f;       // s per arc segment
  std::uint32_t maxSegments = 96;
  float maxDistance = 10.0f;     // horizontal metres from the aim origin to the landing
  float maxSlopeDegrees = 30.0f; // steeper ground is not walkable
  float markerRadius = 0.3f;     // landing marker disc, metres
};

enum class TeleportValidity : std::uint8_t { Valid, NoHit, TooFar, TooSteep };
const char* teleportValidityName(TeleportValidity validity);

struct TeleportArc {
  std::vector<glm::vec3> points;  // from the aim origin to the hit (or where the arc gave up)
  TeleportValidity validity = TeleportValidity::NoHit;
  glm::vec3 landing{0.0f};        // the hit point (valid unless NoHit)
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
};

// Traces the parabola origin + v t + g t^2 / 2 (v = launchSpeed * direction) segment by segment
// through `cast` until a hit, maxSegments, or 50 m below the origin. `direction` need not be unit;
// a zero direction gives NoHit with the origin as the only point.
TeleportArc traceTeleportArc(const glm::vec3& origin, const glm::vec3& direction, const TeleportSettings& settings,
                             const SegmentCast& cast);

// World transform of the landing marker: a disc of settings.markerRadius lying on the surface
// (its local +Y along the normal), centred on the landing point, raised 1 cm against z-fighting.
glm::mat4 landingMarkerTransform(const TeleportArc& arc, float markerRadius);

struct SnapTurnSettings {
  float degrees = 30.0f;         // one step
  float threshold = 0.7f;        // stick |x| past this turns once...
  float rearm = 0.3f;            // ...and turns again only after |x| fell below this (dead zone)
  double cooldownSeconds = 0.3;  // and at least this long after the previous step
};

// One step per push of the stick, never a smooth rotation.
class SnapTurn {
 public:
  explicit SnapTurn(SnapTurnSettings settings = {}) : settings_(settings) {}
  // -1 (left), +1 (right) on the frame a step happens, else 0. `timeSeconds` increases.
  int update(float stickX, double timeSeconds);
  void reset() { armed_ = true; }
  const SnapTurnSettings& settings() const { return settings_; }

 private:
  SnapTurnSettings settings_;
  bool armed_ = true;
  double lastTurn_ = -1e9;
};

// Where the visitor's tracking space sits in the world: teleports move it, snap turns rotate
// it about the head. worldFromTracking places poses of the reference space in the world.
struct Rig {
  glm::vec3 origin{0.0f};
  float yaw = 0.0f;           // radians about +Y
  // Metres added to tracking-space y: 0 in floor-based spaces (stage, local-floor); the eye
  // height in a LOCAL space, whose origin is at the eyes. origin is always the floor point.
  float floorOffset = 0.0f;
  glm::mat4 worldFromTracking() const;
  // Turns by `radians` (positive: to the left, counter-clockwise seen from above) about the
  // vertical through `headWorld`, so the head stays where it is.
  void turnAbout(const glm::vec3& headWorld, float radians);
  // Moves so the head's floor point lands on `groundWorld` (x and z of the head onto it, the
  // floor onto its height).
  void moveHeadTo(const glm::vec3& headWorld, const glm::vec3& groundWorld);
};

// One frame of input for the locomotion controller (from InputState, in world space).
struct LocomotionInput {
  double timeSeconds = 0.0;      // predicted display time
  glm::vec2 stick{0.0f};         // x right, y forward, -1..1
  bool teleportHeld = false;     // an explicit teleport button (stick click, grasp), if bound
  bool aimValid = false;
  glm::vec3 aimOrigin{0.0f};     // world
  glm::vec3 aimDirection{0.0f, 0.0f, -1.0f};  // world
  glm::vec3 headWorld{0.0f};     // between the eyes
  bool selectPressed = false;
  bool menuPressed = false;
};

struct LocomotionSettings {
  TeleportSettings teleport;
  SnapTurnSettings snapTurn;
  float aimThreshold = 0.6f;     // stick y past this shows the arc...
  float releaseThreshold = 0.3f; // ...and dropping below this teleports (when the arc is valid)
};

struct LocomotionEvents {
  std::optional<TeleportArc> arc;  // while aiming: the arc and its marker to draw
  bool teleported = false;
  glm::vec3 landing{0.0f};         // where, when teleported
  int turned = 0;                  // -1 left, +1 right
  bool selected = false;           // trigger pressed (laser pointer: pick a POI / UI item)
  bool menuToggled = false;        // the tour menu opens or closes
};

// Thumbstick forward = aim the arc, release = teleport (only onto valid ground); stick left /
// right = snap turn (not while aiming); trigger = select; menu button = tour menu.
class LocomotionController {
 public:
  explicit LocomotionController(LocomotionSettings settings = {}) : settings_(settings), snap_(settings.snapTurn) {}
  LocomotionEvents update(const LocomotionInput& input, const SegmentCast& ground, Rig& rig);
  bool aiming() const { return aiming_; }
  bool menuOpen() const { return menuOpen_; }
  const LocomotionSettings& settings() const { return settings_; }

 private:
  LocomotionSettings settings_;
  SnapTurn snap_;
  bool aiming_ = false;
  bool menuOpen_ = false;
  std::optional<TeleportArc> lastArc_;
};

}  // namespace sc::xr
