#include "render/draw_batches.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

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

std::uint32_t assignDrawOrder(std::vector<std::vector<GpuPrimitive>>& meshes) {
  std::vector<GpuPrimitive*> order;
  for (auto& mesh : meshes)
    for (auto& prim : mesh) order.push_back(&prim);
  std::stable_sort(order.begin(), order.end(),
                   [](const GpuPrimitive* a, const GpuPrimitive* b) { return a->material < b->material; });
  for (std::size_t i = 0; i < order.size(); ++i) order[i]->drawOrder = std::uint32_t(i);
  return std::uint32_t(order.size());
}

namespace {

using Entry = DrawSortScratch::Entry;

// A float's bits as an unsigned number in the float's own order (the negative ones reversed and
// below the positive ones; -0 is 0). A NaN depth lands at one end instead of breaking the sort.
std::uint32_t orderedBits(float value) {
  const auto bits = std::bit_cast<std::uint32_t>(value == 0.0f ? 0.0f : value);
  return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

// Stable LSD radix sort on the keys, one byte per pass. A byte that is the same in every key
// moves nothing and is skipped: batches are small numbers, so most high bytes are. Returns
// false when no pass was needed (every key the same: the entries are in order already).
bool radixSort(std::vector<Entry>& entries, std::vector<Entry>& spare) {
  const std::size_t n = entries.size();
  if (n < 2) return false;
  std::array<std::array<std::size_t, 256>, 8> counts{};
  for (const Entry& e : entries) {
    for (std::size_t byte = 0; byte < 8; ++byte) ++counts[byte][(e.key >> (8 * byte)) & 0xFFu];
  }
  spare.resize(n);
  bool moved = false;
  for (std::size_t byte = 0; byte < 8; ++byte) {
    auto& count = counts[byte];
    if (count[(entries[0].key >> (8 * byte)) & 0xFFu] == n) continue;
    std::size_t offset = 0;
    for (std::size_t& c : count) offset += std::exchange(c, offset);
    for (const Entry& e : entries) spare[count[(e.key >> (8 * byte)) & 0xFFu]++] = e;
    entries.swap(spare);
    moved = true;
  }
  return moved;
}

template <typename KeyOf>
void sortByKey(std::vector<DrawItem>& items, DrawSortScratch& scratch, KeyOf keyOf) {
  scratch.entries.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) scratch.entries[i] = {keyOf(items[i]), std::uint32_t(i)};
  if (!radixSort(scratch.entries, scratch.spare)) return;  // one key (one primitive's casters)
  scratch.items.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) scratch.items[i] = items[scratch.entries[i].index];
  items.swap(scratch.items);
}

}  // namespace

void sortOpaque(std::vector<DrawItem>& items, DrawSortScratch& scratch) {
  sortByKey(items, scratch, [](const DrawItem& item) {
    return std::uint64_t(item.batch) << 33 | std::uint64_t(item.shadowed ? 0 : 1) << 32 | orderedBits(item.depth);
  });
}

void sortBlended(std::vector<DrawItem>& items, DrawSortScratch& scratch) {
  sortByKey(items, scratch, [](const DrawItem& item) { return std::uint64_t(~orderedBits(item.depth)); });
}

void sortCasters(std::vector<DrawItem>& items, DrawSortScratch& scratch) {
  sortByKey(items, scratch, [](const DrawItem& item) { return std::uint64_t(item.batch); });
}

}  // namespace sc::render
