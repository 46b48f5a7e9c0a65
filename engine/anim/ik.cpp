#include "anim/ik.hpp"

#include <algorithm>
#include <cmath>

namespace sc::anim {
namespace {

glm::vec3 position(const glm::mat4& m) { return glm::vec3(m[3]); }

}  // namespace

TwoBoneResult solveTwoBone(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                           const TwoBoneChain& chain, const glm::vec3& target,
                           const glm::vec3& pole, float maxReach) {
  SC_CHECK(chain.root != kNoJoint && chain.mid != kNoJoint && chain.end != kNoJoint &&
               skeleton.parents[static_cast<std::size_t>(chain.mid)] == chain.root &&
               skeleton.parents[static_cast<std::size_t>(chain.end)] == chain.mid,
           "solveTwoBone: joints {}, {}, {} are not a parent-child chain", chain.root, chain.mid,
           chain.end);
  const auto r = static_cast<std::size_t>(chain.root);
  const auto m = static_cast<std::size_t>(chain.mid);
  const auto e = static_cast<std::size_t>(chain.end);
  const glm::vec3 a = position(model[r]);
  const glm::vec3 b = position(model[m]);
  const glm::vec3 c = position(model[e]);
  const float lab = glm::length(b - a);
  const float lbc = glm::length(c - b);
  SC_CHECK(lab > 1e-6f && lbc > 1e-6f, "solveTwoBone: zero-length bone in chain {}-{}-{}",
           chain.root, chain.mid, chain.end);

  // Where the end can go: on the line to the target, between the shortest and longest reach.
  glm::vec3 toTarget = target - a;
  float dist = glm::length(toTarget);
  const glm::vec3 dir = dist > 1e-6f ? toTarget / dist : glm::normalize(c - a);
  const float maxLen = (lab + lbc) * std::clamp(maxReach, 0.01f, 1.0f);
  const float minLen = std::max(std::abs(lab - lbc) * 1.0001f, 1e-4f);
  dist = std::clamp(dist, minLen, maxLen);
  const glm::vec3 goal = a + dir * dist;

  // Mid joint on the circle of possible elbows/knees, in the plane of the pole:
  // x along dir by the law of cosines, h off the line towards the pole.
  glm::vec3 bend = pole - a;
  bend -= dir * glm::dot(bend, dir);
  if (glm::dot(bend, bend) < 1e-10f) {
    // Pole on the line: keep the current bend direction, or any perpendicular one.
    bend = (b - a) - dir * glm::dot(b - a, dir);
    if (glm::dot(bend, bend) < 1e-10f) bend = glm::cross(dir, glm::vec3(1.0f, 0.0f, 0.0f));
    if (glm::dot(bend, bend) < 1e-10f) bend = glm::cross(dir, glm::vec3(0.0f, 0.0f, 1.0f));
  }
  bend = glm::normalize(bend);
  const float x = (lab * lab - lbc * lbc + dist * dist) / (2.0f * dist);
  const float h = std::sqrt(std::max(lab * lab - x * x, 0.0f));
  const glm::vec3 newB = a + dir * x + bend * h;

  // Swing the upper bone onto the new mid position, then the lower bone onto the goal.
  const glm::quat rootRot = rotationOf(model[r]);
  const glm::quat swingRoot = rotationBetween(b - a, newB - a);
  setModelRotation(skeleton, pose, model, chain.root, glm::normalize(swingRoot * rootRot));
  model[m] = model[r] * pose.local[m].matrix();
  model[e] = model[m] * pose.local[e].matrix();
  const glm::vec3 movedC = position(model[e]);
  const glm::quat midRot = rotationOf(model[m]);
  const glm::quat swingMid = rotationBetween(movedC - newB, goal - newB);
  setModelRotation(skeleton, pose, model, chain.mid, glm::normalize(swingMid * midRot));
  model[e] = model[m] * pose.local[e].matrix();

  TwoBoneResult result;
  result.endPosition = position(model[e]);
  result.reached = glm::length(result.endPosition - target) < 1e-4f;
  return result;
}

}  // namespace sc::anim
