#pragma once
// Device memory sub-allocation: one VkDeviceMemory block (64 MiB by default) per memory type and
// resource kind serves many buffers and images through a RangeAllocator, instead of one
// allocation per resource (drivers limit allocations to maxMemoryAllocationCount, often 4096).
// Buffers and images use separate blocks so bufferImageGranularity never matters.
// Requests larger than a block get a dedicated block of their own.
//
// Leak tracing: with tracing on (setTracing, or SC_GPU_MEMORY_TRACE=1 in the environment when
// the allocator is made) every live sub-allocation is kept with its size, a serial number and
// the call stack that made it; describeLive() lists them and the destructor reports any still
// live (memory no resource gave back). Off, it costs one branch per allocate/free. Whether
// tracing or not, the destructor warns when bytes are still in use: by then the device has
// destroyed every resource, so those bytes are sub-allocations whose free was lost.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
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
  // Gives every shared block that holds no sub-allocation back to the driver; returns the bytes
  // released. Shared blocks are otherwise kept for reuse, so a process stays at the most memory
  // any scene needed (on a CPU rasteriser that is heap the driver keeps). Call it where a scene
  // has been replaced and its resources are destroyed: a block freed here is allocated again
  // (vkAllocateMemory, fresh pages) by the next scene that needs it.
  std::uint64_t releaseEmptyBlocks();

  std::size_t blockCount() const;
  std::uint64_t bytesInUse() const;
  std::uint64_t bytesReserved() const;
  // Sub-allocations made and not freed yet (counted whether tracing or not).
  std::size_t liveAllocations() const { return liveAllocations_; }

  // Starts or stops keeping a record (size, serial, call stack) of each live sub-allocation;
  // starting forgets nothing but only sees allocations made from then on.
  void setTracing(bool on);
  bool tracing() const { return tracing_; }
  // One line per traced live sub-allocation, largest first: "block B offset O: N bytes,
  // allocation #S, from: frame | frame | ..." (frames as backtrace_symbols writes them; resolve
  // the "+0x..." offsets with addr2line -e BINARY). Empty when tracing is off.
  std::vector<std::string> describeLive() const;

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

  struct Traced {
    std::uint64_t size = 0;
    std::uint64_t serial = 0;
    std::vector<void*> stack;
  };
  Result<Allocation> allocateUntraced(const VkMemoryRequirements& requirements, VkMemoryPropertyFlags required,
                                      VkMemoryPropertyFlags preferred, ResourceKind kind);
  void traceAllocate(const Allocation& allocation);
  void traceFree(const Allocation& allocation);

  VkDevice device_;
  VkPhysicalDeviceMemoryProperties properties_{};
  std::uint64_t blockSize_;
  std::vector<Block> blocks_;
  std::size_t liveAllocations_ = 0;
  std::uint64_t serial_ = 0;
  bool tracing_ = false;
  std::map<std::pair<std::int32_t, std::uint64_t>, Traced> traced_;  // (block, offset) -> record
};

}  // namespace sc::gpu
