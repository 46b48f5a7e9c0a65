#include "gpu/memory_allocator.hpp"

#include "gpu/vk_state.hpp"

namespace sc::gpu {

MemoryAllocator::MemoryAllocator(VkPhysicalDevice physical, VkDevice device, std::uint64_t blockSize)
    : device_(device), blockSize_(blockSize) {
  vkGetPhysicalDeviceMemoryProperties(physical, &properties_);
}

MemoryAllocator::~MemoryAllocator() {
  for (auto& block : blocks_) {
    if (block.memory == VK_NULL_HANDLE) continue;
    if (block.mapped) vkUnmapMemory(device_, block.memory);
    vkFreeMemory(device_, block.memory, nullptr);
  }
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

  bool dedicated = req.size > blockSize_ / 2;
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
  auto a = place(index);
  if (!a) return makeError("memory block of {} bytes cannot hold {} bytes", size, req.size);
  return *a;
}

void MemoryAllocator::free(const Allocation& allocation) {
  if (allocation.block < 0) return;
  Block& block = blocks_[std::size_t(allocation.block)];
  block.ranges->free(allocation.offset, allocation.size);
  // Give dedicated blocks back at once; keep shared blocks for reuse.
  if (block.dedicated) {
    if (block.mapped) vkUnmapMemory(device_, block.memory);
    vkFreeMemory(device_, block.memory, nullptr);
    block = Block{};
  }
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

}  // namespace sc::gpu
