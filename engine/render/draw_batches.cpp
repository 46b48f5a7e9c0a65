#include "render/draw_batches.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

#include "render/frustum.hpp"

namespace sc::render {

std::size_t appendDrawRuns(std::span<const DrawItem> items, const Frustum* cull, std::vector<std::uint32_t>& slots,
                           std::vector<DrawRun>& runs) {
  std::size_t before = runs.size();
  DrawRun* open = nullptr;  // the run the next item may join (the last one appended here)
  for (const DrawItem& item : items) {
    if (cull && !cull->intersects(item.box)) continue;
    // An item culled between two others of the same primitive does not split their run: the
    // slot list only holds the drawn ones, so they are still neighbours there.
    if (open && open->model == item.model && open->primitive == item.primitive && open->shadowed == item.shadowed) {
      ++open->instanceCount;
    } else {
      runs.push_back({item.model, item.primitive, std::uint32_t(slots.size()), 1, item.shadowed});
      open = &runs.back();
    }
    slots.push_back(item.slot);
  }
  return runs.size() - before;
}

void sortOpaque(std::vector<DrawItem>& items) {
  std::sort(items.begin(), items.end(), [](const DrawItem& a, const DrawItem& b) {
    if (a.model != b.model || a.primitive->material != b.primitive->material)
      return std::tie(a.model, a.primitive->material) < std::tie(b.model, b.primitive->material);
    if (a.primitive != b.primitive) return std::less<const GpuPrimitive*>()(a.primitive, b.primitive);
    if (a.shadowed != b.shadowed) return a.shadowed;  // one run each, not alternating ones
    return a.depth < b.depth;
  });
}

void sortBlended(std::vector<DrawItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const DrawItem& a, const DrawItem& b) { return a.depth > b.depth; });
}

void sortCasters(std::vector<DrawItem>& items) {
  std::sort(items.begin(), items.end(), [](const DrawItem& a, const DrawItem& b) {
    if (a.model != b.model) return std::less<const GpuModel*>()(a.model, b.model);
    return std::less<const GpuPrimitive*>()(a.primitive, b.primitive);
  });
}

}  // namespace sc::render
