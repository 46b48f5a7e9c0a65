// A Device made through someone else's Vulkan creation calls (OpenXR's XR_KHR_vulkan_enable2),
// and foreign images wrapped as textures. Device creation itself lives in vk_device.cpp.
#include "gpu/vk_interop.hpp"

#include <cstring>

#include "gpu/vk_state.hpp"

namespace sc::gpu {


Result<std::unique_ptr<Device>> createDeviceExternally(const DeviceOptions& options,
                                                       const ExternalVulkanCreators& creators) {
  SC_CHECK(creators.createInstance && creators.physicalDevice && creators.createDevice,
           "createDeviceExternally needs all three creation callbacks");
  return createDevice(options, &creators);
}

NativeHandles nativeHandles(Device& device) {
  DeviceState& s = device.state();
  return {s.instance, s.physical, s.device, s.queue, s.queueFamily, 0};
}

VkFormat toNativeFormat(Format format) { return toVkFormat(format); }

std::optional<Format> fromNativeFormat(VkFormat format) {
  for (Format f : {Format::RGBA8Unorm, Format::RGBA8Srgb, Format::BGRA8Unorm, Format::BGRA8Srgb,
                   Format::RGBA16Float, Format::Depth32Float}) {
    if (toVkFormat(f) == format) return f;
  }
  return std::nullopt;
}

TextureHandle importImage(Device& device, VkImage image, const TextureDesc& desc) {
  DeviceState& s = device.state();
  TextureRecord record;
  record.image = image;
  record.desc = desc;
  record.format = toVkFormat(desc.format);
  record.ownsImage = false;
  if (!createViews(s.device, record)) {
    destroyViews(s.device, record);
    return {};
  }
  return TextureHandle{s.textures.add(std::move(record))};
}

void releaseImage(Device& device, TextureHandle texture) {
  if (!texture.valid()) return;
  DeviceState& s = device.state();
  TextureRecord& record = s.textures.get(texture.id);
  SC_CHECK(!record.ownsImage, "releaseImage is for imported images; use Device::destroyTexture");
  destroyViews(s.device, record);
  s.textures.remove(texture.id);
}

namespace {

// What OpenXR's Vulkan binding requires of a released swapchain image.
VkImageLayout releaseLayoutOf(const TextureRecord& record) {
  return isDepthFormat(record.desc.format) ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL
                                           : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

}  // namespace

void recordReleaseLayout(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(s.frameOpen && s.recording, "recordReleaseLayout outside a frame");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == releaseLayoutOf(record)) return;
  s.transition(s.recording, record, releaseLayoutOf(record));
}

Status releaseLayoutNow(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(!s.frameOpen, "releaseLayoutNow inside a frame; use recordReleaseLayout");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == releaseLayoutOf(record)) return okStatus();
  return s.submitNow([&](VkCommandBuffer cmd) { s.transition(cmd, record, releaseLayoutOf(record)); });
}

void setDepthExport(Device& device, std::string passName, std::vector<TextureHandle> targets) {
  DeviceState& s = device.state();
  s.depthExportPass = targets.empty() ? std::string() : std::move(passName);
  s.depthExportTargets = std::move(targets);
  s.depthExportsDone = 0;
}

std::uint32_t depthExportsDone(Device& device) { return device.state().depthExportsDone; }

void exportPassDepth(DeviceState& s, VkCommandBuffer cmd, const PassDesc& pass, const TextureRecord& source,
                     VkRenderingAttachmentInfo& depth) {
  if (s.depthExportsDone >= s.depthExportTargets.size()) return;
  TextureHandle handle = s.depthExportTargets[s.depthExportsDone];
  TextureRecord& target = s.textures.get(handle.id);
  // The pass renders one layer (baseLayer) or, with a view mask, all layers of its attachment.
  std::uint32_t passLayers = pass.viewMask ? source.desc.layers : 1;
  if (target.desc.width != source.desc.width || target.desc.height != source.desc.height ||
      target.desc.layers != passLayers || target.format != source.format || target.desc.samples != 1) {
    return;
  }
  s.transition(cmd, target, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
  if (source.desc.samples == 1) {
    // The target replaces the pass's own depth image: no copy, and the depth is stored.
    depth.imageView = target.attachmentView;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  } else {
    // Sample 0 is a real surface depth (an average of depths would be none); every Vulkan 1.2
    // device supports SAMPLE_ZERO for depth resolves.
    depth.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
    depth.resolveImageView = target.attachmentView;
    depth.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  }
  ++s.depthExportsDone;
}

Result<std::vector<float>> readbackDepth(Device& device, TextureHandle handle, std::uint32_t layer) {
  DeviceState& s = device.state();
  SC_TRY(device.waitIdle());
  TextureRecord& texture = s.textures.get(handle.id);
  if (texture.desc.format != Format::Depth32Float || layer >= texture.desc.layers) {
    return makeError("readbackDepth needs a Depth32Float texture and a layer it has ({})", texture.desc.debugName);
  }
  std::uint32_t w = texture.desc.width, h = texture.desc.height;
  BufferHandle buffer = device.createBuffer({std::uint64_t(w) * h * 4, 0, MemoryUse::GpuToCpu, "depth readback"});
  VkBuffer target = s.buffers.get(buffer.id).buffer;
  Status copied = s.submitNow([&](VkCommandBuffer cmd) {
    s.recordCopyToHost(cmd, texture, VK_IMAGE_ASPECT_DEPTH_BIT, layer, target);
  });
  std::vector<float> depths;
  if (copied) {
    depths.resize(std::size_t(w) * h);
    std::memcpy(depths.data(), device.mappedPointer(buffer), depths.size() * sizeof(float));
  }
  device.destroyBuffer(buffer);
  if (!copied) return copied.error();
  return depths;
}

}  // namespace sc::gpu
