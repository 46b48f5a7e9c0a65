// A Device made through someone else's Vulkan creation calls (OpenXR's XR_KHR_vulkan_enable2),
// and foreign images wrapped as textures. Device creation itself lives in vk_device.cpp.
#include "gpu/vk_interop.hpp"

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
  SC_CHECK(!isDepthFormat(desc.format), "importImage handles colour images only");
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

void recordReleaseLayout(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(s.frameOpen && s.recording, "recordReleaseLayout outside a frame");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) return;
  s.transition(s.recording, record, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
}

Status releaseLayoutNow(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(!s.frameOpen, "releaseLayoutNow inside a frame; use recordReleaseLayout");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) return okStatus();
  return s.submitNow([&](VkCommandBuffer cmd) {
    s.transition(cmd, record, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
  });
}

}  // namespace sc::gpu
