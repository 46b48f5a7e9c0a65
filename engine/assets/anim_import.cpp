#include "assets/anim_import.hpp"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

namespace sc::assets {

namespace {

struct ClipBuilder {
  const std::string& modelLabel;
  const std::string& clipName;
  double ticksPerSecond;
  AnimClip& clip;

  // Converts a key time; false when it is not finite (the caller reports it).
  bool seconds(double ticks, float& out) const {
    double s = ticks / ticksPerSecond;
    if (!std::isfinite(s)) return false;
    out = float(s);
    return true;
  }

  Error badKey(const std::string& node) const {
    return makeError("{}: animation '{}': channel of node '{}' has a non-finite key; fix the "
                     "animation and export it again", modelLabel, clipName, node);
  }

  template <typename Key, typename Write>
  Status addChannel(std::uint32_t node, const std::string& nodeName, AnimPath path,
                    const Key* keys, unsigned count, Write write) {
    if (keys == nullptr || count == 0) return okStatus();
    AnimChannel channel;
    channel.node = node;
    channel.path = path;
    channel.interpolation = Interpolation::Linear;
    for (unsigned k = 0; k < count; ++k) {
      float t = 0.0f;
      if (!seconds(keys[k].mTime, t)) return badKey(nodeName);
      if (!channel.times.empty() && t < channel.times.back()) continue;  // keep times sorted
      const std::size_t before = channel.values.size();
      write(keys[k], channel.values);
      for (std::size_t v = before; v < channel.values.size(); ++v) {
        if (!std::isfinite(channel.values[v])) return badKey(nodeName);
      }
      channel.times.push_back(t);
      clip.duration = std::max(clip.duration, t);
    }
    clip.channels.push_back(std::move(channel));
    return okStatus();
  }
};

std::size_t morphTargetCount(const Model& model, std::int32_t node) {
  const Node& n = model.nodes[std::size_t(node)];
  if (n.mesh < 0) return 0;
  std::size_t count = 0;
  for (const auto& prim : model.meshes[std::size_t(n.mesh)].primitives) {
    count = std::max(count, prim.morphTargets.size());
  }
  return count;
}

}  // namespace

Status importAnimationClips(const aiScene& scene, const std::string& modelLabel,
                            const std::map<std::string, std::int32_t>& nodeIndex, Model& model) {
  auto findNode = [&](const aiString& name) {
    auto found = nodeIndex.find(name.C_Str());
    return found == nodeIndex.end() ? -1 : found->second;
  };
  for (unsigned a = 0; a < scene.mNumAnimations && scene.mAnimations != nullptr; ++a) {
    const aiAnimation* in = scene.mAnimations[a];
    if (in == nullptr) continue;
    AnimClip clip;
    clip.name = in->mName.length > 0 ? in->mName.C_Str() : fmt::format("animation{}", a);
    const double tps = std::isfinite(in->mTicksPerSecond) && in->mTicksPerSecond > 0.0
                           ? in->mTicksPerSecond
                           : kDefaultTicksPerSecond;
    ClipBuilder builder{modelLabel, clip.name, tps, clip};

    for (unsigned c = 0; c < in->mNumChannels && in->mChannels != nullptr; ++c) {
      const aiNodeAnim* channel = in->mChannels[c];
      if (channel == nullptr) continue;
      const std::int32_t node = findNode(channel->mNodeName);
      const std::string nodeName = channel->mNodeName.C_Str();
      if (node < 0) {
        spdlog::warn("{}: animation '{}': no node '{}'; channel skipped", modelLabel, clip.name,
                     nodeName);
        continue;
      }
      auto vec3 = [](const aiVectorKey& key, std::vector<float>& out) {
        out.insert(out.end(), {key.mValue.x, key.mValue.y, key.mValue.z});
      };
      SC_TRY(builder.addChannel(std::uint32_t(node), nodeName, AnimPath::Translation,
                                channel->mPositionKeys, channel->mNumPositionKeys, vec3));
      SC_TRY(builder.addChannel(std::uint32_t(node), nodeName, AnimPath::Rotation,
                                channel->mRotationKeys, channel->mNumRotationKeys,
                                [](const aiQuatKey& key, std::vector<float>& out) {
                                  out.insert(out.end(), {key.mValue.x, key.mValue.y,
                                                         key.mValue.z, key.mValue.w});
                                }));
      SC_TRY(builder.addChannel(std::uint32_t(node), nodeName, AnimPath::Scale,
                                channel->mScalingKeys, channel->mNumScalingKeys, vec3));
    }

    for (unsigned c = 0; c < in->mNumMorphMeshChannels && in->mMorphMeshChannels != nullptr; ++c) {
      const aiMeshMorphAnim* channel = in->mMorphMeshChannels[c];
      if (channel == nullptr || channel->mKeys == nullptr) continue;
      // Assimp names morph channels after the node, sometimes with a "*<mesh>" suffix.
      std::string nodeName = channel->mName.C_Str();
      std::int32_t node = findNode(channel->mName);
      if (node < 0) {
        auto star = nodeName.find('*');
        if (star != std::string::npos) {
          auto found = nodeIndex.find(nodeName.substr(0, star));
          if (found != nodeIndex.end()) node = found->second;
        }
      }
      if (node < 0) {
        spdlog::warn("{}: animation '{}': no node '{}' for morph weights; channel skipped",
                     modelLabel, clip.name, nodeName);
        continue;
      }
      std::size_t targets = morphTargetCount(model, node);
      for (unsigned k = 0; k < channel->mNumKeys; ++k) {
        const aiMeshMorphKey& key = channel->mKeys[k];
        for (unsigned v = 0; v < key.mNumValuesAndWeights && key.mValues != nullptr; ++v) {
          targets = std::max<std::size_t>(targets, std::size_t(key.mValues[v]) + 1);
        }
      }
      if (targets == 0 || targets > 4096) continue;
      SC_TRY(builder.addChannel(
          std::uint32_t(node), nodeName, AnimPath::Weights, channel->mKeys, channel->mNumKeys,
          [targets](const aiMeshMorphKey& key, std::vector<float>& out) {
            const std::size_t base = out.size();
            out.resize(base + targets, 0.0f);
            for (unsigned v = 0; v < key.mNumValuesAndWeights; ++v) {
              if (key.mValues == nullptr || key.mWeights == nullptr) break;
              if (key.mValues[v] < targets) out[base + key.mValues[v]] = float(key.mWeights[v]);
            }
          }));
    }
    if (!clip.channels.empty()) model.animations.push_back(std::move(clip));
  }
  return okStatus();
}

}  // namespace sc::assets
