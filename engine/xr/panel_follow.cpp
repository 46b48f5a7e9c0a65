// Lazy gaze following for UI panels.
#include "xr/panel_follow.hpp"

#include <cmath>

#include <glm/gtc/quaternion.hpp>

namespace sc::xr {

namespace {

// The head's forward (-Z) flattened onto the floor plane; straight up/down looks keep the
// previous heading's fallback of -Z.
glm::vec3 flatForward(const glm::quat& orientation) {
  glm::vec3 f = orientation * glm::vec3(0.0f, 0.0f, -1.0f);
  f.y = 0.0f;
  float len = glm::length(f);
  return len > 1e-4f ? f / len : glm::vec3(0.0f, 0.0f, -1.0f);
}

}  // namespace

Pose PanelFollow::restingPose(const Pose& head) const {
  glm::vec3 forward = flatForward(head.orientation);
  Pose pose;
  pose.position = head.position + forward * settings_.distance - glm::vec3(0.0f, settings_.dropMetres, 0.0f);
  // The quad faces +Z of its pose: turn +Z towards the head (yaw only, upright).
  float yaw = std::atan2(-forward.x, -forward.z);
  pose.orientation = glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f));
  return pose;
}

Pose PanelFollow::update(const Pose& head, double dtSeconds) {
  Pose target = restingPose(head);
  if (!placed_) {
    placed_ = true;
    pose_ = target;
    anchorHead_ = head.position;
    return pose_;
  }
  glm::vec3 toPanel = pose_.position - head.position;
  toPanel.y = 0.0f;
  glm::vec3 forward = flatForward(head.orientation);
  float cosine = glm::length(toPanel) > 1e-4f ? glm::dot(glm::normalize(toPanel), forward) : 1.0f;
  float offAngle = glm::degrees(std::acos(std::fmin(1.0f, std::fmax(-1.0f, cosine))));
  if (!gliding_ && (offAngle > settings_.leaveDegrees || glm::distance(head.position, anchorHead_) > settings_.leaveMetres)) {
    gliding_ = true;
  }
  if (gliding_) {
    // 95% of the way in glideSeconds: k = 1 - 0.05^(dt / glide).
    float k = 1.0f - std::pow(0.05f, float(dtSeconds) / settings_.glideSeconds);
    pose_.position = glm::mix(pose_.position, target.position, k);
    pose_.orientation = glm::slerp(pose_.orientation, target.orientation, k);
    if (glm::distance(pose_.position, target.position) < 0.01f) {
      pose_ = target;
      gliding_ = false;
      anchorHead_ = head.position;
    }
  }
  return pose_;
}

std::optional<glm::vec2> pointOnPanel(const glm::vec3& origin, const glm::vec3& direction, const Pose& panel,
                                      glm::vec2 sizeMetres, float* distance) {
  float length = glm::length(direction);
  if (!(length > 1e-6f)) return std::nullopt;
  glm::vec3 dir = direction / length;
  glm::quat inverse = glm::inverse(panel.orientation);
  glm::vec3 o = inverse * (origin - panel.position);  // the panel's space: plane z = 0, front +Z
  glm::vec3 d = inverse * dir;
  if (!(o.z > 0.0f) || !(d.z < -1e-6f)) return std::nullopt;
  float t = -o.z / d.z;
  glm::vec3 p = o + d * t;
  glm::vec2 uv(p.x / sizeMetres.x + 0.5f, 0.5f - p.y / sizeMetres.y);
  if (uv.x < 0.0f || uv.x > 1.0f || uv.y < 0.0f || uv.y > 1.0f) return std::nullopt;
  if (distance) *distance = t;
  return uv;
}

}  // namespace sc::xr
