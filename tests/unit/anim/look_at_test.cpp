// Head/eye look-at and arm aim: reach targets within limits, clamp exactly beyond them.
#include <gtest/gtest.h>

#include "anim/look_at.hpp"

namespace sc::anim {
namespace {

struct Fixture {
  Skeleton skel = makeReferenceHumanoid();
  HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  Pose pose = restPose(skel);
  std::vector<glm::mat4> model = modelMatrices(skel, pose);

  glm::vec3 position(HumanoidBone b) const {
    return glm::vec3(model[static_cast<std::size_t>(rig.joint(b))][3]);
  }
  // Where a joint faces now (+Z of its rest orientation, as animated).
  glm::vec3 facing(HumanoidBone b) const {
    const glm::quat q = rotationOf(model[static_cast<std::size_t>(rig.joint(b))]) *
                        glm::inverse(rig.restRotation(b));
    return q * glm::vec3(0, 0, 1);
  }
  float gazeErrorDegrees(HumanoidBone eye, const glm::vec3& target) const {
    const glm::vec3 want = glm::normalize(target - position(eye));
    return glm::degrees(std::acos(std::clamp(glm::dot(facing(eye), want), -1.0f, 1.0f)));
  }
};

TEST(LookAt, ReachesATargetWithinTheLimits) {
  // A visitor's eyes up and to the left, 2 m in front: well inside the head's range.
  for (const glm::vec3 target : {glm::vec3(0.8f, 1.8f, 2.0f), glm::vec3(-1.5f, 1.2f, 1.0f),
                                 glm::vec3(0.0f, 1.62f, 0.6f)}) {
    Fixture f;
    LookAtLimits limits;
    LookAngles angles = headAnglesTowards(f.rig, f.model, target, limits);
    applyLookAt(f.rig, f.skel, f.pose, f.model, target, limits, angles);
    EXPECT_LT(f.gazeErrorDegrees(HumanoidBone::LeftEye, target), 1.0f);
    EXPECT_LT(f.gazeErrorDegrees(HumanoidBone::RightEye, target), 1.0f);
    EXPECT_LT(std::abs(angles.headYaw), limits.headYaw);
    EXPECT_LT(std::abs(angles.eyeYaw), glm::radians(10.0f));  // the head did most of the work
  }
}

TEST(LookAt, ClampsExactlyAtTheLimits) {
  Fixture f;
  LookAtLimits limits;
  // Behind the guide's left shoulder: 116 degrees of yaw wanted, 70 + 30 available.
  const glm::vec3 target(2.0f, 1.62f, -1.0f);
  LookAtController controller;
  for (int i = 0; i < 300; ++i) {  // 5 s at 60 Hz
    Pose pose = restPose(f.skel);
    f.model = modelMatrices(f.skel, pose);
    controller.update(1.0f / 60.0f, f.rig, f.skel, pose, f.model, target);
    const float yaw = glm::degrees(yawOf(f.facing(HumanoidBone::Head)));
    ASSERT_LE(yaw, 70.0f + 1e-3f) << "frame " << i;
  }
  EXPECT_NEAR(glm::degrees(yawOf(f.facing(HumanoidBone::Head))), 70.0f, 1e-3f);
  EXPECT_FLOAT_EQ(controller.angles().headYaw, limits.headYaw);
  // Eyes at their own limit relative to the head.
  const glm::quat head = rotationOf(f.model[static_cast<std::size_t>(f.rig.joint(HumanoidBone::Head))]);
  const glm::vec3 eyeInHead = glm::inverse(head) * f.facing(HumanoidBone::LeftEye);
  EXPECT_NEAR(glm::degrees(yawOf(eyeInHead)), 30.0f, 1e-3f);

  // Straight up: head pitch stops at 40 degrees.
  Fixture g;
  LookAngles angles = headAnglesTowards(g.rig, g.model, glm::vec3(0.0f, 6.0f, 0.3f), limits);
  applyLookAt(g.rig, g.skel, g.pose, g.model, glm::vec3(0.0f, 6.0f, 0.3f), limits, angles);
  EXPECT_NEAR(glm::degrees(pitchOf(g.facing(HumanoidBone::Head))), 40.0f, 1e-3f);
}

TEST(LookAt, ControllerSmoothsThenArrives) {
  Fixture f;
  LookAtController controller;
  const glm::vec3 target(1.2f, 1.6f, 1.5f);
  controller.update(1.0f / 60.0f, f.rig, f.skel, f.pose, f.model, target);
  const float goal = headAnglesTowards(f.rig, modelMatrices(f.skel, restPose(f.skel)), target,
                                       controller.limits).headYaw;
  EXPECT_GT(controller.angles().headYaw, 0.0f);
  EXPECT_LT(controller.angles().headYaw, 0.2f * goal);  // one frame: a small step, not a snap
  for (int i = 0; i < 180; ++i) {
    f.pose = restPose(f.skel);
    f.model = modelMatrices(f.skel, f.pose);
    controller.update(1.0f / 60.0f, f.rig, f.skel, f.pose, f.model, target);
  }
  EXPECT_LT(f.gazeErrorDegrees(HumanoidBone::LeftEye, target), 1.0f);
  EXPECT_LT(f.gazeErrorDegrees(HumanoidBone::RightEye, target), 1.0f);
}

TEST(ArmAim, PointsAtAPointOfInterest) {
  Fixture f;
  const glm::vec3 poi(-3.0f, 2.5f, 4.0f);  // ahead, to the guide's right, up
  const ArmAimResult r = aimArm(f.rig, f.skel, f.pose, f.model, Side::Right, poi);
  EXPECT_FALSE(r.clamped);
  const glm::vec3 shoulder = f.position(HumanoidBone::RightUpperArm);
  const glm::vec3 hand = f.position(HumanoidBone::RightHand);
  const float error = glm::degrees(std::acos(
      std::clamp(glm::dot(glm::normalize(hand - shoulder), glm::normalize(poi - shoulder)), -1.0f, 1.0f)));
  EXPECT_LT(error, 1.0f);
  EXPECT_NEAR(glm::length(hand - shoulder), 0.97f * f.rig.armLength(Side::Right), 1e-3f);
}

TEST(ArmAim, ClampsBehindTheBody) {
  Fixture f;
  ArmAimLimits limits;
  // Behind and across: azimuth far outside [-30, 110] degrees.
  const glm::vec3 poi(2.0f, 1.4f, -3.0f);
  const ArmAimResult r = aimArm(f.rig, f.skel, f.pose, f.model, Side::Right, poi, limits);
  EXPECT_TRUE(r.clamped);
  const glm::vec3 shoulder = f.position(HumanoidBone::RightUpperArm);
  const glm::vec3 d = glm::normalize(f.position(HumanoidBone::RightHand) - shoulder);
  const float azimuth = glm::degrees(std::atan2(-d.x, d.z));  // outwards for the right arm
  const bool atALimit = std::abs(azimuth - glm::degrees(limits.minAzimuth)) < 0.05f ||
                        std::abs(azimuth - glm::degrees(limits.maxAzimuth)) < 0.05f;
  EXPECT_TRUE(atALimit) << azimuth;
  EXPECT_LT(glm::degrees(std::acos(std::clamp(glm::dot(d, r.direction), -1.0f, 1.0f))), 0.05f);
}

}  // namespace
}  // namespace sc::anim
