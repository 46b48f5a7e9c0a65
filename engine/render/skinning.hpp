#pragma once
// GPU skinning and morph targets, the renderer's side (shaders/skinning.glsl is the other):
//  - per model, once: each skinned primitive's joints and weights (SkinVertexGpu) and each
//    morphed primitive's position and normal deltas (MorphDeltaGpu, vertex-major) packed into
//    two storage buffers that sit next to the model's materials;
//  - per frame, once: every posed instance's joint matrices and morph weights copied into the
//    frame slot's two storage buffers (render/frame_storage.hpp), read by every view and by the
//    shadow pass.
// Render-internal: no Vulkan types, but not part of the renderer's public API either.
#include <cstdint>
#include <span>
#include <vector>

#include "assets/model.hpp"
#include "render/gpu_layouts.hpp"

namespace sc::render {

// Where a primitive's deformation records are, filled by packDeform.
struct PrimitiveDeform {
  std::int32_t skinBase = -1;      // first SkinVertexGpu; -1: not skinned
  std::uint32_t maxJoint = 0;      // largest joint index any vertex uses with a weight
  std::uint32_t morphTargets = 0;  // targets stored (0: no morphs)
  std::uint32_t morphBase = 0;     // first MorphDeltaGpu
  float morphReach = 0.0f;         // longest position delta of any target (metres), for bounds
};

struct DeformBuffers {
  std::vector<SkinVertexGpu> skinVertices;
  std::vector<MorphDeltaGpu> morphDeltas;
};

// Appends `primitive`'s skin records (when its skin has one entry per vertex) and morph deltas
// (targets whose delta lists are shorter than the vertices count as zero there).
PrimitiveDeform packDeform(const assets::Primitive& primitive, DeformBuffers& out);

// A box that holds every vertex of a mesh whose rest box is `rest`, morphed by deltas no longer
// than `morphReach` (times the summed weights' magnitudes) and skinned by any convex blend of
// `joints`: the union of the rest box pushed through each joint matrix (a blended vertex lies in
// the convex hull of its joints' images). Model space.
assets::Bounds posedBounds(const assets::Bounds& rest, float morphReach, float weightSum,
                           std::span<const glm::mat4> joints);

// The per-draw record of one primitive (see DrawConstants).
// jointBase: first joint of the draw's skin in the frame palette, or -1 (draw unskinned);
// weightBase: first of the mesh's morph weights in the frame, or -1 (no morphs); weightCount:
// how many weights the mesh has there (fewer than the primitive's targets: no morphs).
DrawConstants deformConstants(const glm::mat4& model, std::int32_t vertexOffset, const PrimitiveDeform& deform,
                              std::int64_t jointBase, std::int64_t weightBase, std::uint32_t weightCount);

}  // namespace sc::render
