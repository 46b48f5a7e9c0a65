// Cross-fades, masked layers and additive layers.
#include <gtest/gtest.h>

#include "anim/blend.hpp"
#include "anim/humanoid_clips.hpp"
#include "anim/root_motion.hpp"
#include "anim/walk.hpp"

namespace sc::anim {
namespace {

Clip constantClip(std::uint32_t joint, float x, float duration) {
  Clip c;
  c.duration = duration;
  Track t;
  t.joint = joint;
  t.path = TrackPath::Translation;
  t.width = 3;
  t.times = {0.0f, duration};
  t.values = {x, 0, 0, x, 0, 0};
  c.tracks.push_back(t);
  return c;
}

TEST(CrossFade, WeightsFollowTheCurve) {
  const Skeleton skel = makeSkeleton({"j"}, {kNoJoint}, {Transform{}});
  const Clip a = constantClip(0, 0.0f, 1.0f);
  const Clip b = constantClip(0, 10.0f, 1.0f);
  CrossFade fade;
  fade.play(&a);
  EXPECT_FLOAT_EQ(fade.weight(), 1.0f);
  fade.fadeTo(&b, 0.4f, true, 1.0f, FadeCurve::Linear);
  Pose out;
  const Pose base = restPose(skel);
  fade.evaluate(skel, base, out);
  EXPECT_FLOAT_EQ(fade.weight(), 0.0f);
  EXPECT_FLOAT_EQ(out.local[0].translation.x, 0.0f);
  fade.advance(0.1f);  // a quarter
  fade.evaluate(skel, base, out);
  EXPECT_NEAR(fade.weight(), 0.25f, 1e-6f);
  EXPECT_NEAR(out.local[0].translation.x, 2.5f, 1e-5f);
  fade.advance(0.1f);
  EXPECT_NEAR(fade.weight(), 0.5f, 1e-6f);
  fade.advance(0.25f);  // past the end
  EXPECT_FALSE(fade.fading());
  fade.evaluate(skel, base, out);
  EXPECT_FLOAT_EQ(out.local[0].translation.x, 10.0f);

  // Smoothstep: 0.5 at half time, 0.15625 at a quarter (3/16 - 2/64).
  fade.fadeTo(&a, 1.0f);
  fade.advance(0.25f);
  EXPECT_NEAR(fade.weight(), 0.15625f, 1e-6f);
  fade.advance(0.25f);
  EXPECT_NEAR(fade.weight(), 0.5f, 1e-6f);
}

TEST(Blend, UpperBodyMaskLeavesTheWalkingLegsUntouched) {
  const Skeleton skel = makeReferenceHumanoid();
  const HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  const JointMask mask = upperBodyMask(rig, skel);
  EXPECT_EQ(mask[static_cast<std::size_t>(rig.joint(HumanoidBone::Hips))], 0.0f);
  EXPECT_EQ(mask[static_cast<std::size_t>(rig.joint(HumanoidBone::LeftFoot))], 0.0f);
  EXPECT_EQ(mask[static_cast<std::size_t>(rig.joint(HumanoidBone::RightUpperArm))], 1.0f);
  EXPECT_EQ(mask[static_cast<std::size_t>(rig.joint(HumanoidBone::Head))], 1.0f);

  WalkController walk(rig, WalkParams::forSpeed(1.1f, rig.legLength(Side::Left)));
  Pose walking = restPose(skel);
  std::vector<glm::mat4> model(skel.jointCount());
  RootMotion root;
  walk.apply(skel, walking, model, root.matrix(), 0.3f);

  const Clip point = makePointClip(rig, skel, Side::Right);
  Pose pointing = walking;
  sampleClip(point, skel, 1.0f, false, pointing);

  Pose out;
  blendMasked(walking, pointing, mask, 1.0f, out);
  for (HumanoidBone b : {HumanoidBone::Hips, HumanoidBone::LeftUpperLeg, HumanoidBone::LeftLowerLeg,
                         HumanoidBone::LeftFoot, HumanoidBone::RightUpperLeg,
                         HumanoidBone::RightLowerLeg, HumanoidBone::RightFoot}) {
    const auto j = static_cast<std::size_t>(rig.joint(b));
    EXPECT_EQ(out.local[j].translation, walking.local[j].translation) << vrmBoneName(b);
    EXPECT_EQ(out.local[j].rotation, walking.local[j].rotation) << vrmBoneName(b);
  }
  const auto arm = static_cast<std::size_t>(rig.joint(HumanoidBone::RightUpperArm));
  EXPECT_EQ(out.local[arm].rotation, pointing.local[arm].rotation);
  // The point clip really moves the arm away from the walk's swing.
  EXPECT_GT(glm::degrees(angleBetween(walking.local[arm].rotation, pointing.local[arm].rotation)),
            30.0f);

  // Half weight lands half way (in angle) for the masked joints.
  blendMasked(walking, pointing, mask, 0.5f, out);
  const float full = angleBetween(walking.local[arm].rotation, pointing.local[arm].rotation);
  EXPECT_NEAR(angleBetween(walking.local[arm].rotation, out.local[arm].rotation), 0.5f * full,
              1e-3f);
}

TEST(Blend, AdditiveAppliesTheDifference) {
  const Skeleton skel = makeSkeleton({"a", "b"}, {kNoJoint, 0}, {Transform{}, Transform{}});
  Pose base = restPose(skel), layer = restPose(skel), ref = restPose(skel), out;
  base.local[1].rotation = glm::angleAxis(glm::radians(30.0f), glm::vec3(0, 1, 0));
  layer.local[1].rotation = glm::angleAxis(glm::radians(20.0f), glm::vec3(1, 0, 0));
  layer.local[1].translation = glm::vec3(0, 0.1f, 0);
  blendAdditive(base, layer, ref, {}, 0.5f, out);
  const glm::quat expected = base.local[1].rotation *
                             glm::angleAxis(glm::radians(10.0f), glm::vec3(1, 0, 0));
  EXPECT_LT(glm::degrees(angleBetween(out.local[1].rotation, expected)), 1e-3f);
  EXPECT_NEAR(out.local[1].translation.y, 0.05f, 1e-6f);
  EXPECT_EQ(out.local[0].rotation, base.local[0].rotation);
}

}  // namespace
}  // namespace sc::anim
