#pragma once
// Vulkan-side state of a Device. Included only by engine/gpu/*.cpp: this is the one place where
// Vulkan types are visible.
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu/device.hpp"
#include "gpu/memory_allocator.hpp"

namespace sc::gpu {

// Turns a VkResult into an error message with the call that failed; never asserts.
std::string vkResultName(VkResult result);
#define SC_VK_TRY(call)                                                                  \
  do {                                                                                   \
    VkResult scVkResult_ = (call);                                                       \
    if (scVkResult_ != VK_SUCCESS)                                                       \
      return ::sc::makeError("Vulkan call {} failed: {} ({}:{})", #call,                 \
                             ::sc::gpu::vkResultName(scVkResult_), __FILE__, __LINE__);  \
  } while (0)

// A table of records addressed by handle ids; id 0 is never used, freed ids are reused.
template <typename Record>
class HandleTable {
 public:
  HandleTable() : records_(1) {}
  std::uint32_t add(Record record) {
    if (!freeIds_.empty()) {
      std::uint32_t id = freeIds_.back();
      freeIds_.pop_back();
      records_[id] = std::move(record);
      live_[id] = true;
      return id;
    }
    records_.push_back(std::move(record));
    live_.push_back(true);
    return std::uint32_t(records_.size() - 1);
  }
  Record& get(std::uint32_t id) {
    SC_CHECK(id != 0 && id < records_.size() && live_[id], "invalid GPU handle {}", id);
    return records_[id];
  }
  void remove(std::uint32_t id) {
    get(id);
    live_[id] = false;
    records_[id] = Record{};
    freeIds_.push_back(id);
  }
  template <typename Fn>
  void forEachLive(Fn&& fn) {
    for (std::uint32_t id = 1; id < records_.size(); ++id)
      if (live_[id]) fn(id, records_[id]);
  }
  std::size_t liveCount() const {
    std::size_t n = 0;
    for (std::size_t i = 1; i < live_.size(); ++i) n += live_[i] ? 1 : 0;
    return n;
  }

 private:
  std::vector<Record> records_;
  std::vector<bool> live_{false};
  std::vector<std::uint32_t> freeIds_;
};

struct BufferRecord {
  VkBuffer buffer = VK_NULL_HANDLE;
  Allocation allocation;
  BufferDesc desc;
};

struct TextureRecord {
  VkImage image = VK_NULL_HANDLE;
  Allocation allocation;
  TextureDesc desc;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkImageView sampledView = VK_NULL_HANDLE;   // all layers and mips
  VkImageView attachmentView = VK_NULL_HANDLE;  // all layers, mip 0 (multiview passes)
  std::vector<VkImageView> layerViews;        // one layer, mip 0 (shadow cascades)
  VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
  bool ownsImage = true;  // false for swapchain images
};

struct PipelineRecord {
  VkPipeline pipeline = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  std::uint32_t pushConstantBytes = 0;
};

struct BindGroupLayoutRecord {
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  BindGroupLayoutDesc desc;
};

struct BindGroupRecord {
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
};

struct StagedCopy {
  BufferHandle staging;
  BufferHandle dstBuffer;
  std::uint64_t dstOffset = 0;
  TextureHandle dstTexture;
  std::vector<VkBufferImageCopy> regions;
  std::uint32_t mipLevels = 0;
  std::uint64_t size = 0;
};

struct FrameSlot {
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  VkCommandBuffer uploads = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
  VkQueryPool timestamps = VK_NULL_HANDLE;
  bool timestampsWritten = false;
  bool submitted = false;
  // Destroyed once this slot's fence has signalled again: the GPU may still use them until then.
  std::vector<std::function<void()>> garbage;
};

struct DeviceState {
  DeviceOptions options;
  DeviceInfo info;
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties{};
  VkPhysicalDeviceFeatures enabledFeatures{};
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t queueFamily = 0;
  VkPipelineCache pipelineCache = VK_NULL_HANDLE;
  std::unique_ptr<MemoryAllocator> memory;
  std::vector<VkDescriptorPool> descriptorPools;
  std::uint32_t validationErrors = 0;

  HandleTable<BufferRecord> buffers;
  HandleTable<TextureRecord> textures;
  HandleTable<PipelineRecord> pipelines;
  HandleTable<BindGroupLayoutRecord> bindGroupLayouts;
  HandleTable<BindGroupRecord> bindGroups;
  std::vector<std::pair<SamplerDesc, VkSampler>> samplers;
  std::uint32_t samplerIds = 0;
  std::vector<VkSampler> samplerById{VK_NULL_HANDLE};

  std::vector<StagedCopy> pendingUploads;
  FrameSlot frames[kFramesInFlight];
  std::uint32_t frameSlot = 0;
  bool frameOpen = false;
  double lastGpuFrameMs = -1.0;
  std::unique_ptr<CommandList> commandList;
  VkCommandBuffer recording = VK_NULL_HANDLE;  // the frame command buffer being recorded
  PipelineRecord* boundPipeline = nullptr;
  // Semaphores the next submitFrame waits on and signals (a window swapchain's acquire and
  // render-finished semaphores); submitFrame clears them.
  std::vector<VkSemaphore> submitWait, submitSignal;
  std::vector<VkPipelineStageFlags> submitWaitStages;
  // XR depth composition (vk_interop.cpp, setDepthExport): passes named depthExportPass render
  // their depth into depthExportTargets, one per pass in recording order.
  std::string depthExportPass;
  std::vector<TextureHandle> depthExportTargets;
  std::uint32_t depthExportsDone = 0;

  // Frees everything in the right order; called by ~Device.
  void destroyAll();
  // Defers a destruction until the GPU is done with the current frame slot.
  void deferDestroy(std::function<void()> fn);
  void recordUploads(VkCommandBuffer cmd);
  void transition(VkCommandBuffer cmd, TextureRecord& texture, VkImageLayout newLayout);
  // Records commands into a one-time command buffer, submits it and waits for the queue
  // (readbacks, layout fixes outside the frame loop).
  Status submitNow(const std::function<void(VkCommandBuffer)>& record);
  // Records a copy of one layer of `texture` (colour or depth aspect) into a host-visible
  // buffer, with the barrier that makes it readable on the host after the submit.
  void recordCopyToHost(VkCommandBuffer cmd, TextureRecord& texture, VkImageAspectFlags aspect,
                        std::uint32_t layer, VkBuffer target);
};

VkFormat toVkFormat(Format format);

// Image views of a texture as createTexture makes them (sampled; attachment; one per layer).
// False when a view could not be made (the record keeps the ones that were).
bool createViews(VkDevice device, TextureRecord& record);
void destroyViews(VkDevice device, const TextureRecord& record);

// Redirects (single-sample) or resolves (multisampled, sample 0) a pass's depth attachment into
// the next depth export target; called by CommandList::beginPass (vk_interop.cpp).
void exportPassDepth(DeviceState& s, VkCommandBuffer cmd, const PassDesc& pass, const TextureRecord& source,
                     VkRenderingAttachmentInfo& depth);

struct ExternalVulkanCreators;
// The one device-creation path: our own Vulkan objects, or those `creators` make.
Result<std::unique_ptr<Device>> createDevice(const DeviceOptions& options, const ExternalVulkanCreators* creators);

}  // namespace sc::gpu
