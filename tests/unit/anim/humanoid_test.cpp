// Humanoid rig mapping (VRM names, Mixamo fallback, creator mapping tables) and the procedural
// clips built on it.
#include <gtest/gtest.h>

#include "anim/humanoid_clips.hpp"

namespace sc::anim {
namespace {

// The reference humanoid with its joints renamed by `rename`.
Skeleton renamed(const std::function<std::string(HumanoidBone)>& rename) {
  Skeleton s = makeReferenceHumanoid();
  for (std::string& n : s.names) n = rename(*parseVrmBoneName(n));
  return s;
}

TEST(HumanoidRig, MapsVrmNames) {
  const Skeleton skel = makeReferenceHumanoid();
  const auto rig = HumanoidRig::fromSkeleton(skel);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  for (std::size_t b = 0; b < kHumanoidBoneCount; ++b) {
    const auto bone = static_cast<HumanoidBone>(b);
    ASSERT_TRUE(rig->has(bone)) << vrmBoneName(bone);
    EXPECT_EQ(skel.names[static_cast<std::size_t>(rig->joint(bone))], vrmBoneName(bone));
  }
  EXPECT_NEAR(rig->legLength(Side::Left), 0.82f, 1e-5f);
  EXPECT_NEAR(rig->armLength(Side::Right), 0.53f, 1e-5f);
}

TEST(HumanoidRig, FallsBackToMixamoNames) {
  const char* mixamo[] = {"Hips", "Spine", "Spine1", "Spine2", "Neck", "Head", "LeftEye",
                          "RightEye", "LeftShoulder", "LeftArm", "LeftForeArm", "LeftHand",
                          "RightShoulder", "RightArm", "RightForeArm", "RightHand", "LeftUpLeg",
                          "LeftLeg", "LeftFoot", "LeftToeBase", "RightUpLeg", "RightLeg",
                          "RightFoot", "RightToeBase"};
  const Skeleton skel = renamed([&](HumanoidBone b) {
    return std::string("mixamorig:") + mixamo[static_cast<std::size_t>(b)];
  });
  const auto rig = HumanoidRig::fromSkeleton(skel);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  EXPECT_EQ(skel.names[static_cast<std::size_t>(rig->joint(HumanoidBone::LeftLowerArm))],
            "mixamorig:LeftForeArm");
  EXPECT_EQ(skel.names[static_cast<std::size_t>(rig->joint(HumanoidBone::Chest))],
            "mixamorig:Spine1");
}

TEST(HumanoidRig, UsesTheCreatorsMappingTable) {
  const Skeleton skel = renamed([](HumanoidBone b) {
    return "Bip01_" + std::to_string(static_cast<int>(b));
  });
  EXPECT_FALSE(HumanoidRig::fromSkeleton(skel).ok());
  BoneNameMap map;
  for (std::size_t b = 0; b < kHumanoidBoneCount; ++b) {
    map["Bip01_" + std::to_string(b)] = std::string(vrmBoneName(static_cast<HumanoidBone>(b)));
  }
  const auto rig = HumanoidRig::fromSkeleton(skel, map);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  EXPECT_EQ(skel.names[static_cast<std::size_t>(rig->joint(HumanoidBone::Head))], "Bip01_5");

  BoneNameMap bad = map;
  bad["Bip01_5"] = "skull";
  auto r = HumanoidRig::fromSkeleton(skel, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'skull' is not a VRM humanoid bone"), std::string::npos);
  bad = map;
  bad["NoSuchJoint"] = "head";
  EXPECT_FALSE(HumanoidRig::fromSkeleton(skel, bad).ok());
}

TEST(HumanoidRig, NamesMissingRequiredBones) {
  Skeleton skel = makeReferenceHumanoid();
  skel.names[static_cast<std::size_t>(skel.find("leftHand"))] = "mitten";
  skel.names[static_cast<std::size_t>(skel.find("chest"))] = "torso";  // optional: fine alone
  auto r = HumanoidRig::fromSkeleton(skel);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("leftHand"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("chest"), std::string::npos) << r.error().message;
}

TEST(HumanoidClips, IdleBreathesWithoutMovingTheFeet) {
  const Skeleton skel = makeReferenceHumanoid();
  const HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  const Clip idle = makeIdleClip(rig, skel);
  EXPECT_FLOAT_EQ(idle.duration, 8.0f);
  const auto foot = static_cast<std::size_t>(rig.joint(HumanoidBone::LeftFoot));
  const auto hips = static_cast<std::size_t>(rig.joint(HumanoidBone::Hips));
  const auto chest = static_cast<std::size_t>(rig.joint(HumanoidBone::Chest));
  const glm::vec3 restFoot = rig.restPosition(HumanoidBone::LeftFoot);
  float maxFootMove = 0.0f, maxHipsMove = 0.0f, maxChestTurn = 0.0f;
  for (float t = 0.0f; t <= 8.0f; t += 0.05f) {
    Pose pose = restPose(skel);
    sampleClip(idle, skel, t, true, pose);
    const auto model = modelMatrices(skel, pose);
    maxFootMove = std::max(maxFootMove, glm::distance(glm::vec3(model[foot][3]), restFoot));
    maxHipsMove = std::max(maxHipsMove, glm::distance(glm::vec3(model[hips][3]),
                                                      rig.restPosition(HumanoidBone::Hips)));
    maxChestTurn = std::max(maxChestTurn, angleBetween(pose.local[chest].rotation, glm::quat(1, 0, 0, 0)));
  }
  EXPECT_LT(maxFootMove, 0.001f);  // weight shift without sliding feet
  EXPECT_GT(maxHipsMove, 0.02f);   // but the pelvis does shift
  EXPECT_GT(maxChestTurn, 0.01f);  // and the chest breathes
  // Seamless loop: first and last keys agree.
  for (const Track& t : idle.tracks) {
    for (std::uint32_t i = 0; i < t.width; ++i) {
      EXPECT_NEAR(t.values[i], t.values[t.values.size() - t.width + i], 1e-5f);
    }
  }
}

TEST(HumanoidClips, WaveAndTalkRaiseTheHands) {
  const Skeleton skel = makeReferenceHumanoid();
  const HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  const auto hand = static_cast<std::size_t>(rig.joint(HumanoidBone::RightHand));
  const auto head = static_cast<std::size_t>(rig.joint(HumanoidBone::Head));
  auto handAt = [&](const Clip& c, float t) {
    Pose pose = restPose(skel);
    sampleClip(c, skel, t, /*loop=*/false, pose);
    const auto model = modelMatrices(skel, pose);
    return std::pair(glm::vec3(model[hand][3]), glm::vec3(model[head][3]));
  };
  const auto [waveHand, waveHead] = handAt(makeWaveClip(rig, skel), 0.3f);
  EXPECT_GT(waveHand.y, waveHead.y - 0.1f);  // the waving hand is up by the head
  const auto [talkHand, talkHead] = handAt(makeTalkClip(rig, skel), 1.0f);
  EXPECT_GT(talkHand.z, 0.15f);              // in front of the body
  EXPECT_LT(talkHand.y, talkHead.y - 0.3f);  // at chest height, not raised
  const Clip point = makePointClip(rig, skel);
  const auto [pointHand, pointHead] = handAt(point, 1.0f);
  EXPECT_GT(pointHand.z, 0.4f);  // arm stretched ahead
  (void)pointHead;
}

}  // namespace
}  // namespace sc::anim
