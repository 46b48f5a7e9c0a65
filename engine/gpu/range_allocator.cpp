#include "gpu/range_allocator.hpp"

#include <algorithm>

#include "core/result.hpp"

namespace sc::gpu {

RangeAllocator::RangeAllocator(std::uint64_t capacity) : capacity_(capacity) {
  if (capacity > 0) free_[0] = capacity;
}

std::optional<std::uint64_t> RangeAllocator::allocate(std::uint64_t size, std::uint64_t alignment) {
  SC_CHECK(alignment != 0 && (alignment & (alignment - 1)) == 0, "alignment {} not a power of 2",
           alignment);
  size = std::max<std::uint64_t>(size, 1);
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    std::uint64_t start = it->first;
    std::uint64_t rangeSize = it->second;
    std::uint64_t aligned = (start + alignment - 1) & ~(alignment - 1);
    std::uint64_t pad = aligned - start;
    if (pad > rangeSize || rangeSize - pad < size) continue;
    free_.erase(it);
    std::uint64_t tail = rangeSize - pad - size;
    if (tail > 0) free_[aligned + size] = tail;
    if (pad > 0) padding_[aligned] = pad;
    used_ += pad + size;
    return aligned;
  }
  return std::nullopt;
}

void RangeAllocator::free(std::uint64_t offset, std::uint64_t size) {
  size = std::max<std::uint64_t>(size, 1);
  std::uint64_t start = offset;
  if (auto pad = padding_.find(offset); pad != padding_.end()) {
    start -= pad->second;
    size += pad->second;
    padding_.erase(pad);
  }
  SC_CHECK(start + size <= capacity_ && used_ >= size, "free of a range never allocated");
  used_ -= size;
  auto next = free_.lower_bound(start);
  SC_CHECK(next == free_.end() || next->first >= start + size, "double free at {}", offset);
  // Merge with the following free range.
  if (next != free_.end() && next->first == start + size) {
    size += next->second;
    next = free_.erase(next);
  }
  // Merge with the preceding free range.
  if (next != free_.begin()) {
    auto prev = std::prev(next);
    SC_CHECK(prev->first + prev->second <= start, "double free at {}", offset);
    if (prev->first + prev->second == start) {
      prev->second += size;
      return;
    }
  }
  free_[start] = size;
}

std::uint64_t RangeAllocator::largestFreeRange() const {
  std::uint64_t largest = 0;
  for (const auto& [offset, size] : free_) largest = std::max(largest, size);
  return largest;
}

}  // namespace sc::gpu
