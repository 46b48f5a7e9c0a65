#pragma once
// Instanced drawing: how a frame's visible primitives become as few draw commands as possible.
//
// Every primitive the frame draws (an instance's placement of a mesh primitive, seen by a view or
// casting a shadow) gets one DrawConstants record in the frame's draw data; a pass's draw list
// is a list of those records' indices ("slots"), and one drawIndexed covers a run of
// consecutive list entries that share a model, a primitive and a pipeline (DrawItem::shadowed):
// instanceCount is the run's length and firstInstance where it starts in the slot list, so the
// vertex shader finds its record at drawData[drawSlots[gl_InstanceIndex]]
// (shaders/draw_data.glsl). A city block of 10,000 copies of one lamp post is then one draw
// per pass instead of 10,000.
//
// Order is kept: a run only merges neighbours, so a list sorted back to front (blended
// surfaces) still draws back to front - instances of one draw are rasterised in instance order.
#include <cstdint>
#include <span>
#include <vector>

#include "assets/model.hpp"
#include "render/gpu_model.hpp"

namespace sc::render {

class Frustum;

// One primitive to draw this frame.
struct DrawItem {
  const GpuModel* model = nullptr;
  const GpuPrimitive* primitive = nullptr;
  std::uint32_t slot = 0;  // its DrawConstants in the frame's draw data
  float depth = 0.0f;      // view-space distance of its box's centre, for sorting
  assets::Bounds box;      // world space, for culling against the shadow cascades
  bool shadowed = true;    // a shadow cascade may reach it (render/shadow_reach.hpp)
  // Its primitive's place in the frame's draw order: the renderer numbers its models' primitives
  // back to back, each model's by GpuPrimitive::drawOrder. Equal for items of one primitive.
  std::uint32_t batch = 0;
};

// One instanced draw command.
struct DrawRun {
  const GpuModel* model = nullptr;
  const GpuPrimitive* primitive = nullptr;
  std::uint32_t firstSlot = 0;      // first entry of the run in the frame's slot list
  std::uint32_t instanceCount = 0;
  bool shadowed = true;  // its items' ShadowReach (a run never mixes the two)
};

// Appends the slots of `items` (in their order; only those inside `cull` when it is given) to
// `slots` and the draws that cover them to `runs`; returns how many runs it appended.
std::size_t appendDrawRuns(std::span<const DrawItem> items, const Frustum* cull, std::vector<std::uint32_t>& slots,
                           std::vector<DrawRun>& runs);

// Numbers the primitives of a model's meshes (GpuPrimitive::drawOrder) in the order their draws
// should come: by material (fewer state changes), then mesh, then place in the mesh. Returns
// how many primitives there are.
std::uint32_t assignDrawOrder(std::vector<std::vector<GpuPrimitive>>& meshes);

// The sorts' working memory, kept from frame to frame so that sorting allocates nothing. A frame
// of 100,000 props sorts 100,000 items per list; comparison sorts of the 56-byte items took 45%
// of the frame's CPU time, so the sorts below order 8-byte keys by radix instead (linear, and
// stable: equal keys keep the order the items were collected in, every frame the same).
struct DrawSortScratch {
  struct Entry {
    std::uint64_t key = 0;
    std::uint32_t index = 0;
  };
  std::vector<Entry> entries, spare;
  std::vector<DrawItem> items;
};

// Opaque order: by batch (model, material, primitive: fewer state changes, longer runs), then
// the items a shadow cascade may reach before the others (one run each, not alternating ones),
// then front to back (early depth rejects).
void sortOpaque(std::vector<DrawItem>& items, DrawSortScratch& scratch);
// Blended order: back to front; items at the same depth keep their order.
void sortBlended(std::vector<DrawItem>& items, DrawSortScratch& scratch);
// Shadow casters: by batch only (depth-only passes; the longest runs).
void sortCasters(std::vector<DrawItem>& items, DrawSortScratch& scratch);

}  // namespace sc::render
