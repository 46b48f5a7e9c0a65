#pragma once
// Device memory sub-allocation: one VkDeviceMemory block (64 MiB by default) per memory type and
// resource kind serves many buffers and images through a RangeAllocator, instead of one
// allocation per resource (drivers limit allocations to maxMemoryAllocationCount, often 4096).
// Buffers and images use separate blocks so bufferImageGranularity never matters.
// Requests larger than a block get a dedicated block of their own.
#include <cstdint>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/result.hpp"
#include "gpu/range_allocator.hpp"

namespace sc::gpu {

struct Allocation {
  VkDeviceMemory memory = VK_NULL_HANDLE;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  void* mapped = nullptr;  // for host-visible memory: mapped pointer at `offset`
  std::int32_t block = -1;
};

enum class ResourceKind : std::uint8_t { Buffer, Image };

class MemoryAllocator {
 public:
  MemoryAllocator(VkPhysicalDevice physical, VkDevice device, std::uint64_t blockSize = 64ull << 20);
  ~MemoryAllocator();

  Result<Allocation> allocate(const VkMemoryRequirements& requirements,
                              VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred,
                              ResourceKind kind);
  void free(const Allocation& allocation);

  std::size_t blockCount() const;
  std::uint64_t bytesInUse() const;
  std::uint64_t bytesReserved() const;

 private:
  struct Block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    std::uint32_t memoryType = 0;
    ResourceKind kind = ResourceKind::Buffer;
    std::unique_ptr<RangeAllocator> ranges;
    void* mapped = nullptr;
    bool dedicated = false;
  };
  Result<std::uint32_t> findMemoryType(std::uint32_t typeBits, VkMemoryPropertyFlags required,
                                       VkMemoryPropertyFlags preferred) const;

  VkDevice device_;
  VkPhysicalDeviceMemoryProperties properties_{};
  std::uint64_t blockSize_;
  std::vector<Block> blocks_;
};

}  // namespace sc::gpu
