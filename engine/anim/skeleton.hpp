#pragma once
// Skeleton (joint hierarchy, names, rest pose) and Pose (one local transform per joint plus the
// morph weights of the joints that carry a morphable mesh).
//
// A Skeleton built from an imported model holds EVERY node of the model, so joint index ==
// assets::Model node index; animation channels and skins then address joints directly.
// Contract: parents come before children (parent[j] < j, or -1 for a root).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anim/transform.hpp"
#include "core/result.hpp"

namespace sc::assets {
struct Model;
}

namespace sc::anim {

inline constexpr std::int32_t kNoJoint = -1;

struct Skeleton {
  std::vector<std::string> names;
  std::vector<std::int32_t> parents;   // kNoJoint for roots; parents[j] < j otherwise
  std::vector<Transform> restPose;     // local transforms of the bind / rest pose
  // Morph weights: joint j owns morphCounts[j] weights starting at morphOffsets[j] in
  // Pose::morphWeights (0 weights for joints without a morphable mesh).
  std::vector<std::uint32_t> morphCounts;
  std::vector<std::uint32_t> morphOffsets;
  std::vector<float> restMorphWeights;  // the meshes' default weights, flattened the same way

  std::size_t jointCount() const { return parents.size(); }
  std::size_t morphWeightCount() const { return restMorphWeights.size(); }
  // First joint named exactly `name`, or kNoJoint.
  std::int32_t find(std::string_view name) const;
  // True when every array has jointCount() entries and parents[j] < j for all j.
  bool valid() const;
};

struct Pose {
  std::vector<Transform> local;
  std::vector<float> morphWeights;
};

// Builds a skeleton from joints listed parents-first. `morphCounts` may be empty (no morphs).
// Panics (a contract violation in our own code) when parents are not ordered or sizes differ.
Skeleton makeSkeleton(std::vector<std::string> names, std::vector<std::int32_t> parents,
                      std::vector<Transform> restPose, std::vector<std::uint32_t> morphCounts = {},
                      std::vector<float> restMorphWeights = {});

// Skeleton of all nodes of an imported model (see the note at the top). Morph counts come from
// each node's mesh: the largest target count of its primitives; default weights from the first
// primitive with targets (missing ones are 0). Errors when the model breaks its own contract
// (a parent after its child, an out-of-range mesh index), naming the model's sourcePath.
Result<Skeleton> skeletonFromModel(const assets::Model& model);

// The rest pose as a Pose.
Pose restPose(const Skeleton& skeleton);

// Model-space matrices: out[j] = out[parent] * local[j]. `out` must hold jointCount() entries.
void computeModelMatrices(const Skeleton& skeleton, std::span<const Transform> local,
                          std::span<glm::mat4> out);
std::vector<glm::mat4> modelMatrices(const Skeleton& skeleton, const Pose& pose);

// Model matrix of the parent of `joint` (identity for a root) given model matrices.
glm::mat4 parentMatrix(const Skeleton& skeleton, std::span<const glm::mat4> model,
                       std::int32_t joint);

// Writes the local rotation of `joint` so that its model-space rotation becomes `modelRotation`,
// given current model matrices (the parent's entry must be up to date). Updates model[joint]
// and nothing below it: call computeModelMatrices again before reading descendants.
void setModelRotation(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                      std::int32_t joint, const glm::quat& modelRotation);
// Same for the position of `joint` in model space.
void setModelTranslation(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                         std::int32_t joint, const glm::vec3& modelPosition);

}  // namespace sc::anim
