#include "platform/camera_controller.hpp"

#include <algorithm>
#include <cmath>

namespace sc::platform {

namespace {

// Yaw/pitch of a direction (inverse of directionFromAngles); a zero vector gives (0, 0).
void anglesFromDirection(const glm::vec3& direction, float& yaw, float& pitch) {
  float length = glm::length(direction);
  if (length < 1e-6f) {
    yaw = 0.0f;
    pitch = 0.0f;
    return;
  }
  glm::vec3 d = direction / length;
  pitch = std::clamp(std::asin(std::clamp(d.y, -1.0f, 1.0f)), -kMaxPitch, kMaxPitch);
  yaw = std::atan2(d.x, -d.z);
}

}  // namespace

glm::vec3 directionFromAngles(float yaw, float pitch) {
  float c = std::cos(pitch);
  return {std::sin(yaw) * c, std::sin(pitch), -std::cos(yaw) * c};
}

OrbitCamera OrbitCamera::fromPose(const CameraPose& pose) {
  OrbitCamera orbit;
  orbit.target = pose.target;
  glm::vec3 offset = pose.target - pose.eye;
  orbit.distance = std::clamp(std::max(glm::length(offset), 1e-3f), orbit.minDistance, orbit.maxDistance);
  anglesFromDirection(offset, orbit.yaw, orbit.pitch);
  return orbit;
}

void OrbitCamera::rotate(float dxPixels, float dyPixels, float radiansPerPixel) {
  yaw += dxPixels * radiansPerPixel;
  // Dragging up looks down onto the target, as in most model viewers.
  pitch = std::clamp(pitch - dyPixels * radiansPerPixel, -kMaxPitch, kMaxPitch);
}

void OrbitCamera::zoom(float steps) {
  distance = std::clamp(distance * std::pow(0.9f, steps), minDistance, maxDistance);
}

void OrbitCamera::pan(float dxPixels, float dyPixels, float metresPerPixelAtOneMetre) {
  glm::vec3 forward = directionFromAngles(yaw, pitch);
  glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 1, 0)));
  glm::vec3 up = glm::cross(right, forward);
  float scale = metresPerPixelAtOneMetre * distance;
  target += (-dxPixels * right + dyPixels * up) * scale;
}

CameraPose OrbitCamera::pose() const {
  return {target - directionFromAngles(yaw, pitch) * distance, target};
}

FlyCamera FlyCamera::fromPose(const CameraPose& pose) {
  FlyCamera fly;
  fly.position = pose.eye;
  anglesFromDirection(pose.target - pose.eye, fly.yaw, fly.pitch);
  return fly;
}

void FlyCamera::look(float dxPixels, float dyPixels, float radiansPerPixel) {
  yaw += dxPixels * radiansPerPixel;
  pitch = std::clamp(pitch - dyPixels * radiansPerPixel, -kMaxPitch, kMaxPitch);
}

void FlyCamera::fly(const glm::vec3& move, float seconds, bool fast) {
  float length = glm::length(move);
  if (length < 1e-6f || seconds <= 0.0f) return;
  glm::vec3 forward = directionFromAngles(yaw, pitch);
  glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 1, 0)));
  glm::vec3 m = move / length;
  glm::vec3 world = m.x * right + m.y * glm::vec3(0, 1, 0) + m.z * forward;
  position += world * speed * (fast ? 4.0f : 1.0f) * seconds;
}

CameraPose FlyCamera::pose() const { return {position, position + directionFromAngles(yaw, pitch)}; }

CameraPose CameraTransition::advance(float seconds) {
  elapsed = std::min(duration, elapsed + std::max(0.0f, seconds));
  if (duration <= 0.0f || elapsed >= duration) return to;
  float x = elapsed / duration;
  float t = x * x * (3.0f - 2.0f * x);
  return {glm::mix(from.eye, to.eye, t), glm::mix(from.target, to.target, t)};
}

}  // namespace sc::platform
