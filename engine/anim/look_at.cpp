#include "anim/look_at.hpp"

#include <algorithm>

namespace sc::anim {
namespace {

const glm::vec3 kForward(0.0f, 0.0f, 1.0f);

glm::vec3 positionOf(std::span<const glm::mat4> model, std::int32_t joint) {
  return glm::vec3(model[static_cast<std::size_t>(joint)][3]);
}

// A joint's animated model rotation relative to its rest rotation: where its "facing" went.
glm::quat frameOfJoint(const HumanoidRig& rig, std::span<const glm::mat4> model,
                       std::int32_t joint) {
  if (joint == kNoJoint) return glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  return glm::normalize(rotationOf(model[static_cast<std::size_t>(joint)]) *
                        glm::inverse(rig.restRotationOfJoint(joint)));
}

void setFacing(const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
               std::span<glm::mat4> model, std::int32_t joint, const glm::quat& facing,
               float weight) {
  if (joint == kNoJoint) return;
  const glm::quat animated = rotationOf(model[static_cast<std::size_t>(joint)]);
  const glm::quat goal = glm::normalize(facing * rig.restRotationOfJoint(joint));
  setModelRotation(skeleton, pose, model, joint,
                   weight >= 1.0f ? goal : slerpShortest(animated, goal, weight));
}

}  // namespace

glm::quat yawPitchRotation(float yaw, float pitch) {
  return glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f)) *
         glm::angleAxis(-pitch, glm::vec3(1.0f, 0.0f, 0.0f));
}

glm::quat torsoFrame(const HumanoidRig& rig, std::span<const glm::mat4> model) {
  const std::int32_t top =
      rig.has(HumanoidBone::Neck) ? rig.joint(HumanoidBone::Neck) : rig.joint(HumanoidBone::Head);
  return frameOfJoint(rig, model, rig.parentOf(top));
}

LookAngles headAnglesTowards(const HumanoidRig& rig, std::span<const glm::mat4> model,
                             const glm::vec3& target, const LookAtLimits& limits) {
  const glm::quat torso = torsoFrame(rig, model);
  const glm::vec3 eyesCentre =
      rig.has(HumanoidBone::LeftEye) && rig.has(HumanoidBone::RightEye)
          ? 0.5f * (positionOf(model, rig.joint(HumanoidBone::LeftEye)) +
                    positionOf(model, rig.joint(HumanoidBone::RightEye)))
          : positionOf(model, rig.joint(HumanoidBone::Head));
  const glm::vec3 d = glm::inverse(torso) * (target - eyesCentre);
  LookAngles a;
  a.headYaw = std::clamp(yawOf(d), -limits.headYaw, limits.headYaw);
  a.headPitch = std::clamp(pitchOf(d), -limits.headPitch, limits.headPitch);
  return a;
}

void applyLookAt(const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
                 std::span<glm::mat4> model, const glm::vec3& target,
                 const LookAtLimits& limits, LookAngles& angles, float weight) {
  weight = std::clamp(weight, 0.0f, 1.0f);
  const glm::quat torso = torsoFrame(rig, model);
  const std::int32_t neck = rig.joint(HumanoidBone::Neck);
  const std::int32_t head = rig.joint(HumanoidBone::Head);
  const float share = neck == kNoJoint ? 0.0f : std::clamp(limits.neckShare, 0.0f, 1.0f);
  // Neck first, then the head, each from the torso frame; recompute so the head's parent is
  // current before its model rotation is set.
  setFacing(rig, skeleton, pose, model, neck,
            torso * yawPitchRotation(angles.headYaw * share, angles.headPitch * share), weight);
  computeModelMatrices(skeleton, pose.local, model);
  setFacing(rig, skeleton, pose, model, head,
            torso * yawPitchRotation(angles.headYaw, angles.headPitch), weight);
  computeModelMatrices(skeleton, pose.local, model);

  // Eyes: aim from each eye's own position; both share the angles of the eyes' centre so they
  // converge on the target rather than staying parallel.
  const glm::quat headFrame = frameOfJoint(rig, model, head);
  angles.eyeYaw = angles.eyePitch = 0.0f;
  for (HumanoidBone eye : {HumanoidBone::LeftEye, HumanoidBone::RightEye}) {
    const std::int32_t j = rig.joint(eye);
    if (j == kNoJoint) continue;
    const glm::vec3 d = glm::inverse(headFrame) * (target - positionOf(model, j));
    const float yaw = std::clamp(yawOf(d), -limits.eyeYaw, limits.eyeYaw);
    const float pitch = std::clamp(pitchOf(d), -limits.eyePitch, limits.eyePitch);
    angles.eyeYaw = yaw;  // reported: the last eye's (they differ only by vergence)
    angles.eyePitch = pitch;
    setFacing(rig, skeleton, pose, model, j, headFrame * yawPitchRotation(yaw, pitch), weight);
  }
  computeModelMatrices(skeleton, pose.local, model);
}

