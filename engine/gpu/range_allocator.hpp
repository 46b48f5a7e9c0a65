#pragma once
// Sub-allocates ranges of one large block (a VkDeviceMemory of the memory allocator): first fit
// over a sorted free list, neighbours coalesced on free. Pure bookkeeping, no Vulkan, so it is
// unit-tested without a GPU.
#include <cstdint>
#include <map>
#include <optional>

namespace sc::gpu {

class RangeAllocator {
 public:
  explicit RangeAllocator(std::uint64_t capacity);

  // Returns the offset of `size` bytes aligned to `alignment` (a power of two), or nothing when
  // no free range is large enough. size 0 is treated as 1.
  std::optional<std::uint64_t> allocate(std::uint64_t size, std::uint64_t alignment);
  // Frees a range returned by allocate (offset and the same size). Contract: must be allocated.
  void free(std::uint64_t offset, std::uint64_t size);

  std::uint64_t capacity() const { return capacity_; }
  std::uint64_t used() const { return used_; }
  std::size_t freeRangeCount() const { return free_.size(); }
  std::uint64_t largestFreeRange() const;

 private:
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  std::map<std::uint64_t, std::uint64_t> free_;  // offset -> size
  // Allocation start -> padding before it that was taken from the free range (given back on free).
  std::map<std::uint64_t, std::uint64_t> padding_;
};

}  // namespace sc::gpu
