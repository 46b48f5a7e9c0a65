#pragma once
// Per-frame data the CPU writes and the GPU reads in the same frame (joint palettes, morph
// weights, per-draw records, draw lists): one storage buffer per frame slot, so the CPU never
// writes what a frame still in flight reads.
#include <cstddef>
#include <cstdint>

#include "gpu/device.hpp"

namespace sc::render {

class FrameStorage {
 public:
  // Records of `recordBytes` each; every slot starts with room for `initialRecords`.
  FrameStorage(std::size_t recordBytes, std::size_t initialRecords, const char* debugName)
      : recordBytes_(recordBytes), initialRecords_(initialRecords), debugName_(debugName) {}
  FrameStorage(const FrameStorage&) = delete;
  FrameStorage& operator=(const FrameStorage&) = delete;

  void create(gpu::Device& device);
  void destroy(gpu::Device& device);
  // Makes slot `slot` hold at least `records` records, grown by half again (never shrunk) so a
  // slowly growing scene does not replace it every frame. True when the buffer was replaced
  // (the old one is destroyed once the GPU is done with it): the caller must then rebuild the
  // bind group that points to it.
  bool reserve(gpu::Device& device, std::uint32_t slot, std::size_t records);
  gpu::BufferHandle buffer(std::uint32_t slot) const { return slots_[slot].buffer; }
  void* mapped(gpu::Device& device, std::uint32_t slot) const { return device.mappedPointer(slots_[slot].buffer); }

 private:
  struct Slot {
    gpu::BufferHandle buffer;
    std::size_t capacity = 0;
  };
  std::size_t recordBytes_;
  std::size_t initialRecords_;
  const char* debugName_;
  Slot slots_[gpu::kFramesInFlight];
};

}  // namespace sc::render
