#include "anim/skeleton.hpp"

#include <algorithm>

#include "assets/model.hpp"

namespace sc::anim {

std::int32_t Skeleton::find(std::string_view name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<std::int32_t>(i);
  }
  return kNoJoint;
}

bool Skeleton::valid() const {
  const std::size_t n = parents.size();
  if (names.size() != n || restPose.size() != n || morphCounts.size() != n ||
      morphOffsets.size() != n) {
    return false;
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (parents[j] != kNoJoint && (parents[j] < 0 || parents[j] >= static_cast<std::int32_t>(j))) {
      return false;
    }
  }
  std::size_t total = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (morphOffsets[j] != total) return false;
    total += morphCounts[j];
  }
  return total == restMorphWeights.size();
}

Skeleton makeSkeleton(std::vector<std::string> names, std::vector<std::int32_t> parents,
                      std::vector<Transform> rest, std::vector<std::uint32_t> morphCounts,
                      std::vector<float> restMorphWeights) {
  Skeleton s;
  const std::size_t n = parents.size();
  if (morphCounts.empty()) morphCounts.assign(n, 0);
  s.names = std::move(names);
  s.parents = std::move(parents);
  s.restPose = std::move(rest);
  s.morphCounts = std::move(morphCounts);
  s.morphOffsets.resize(s.morphCounts.size());
  std::uint32_t offset = 0;
  for (std::size_t j = 0; j < s.morphCounts.size(); ++j) {
    s.morphOffsets[j] = offset;
    offset += s.morphCounts[j];
  }
  if (restMorphWeights.empty()) restMorphWeights.assign(offset, 0.0f);
  s.restMorphWeights = std::move(restMorphWeights);
  SC_CHECK(s.valid(), "makeSkeleton: inconsistent arrays or a parent listed after its child");
  return s;
}

Result<Skeleton> skeletonFromModel(const assets::Model& model) {
  const std::size_t n = model.nodes.size();
  std::vector<std::string> names(n);
  std::vector<std::int32_t> parents(n);
  std::vector<Transform> rest(n);
  std::vector<std::uint32_t> morphCounts(n, 0);
  std::vector<float> defaults;
  for (std::size_t j = 0; j < n; ++j) {
    const assets::Node& node = model.nodes[j];
    if (node.parent >= static_cast<std::int32_t>(j) || node.parent < -1) {
      return makeError("{}: node {} ('{}') has parent {}, which is not listed before it; the "
                       "importer must sort nodes parents-first",
                       model.sourcePath, j, node.name, node.parent);
    }
    names[j] = node.name;
    parents[j] = node.parent;
    rest[j] = Transform{node.translation, glm::normalize(node.rotation), node.scale};
    if (node.mesh < 0) continue;
    if (static_cast<std::size_t>(node.mesh) >= model.meshes.size()) {
      return makeError("{}: node {} ('{}') refers to mesh {} but the model has {} meshes",
                       model.sourcePath, j, node.name, node.mesh, model.meshes.size());
    }
    const assets::Mesh& mesh = model.meshes[static_cast<std::size_t>(node.mesh)];
    std::size_t count = 0;
    const assets::Primitive* withDefaults = nullptr;
    for (const auto& p : mesh.primitives) {
      count = std::max(count, p.morphTargets.size());
      if (!withDefaults && !p.morphTargets.empty()) withDefaults = &p;
    }
    morphCounts[j] = static_cast<std::uint32_t>(count);
    for (std::size_t k = 0; k < count; ++k) {
      const bool has = withDefaults && k < withDefaults->defaultMorphWeights.size();
      defaults.push_back(has ? withDefaults->defaultMorphWeights[k] : 0.0f);
    }
  }
  return makeSkeleton(std::move(names), std::move(parents), std::move(rest),
                      std::move(morphCounts), std::move(defaults));
}

Pose restPose(const Skeleton& skeleton) {
  return Pose{skeleton.restPose, skeleton.restMorphWeights};
}

void computeModelMatrices(const Skeleton& skeleton, std::span<const Transform> local,
                          std::span<glm::mat4> out) {
  SC_CHECK(local.size() == skeleton.jointCount() && out.size() == skeleton.jointCount(),
           "computeModelMatrices: {} local transforms / {} outputs for {} joints", local.size(),
           out.size(), skeleton.jointCount());
  for (std::size_t j = 0; j < local.size(); ++j) {
    const glm::mat4 m = local[j].matrix();
    const std::int32_t p = skeleton.parents[j];
    out[j] = p == kNoJoint ? m : out[static_cast<std::size_t>(p)] * m;
  }
}

std::vector<glm::mat4> modelMatrices(const Skeleton& skeleton, const Pose& pose) {
  std::vector<glm::mat4> out(skeleton.jointCount());
  computeModelMatrices(skeleton, pose.local, out);
  return out;
}

glm::mat4 parentMatrix(const Skeleton& skeleton, std::span<const glm::mat4> model,
                       std::int32_t joint) {
  const std::int32_t p = skeleton.parents[static_cast<std::size_t>(joint)];
  return p == kNoJoint ? glm::mat4(1.0f) : model[static_cast<std::size_t>(p)];
}

void setModelRotation(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                      std::int32_t joint, const glm::quat& modelRotation) {
  const auto j = static_cast<std::size_t>(joint);
  const glm::mat4 parent = parentMatrix(skeleton, model, joint);
  pose.local[j].rotation = glm::normalize(glm::inverse(rotationOf(parent)) * modelRotation);
  model[j] = parent * pose.local[j].matrix();
}

void setModelTranslation(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                         std::int32_t joint, const glm::vec3& modelPosition) {
  const auto j = static_cast<std::size_t>(joint);
  const glm::mat4 parent = parentMatrix(skeleton, model, joint);
  pose.local[j].translation = glm::vec3(glm::inverse(parent) * glm::vec4(modelPosition, 1.0f));
  model[j] = parent * pose.local[j].matrix();
}

}  // namespace sc::anim