void LookAtController::update(float dt, const HumanoidRig& rig, const Skeleton& skeleton,
                              Pose& pose, std::span<glm::mat4> model, const glm::vec3& target) {
  const LookAngles goal = headAnglesTowards(rig, model, target, limits);
  const float alpha = headSeconds > 0.0f ? 1.0f - std::exp(-std::max(dt, 0.0f) / headSeconds)
                                         : 1.0f;
  auto follow = [alpha](float& value, float to) {
    value += (to - value) * alpha;
    if (std::abs(to - value) < 1e-5f) value = to;
  };
  follow(angles_.headYaw, goal.headYaw);
  follow(angles_.headPitch, goal.headPitch);
  applyLookAt(rig, skeleton, pose, model, target, limits, angles_, weight);
}

ArmAimResult aimArm(const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
                    std::span<glm::mat4> model, Side side, const glm::vec3& target,
                    const ArmAimLimits& limits) {
  const std::int32_t upper = rig.joint(sided(side, HumanoidBone::LeftUpperArm));
  const std::int32_t lower = rig.joint(sided(side, HumanoidBone::LeftLowerArm));
  const std::int32_t hand = rig.joint(sided(side, HumanoidBone::LeftHand));
  const glm::quat torso = torsoFrame(rig, model);
  const glm::vec3 shoulder = positionOf(model, upper);
  glm::vec3 d = glm::inverse(torso) * (target - shoulder);
  const float dist = glm::length(d);
  // Azimuth is mirrored for the right arm so "positive" always means "outwards".
  const float sideSign = side == Side::Left ? 1.0f : -1.0f;
  const float azimuth = std::atan2(sideSign * d.x, d.z);
  const float elevation = pitchOf(d);
  const float az = std::clamp(azimuth, limits.minAzimuth, limits.maxAzimuth);
  const float el = std::clamp(elevation, limits.minElevation, limits.maxElevation);
  ArmAimResult result;
  result.clamped = az != azimuth || el != elevation || dist < 1e-6f;
  const glm::vec3 local(sideSign * std::sin(az) * std::cos(el), std::sin(el),
                        std::cos(az) * std::cos(el));
  result.direction = glm::normalize(torso * local);

  const float reach = rig.armLength(side) * std::clamp(limits.reach, 0.1f, 1.0f);
  const float handDistance = result.clamped ? reach : std::min(dist, reach);
  const glm::vec3 handGoal = shoulder + result.direction * handDistance;
  // Elbow hint: below and behind the shoulder, slightly outwards, in the torso frame.
  const glm::vec3 pole = shoulder + torso * glm::vec3(sideSign * 0.3f, -1.0f, -0.6f);
  solveTwoBone(skeleton, pose, model, TwoBoneChain{upper, lower, hand}, handGoal, pole, 1.0f);
  computeModelMatrices(skeleton, pose.local, model);
  return result;
}

}  // namespace sc::anim
