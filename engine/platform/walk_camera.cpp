#include "platform/walk_camera.hpp"

#include <algorithm>
#include <cmath>

namespace sc::platform {

namespace {

constexpr float kGravity = 9.81f;
constexpr float kGroundProbe = 200.0f;  // how far below the knees ground is searched for
constexpr int kMaxSubSteps = 64;

}  // namespace

WalkCamera WalkCamera::fromPose(const CameraPose& pose, const SceneCollider& collider) {
  WalkCamera walk;
  FlyCamera angles = FlyCamera::fromPose(pose);
  walk.yaw = angles.yaw;
  walk.pitch = angles.pitch;
  auto ground = collider.heightBelow(pose.eye + glm::vec3(0.0f, 0.05f, 0.0f), kGroundProbe);
  walk.feet = {pose.eye.x, ground ? *ground : pose.eye.y - walk.eyeHeight, pose.eye.z};
  return walk;
}

void WalkCamera::look(float dxPixels, float dyPixels, float radiansPerPixel) {
  yaw += dxPixels * radiansPerPixel;
  pitch = std::clamp(pitch - dyPixels * radiansPerPixel, -kMaxPitch, kMaxPitch);
}

// How far the walker may go along `step` before its radius touches something at knee, chest or
// eye height; the rest of the step slides along the wall that was hit (one slide, re-tested).
glm::vec3 WalkCamera::slide(const glm::vec3& step, const SceneCollider& collider) const {
  auto blockedAt = [&](const glm::vec3& from, const glm::vec3& move, RayHit& hit) {
    float length = glm::length(move);
    if (length < 1e-6f) return false;
    glm::vec3 dir = move / length;
    glm::vec3 side = glm::vec3(-dir.z, 0.0f, dir.x) * (radius * 0.7f);
    bool any = false;
    hit.distance = 1e30f;
    for (float h : {stepHeight + 0.05f, eyeHeight * 0.55f, eyeHeight}) {
      for (const glm::vec3& offset : {glm::vec3(0.0f), side, -side}) {
        auto r = collider.raycast(from + glm::vec3(0.0f, h, 0.0f) + offset, dir, length + radius);
        if (r && r->distance < hit.distance) {
          hit = *r;
          any = true;
        }
      }
    }
    return any;
  };
  float length = glm::length(step);
  if (length < 1e-6f) return glm::vec3(0.0f);
  glm::vec3 dir = step / length;
  RayHit hit;
  if (!blockedAt(feet, step, hit)) return step;
  float allowed = std::max(0.0f, hit.distance - radius);
  glm::vec3 moved = dir * std::min(allowed, length);
  glm::vec3 normal(hit.normal.x, 0.0f, hit.normal.z);
  if (glm::length(normal) < 1e-4f) return moved;  // a flat surface at knee height: just stop
  normal = glm::normalize(normal);
  glm::vec3 rest = dir * (length - glm::length(moved));
  rest -= normal * glm::dot(rest, normal);
  RayHit second;
  glm::vec3 from = feet + moved;
  if (blockedAt(from, rest, second)) {
    float restLength = glm::length(rest);
    if (restLength < 1e-6f) return moved;
    rest *= std::max(0.0f, std::min(restLength, second.distance - radius)) / restLength;
  }
  return moved + rest;
}

void WalkCamera::walk(const glm::vec2& move, float seconds, const SceneCollider& collider, bool fast) {
  if (!(seconds > 0.0f)) return;
  glm::vec3 forward(std::sin(yaw), 0.0f, -std::cos(yaw));
  glm::vec3 right(std::cos(yaw), 0.0f, std::sin(yaw));
  glm::vec3 displacement(0.0f);
  if (glm::length(move) > 1e-6f) {
    glm::vec2 m = glm::length(move) > 1.0f ? glm::normalize(move) : move;  // sticks give partial speed
    displacement = (m.x * right + m.y * forward) * speed * (fast ? 2.5f : 1.0f) * seconds;
  }
  if (collider.empty()) {
    feet += displacement;
    return;
  }
  float length = glm::length(displacement);
  int steps = std::clamp(int(std::ceil(length / (radius * 0.5f))), 1, kMaxSubSteps);
  glm::vec3 step = displacement / float(steps);
  for (int i = 0; i < steps && length > 0.0f; ++i) {
    glm::vec3 s = slide(step, collider);
    if (glm::length(s) < 1e-6f) break;
    glm::vec3 candidate = feet + s;
    auto ground = collider.heightBelow(candidate + glm::vec3(0.0f, stepHeight, 0.0f), kGroundProbe);
    if (!ground) {
      // Nothing underfoot there. Leaving ground is refused (the edge of the world); where there
      // was no ground to begin with (a model floating in space) the walker moves level.
      if (collider.heightBelow(feet + glm::vec3(0.0f, stepHeight, 0.0f), kGroundProbe)) break;
      feet = candidate;
      continue;
    }
    if (*ground > feet.y + stepHeight + 1e-3f) break;
    feet.x = candidate.x;
    feet.z = candidate.z;
    // Up a step or down one (stairs, slopes): keep the feet on it. A deeper drop is a fall.
    if (*ground >= feet.y - stepHeight) {
      feet.y = *ground;
      fallSpeed = 0.0f;
    }
  }
  auto ground = collider.heightBelow(feet + glm::vec3(0.0f, stepHeight, 0.0f), kGroundProbe);
  if (ground && feet.y > *ground + 1e-3f) {
    fallSpeed += kGravity * seconds;
    feet.y = std::max(*ground, feet.y - fallSpeed * seconds);
    if (feet.y <= *ground) fallSpeed = 0.0f;
  } else if (ground && feet.y < *ground) {
    feet.y = *ground;  // sunk in (geometry changed under the walker): stand on it again
  }
}

CameraPose WalkCamera::pose() const {
  glm::vec3 eye = feet + glm::vec3(0.0f, eyeHeight, 0.0f);
  return {eye, eye + directionFromAngles(yaw, pitch)};
}

}  // namespace sc::platform
