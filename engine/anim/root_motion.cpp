#include "anim/root_motion.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace sc::anim {
namespace {
constexpr float kPi = 3.14159265358979f;
}

float wrapAngle(float radians) {
  float a = std::fmod(radians + kPi, 2.0f * kPi);
  if (a <= 0.0f) a += 2.0f * kPi;
  return a - kPi;
}

glm::vec3 RootMotion::forward() const {
  return glm::vec3(std::sin(heading), 0.0f, std::cos(heading));
}

glm::mat4 RootMotion::matrix() const {
  return glm::rotate(glm::translate(glm::mat4(1.0f), position), heading,
                     glm::vec3(0.0f, 1.0f, 0.0f));
}

WaypointWalker::WaypointWalker(std::vector<glm::vec3> waypoints, const glm::vec3& start,
                               float startHeading, const WalkerParams& params)
    : waypoints_(std::move(waypoints)), params_(params) {
  state_.position = start;
  state_.heading = wrapAngle(startHeading);
  state_.arrived = waypoints_.empty();
  params_.stride = std::max(params_.stride, 0.05f);
}

const RootMotion& WaypointWalker::update(float dt) {
  if (!(dt > 0.0f) || state_.arrived) {
    if (state_.arrived) state_.speed = 0.0f;
    return state_;
  }
  const bool last = next_ + 1 == waypoints_.size();
  const glm::vec3 target = waypoints_[next_];
  const glm::vec2 to(target.x - state_.position.x, target.z - state_.position.z);
  const float dist = glm::length(to);

  // Turn towards the waypoint at a limited rate.
  float turn = 0.0f;
  float error = 0.0f;
  if (dist > 1e-5f) {
    error = wrapAngle(std::atan2(to.x, to.y) - state_.heading);
    turn = std::clamp(error, -params_.turnRate * dt, params_.turnRate * dt);
    state_.heading = wrapAngle(state_.heading + turn);
    error -= turn;
  }
  // Slow down while facing away (stop and turn on the spot beyond 90 degrees) and, for the
  // last waypoint, brake so that we stop on it.
  const float facing = std::max(std::cos(error), 0.0f);
  float wanted = params_.speed * facing * facing;
  if (last) {
    const float room = std::max(dist - params_.stopDistance, 0.0f);
    wanted = std::min(wanted, std::sqrt(2.0f * params_.acceleration * room));
  }
  state_.speed = std::min(wanted, state_.speed + params_.acceleration * dt);

  float step = state_.speed * dt;
  if (last) step = std::min(step, dist);
  const glm::vec3 forward = state_.forward();
  const float heightStep = dist > 1e-5f ? (target.y - state_.position.y) * std::min(step / dist, 1.0f)
                                        : 0.0f;
  state_.position += forward * step;
  state_.position.y += heightStep;
  state_.gaitDistance += step + std::abs(turn) * params_.turnStepDistance;
  state_.phase = state_.gaitDistance / params_.stride;
  state_.phase -= std::floor(state_.phase);

  const glm::vec2 after(target.x - state_.position.x, target.z - state_.position.z);
  const float remaining = glm::length(after);
  if (last) {
    if (remaining <= params_.stopDistance) {
      state_.arrived = true;
      state_.speed = 0.0f;
    }
  } else if (remaining <= params_.arriveRadius) {
    ++next_;
  }
  return state_;
}

}  // namespace sc::anim
