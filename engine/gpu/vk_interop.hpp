#pragma once
// Vulkan interop for engine/xr (and only engine/xr): a Device whose VkInstance and VkDevice are
// made by someone else (an OpenXR runtime through XR_KHR_vulkan_enable2), the raw handles a
// runtime needs for its graphics binding, and wrapping of foreign images (XR swapchain images)
// as TextureHandles. This header shows Vulkan types on purpose; nothing outside engine/gpu and
// engine/xr may include it.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include <vulkan/vulkan.h>

#include "core/result.hpp"
#include "gpu/device.hpp"

namespace sc::gpu {

// Who makes the Vulkan objects. Each callback gets exactly what Device::create would have
// passed to Vulkan (layers, extensions, features; validation as DeviceOptions asks) and may add
// its own extensions (the XR runtime does). All three are required.
struct ExternalVulkanCreators {
  std::function<Result<VkInstance>(const VkInstanceCreateInfo& info, PFN_vkGetInstanceProcAddr gipa)>
      createInstance;
  // The physical device the runtime's display is attached to.
  std::function<Result<VkPhysicalDevice>(VkInstance instance)> physicalDevice;
  std::function<Result<VkDevice>(VkPhysicalDevice physical, const VkDeviceCreateInfo& info,
                                 PFN_vkGetInstanceProcAddr gipa)>
      createDevice;
};

// A Device like Device::create's, but with its instance, physical device and device made by
// `creators`. Fails with a clear message when the chosen physical device lacks Vulkan 1.3,
// dynamic rendering, synchronization2, multiview or a graphics queue. DeviceOptions::gpu and
// needSwapchain are ignored (the runtime chooses the GPU; XR has no window swapchain).
// The Device destroys the instance and device it was given, as usual.
Result<std::unique_ptr<Device>> createDeviceExternally(const DeviceOptions& options,
                                                       const ExternalVulkanCreators& creators);

struct NativeHandles {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t queueFamily = 0;
  std::uint32_t queueIndex = 0;  // always 0: the Device uses one queue
};
NativeHandles nativeHandles(Device& device);

VkFormat toNativeFormat(Format format);
// The engine format for a Vulkan format, or nullopt when the engine has no such format.
std::optional<Format> fromNativeFormat(VkFormat format);

// Wraps an image owned elsewhere (an XR swapchain image) as a texture. `desc` must describe
// the image as created (size, layers, format, usage); views are made as createTexture makes
// them. The image is assumed to be in VK_IMAGE_LAYOUT_UNDEFINED (its contents are not kept).
// The Device never destroys `image`. Returns an invalid handle when a view cannot be made.
TextureHandle importImage(Device& device, VkImage image, const TextureDesc& desc);
// Destroys the views of an imported texture at once and forgets it. Contract: the GPU no longer
// uses it (call Device::waitIdle() first) and it was made by importImage.
void releaseImage(Device& device, TextureHandle texture);

// Records, on the frame being recorded (between Device::beginFrame and submitFrame), the
// transition of a colour texture into VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL: the layout
// OpenXR requires of a Vulkan swapchain image when it is released. No-op when already there.
void recordReleaseLayout(Device& device, TextureHandle texture);
// The same transition outside a frame, submitted at once and waited for (after a readback).
Status releaseLayoutNow(Device& device, TextureHandle texture);

}  // namespace sc::gpu
