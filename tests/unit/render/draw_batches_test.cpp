#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>

#include <glm/gtc/matrix_transform.hpp>

#include "culling_fixtures.hpp"
#include "render/draw_batches.hpp"
#include "render/frustum.hpp"

namespace sc::render {

namespace {
assets::Bounds boxAt(glm::vec3 centre) { return test::boxAt(centre, 0.5f); }

// Batching only compares model pointers, it never reads a model: two distinct addresses stand
// for two uploaded models (a GpuModel needs a device).
struct FakeModels {
  alignas(GpuModel) std::byte storage[2][sizeof(GpuModel)];
  const GpuModel* operator[](int i) const { return reinterpret_cast<const GpuModel*>(storage[i]); }
};
}  // namespace

TEST(DrawBatches, NeighboursOfOnePrimitiveBecomeOneInstancedDraw) {
  FakeModels models;
  GpuPrimitive lamp, bench;
  std::vector<DrawItem> items{{models[0], &lamp, 7}, {models[0], &lamp, 3}, {models[0], &lamp, 9},
                              {models[0], &bench, 4}, {models[1], &bench, 5}, {models[0], &lamp, 1}};
  std::vector<std::uint32_t> slots{42};  // an earlier pass's list: the runs start after it
  std::vector<DrawRun> runs;
  EXPECT_EQ(appendDrawRuns(items, nullptr, slots, runs), 4u);
  EXPECT_EQ(slots, (std::vector<std::uint32_t>{42, 7, 3, 9, 4, 5, 1}));
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].primitive, &lamp);
  EXPECT_EQ(runs[0].firstSlot, 1u);
  EXPECT_EQ(runs[0].instanceCount, 3u);
  EXPECT_EQ(runs[1].primitive, &bench);
  EXPECT_EQ(runs[1].model, models[0]);
  EXPECT_EQ(runs[1].instanceCount, 1u);
  // The same primitive pointer in another model is another draw (other vertex buffers).
  EXPECT_EQ(runs[2].model, models[1]);
  EXPECT_EQ(runs[2].firstSlot, 5u);
  // Order is kept: the last lamp comes after the benches, so it is a draw of its own.
  EXPECT_EQ(runs[3].primitive, &lamp);
  EXPECT_EQ(runs[3].firstSlot, 6u);
  EXPECT_EQ(runs[3].instanceCount, 1u);
}

TEST(DrawBatches, ItemsOnPipelinesWithAndWithoutShadowsAreSeparateDraws) {
  FakeModels models;
  GpuPrimitive tile;
  std::vector<DrawItem> items{{models[0], &tile, 0}, {models[0], &tile, 1}, {models[0], &tile, 2}};
  items[0].shadowed = items[1].shadowed = true;
  items[2].shadowed = false;  // beyond the last cascade
  std::vector<std::uint32_t> slots;
  std::vector<DrawRun> runs;
  EXPECT_EQ(appendDrawRuns(items, nullptr, slots, runs), 2u);
  EXPECT_TRUE(runs[0].shadowed);
  EXPECT_EQ(runs[0].instanceCount, 2u);
  EXPECT_FALSE(runs[1].shadowed);
  // Sorting keeps each primitive's shadowed and unshadowed items apart, near to far in each.
  std::vector<DrawItem> mixed{{models[0], &tile, 0, 5.0f}, {models[0], &tile, 1, 1.0f}, {models[0], &tile, 2, 3.0f}};
  mixed[0].shadowed = mixed[2].shadowed = false;
  DrawSortScratch scratch;
  sortOpaque(mixed, scratch);
  EXPECT_TRUE(mixed[0].shadowed);
  EXPECT_EQ(mixed[1].slot, 2u);
  EXPECT_EQ(mixed[2].slot, 0u);
}

