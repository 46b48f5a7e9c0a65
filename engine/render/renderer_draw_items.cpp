// The frame's draw items (renderer.cpp's render() sorts, batches and records them): every live
// instance's primitives, culled against the views, each with one DrawConstants record.
#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include "render/renderer_impl.hpp"

namespace sc::render {

std::uint32_t Renderer::Impl::collectDrawItems(std::span<const ViewCamera> views, std::span<const Frustum> frustums,
                                               const ShadowReach* reach, const std::vector<std::int64_t>& jointBase,
                                               const std::vector<std::int64_t>& weightBase) {
  std::uint32_t culled = 0;
  lists.records.clear();
  lists.opaque.clear();
  lists.blended.clear();
  lists.casters.clear();
  // Batches: every model's primitives numbered back to back (addModel keeps the total below
  // 2^31, what the sort keys hold).
  lists.firstBatch.assign(models.size(), 0);
  std::uint32_t batches = 0;
  for (std::size_t m = 0; m < models.size(); ++m) {
    lists.firstBatch[m] = batches;
    if (models[m]) batches += models[m]->primitiveCount;
  }
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const Instance& inst = instances[i];
    if (!inst.live) continue;
    const GpuModel& model = *models[inst.model];
    for (const auto& placed : model.placements) {
      glm::mat4 world = inst.transform * placed.world;
      // A posed skinned mesh: its joints carry it (its node's transform is ignored, as glTF says).
      std::int64_t joints = -1, weights = -1;
      std::optional<assets::Bounds> posedBox;
      if (inst.posed && (placed.skin >= 0 || placed.morphCount > 0)) {
        std::span<const glm::mat4> skinJoints;
        if (placed.skin >= 0) {
          std::uint32_t first = model.skinJointOffsets[std::size_t(placed.skin)];
          skinJoints = std::span(inst.joints).subspan(first, model.skinJointCounts[std::size_t(placed.skin)]);
          joints = jointBase[i] + first;
          world = inst.transform;
        }
        float weightSum = 0.0f;
        if (placed.morphCount > 0) {
          weights = weightBase[i] + placed.morphOffset;
          for (std::uint32_t t = 0; t < placed.morphCount; ++t) weightSum += std::abs(inst.weights[placed.morphOffset + t]);
        }
        assets::Bounds local = posedBounds(placed.meshBounds, placed.morphReach, weightSum, skinJoints);
        posedBox = local.transformed(placed.skin >= 0 ? inst.transform : world);
      }
      for (const auto& prim : model.meshes[placed.mesh]) {
        // A skin record past the skin's joints would read another instance's matrices: rest pose.
        bool skinFits = placed.skin < 0 || prim.deform.maxJoint < model.skinJointCounts[std::size_t(placed.skin)];
        DrawConstants constants = skinFits ? deformConstants(world, prim.vertexOffset, prim.deform, joints, weights, placed.morphCount)
                                           : DrawConstants{inst.transform * placed.world};
        assets::Bounds box = posedBox && skinFits ? *posedBox : prim.bounds.transformed(constants.model);
        const GpuMaterial& material = model.materials[prim.material];
        bool casts = inst.castsShadow && material.alphaMode != assets::AlphaMode::Blend;
        bool visible = std::any_of(frustums.begin(), frustums.end(), [&](const Frustum& f) { return f.intersects(box); });
        if (!visible) ++culled;
        if (!visible && !casts) continue;
        DrawItem item{&model, &prim, std::uint32_t(lists.records.size()), 0.0f, box};
        item.batch = lists.firstBatch[inst.model] + prim.drawOrder;
        lists.records.push_back(constants);
        if (casts) lists.casters.push_back(item);
        if (!visible) continue;
        item.depth = -(views[0].view * glm::vec4(box.center(), 1.0f)).z;
        item.shadowed = !reach || reach->reaches(box);
        (material.alphaMode == assets::AlphaMode::Blend ? lists.blended : lists.opaque).push_back(item);
      }
    }
  }
  return culled;
}

}  // namespace sc::render
