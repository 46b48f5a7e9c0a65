#include "gpu/memory_allocator.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

#if defined(__GLIBC__)
#include <execinfo.h>
#endif

#include "gpu/vk_state.hpp"

namespace sc::gpu {

namespace {
constexpr int kTracedFrames = 14;
// Dedicated allocations: requests of at least 1/64 of a block (1 MiB: the size from which the
// heap set up for long runs, core/heap.hpp, maps and unmaps blocks itself, so lavapipe's memory
// for them really leaves the process), at most a quarter of the driver's allocation count
// (maxMemoryAllocationCount is 4096 on many GPUs) and never over 1024. Measured on the hub (148
// textures, 42 buffers): 63% of its bytes dedicated at 1 MiB, 28% at 4 MiB.
constexpr std::uint64_t kDedicatedBlockFraction = 64;
constexpr std::size_t kMaxDedicated = 1024;
}  // namespace

MemoryAllocator::MemoryAllocator(VkPhysicalDevice physical, VkDevice device, std::uint64_t blockSize)
    : device_(device), blockSize_(blockSize), dedicatedMin_(std::max<std::uint64_t>(blockSize / kDedicatedBlockFraction, 1)) {
  vkGetPhysicalDeviceMemoryProperties(physical, &properties_);
  VkPhysicalDeviceProperties deviceProperties{};
  vkGetPhysicalDeviceProperties(physical, &deviceProperties);
  dedicatedCap_ = std::min<std::size_t>(kMaxDedicated, deviceProperties.limits.maxMemoryAllocationCount / 4);
  // For before/after measurements (the soak): SC_GPU_DEDICATED_MIN=0 turns dedicated allocations
  // of less than half a block off, any other number of bytes sets the threshold.
  if (const char* min = std::getenv("SC_GPU_DEDICATED_MIN"); min && *min) {
    char* end = nullptr;
    unsigned long long bytes = std::strtoull(min, &end, 10);
    if (end && *end == '\0') dedicatedMin_ = bytes == 0 ? blockSize_ : bytes;
  }
  const char* trace = std::getenv("SC_GPU_MEMORY_TRACE");
  tracing_ = trace && *trace && std::strcmp(trace, "0") != 0;
  for (std::uint32_t i = 0; i < properties_.memoryTypeCount; ++i) {
    VkMemoryPropertyFlags f = properties_.memoryTypes[i].propertyFlags;
    spdlog::debug("gpu: memory type {}: heap {}{}{}{}{}", i, properties_.memoryTypes[i].heapIndex,
                  f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT ? " device-local" : "",
                  f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT ? " host-visible" : "",
                  f & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT ? " coherent" : "",
                  f & VK_MEMORY_PROPERTY_HOST_CACHED_BIT ? " cached" : "");
  }
}

MemoryAllocator::~MemoryAllocator() {
  // The device frees every resource (and runs every deferred destruction) before it destroys
  // the allocator, so what is still in use here was allocated and never given back.
  if (std::uint64_t left = bytesInUse(); left > 0) {
    spdlog::warn("gpu: device memory allocator destroyed with {} bytes in {} sub-allocation(s) never freed{}", left,
                 liveAllocations_, tracing_ ? ":" : " (SC_GPU_MEMORY_TRACE=1 names where they were made)");
    for (const auto& line : describeLive()) spdlog::warn("gpu:   {}", line);
  }
  for (auto& block : blocks_) {
    if (block.memory == VK_NULL_HANDLE) continue;
    if (block.mapped) vkUnmapMemory(device_, block.memory);
    vkFreeMemory(device_, block.memory, nullptr);
  }
}

bool MemoryAllocator::largeMappableDeviceMemory() const {
  constexpr VkMemoryPropertyFlags kWanted =
      VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  constexpr VkDeviceSize kLargeHeap = VkDeviceSize(1) << 30;
  for (std::uint32_t i = 0; i < properties_.memoryTypeCount; ++i) {
    const VkMemoryType& type = properties_.memoryTypes[i];
    if ((type.propertyFlags & kWanted) == kWanted && properties_.memoryHeaps[type.heapIndex].size >= kLargeHeap) return true;
  }
  return false;
}

Result<std::uint32_t> MemoryAllocator::findMemoryType(std::uint32_t typeBits,
                                                      VkMemoryPropertyFlags required,
                                                      VkMemoryPropertyFlags preferred) const {
  for (VkMemoryPropertyFlags wanted : {required | preferred, required}) {
    for (std::uint32_t i = 0; i < properties_.memoryTypeCount; ++i) {
      if ((typeBits & (1u << i)) && (properties_.memoryTypes[i].propertyFlags & wanted) == wanted) {
        return i;
      }
    }
  }
  return makeError("no Vulkan memory type fits (type bits {:#x}, flags {:#x})", typeBits, required);
}

Result<Allocation> MemoryAllocator::allocate(const VkMemoryRequirements& req,
                                             VkMemoryPropertyFlags required,
                                             VkMemoryPropertyFlags preferred, ResourceKind kind) {
  auto allocation = allocateUntraced(req, required, preferred, kind);
  if (allocation) {
    ++liveAllocations_;
    ++serial_;
    if (tracing_) traceAllocate(*allocation);
  }
  return allocation;
}

Result<Allocation> MemoryAllocator::allocateUntraced(const VkMemoryRequirements& req,
                                                     VkMemoryPropertyFlags required,
                                                     VkMemoryPropertyFlags preferred, ResourceKind kind) {
  auto type = findMemoryType(req.memoryTypeBits, required, preferred);
  if (!type) return type.error();
  bool hostVisible = properties_.memoryTypes[*type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;

  auto place = [&](std::size_t index) -> std::optional<Allocation> {
    Block& block = blocks_[index];
    auto offset = block.ranges->allocate(req.size, std::max<VkDeviceSize>(req.alignment, 1));
    if (!offset) return std::nullopt;
    Allocation a;
    a.memory = block.memory;
    a.offset = *offset;
    a.size = req.size;
    a.block = std::int32_t(index);
    a.mapped = block.mapped ? static_cast<std::byte*>(block.mapped) + *offset : nullptr;
    return a;
  };

  // Over half a block: always its own. From dedicatedMin_: its own while under the cap, so that
  // destroying it gives the memory back rather than leaving a hole in a kept block.
  bool dedicated = req.size > blockSize_ / 2 || (req.size >= dedicatedMin_ && dedicatedCount_ < dedicatedCap_);
  if (!dedicated) {
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      const Block& b = blocks_[i];
      if (b.memory == VK_NULL_HANDLE || b.dedicated || b.memoryType != *type || b.kind != kind)
        continue;
      if (auto a = place(i)) return *a;
    }
  }

  Block block;
  block.memoryType = *type;
  block.kind = kind;
  block.dedicated = dedicated;
  std::uint64_t size = dedicated ? req.size : blockSize_;
  VkMemoryAllocateInfo info{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  info.allocationSize = size;
  info.memoryTypeIndex = *type;
  SC_VK_TRY(vkAllocateMemory(device_, &info, nullptr, &block.memory));
  if (hostVisible) SC_VK_TRY(vkMapMemory(device_, block.memory, 0, VK_WHOLE_SIZE, 0, &block.mapped));
  block.ranges = std::make_unique<RangeAllocator>(size);

  std::size_t index = blocks_.size();
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    if (blocks_[i].memory == VK_NULL_HANDLE) { index = i; break; }
  }
  if (index == blocks_.size()) blocks_.push_back(std::move(block));
  else blocks_[index] = std::move(block);
  if (dedicated) ++dedicatedCount_;
  auto a = place(index);
  if (!a) return makeError("memory block of {} bytes cannot hold {} bytes", size, req.size);
  return *a;
}

void MemoryAllocator::free(const Allocation& allocation) {
  if (allocation.block < 0) return;
  if (liveAllocations_ > 0) --liveAllocations_;
  if (tracing_) traceFree(allocation);
  Block& block = blocks_[std::size_t(allocation.block)];
  block.ranges->free(allocation.offset, allocation.size);
  // Give dedicated blocks back at once; keep shared blocks for reuse.
  if (block.dedicated) {
    if (block.mapped) vkUnmapMemory(device_, block.memory);
    vkFreeMemory(device_, block.memory, nullptr);
    block = Block{};
    --dedicatedCount_;
  }
}

std::uint64_t MemoryAllocator::releaseEmptyBlocks() {
  std::uint64_t released = 0;
  for (Block& block : blocks_) {
    if (block.memory == VK_NULL_HANDLE || block.dedicated || block.ranges->used() != 0) continue;
    released += block.ranges->capacity();
    if (block.mapped) vkUnmapMemory(device_, block.memory);
    vkFreeMemory(device_, block.memory, nullptr);
    block = Block{};
  }
  return released;
}

std::size_t MemoryAllocator::blockCount() const {
  std::size_t n = 0;
  for (const auto& b : blocks_) n += b.memory != VK_NULL_HANDLE;
  return n;
}

std::uint64_t MemoryAllocator::bytesInUse() const {
  std::uint64_t n = 0;
  for (const auto& b : blocks_) if (b.ranges) n += b.ranges->used();
  return n;
}

std::uint64_t MemoryAllocator::bytesReserved() const {
  std::uint64_t n = 0;
  for (const auto& b : blocks_) if (b.ranges) n += b.ranges->capacity();
  return n;
}

void MemoryAllocator::setTracing(bool on) {
  tracing_ = on;
  if (!on) traced_.clear();
}

void MemoryAllocator::traceAllocate(const Allocation& allocation) {
  Traced t;
  t.size = allocation.size;
  t.serial = serial_;
#if defined(__GLIBC__)
  void* frames[kTracedFrames + 2];
  int n = backtrace(frames, kTracedFrames + 2);
  // Skip this function and allocate(): the first frame kept is the allocator's caller.
  if (n > 2) t.stack.assign(frames + 2, frames + n);
#endif
  traced_[{allocation.block, allocation.offset}] = std::move(t);
}

void MemoryAllocator::traceFree(const Allocation& allocation) {
  auto it = traced_.find({allocation.block, allocation.offset});
  if (it == traced_.end()) return;  // made before tracing started
  if (it->second.size != allocation.size) {
    spdlog::warn("gpu: free of block {} offset {} with {} bytes; it was allocated with {} (allocation #{})",
                 allocation.block, allocation.offset, allocation.size, it->second.size, it->second.serial);
  }
  traced_.erase(it);
}

std::vector<std::string> MemoryAllocator::describeLive() const {
  std::vector<const std::pair<const std::pair<std::int32_t, std::uint64_t>, Traced>*> live;
  for (const auto& entry : traced_) live.push_back(&entry);
  std::sort(live.begin(), live.end(), [](auto* a, auto* b) { return a->second.size > b->second.size; });
  std::vector<std::string> lines;
  for (auto* entry : live) {
    const Traced& t = entry->second;
    std::string line = "block " + std::to_string(entry->first.first) + " offset " + std::to_string(entry->first.second) +
                       ": " + std::to_string(t.size) + " bytes, allocation #" + std::to_string(t.serial) + ", from:";
#if defined(__GLIBC__)
    if (!t.stack.empty()) {
      char** names = backtrace_symbols(t.stack.data(), int(t.stack.size()));
      for (std::size_t i = 0; names && i < t.stack.size(); ++i) line += std::string(i ? " | " : " ") + names[i];
      std::free(names);
    }
#endif
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace sc::gpu