TEST(DrawBatches, CulledItemsAreLeftOutWithoutSplittingTheirRun) {
  FakeModels models;
  GpuPrimitive box;
  Frustum view = test::frustumDownMinusZ();
  std::vector<DrawItem> items{{models[0], &box, 0, 0, boxAt({0, 0, -5})},
                              {models[0], &box, 1, 0, boxAt({0, 0, 5})},  // behind the camera
                              {models[0], &box, 2, 0, boxAt({1, 0, -8})}};
  std::vector<std::uint32_t> slots;
  std::vector<DrawRun> runs;
  EXPECT_EQ(appendDrawRuns(items, &view, slots, runs), 1u);
  EXPECT_EQ(slots, (std::vector<std::uint32_t>{0, 2}));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].instanceCount, 2u);
  // Nothing inside: no draw at all.
  std::vector<DrawItem> behind{items[1]};
  EXPECT_EQ(appendDrawRuns(behind, &view, slots, runs), 0u);
  EXPECT_EQ(slots.size(), 2u);
}

TEST(DrawBatches, OpaqueOrderGroupsByMaterialThenPrimitiveThenFrontToBack) {
  FakeModels models;
  // Mesh 0: a wall and the roof; mesh 1: another wall of the walls' material.
  std::vector<std::vector<GpuPrimitive>> meshes(2);
  meshes[0].resize(2);
  meshes[1].resize(1);
  GpuPrimitive& wallA = meshes[0][0];
  GpuPrimitive& roof = meshes[0][1];
  GpuPrimitive& wallB = meshes[1][0];
  wallA.material = wallB.material = 0;
  roof.material = 1;
  EXPECT_EQ(assignDrawOrder(meshes), 3u);
  EXPECT_EQ(wallA.drawOrder, 0u);
  EXPECT_EQ(wallB.drawOrder, 1u);  // before the roof: the walls' material first
  EXPECT_EQ(roof.drawOrder, 2u);
  std::vector<DrawItem> items{{models[0], &roof, 0, 2.0f}, {models[0], &wallB, 1, 1.0f}, {models[0], &wallA, 2, 9.0f},
                              {models[0], &wallB, 3, 0.5f}, {models[0], &wallA, 4, 3.0f}};
  for (DrawItem& item : items) item.batch = item.primitive->drawOrder;
  DrawSortScratch scratch;
  sortOpaque(items, scratch);
  // Material 0 first; inside it each primitive's items together, near ones first.
  EXPECT_EQ(items[4].primitive, &roof);
  EXPECT_EQ(items[0].primitive, items[1].primitive);
  EXPECT_EQ(items[2].primitive, items[3].primitive);
  EXPECT_LT(items[0].depth, items[1].depth);
  EXPECT_LT(items[2].depth, items[3].depth);
  std::vector<std::uint32_t> slots;
  std::vector<DrawRun> runs;
  EXPECT_EQ(appendDrawRuns(items, nullptr, slots, runs), 3u);
}

TEST(DrawBatches, BlendedOrderIsBackToFrontAndKeepsTiesInTheirOrder) {
  FakeModels models;
  GpuPrimitive glass;
  std::vector<DrawItem> items{{models[0], &glass, 0, 1.0f}, {models[0], &glass, 1, 5.0f}, {models[0], &glass, 2, 5.0f},
                              {models[0], &glass, 3, 3.0f}, {models[0], &glass, 4, -2.0f}};
  DrawSortScratch scratch;
  sortBlended(items, scratch);
  EXPECT_EQ(items[0].slot, 1u);
  EXPECT_EQ(items[1].slot, 2u);
  EXPECT_EQ(items[2].slot, 3u);
  EXPECT_EQ(items[3].slot, 0u);
  EXPECT_EQ(items[4].slot, 4u);  // behind one eye, still drawn for the other: last
}

