#include "render/frame_storage.hpp"

#include <algorithm>

namespace sc::render {

void FrameStorage::create(gpu::Device& device) {
  for (std::uint32_t s = 0; s < gpu::kFramesInFlight; ++s) (void)reserve(device, s, initialRecords_);
}

void FrameStorage::destroy(gpu::Device& device) {
  for (Slot& s : slots_) {
    device.destroyBuffer(s.buffer);
    s = {};
  }
}

bool FrameStorage::reserve(gpu::Device& device, std::uint32_t slot, std::size_t records) {
  Slot& s = slots_[slot];
  if (records <= s.capacity && s.buffer.valid()) return false;
  std::size_t capacity = std::max({records + records / 2, s.capacity, initialRecords_});
  device.destroyBuffer(s.buffer);
  s.buffer = device.createBuffer({capacity * recordBytes_, gpu::BufferUsage::Storage, gpu::MemoryUse::CpuToGpu, debugName_});
  s.capacity = capacity;
  return true;
}

}  // namespace sc::render
