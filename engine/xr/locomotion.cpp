// Teleport arcs, snap turns and the locomotion controller: pure math.
#include "xr/locomotion.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sc::xr {

SegmentCast flatGround(float height, glm::vec2 minXZ, glm::vec2 maxXZ) {
  return [=](const glm::vec3& from, const glm::vec3& to) -> std::optional<GroundHit> {
    // Only a crossing from above: a visitor never lands on the ground's underside.
    if (!(from.y >= height && to.y < height)) return std::nullopt;
    float t = (from.y - height) / (from.y - to.y);
    glm::vec3 p = from + (to - from) * t;
    if (p.x < minXZ.x || p.x > maxXZ.x || p.z < minXZ.y || p.z > maxXZ.y) return std::nullopt;
    return GroundHit{glm::vec3(p.x, height, p.z), glm::vec3(0.0f, 1.0f, 0.0f)};
  };
}

const char* teleportValidityName(TeleportValidity validity) {
  switch (validity) {
    case TeleportValidity::Valid: return "valid";
    case TeleportValidity::NoHit: return "no ground hit";
    case TeleportValidity::TooFar: return "too far";
    case TeleportValidity::TooSteep: return "too steep";
  }
  return "?";
}

TeleportArc traceTeleportArc(const glm::vec3& origin, const glm::vec3& direction, const TeleportSettings& settings,
                             const SegmentCast& cast) {
  TeleportArc arc;
  arc.points.push_back(origin);
  float length = glm::length(direction);
  if (!(length > 1e-6f) || !cast) return arc;
  glm::vec3 velocity = direction / length * settings.launchSpeed;
  glm::vec3 gravity(0.0f, -settings.gravity, 0.0f);
  glm::vec3 previous = origin;
  for (std::uint32_t i = 1; i <= settings.maxSegments; ++i) {
    float t = float(i) * settings.timeStep;
    glm::vec3 point = origin + velocity * t + 0.5f * gravity * t * t;
    if (auto hit = cast(previous, point)) {
      arc.points.push_back(hit->point);
      arc.landing = hit->point;
      arc.normal = glm::length(hit->normal) > 0.0f ? glm::normalize(hit->normal) : glm::vec3(0, 1, 0);
      // A wall or a roof's slope is not walkable whatever its distance; then the reach.
      float slope = std::acos(std::clamp(arc.normal.y, -1.0f, 1.0f));
      float reach = glm::length(glm::vec2(hit->point.x - origin.x, hit->point.z - origin.z));
      if (slope > glm::radians(settings.maxSlopeDegrees)) arc.validity = TeleportValidity::TooSteep;
      else if (reach > settings.maxDistance) arc.validity = TeleportValidity::TooFar;
      else arc.validity = TeleportValidity::Valid;
      return arc;
    }
    arc.points.push_back(point);
    previous = point;
    if (point.y < origin.y - 50.0f) break;  // fell past anything a tour stands on
  }
  return arc;
}

glm::mat4 landingMarkerTransform(const TeleportArc& arc, float markerRadius) {
  glm::vec3 up = glm::normalize(arc.normal);
  glm::vec3 axis = glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), up);
  glm::quat tilt(1.0f, 0.0f, 0.0f, 0.0f);
  if (glm::length(axis) > 1e-6f) tilt = glm::angleAxis(std::acos(std::clamp(up.y, -1.0f, 1.0f)), glm::normalize(axis));
  return glm::translate(glm::mat4(1.0f), arc.landing + up * 0.01f) * glm::mat4_cast(tilt) *
         glm::scale(glm::mat4(1.0f), glm::vec3(markerRadius, 1.0f, markerRadius));
}

int SnapTurn::update(float stickX, double timeSeconds) {
  float magnitude = std::fabs(stickX);
  if (magnitude < settings_.rearm) {
    armed_ = true;
    return 0;
  }
  if (!armed_ || magnitude <= settings_.threshold || timeSeconds - lastTurn_ < settings_.cooldownSeconds) return 0;
  armed_ = false;
  lastTurn_ = timeSeconds;
  return stickX > 0.0f ? 1 : -1;
}

glm::mat4 Rig::worldFromTracking() const {
  return glm::translate(glm::mat4(1.0f), origin) * glm::rotate(glm::mat4(1.0f), yaw, glm::vec3(0, 1, 0)) *
         glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, floorOffset, 0.0f));
}

void Rig::turnAbout(const glm::vec3& headWorld, float radians) {
  glm::vec3 offset = origin - headWorld;
  float c = std::cos(radians), s = std::sin(radians);
  // Rotation about +Y by `radians`: x' = c x + s z, z' = -s x + c z.
  origin = headWorld + glm::vec3(c * offset.x + s * offset.z, offset.y, -s * offset.x + c * offset.z);
  yaw += radians;
}

void Rig::moveHeadTo(const glm::vec3& headWorld, const glm::vec3& groundWorld) {
  origin.x += groundWorld.x - headWorld.x;
  origin.z += groundWorld.z - headWorld.z;
  // The floor is tracking y = -floorOffset (0 in floor-based spaces), i.e. world y = origin.y.
  origin.y = groundWorld.y;
}

LocomotionEvents LocomotionController::update(const LocomotionInput& input, const SegmentCast& ground, Rig& rig) {
  LocomotionEvents events;
  events.selected = input.selectPressed;
  if (input.menuPressed) {
    menuOpen_ = !menuOpen_;
    events.menuToggled = true;
  }
  bool push = input.stick.y > settings_.aimThreshold || input.teleportHeld;
  bool released = input.stick.y < settings_.releaseThreshold && !input.teleportHeld;
  if (!aiming_ && push && input.aimValid) {
    aiming_ = true;
    lastArc_.reset();
  }
  if (aiming_) {
    snap_.update(0.0f, input.timeSeconds);  // no turn while aiming; re-armed for afterwards
    if (input.aimValid) lastArc_ = traceTeleportArc(input.aimOrigin, input.aimDirection, settings_.teleport, ground);
    if (released) {
      aiming_ = false;
      // The last arc shown is the one the visitor saw: land there, or nowhere when it was red.
      if (lastArc_ && lastArc_->validity == TeleportValidity::Valid) {
        rig.moveHeadTo(input.headWorld, lastArc_->landing);
        events.teleported = true;
        events.landing = lastArc_->landing;
      }
      lastArc_.reset();
    } else {
      events.arc = lastArc_;
    }
    return events;
  }
  int turn = snap_.update(input.stick.x, input.timeSeconds);
  if (turn != 0) {
    // Stick right turns right: clockwise seen from above, a negative angle about +Y.
    rig.turnAbout(input.headWorld, -float(turn) * glm::radians(snap_.settings().degrees));
    events.turned = turn;
  }
  return events;
}

}  // namespace sc::xr
