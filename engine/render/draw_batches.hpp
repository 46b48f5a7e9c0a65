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

// Opaque order: by model and material (fewer state changes), then primitive (longer runs), then
// front to back (early depth rejects).
void sortOpaque(std::vector<DrawItem>& items);
// Blended order: back to front.
void sortBlended(std::vector<DrawItem>& items);
// Shadow casters: by model and primitive only (depth-only passes; the longest runs).
void sortCasters(std::vector<DrawItem>& items);

}  // namespace sc::render
