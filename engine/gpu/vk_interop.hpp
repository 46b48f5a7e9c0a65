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
#include <string>
#include <vector>

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

// Wraps an image owned elsewhere (an XR swapchain image, colour or Depth32Float) as a texture.
// `desc` must describe the image as created (size, layers, format, usage); views are made as
// createTexture makes them. The image is assumed to be in VK_IMAGE_LAYOUT_UNDEFINED (its
// contents are not kept).
// The Device never destroys `image`. Returns an invalid handle when a view cannot be made.
TextureHandle importImage(Device& device, VkImage image, const TextureDesc& desc);
// Destroys the views of an imported texture at once and forgets it. Contract: the GPU no longer
// uses it (call Device::waitIdle() first) and it was made by importImage.
void releaseImage(Device& device, TextureHandle texture);

// Records, on the frame being recorded (between Device::beginFrame and submitFrame), the
// transition of a texture into the layout OpenXR requires of a Vulkan swapchain image when it
// is released: VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL for colour,
// VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL for depth. No-op when already there.
void recordReleaseLayout(Device& device, TextureHandle texture);
// The same transition outside a frame, submitted at once and waited for (after a readback).
Status releaseLayoutNow(Device& device, TextureHandle texture);

// Depth for XR_KHR_composition_layer_depth without a copy: while set, every pass named
// `passName` (the renderer's main pass is "main") renders its depth into the next of `targets`
// (recording order: one single-layer target per pass when views are drawn one pass each, one
// layered target for a multiview pass) instead of its own depth image, and stores it. Where the
// pass's depth is multisampled, sample 0 is resolved into the target instead. A target must
// match the pass's depth in size, layer count and format (Depth32Float); passes beyond the
// targets, or that do not match, are left alone. Set it after Device::beginFrame's frame is
// open or before; clear it (empty targets) once the frame is recorded. Contract: targets have
// DepthAttachment usage.
void setDepthExport(Device& device, std::string passName, std::vector<TextureHandle> targets);
// Passes whose depth went into a target since the last setDepthExport.
std::uint32_t depthExportsDone(Device& device);

// Copies one layer of a Depth32Float texture (with TransferSrc usage) back to the CPU, row by
// row from the top; waits for the GPU. For tests.
Result<std::vector<float>> readbackDepth(Device& device, TextureHandle texture, std::uint32_t layer = 0);

}  // namespace sc::gpu
