#include "anim/skin_palette.hpp"

#include <algorithm>

#include "assets/model.hpp"

namespace sc::anim {

Result<SkinBinding> skinFromAsset(const assets::Skin& skin, const Skeleton& skeleton) {
  if (!skin.inverseBindMatrices.empty() &&
      skin.inverseBindMatrices.size() != skin.joints.size()) {
    return makeError("skin '{}': {} inverse bind matrices for {} joints; the file is damaged",
                     skin.name, skin.inverseBindMatrices.size(), skin.joints.size());
  }
  SkinBinding binding;
  binding.joints.reserve(skin.joints.size());
  for (std::size_t i = 0; i < skin.joints.size(); ++i) {
    if (skin.joints[i] >= skeleton.jointCount()) {
      return makeError("skin '{}': joint {} is node {} but there are only {} nodes", skin.name,
                       i, skin.joints[i], skeleton.jointCount());
    }
    binding.joints.push_back(skin.joints[i]);
  }
  binding.inverseBind = skin.inverseBindMatrices;
  binding.inverseBind.resize(skin.joints.size(), glm::mat4(1.0f));
  return binding;
}

void computeSkinPalette(const SkinBinding& binding, std::span<const glm::mat4> world,
                        std::span<glm::mat4> out) {
  SC_CHECK(out.size() >= binding.joints.size(), "computeSkinPalette: output too small");
  for (std::size_t i = 0; i < binding.joints.size(); ++i) {
    SC_CHECK(binding.joints[i] < world.size(), "computeSkinPalette: joint outside the pose");
    out[i] = world[binding.joints[i]] * binding.inverseBind[i];
  }
}

void buildFramePalette(const Skeleton& skeleton, const Pose& pose, const glm::mat4& root,
                       std::span<const SkinBinding> skins, FramePalette& palette) {
  palette.world.resize(skeleton.jointCount());
  computeModelMatrices(skeleton, pose.local, palette.world);
  for (glm::mat4& m : palette.world) m = root * m;
  std::size_t total = 0;
  palette.skinOffsets.resize(skins.size());
  for (std::size_t s = 0; s < skins.size(); ++s) {
    palette.skinOffsets[s] = static_cast<std::uint32_t>(total);
    total += skins[s].joints.size();
  }
  palette.jointMatrices.resize(total);
  for (std::size_t s = 0; s < skins.size(); ++s) {
    computeSkinPalette(skins[s], palette.world,
                       std::span<glm::mat4>(palette.jointMatrices)
                           .subspan(palette.skinOffsets[s], skins[s].joints.size()));
  }
  palette.morphWeights.assign(pose.morphWeights.begin(), pose.morphWeights.end());
}

glm::vec3 skinPosition(std::span<const glm::mat4> jointMatrices,
                       const std::array<std::uint16_t, 4>& joints, const glm::vec4& weights,
                       const glm::vec3& position) {
  glm::vec4 sum(0.0f);
  for (int i = 0; i < 4; ++i) {
    if (weights[i] == 0.0f) continue;
    SC_CHECK(joints[i] < jointMatrices.size(), "skinPosition: joint {} outside the palette",
             joints[i]);
    sum += weights[i] * (jointMatrices[joints[i]] * glm::vec4(position, 1.0f));
  }
  return glm::vec3(sum);
}

glm::vec3 skinNormal(std::span<const glm::mat4> jointMatrices,
                     const std::array<std::uint16_t, 4>& joints, const glm::vec4& weights,
                     const glm::vec3& normal) {
  glm::vec3 sum(0.0f);
  for (int i = 0; i < 4; ++i) {
    if (weights[i] == 0.0f) continue;
    SC_CHECK(joints[i] < jointMatrices.size(), "skinNormal: joint {} outside the palette",
             joints[i]);
    sum += weights[i] * (glm::mat3(jointMatrices[joints[i]]) * normal);
  }
  const float len = glm::length(sum);
  return len > 1e-20f ? sum / len : normal;
}

glm::vec3 morphPosition(const glm::vec3& base, std::span<const assets::MorphTarget> targets,
                        std::span<const float> weights, std::size_t vertex) {
  glm::vec3 p = base;
  const std::size_t n = std::min(targets.size(), weights.size());
  for (std::size_t t = 0; t < n; ++t) {
    if (vertex < targets[t].positionDeltas.size()) {
      p += weights[t] * targets[t].positionDeltas[vertex];
    }
  }
  return p;
}

}  // namespace sc::anim
