// The committed assets/guide/guide.gltf read the way the engine reads it: Assimp import through
// the content sandbox, skeleton and humanoid rig without a mapping table, morph targets by name,
// and the procedural clips played on it with CPU skinning.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "anim/clip.hpp"
#include "anim/humanoid.hpp"
#include "anim/humanoid_clips.hpp"
#include "anim/skeleton.hpp"
#include "anim/skin_palette.hpp"
#include "assets/importer.hpp"
#include "core/content_roots.hpp"

namespace sc::avatar {
namespace {

const assets::Model& imported() {
  static const assets::Model model = [] {
    const std::filesystem::path dir = SC_AVATAR_ASSETS;
    auto m = assets::importModel(dir / "guide.gltf", ContentRoots({dir}));
    if (!m.ok()) {
      ADD_FAILURE() << m.error().message;
      return assets::Model{};
    }
    return std::move(m).value();
  }();
  return model;
}

struct Rigged {
  anim::Skeleton skeleton;
  anim::HumanoidRig rig;
};

const Rigged& rigged() {
  static const Rigged r = [] {
    auto skel = anim::skeletonFromModel(imported());
    EXPECT_TRUE(skel.ok());
    auto rig = anim::HumanoidRig::fromSkeleton(*skel);  // no mapping table
    EXPECT_TRUE(rig.ok()) << (rig.ok() ? "" : rig.error().message);
    return Rigged{*skel, *rig};
  }();
  return r;
}

const assets::Primitive* facePrimitive(const assets::Model& m) {
  for (const assets::Mesh& mesh : m.meshes) {
    for (const assets::Primitive& p : mesh.primitives) {
      if (p.morphTargets.size() == 6) return &p;
    }
  }
  return nullptr;
}

TEST(AvatarImport, EveryVrmBoneWithTheReferenceParentsAndPositions) {
  const Rigged& r = rigged();
  const anim::Skeleton ref = anim::makeReferenceHumanoid();
  const anim::HumanoidRig refRig = anim::HumanoidRig::fromSkeleton(ref).value();
  for (std::size_t b = 0; b < anim::kHumanoidBoneCount; ++b) {
    const auto bone = static_cast<anim::HumanoidBone>(b);
    ASSERT_TRUE(r.rig.has(bone)) << anim::vrmBoneName(bone);
    const std::int32_t j = r.rig.joint(bone);
    EXPECT_EQ(r.skeleton.names[std::size_t(j)], anim::vrmBoneName(bone));
    // Parent chain: the same VRM parent as the reference humanoid.
    const std::int32_t refParent = ref.parents[std::size_t(refRig.joint(bone))];
    const std::int32_t parent = r.skeleton.parents[std::size_t(j)];
    if (refParent == anim::kNoJoint) {
      ASSERT_NE(parent, anim::kNoJoint);
      EXPECT_FALSE(anim::parseVrmBoneName(r.skeleton.names[std::size_t(parent)]).has_value())
          << "hips hangs from the character root node";
    } else {
      ASSERT_NE(parent, anim::kNoJoint) << anim::vrmBoneName(bone);
      EXPECT_EQ(r.skeleton.names[std::size_t(parent)], ref.names[std::size_t(refParent)]);
    }
    EXPECT_LT(glm::length(r.rig.restPosition(bone) - refRig.restPosition(bone)), 0.02f)
        << anim::vrmBoneName(bone);
  }
}

TEST(AvatarImport, SkinnedMeshesWithNormalisedWeights) {
  const assets::Model& m = imported();
  ASSERT_GE(m.skins.size(), 1u);
  std::size_t vertices = 0;
  for (const assets::Node& node : m.nodes) {
    if (node.mesh < 0) continue;
    ASSERT_GE(node.skin, 0) << node.name << " is not skinned";
    for (const assets::Primitive& p : m.meshes[std::size_t(node.mesh)].primitives) {
      ASSERT_EQ(p.skin.size(), p.vertices.size()) << node.name;
      for (const assets::SkinWeights& w : p.skin) {
        ASSERT_NEAR(w.weights.x + w.weights.y + w.weights.z + w.weights.w, 1.0f, 1e-4f);
        for (int k = 0; k < 4; ++k) {
          ASSERT_LT(w.joints[k], m.skins[std::size_t(node.skin)].joints.size());
        }
      }
      vertices += p.vertices.size();
    }
  }
  EXPECT_GT(vertices, 10000u);
  const std::size_t tris = m.triangleCount();
  EXPECT_GE(tris, 15000u);
  EXPECT_LE(tris, 40000u);
  // 1.70 m tall (hair included), standing on the ground, facing +Z.
  const assets::Bounds b = m.worldBounds();
  EXPECT_NEAR(b.max.y, 1.70f, 0.02f);
  EXPECT_NEAR(b.min.y, 0.0f, 0.01f);
}

TEST(AvatarImport, EyesAreSeparateMeshesOnTheEyeBones) {
  const assets::Model& m = imported();
  const Rigged& r = rigged();
  int eyeVertices = 0;
  for (const assets::Node& node : m.nodes) {
    if (node.mesh < 0 || node.name.find("eyes") == std::string::npos) continue;
    const assets::Skin& skin = m.skins[std::size_t(node.skin)];
    for (const assets::Primitive& p : m.meshes[std::size_t(node.mesh)].primitives) {
      for (std::size_t i = 0; i < p.vertices.size(); ++i) {
        const std::uint32_t joint = skin.joints[p.skin[i].joints[0]];
        const bool left = p.vertices[i].position.x > 0.0f;
        EXPECT_EQ(std::int32_t(joint), r.rig.joint(left ? anim::HumanoidBone::LeftEye
                                                        : anim::HumanoidBone::RightEye));
        EXPECT_NEAR(p.skin[i].weights.x, 1.0f, 1e-5f);
        ++eyeVertices;
      }
    }
  }
  EXPECT_GT(eyeVertices, 100);
}

TEST(AvatarImport, VisemeAndBlinkTargetsByName) {
  const assets::Primitive* face = facePrimitive(imported());
  ASSERT_NE(face, nullptr) << "no primitive with 6 morph targets";
  std::map<std::string, const assets::MorphTarget*> byName;
  for (const assets::MorphTarget& t : face->morphTargets) byName[t.name] = &t;
  for (const char* name : {"aa", "ih", "ou", "ee", "oh", "blink"}) {
    ASSERT_TRUE(byName.count(name)) << name;
    const assets::MorphTarget& t = *byName[name];
    ASSERT_EQ(t.positionDeltas.size(), face->vertices.size());
    float largest = 0.0f;
    for (std::size_t i = 0; i < t.positionDeltas.size(); ++i) {
      const float len = glm::length(t.positionDeltas[i]);
      largest = std::max(largest, len);
      if (len < 1e-6f) continue;
      const glm::vec3 p = face->vertices[i].position;
      if (std::string(name) == "blink") {
        // Eyelids only: around the eyes, well above the mouth.
        EXPECT_GT(p.y, 1.59f);
        EXPECT_LT(p.y, 1.66f);
        EXPECT_GT(p.z, 0.06f);
      } else {
        // Mouth region: lips, jaw front and chin, below the nose tip.
        EXPECT_LT(std::abs(p.x), 0.065f) << name;
        EXPECT_GT(p.y, 1.48f) << name;
        EXPECT_LT(p.y, 1.585f) << name;
        EXPECT_GT(p.z, 0.02f) << name;
      }
    }
    EXPECT_GT(largest, 0.003f) << name;
  }
  // The wide-open shapes open further than the small ones.
  auto opening = [&](const char* n) {
    float down = 0.0f;
    for (const glm::vec3& d : byName[n]->positionDeltas) down = std::min(down, d.y);
    return -down;
  };
  EXPECT_GT(opening("aa"), opening("ih") * 2.0f);
  EXPECT_GT(opening("oh"), opening("ou") * 2.0f);
}

// Plays a clip on the imported guide and CPU-skins every vertex.
struct SkinnedFrame {
  assets::Bounds bounds;
  bool finite = true;
  float maxRightHandY = -1e9f;  // highest vertex that mostly follows the right hand
  float maxRightHandZ = -1e9f;
};

SkinnedFrame skinFrame(const anim::Clip& clip, float t) {
  const assets::Model& m = imported();
  const Rigged& r = rigged();
  anim::Pose pose = anim::restPose(r.skeleton);
  anim::sampleClip(clip, r.skeleton, t, false, pose);
  std::vector<anim::SkinBinding> skins;
  for (const assets::Skin& s : m.skins) skins.push_back(anim::skinFromAsset(s, r.skeleton).value());
  anim::FramePalette palette;
  anim::buildFramePalette(r.skeleton, pose, glm::mat4(1.0f), skins, palette);
  const std::uint32_t rightHand = std::uint32_t(r.rig.joint(anim::HumanoidBone::RightHand));
  SkinnedFrame out;
  for (const assets::Node& node : m.nodes) {
    if (node.mesh < 0 || node.skin < 0) continue;
    const std::span<const glm::mat4> matrices(
        palette.jointMatrices.data() + palette.skinOffsets[std::size_t(node.skin)],
        skins[std::size_t(node.skin)].joints.size());
    const auto& skinJoints = skins[std::size_t(node.skin)].joints;
    for (const assets::Primitive& p : m.meshes[std::size_t(node.mesh)].primitives) {
      for (std::size_t i = 0; i < p.vertices.size(); ++i) {
        const glm::vec3 q = anim::skinPosition(matrices, p.skin[i].joints, p.skin[i].weights,
                                               p.vertices[i].position);
        if (!std::isfinite(q.x) || !std::isfinite(q.y) || !std::isfinite(q.z)) out.finite = false;
        out.bounds.add(q);
        if (skinJoints[p.skin[i].joints[0]] == rightHand && p.skin[i].weights.x > 0.9f) {
          out.maxRightHandY = std::max(out.maxRightHandY, q.y);
          out.maxRightHandZ = std::max(out.maxRightHandZ, q.z);
        }
      }
    }
  }
  return out;
}

void expectPlausible(const SkinnedFrame& f) {
  EXPECT_TRUE(f.finite);
  EXPECT_GT(f.bounds.min.y, -0.05f);
  EXPECT_LT(f.bounds.max.y, 2.1f);
  EXPECT_LT(std::abs(f.bounds.min.x), 1.0f);
  EXPECT_LT(std::abs(f.bounds.max.x), 1.0f);
  EXPECT_LT(std::abs(f.bounds.min.z), 1.0f);
  EXPECT_LT(std::abs(f.bounds.max.z), 1.0f);
}

TEST(AvatarImport, WaveAndPointClipsSkinCleanly) {
  const Rigged& r = rigged();
  const SkinnedFrame rest = skinFrame(anim::Clip{}, 0.0f);
  expectPlausible(rest);
  EXPECT_NEAR(rest.bounds.max.y, 1.70f, 0.02f);
  const anim::Clip wave = anim::makeWaveClip(r.rig, r.skeleton);
  for (float t : {0.0f, 0.3f, 0.7f, 1.2f, 1.9f}) {
    const SkinnedFrame f = skinFrame(wave, t);
    expectPlausible(f);
  }
  // The waving hand is up by the head (rest: at shoulder height, 1.41 m).
  EXPECT_GT(skinFrame(wave, 0.3f).maxRightHandY, 1.55f);
  const anim::Clip point = anim::makePointClip(r.rig, r.skeleton);
  for (float t : {0.0f, 0.25f, 0.5f, 1.0f}) expectPlausible(skinFrame(point, t));
  // Pointing: the hand's skin is well ahead of the body.
  EXPECT_GT(skinFrame(point, 1.0f).maxRightHandZ, 0.4f);
  const anim::Clip idle = anim::makeIdleClip(r.rig, r.skeleton);
  for (float t : {0.0f, 2.0f, 5.0f}) expectPlausible(skinFrame(idle, t));
}

}  // namespace
}  // namespace sc::avatar
