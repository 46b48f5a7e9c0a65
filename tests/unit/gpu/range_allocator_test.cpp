#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "gpu/range_allocator.hpp"

namespace sc::gpu {

TEST(RangeAllocator, AlignsAndFillsTheBlock) {
  RangeAllocator ranges(1024);
  auto a = ranges.allocate(100, 1);
  auto b = ranges.allocate(100, 256);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, 0u);
  EXPECT_EQ(*b, 256u);  // aligned past the first allocation
  EXPECT_EQ(ranges.used(), 356u);
  EXPECT_FALSE(ranges.allocate(1024, 1));  // no room for a whole block any more
}

TEST(RangeAllocator, FreeCoalescesNeighbours) {
  RangeAllocator ranges(300);
  auto a = ranges.allocate(100, 1), b = ranges.allocate(100, 1), c = ranges.allocate(100, 1);
  ASSERT_TRUE(a && b && c);
  EXPECT_FALSE(ranges.allocate(1, 1));
  ranges.free(*a, 100);
  ranges.free(*c, 100);
  EXPECT_EQ(ranges.freeRangeCount(), 2u);
  ranges.free(*b, 100);
  EXPECT_EQ(ranges.freeRangeCount(), 1u);
  EXPECT_EQ(ranges.largestFreeRange(), 300u);
  EXPECT_EQ(ranges.used(), 0u);
}

TEST(RangeAllocator, PaddingIsReturnedOnFree) {
  RangeAllocator ranges(4096);
  auto small = ranges.allocate(10, 1);
  auto aligned = ranges.allocate(10, 1024);
  ASSERT_TRUE(small && aligned);
  EXPECT_EQ(*aligned, 1024u);
  ranges.free(*aligned, 10);
  ranges.free(*small, 10);
  EXPECT_EQ(ranges.used(), 0u);
  EXPECT_EQ(ranges.largestFreeRange(), 4096u);
}

TEST(RangeAllocator, RandomWorkloadNeverOverlapsAndReturnsEverything) {
  RangeAllocator ranges(1 << 20);
  std::mt19937 rng(7);
  struct Live { std::uint64_t offset, size; };
  std::vector<Live> live;
  for (int step = 0; step < 20000; ++step) {
    if (live.empty() || rng() % 3 != 0) {
      std::uint64_t size = 1 + rng() % 5000;
      std::uint64_t alignment = 1ull << (rng() % 9);
      if (auto offset = ranges.allocate(size, alignment)) {
        EXPECT_EQ(*offset % alignment, 0u);
        for (const auto& other : live) {
          bool disjoint = *offset + size <= other.offset || other.offset + other.size <= *offset;
          ASSERT_TRUE(disjoint) << "overlap at step " << step;
        }
        live.push_back({*offset, size});
      }
    } else {
      std::size_t index = rng() % live.size();
      ranges.free(live[index].offset, live[index].size);
      live.erase(live.begin() + std::ptrdiff_t(index));
    }
  }
  for (const auto& l : live) ranges.free(l.offset, l.size);
  EXPECT_EQ(ranges.used(), 0u);
  EXPECT_EQ(ranges.freeRangeCount(), 1u);
}

}  // namespace sc::gpu