// The sorts order integer keys by radix; they must give what a stable comparison sort gives,
// over many items with every kind of depth (negative, zero of both signs, huge).
TEST(DrawBatches, RadixSortsAgreeWithAStableComparisonSort) {
  FakeModels models;
  GpuPrimitive prim;
  std::mt19937 random(7);
  std::uniform_int_distribution<std::uint32_t> batch(0, 300);
  std::uniform_real_distribution<float> depth(-50.0f, 5000.0f);
  std::vector<DrawItem> items;
  for (std::uint32_t i = 0; i < 20000; ++i) {
    DrawItem item{models[0], &prim, i, depth(random)};
    item.batch = i % 7 == 0 ? 70000 + batch(random) : batch(random);  // some batches past a byte
    item.shadowed = random() % 3 != 0;
    if (i % 500 == 0) item.depth = (i % 1000 == 0) ? -0.0f : 0.0f;
    if (i % 777 == 0) item.depth = 3.0e38f;
    if (i % 101 == 0) item.depth = items.empty() ? 1.0f : items[random() % items.size()].depth;  // ties
    items.push_back(item);
  }
  const auto slotsOf = [](const std::vector<DrawItem>& list) {
    std::vector<std::uint32_t> out;
    for (const DrawItem& item : list) out.push_back(item.slot);
    return out;
  };
  DrawSortScratch scratch;

  std::vector<DrawItem> opaque = items, expected = items;
  sortOpaque(opaque, scratch);
  std::stable_sort(expected.begin(), expected.end(), [](const DrawItem& a, const DrawItem& b) {
    if (a.batch != b.batch) return a.batch < b.batch;
    if (a.shadowed != b.shadowed) return a.shadowed;
    return a.depth < b.depth;
  });
  EXPECT_EQ(slotsOf(opaque), slotsOf(expected));

  std::vector<DrawItem> blended = items;
  expected = items;
  sortBlended(blended, scratch);
  std::stable_sort(expected.begin(), expected.end(), [](const DrawItem& a, const DrawItem& b) { return a.depth > b.depth; });
  EXPECT_EQ(slotsOf(blended), slotsOf(expected));

  std::vector<DrawItem> casters = items;
  expected = items;
  sortCasters(casters, scratch);
  std::stable_sort(expected.begin(), expected.end(), [](const DrawItem& a, const DrawItem& b) { return a.batch < b.batch; });
  EXPECT_EQ(slotsOf(casters), slotsOf(expected));
}

// A NaN depth (a model placed with a broken matrix) sorts to one end; every item stays, once.
TEST(DrawBatches, NanDepthsNeitherLoseNorRepeatItems) {
  FakeModels models;
  GpuPrimitive prim;
  std::vector<DrawItem> items;
  for (std::uint32_t i = 0; i < 100; ++i) {
    items.push_back({models[0], &prim, i, i % 3 == 0 ? std::numeric_limits<float>::quiet_NaN() : float(i)});
  }
  DrawSortScratch scratch;
  sortOpaque(items, scratch);
  std::vector<std::uint32_t> slots;
  for (const DrawItem& item : items) slots.push_back(item.slot);
  std::sort(slots.begin(), slots.end());
  for (std::uint32_t i = 0; i < 100; ++i) EXPECT_EQ(slots[i], i);
  // The numbers keep their order among themselves.
  float last = -1.0f;
  for (const DrawItem& item : items) {
    if (std::isnan(item.depth)) continue;
    EXPECT_GT(item.depth, last);
    last = item.depth;
  }
}

// Culling transforms every drawn primitive's box every frame, without visiting its 8 corners:
// the result must be the corners' box.
TEST(DrawBatches, WorldBoxOfATurnedScaledPrimitiveIsItsCornersBox) {
  assets::Bounds local;
  local.add(glm::vec3(-1.0f, 0.0f, -2.0f));
  local.add(glm::vec3(3.0f, 5.0f, 0.5f));
  glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(10.0f, -4.0f, 7.0f)) *
                glm::rotate(glm::mat4(1.0f), 0.7f, glm::normalize(glm::vec3(1.0f, 2.0f, -0.5f))) *
                glm::scale(glm::mat4(1.0f), glm::vec3(2.0f, 0.5f, -1.5f));
  assets::Bounds corners;
  for (int i = 0; i < 8; ++i) {
    glm::vec3 c((i & 1) ? local.max.x : local.min.x, (i & 2) ? local.max.y : local.min.y,
                (i & 4) ? local.max.z : local.min.z);
    corners.add(glm::vec3(m * glm::vec4(c, 1.0f)));
  }
  assets::Bounds world = local.transformed(m);
  for (int axis = 0; axis < 3; ++axis) {
    EXPECT_NEAR(world.min[axis], corners.min[axis], 1e-4f) << axis;
    EXPECT_NEAR(world.max[axis], corners.max[axis], 1e-4f) << axis;
  }
  EXPECT_FALSE(assets::Bounds{}.transformed(m).valid());  // an empty box stays empty
}

}  // namespace sc::render
