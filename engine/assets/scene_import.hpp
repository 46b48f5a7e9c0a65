#pragma once
// Assimp scene graph -> engine nodes, meshes, skins, lights, cameras and animations.
// Internal to sc_assets; importer.cpp calls it after materials are imported.
//
// Nodes: every aiNode reachable from the root, in depth-first pre-order (parents before
// children), TRS decomposed from aiNode::mTransformation; refused: more than kMaxNodeDepth
// levels, more than kMaxNodes nodes, a node reached twice (a cycle), non-finite matrices.
// Meshes: the aiMeshes one node references become one engine Mesh (one Primitive each, Assimp
// having split by material); nodes referencing the same list share the Mesh.
// Skins: the union of the bones of a Mesh's primitives, joints found by node name, inverse
// bind matrices from aiBone::mOffsetMatrix. Lights and cameras attach to the node of the same
// name. Animations: times in seconds (mTime / mTicksPerSecond, 25 ticks/s when unset);
// rotations stored x,y,z,w; morph-weight channels become AnimPath::Weights with one weight per
// morph target per key. Assimp 5.2.5 exposes no interpolation mode: channels are Linear.
#include <string>

#include <assimp/scene.h>
#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

inline constexpr int kMaxNodeDepth = 256;
inline constexpr std::size_t kMaxNodes = 1u << 20;

struct SceneImportContext {
  const std::string& modelLabel;
  glm::mat4 rootCorrection{1.0f};  // applied to the root node (units / up axis)
  std::uint32_t defaultMaterial = 0;
  std::uint32_t materialCount = 0;  // materials that came from the file
};

Status importSceneGraph(const aiScene& scene, const SceneImportContext& context, Model& model);

}  // namespace sc::assets
