#pragma once
// What the renderer uploads once per frame (and shares between both XR eyes): joint matrices of
// every skin and the morph weights of every morphable mesh, plus CPU reference versions of the
// GPU skinning and morphing, which the GPU tests compare against.
//
// glTF rule: a skinned mesh is drawn with its joints' matrices only; the transform of the node
// that holds the mesh is ignored. jointMatrix[i] = world(joint i) * inverseBind[i], where
// world = root (the character's world matrix) * model matrix of the joint.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "anim/skeleton.hpp"
#include "core/result.hpp"

namespace sc::assets {
struct Skin;
struct MorphTarget;
}

namespace sc::anim {

struct SkinBinding {
  std::vector<std::uint32_t> joints;     // joint (= node) indices into the skeleton
  std::vector<glm::mat4> inverseBind;    // one per joint
};

// Checks every joint index against the skeleton and the matrix count against the joint count
// (an empty inverse-bind list means identities, as glTF allows).
Result<SkinBinding> skinFromAsset(const assets::Skin& skin, const Skeleton& skeleton);

// out[i] = world[binding.joints[i]] * inverseBind[i]; out must hold binding.joints.size().
void computeSkinPalette(const SkinBinding& binding, std::span<const glm::mat4> world,
                        std::span<glm::mat4> out);

// One frame's upload: all skins' joint matrices back to back (skin s starts at
// skinOffsets[s]) and the pose's morph weights (mesh of joint j starts at
// skeleton.morphOffsets[j]; no limit on the target count). Storage buffers take both as is:
// mat4 is 64 bytes, std430-compatible; weights are tightly packed floats.
struct FramePalette {
  std::vector<glm::mat4> jointMatrices;
  std::vector<std::uint32_t> skinOffsets;
  std::vector<float> morphWeights;
  std::vector<glm::mat4> world;  // scratch: world matrices of every joint
};

// Fills `palette` for `pose` placed by `root`. Reuses the palette's storage between frames.
void buildFramePalette(const Skeleton& skeleton, const Pose& pose, const glm::mat4& root,
                       std::span<const SkinBinding> skins, FramePalette& palette);

// CPU reference of linear blend skinning: p' = sum_i w_i * (M[j_i] * p). Weights are used as
// given (glTF requires them normalised; the importer guarantees it), so GPU and CPU agree.
glm::vec3 skinPosition(std::span<const glm::mat4> jointMatrices,
                       const std::array<std::uint16_t, 4>& joints, const glm::vec4& weights,
                       const glm::vec3& position);
// Normals: the weighted sum of each joint matrix's upper 3x3 applied to n, normalised (exact
// for rotations and uniform scale, which is what the shader assumes too).
glm::vec3 skinNormal(std::span<const glm::mat4> jointMatrices,
                     const std::array<std::uint16_t, 4>& joints, const glm::vec4& weights,
                     const glm::vec3& normal);

// Morphed position of vertex `vertex`: base + sum_t weights[t] * targets[t].positionDeltas[vertex]
// over min(targets, weights) targets; targets lacking that vertex are skipped.
glm::vec3 morphPosition(const glm::vec3& base, std::span<const assets::MorphTarget> targets,
                        std::span<const float> weights, std::size_t vertex);

}  // namespace sc::anim
