#pragma once
// Assimp animations -> engine AnimClips. Internal to sc_assets.
//
// Times are seconds: mTime / mTicksPerSecond (25 ticks per second when the file leaves it 0);
// keys whose time goes backwards are dropped. Rotation values are x,y,z,w. Morph-weight
// channels (aiMeshMorphAnim) become AnimPath::Weights with N values per key, N being the
// number of morph targets of the mesh on the animated node (or the largest target index used).
// Channels for unknown nodes are skipped with a warning; a non-finite key is an error.
#include <cstdint>
#include <map>
#include <string>

#include <assimp/scene.h>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

inline constexpr double kDefaultTicksPerSecond = 25.0;

Status importAnimationClips(const aiScene& scene, const std::string& modelLabel,
                            const std::map<std::string, std::int32_t>& nodeIndex, Model& model);

}  // namespace sc::assets
