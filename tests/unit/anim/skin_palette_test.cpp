// Skin palettes and the CPU reference skinning/morphing the GPU tests compare against.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "anim/humanoid.hpp"
#include "anim/skin_palette.hpp"
#include "assets/model.hpp"

namespace sc::anim {
namespace {

void expectNear(const glm::mat4& a, const glm::mat4& b, float tol) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) EXPECT_NEAR(a[c][r], b[c][r], tol) << c << "," << r;
}

TEST(SkinPalette, IdentityForTheBindPose) {
  const Skeleton skel = makeReferenceHumanoid();
  const std::vector<glm::mat4> rest = modelMatrices(skel, restPose(skel));
  SkinBinding skin;
  for (std::uint32_t j = 0; j < skel.jointCount(); ++j) {
    skin.joints.push_back(j);
    skin.inverseBind.push_back(glm::inverse(rest[j]));
  }
  FramePalette palette;
  buildFramePalette(skel, restPose(skel), glm::mat4(1.0f), std::span(&skin, 1), palette);
  ASSERT_EQ(palette.jointMatrices.size(), skel.jointCount());
  for (const glm::mat4& m : palette.jointMatrices) expectNear(m, glm::mat4(1.0f), 1e-5f);
}

TEST(SkinPalette, CpuSkinningOfAKnownVertex) {
  // Joint 1 sits 1 m up; the pose turns it 90 degrees about Z.
  const Skeleton skel = makeSkeleton(
      {"root", "elbow"}, {kNoJoint, 0},
      {Transform{}, Transform{glm::vec3(0, 1, 0), glm::quat(1, 0, 0, 0), glm::vec3(1)}});
  SkinBinding skin{{0, 1}, {glm::mat4(1.0f), glm::translate(glm::mat4(1.0f), glm::vec3(0, -1, 0))}};
  Pose pose = restPose(skel);
  pose.local[1].rotation = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 0, 1));
  FramePalette palette;
  buildFramePalette(skel, pose, glm::mat4(1.0f), std::span(&skin, 1), palette);
  // (1,1,0): joint 0 leaves it; joint 1 turns it about (0,1,0) to (0,2,0); half each.
  const glm::vec3 p = skinPosition(palette.jointMatrices, {0, 1, 0, 0}, glm::vec4(0.5f, 0.5f, 0, 0),
                                   glm::vec3(1, 1, 0));
  EXPECT_NEAR(p.x, 0.5f, 1e-6f);
  EXPECT_NEAR(p.y, 1.5f, 1e-6f);
  EXPECT_NEAR(p.z, 0.0f, 1e-6f);
  const glm::vec3 n = skinNormal(palette.jointMatrices, {0, 1, 0, 0}, glm::vec4(0.5f, 0.5f, 0, 0),
                                 glm::vec3(1, 0, 0));
  EXPECT_NEAR(n.x, std::sqrt(0.5f), 1e-6f);
  EXPECT_NEAR(n.y, std::sqrt(0.5f), 1e-6f);
  // Fully on joint 1, with the character moved 5 m along +X by its root.
  buildFramePalette(skel, pose, glm::translate(glm::mat4(1.0f), glm::vec3(5, 0, 0)),
                    std::span(&skin, 1), palette);
  const glm::vec3 q = skinPosition(palette.jointMatrices, {1, 0, 0, 0}, glm::vec4(1, 0, 0, 0),
                                   glm::vec3(1, 1, 0));
  EXPECT_NEAR(q.x, 5.0f, 1e-6f);
  EXPECT_NEAR(q.y, 2.0f, 1e-6f);
}

TEST(SkinPalette, SeveralSkinsAndManyMorphWeights) {
  const Skeleton skel = makeSkeleton({"a", "face"}, {kNoJoint, 0}, {Transform{}, Transform{}},
                                     {0, 12});
  Pose pose = restPose(skel);
  ASSERT_EQ(pose.morphWeights.size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) pose.morphWeights[i] = 0.05f * static_cast<float>(i);
  const SkinBinding skins[2] = {{{0, 1}, {glm::mat4(1.0f), glm::mat4(1.0f)}},
                                {{1}, {glm::mat4(1.0f)}}};
  FramePalette palette;
  buildFramePalette(skel, pose, glm::mat4(1.0f), skins, palette);
  EXPECT_EQ(palette.jointMatrices.size(), 3u);
  EXPECT_EQ(palette.skinOffsets[1], 2u);
  ASSERT_EQ(palette.morphWeights.size(), 12u);
  EXPECT_FLOAT_EQ(palette.morphWeights[11], 0.55f);

  // Morphing with 12 targets (beyond the 8 a fixed vertex-attribute scheme would allow).
  std::vector<assets::MorphTarget> targets(12);
  for (std::size_t t = 0; t < 12; ++t) {
    targets[t].positionDeltas = {glm::vec3(0.0f), glm::vec3(0.0f, 0.01f * static_cast<float>(t + 1), 0.0f)};
  }
  const glm::vec3 p = morphPosition(glm::vec3(1, 0, 0), targets, palette.morphWeights, 1);
  float expectedY = 0.0f;
  for (std::size_t t = 0; t < 12; ++t) expectedY += 0.05f * t * 0.01f * (t + 1);
  EXPECT_NEAR(p.y, expectedY, 1e-6f);
  EXPECT_FLOAT_EQ(p.x, 1.0f);
}

TEST(SkinPalette, RejectsDamagedSkins) {
  const Skeleton skel = makeSkeleton({"a"}, {kNoJoint}, {Transform{}});
  assets::Skin skin;
  skin.name = "s";
  skin.joints = {0, 3};
  EXPECT_FALSE(skinFromAsset(skin, skel).ok());
  skin.joints = {0};
  skin.inverseBindMatrices = {glm::mat4(1.0f), glm::mat4(1.0f)};
  EXPECT_FALSE(skinFromAsset(skin, skel).ok());
  skin.inverseBindMatrices.clear();  // glTF: absent means identity
  auto ok = skinFromAsset(skin, skel);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->inverseBind.size(), 1u);
}

}  // namespace
}  // namespace sc::anim
