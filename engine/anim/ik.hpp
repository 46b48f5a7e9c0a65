#pragma once
// Inverse kinematics on a Pose: analytic two-bone IK (legs for foot planting, arms for reaching
// and pointing). Works in model space; assumes uniform scale along the chain.
#include <cstdint>
#include <span>

#include "anim/skeleton.hpp"

namespace sc::anim {

struct TwoBoneChain {
  std::int32_t root = kNoJoint;  // upper leg / upper arm
  std::int32_t mid = kNoJoint;   // lower leg / lower arm; its parent must be `root`
  std::int32_t end = kNoJoint;   // foot / hand; its parent must be `mid`
};

struct TwoBoneResult {
  bool reached = false;     // the end lies on the target (within 0.1 mm)
  glm::vec3 endPosition{};  // where the end joint is now, model space
};

// Rotates chain.root and chain.mid so that chain.end lies on `target` (model space), with the
// mid joint bent towards `pole` (a model-space point: in front of the knee, behind/below the
// elbow). A target beyond maxReach * (upper + lower length) is approached along the line to it
// and stops at that reach (maxReach in (0, 1], default keeps the joint from locking straight).
// `model` must hold up-to-date model matrices of pose; on return the entries of root, mid and
// end are updated (descendants of end are not: recompute before reading them).
// Only the rotations of root and mid change; the end keeps its local transform.
TwoBoneResult solveTwoBone(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                           const TwoBoneChain& chain, const glm::vec3& target,
                           const glm::vec3& pole, float maxReach = 0.9999f);

}  // namespace sc::anim
