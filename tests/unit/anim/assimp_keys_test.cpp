// Sampled transforms of imported models against the keys Assimp itself reads from the same
// files (Debian's assimp-testmodels). Tolerances: at a key time, 1e-5 relative for translation
// and scale, 0.01 degrees for rotations; half way between keys the same tolerances against
// Assimp's own interpolation (vector lerp, aiQuaternion::Interpolate, a shortest-path slerp).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include <assimp/Importer.hpp>
#include <assimp/config.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "anim/clip.hpp"
#include "assets/importer.hpp"

namespace sc::anim {
namespace {

namespace fs = std::filesystem;

struct Counts {
  int keys = 0;
  int midpoints = 0;
  int weightKeys = 0;
};

bool nearVec(const glm::vec3& a, const aiVector3D& b, float tol) {
  const glm::vec3 bb(b.x, b.y, b.z);
  return glm::length(a - bb) <= tol * std::max(1.0f, glm::length(bb));
}

float quatDegrees(const glm::quat& a, const aiQuaternion& b) {
  return glm::degrees(angleBetween(glm::normalize(a), glm::normalize(glm::quat(b.w, b.x, b.y, b.z))));
}

// Key k's time is unique (the importer keeps only one key per time; so must the comparison).
template <typename Key>
bool uniqueTime(const Key* keys, unsigned count, unsigned k) {
  return (k == 0 || keys[k - 1].mTime < keys[k].mTime) &&
         (k + 1 == count || keys[k + 1].mTime > keys[k].mTime);
}

Counts compareFile(const fs::path& file) {
  Counts counts;
  Assimp::Importer raw;
  raw.SetPropertyBool(AI_CONFIG_IMPORT_FBX_PRESERVE_PIVOTS, false);
  const aiScene* scene = raw.ReadFile(file.string(), aiProcess_ValidateDataStructure);
  EXPECT_NE(scene, nullptr) << raw.GetErrorString();
  if (!scene) return counts;

  auto model = assets::importModel(file, ContentRoots({file.parent_path()}));
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  if (!model.ok()) return counts;
  auto skel = skeletonFromModel(*model);
  EXPECT_TRUE(skel.ok()) << (skel.ok() ? "" : skel.error().message);
  if (!skel.ok()) return counts;

  for (unsigned a = 0; a < scene->mNumAnimations; ++a) {
    const aiAnimation* anim = scene->mAnimations[a];
    const double tps = anim->mTicksPerSecond > 0.0 ? anim->mTicksPerSecond : 25.0;
    const assets::AnimClip* source = nullptr;
    for (const auto& c : model->animations) {
      if (c.name == anim->mName.C_Str() || (anim->mName.length == 0 && source == nullptr)) source = &c;
    }
    if (source == nullptr && a < model->animations.size()) source = &model->animations[a];
    EXPECT_NE(source, nullptr) << file << ": animation " << a;
    if (!source) continue;
    auto clip = clipFromAsset(*source, *skel);
    EXPECT_TRUE(clip.ok()) << (clip.ok() ? "" : clip.error().message);
    if (!clip.ok()) continue;

    auto sampleAt = [&](double ticks) {
      Pose pose = restPose(*skel);
      sampleClip(*clip, *skel, static_cast<float>(ticks / tps), false, pose);
      return pose;
    };
    for (unsigned c = 0; c < anim->mNumChannels; ++c) {
      const aiNodeAnim* ch = anim->mChannels[c];
      const std::int32_t joint = skel->find(ch->mNodeName.C_Str());
      EXPECT_NE(joint, kNoJoint) << file << ": node " << ch->mNodeName.C_Str();
      if (joint == kNoJoint) continue;
      const auto j = static_cast<std::size_t>(joint);
      for (unsigned k = 0; k < ch->mNumPositionKeys; ++k) {
        const aiVectorKey& key = ch->mPositionKeys[k];
        if (!uniqueTime(ch->mPositionKeys, ch->mNumPositionKeys, k)) continue;
        EXPECT_TRUE(nearVec(sampleAt(key.mTime).local[j].translation, key.mValue, 1e-5f))
            << file << " " << ch->mNodeName.C_Str() << " T key " << k;
        ++counts.keys;
        if (k + 1 < ch->mNumPositionKeys) {
          const aiVectorKey& next = ch->mPositionKeys[k + 1];
          const aiVector3D mid = key.mValue + (next.mValue - key.mValue) * 0.5f;
          EXPECT_TRUE(nearVec(sampleAt(0.5 * (key.mTime + next.mTime)).local[j].translation, mid, 1e-5f))
              << file << " " << ch->mNodeName.C_Str() << " T mid " << k;
          ++counts.midpoints;
        }
      }
      for (unsigned k = 0; k < ch->mNumRotationKeys; ++k) {
        const aiQuatKey& key = ch->mRotationKeys[k];
        if (!uniqueTime(ch->mRotationKeys, ch->mNumRotationKeys, k)) continue;
        EXPECT_LT(quatDegrees(sampleAt(key.mTime).local[j].rotation, key.mValue), 0.01f)
            << file << " " << ch->mNodeName.C_Str() << " R key " << k;
        ++counts.keys;
        if (k + 1 < ch->mNumRotationKeys) {
          const aiQuatKey& next = ch->mRotationKeys[k + 1];
          aiQuaternion mid;
          aiQuaternion::Interpolate(mid, key.mValue, next.mValue, 0.5f);
          EXPECT_LT(quatDegrees(sampleAt(0.5 * (key.mTime + next.mTime)).local[j].rotation, mid), 0.01f)
              << file << " " << ch->mNodeName.C_Str() << " R mid " << k;
          ++counts.midpoints;
        }
      }
      for (unsigned k = 0; k < ch->mNumScalingKeys; ++k) {
        const aiVectorKey& key = ch->mScalingKeys[k];
        if (!uniqueTime(ch->mScalingKeys, ch->mNumScalingKeys, k)) continue;
        EXPECT_TRUE(nearVec(sampleAt(key.mTime).local[j].scale, key.mValue, 1e-5f))
            << file << " " << ch->mNodeName.C_Str() << " S key " << k;
        ++counts.keys;
      }
    }
    for (unsigned c = 0; c < anim->mNumMorphMeshChannels; ++c) {
      const aiMeshMorphAnim* ch = anim->mMorphMeshChannels[c];
      std::string name = ch->mName.C_Str();
      std::int32_t joint = skel->find(name);
      if (joint == kNoJoint && name.find('*') != std::string::npos) {
        joint = skel->find(name.substr(0, name.find('*')));
      }
      EXPECT_NE(joint, kNoJoint) << file << ": morph channel " << name;
      if (joint == kNoJoint) continue;
      const std::size_t offset = skel->morphOffsets[static_cast<std::size_t>(joint)];
      for (unsigned k = 0; k < ch->mNumKeys; ++k) {
        const aiMeshMorphKey& key = ch->mKeys[k];
        if (!uniqueTime(ch->mKeys, ch->mNumKeys, k)) continue;
        const Pose pose = sampleAt(key.mTime);
        for (unsigned v = 0; v < key.mNumValuesAndWeights; ++v) {
          EXPECT_NEAR(pose.morphWeights[offset + key.mValues[v]], key.mWeights[v], 1e-5)
              << file << " weight " << key.mValues[v] << " key " << k;
          ++counts.weightKeys;
        }
      }
    }
  }
  return counts;
}

const fs::path kModels = SC_ASSIMP_MODELS;

TEST(AssimpKeys, GltfSimpleSkin) {
  const Counts c = compareFile(kModels / "glTF2/simple_skin/simple_skin.gltf");
  std::printf("simple_skin: %d keys, %d midpoints\n", c.keys, c.midpoints);
  EXPECT_GT(c.keys, 0);
}

TEST(AssimpKeys, FbxAnimationWithSkeleton) {
  const Counts c = compareFile(kModels / "FBX/animation_with_skeleton.fbx");
  std::printf("animation_with_skeleton.fbx: %d keys, %d midpoints\n", c.keys, c.midpoints);
  EXPECT_GT(c.keys, 0);
}

TEST(AssimpKeys, DirectXEpileptic) {
  const Counts c = compareFile(kModels / "X/BCN_Epileptic.X");
  std::printf("BCN_Epileptic.X: %d keys, %d midpoints\n", c.keys, c.midpoints);
  EXPECT_GT(c.keys, 0);
}

TEST(AssimpKeys, GltfMorphWeights) {
  const Counts c = compareFile(kModels / "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf");
  std::printf("AnimatedMorphCube: %d weight values\n", c.weightKeys);
  EXPECT_GT(c.weightKeys, 0);
}

}  // namespace
}  // namespace sc::anim
