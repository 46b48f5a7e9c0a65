#pragma once
// Device memory sub-allocation: one VkDeviceMemory block (64 MiB by default) per memory type and
// resource kind serves many buffers and images through a RangeAllocator, instead of one
// allocation per resource (drivers limit allocations to maxMemoryAllocationCount, often 4096).
// Buffers and images use separate blocks so bufferImageGranularity never matters.
//
// Large requests (at least blockSize / 64, 1 MiB by default: a landmark's textures, its vertex
// data, the staging buffers of their uploads) get a dedicated VkDeviceMemory of their own, freed
// when the resource is: a scene's bulk then really goes back to the driver when the scene is
// removed, instead of leaving pages of a kept shared block resident (on a CPU rasteriser device
// memory is process heap: a shared block touched at new offsets by each scene only grows RSS).
// Dedicated allocations are capped at a quarter of maxMemoryAllocationCount (at most 1024);
// past the cap, requests under half a block share blocks again. Requests over half a block are
// always dedicated. SC_GPU_DEDICATED_MIN (bytes; 0: only over half a block) in the environment
// when the allocator is made overrides the threshold, for before/after measurements.
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
  static constexpr std::uint64_t kDefaultBlockSize = 64ull << 20;
  MemoryAllocator(VkPhysicalDevice physical, VkDevice device, std::uint64_t blockSize = kDefaultBlockSize);
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

  // Device-local memory the CPU can map, in a heap of at least 1 GiB (resizable BAR on a
  // discrete GPU; every type on lavapipe): per-frame buffers go there.
  bool largeMappableDeviceMemory() const;

  std::size_t blockCount() const;
  // VkDeviceMemory allocations of one resource each (part of blockCount()).
  std::size_t dedicatedCount() const { return dedicatedCount_; }
  // Smallest request that gets a dedicated allocation (while under the cap).
  std::uint64_t dedicatedMinBytes() const { return dedicatedMin_; }
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
  std::uint64_t dedicatedMin_;
  std::size_t dedicatedCap_ = 0;
  std::size_t dedicatedCount_ = 0;
  std::vector<Block> blocks_;
  std::size_t liveAllocations_ = 0;
  std::uint64_t serial_ = 0;
  bool tracing_ = false;
  std::map<std::pair<std::int32_t, std::uint64_t>, Traced> traced_;  // (block, offset) -> record
};

}  // namespace sc::gpu
