// The window swapchain: surface, swapchain (re)creation, acquire/present and their semaphores.
#include "gpu/swapchain_target.hpp"

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "gpu/vk_state.hpp"

namespace sc::gpu {

struct SwapchainTarget::Impl {
  Device& device;
  DeviceState& s;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkSurfaceFormatKHR format{};
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR;
  VkExtent2D extent{};
  std::vector<VkImage> images;
  // Signalled by the presentation engine at acquire, waited on by the frame's copy; one per
  // frame slot (reused only after that slot's fence signalled, so after the wait completed).
  VkSemaphore acquired[kFramesInFlight] = {};
  // Signalled by the frame's submission, waited on by present; one per swapchain image (an
  // image is only acquired again after its previous present has consumed the wait).
  std::vector<VkSemaphore> rendered;
  TextureHandle offscreen;  // what the renderer draws into (RGBA8Srgb, the swapchain's size)
  SwapchainOptions options;
  bool needsRecreate = false;
  bool haveImage = false;  // an image was acquired and not yet presented
  std::uint32_t imageIndex = 0;
  VkSemaphore pendingAcquire = VK_NULL_HANDLE;
  std::uint32_t recreations = 0;
  bool rendered0 = false;  // at least one frame was drawn into `offscreen`

  Impl(Device& d) : device(d), s(d.state()) {}

  Status createSwapchain();
  void destroySwapchainObjects(bool keepSwapchain);
};

namespace {

VkPresentModeKHR choosePresentMode(VkPhysicalDevice physical, VkSurfaceKHR surface, PresentMode wanted) {
  if (wanted == PresentMode::Vsync) return VK_PRESENT_MODE_FIFO_KHR;
  std::uint32_t count = 0;
  vkGetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &count, nullptr);
  std::vector<VkPresentModeKHR> modes(count);
  vkGetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &count, modes.data());
  for (VkPresentModeKHR m : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR}) {
    if (std::find(modes.begin(), modes.end(), m) != modes.end()) return m;
  }
  return VK_PRESENT_MODE_FIFO_KHR;
}

const char* modeName(VkPresentModeKHR mode) {
  switch (mode) {
    case VK_PRESENT_MODE_FIFO_KHR: return "FIFO";
    case VK_PRESENT_MODE_MAILBOX_KHR: return "MAILBOX";
    case VK_PRESENT_MODE_IMMEDIATE_KHR: return "IMMEDIATE";
    case VK_PRESENT_MODE_FIFO_RELAXED_KHR: return "FIFO_RELAXED";
    default: return "other";
  }
}

}  // namespace

Status SwapchainTarget::Impl::createSwapchain() {
  VkSurfaceCapabilitiesKHR caps{};
  SC_VK_TRY(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(s.physical, surface, &caps));
  VkExtent2D size{options.width, options.height};
  if (caps.currentExtent.width != 0xFFFFFFFFu) size = caps.currentExtent;
  size.width = std::clamp(size.width, caps.minImageExtent.width, caps.maxImageExtent.width);
  size.height = std::clamp(size.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  if (size.width == 0 || size.height == 0) {
    extent = {0, 0};  // minimised: nothing to create until the window has a size again
    return okStatus();
  }
  if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT)) {
    return makeError("the window surface cannot be a copy destination (no TRANSFER_DST usage); "
                     "this driver's swapchains are not supported");
  }
  std::uint32_t imageCount = caps.minImageCount + 1;
  if (caps.maxImageCount != 0) imageCount = std::min(imageCount, caps.maxImageCount);
  mode = choosePresentMode(s.physical, surface, options.presentMode);

  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = surface;
  info.minImageCount = imageCount;
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = size;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = (caps.supportedTransforms & VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR)
                          ? VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR
                          : caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if (!(caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)) {
    for (auto bit : {VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR, VK_COMPOSITE_ALPHA_PRE_MULTIPLIED_BIT_KHR,
                     VK_COMPOSITE_ALPHA_POST_MULTIPLIED_BIT_KHR}) {
      if (caps.supportedCompositeAlpha & bit) {
        info.compositeAlpha = bit;
        break;
      }
    }
  }
  info.presentMode = mode;
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  SC_VK_TRY(vkCreateSwapchainKHR(s.device, &info, nullptr, &created));
  destroySwapchainObjects(false);
  swapchain = created;
  extent = size;

  std::uint32_t count = 0;
  SC_VK_TRY(vkGetSwapchainImagesKHR(s.device, swapchain, &count, nullptr));
  images.resize(count);
  SC_VK_TRY(vkGetSwapchainImagesKHR(s.device, swapchain, &count, images.data()));
  VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  rendered.assign(count, VK_NULL_HANDLE);
  for (auto& semaphore : rendered) SC_VK_TRY(vkCreateSemaphore(s.device, &semaphoreInfo, nullptr, &semaphore));
  for (auto& semaphore : acquired) SC_VK_TRY(vkCreateSemaphore(s.device, &semaphoreInfo, nullptr, &semaphore));

  TextureDesc desc;
  desc.width = extent.width;
  desc.height = extent.height;
  desc.format = Format::RGBA8Srgb;
  desc.usage = TextureUsage::ColorAttachment | TextureUsage::TransferSrc | TextureUsage::Sampled;
  desc.debugName = "window frame";
  offscreen = device.createTexture(desc);
  rendered0 = false;
  spdlog::debug("swapchain {}x{}, {} images, {}", extent.width, extent.height, count, modeName(mode));
  return okStatus();
}

// Everything that belongs to one swapchain; the caller made sure the GPU is idle.
void SwapchainTarget::Impl::destroySwapchainObjects(bool keepSwapchain) {
  for (auto& semaphore : rendered) vkDestroySemaphore(s.device, semaphore, nullptr);
  rendered.clear();
  for (auto& semaphore : acquired) {
    if (semaphore) vkDestroySemaphore(s.device, semaphore, nullptr);
    semaphore = VK_NULL_HANDLE;
  }
  if (offscreen.valid()) device.destroyTexture(offscreen);
  offscreen = {};
  images.clear();
  if (!keepSwapchain && swapchain) vkDestroySwapchainKHR(s.device, swapchain, nullptr);
  if (!keepSwapchain) swapchain = VK_NULL_HANDLE;
}

Result<std::unique_ptr<SwapchainTarget>> SwapchainTarget::create(Device& device, const SurfaceFactory& makeSurface,
                                                                 const SwapchainOptions& options) {
  auto impl = std::make_unique<Impl>(device);
  DeviceState& s = impl->s;
  impl->options = options;
  auto surface = makeSurface(static_cast<void*>(s.instance));
  if (!surface) return surface.error();
  impl->surface = reinterpret_cast<VkSurfaceKHR>(*surface);
  std::unique_ptr<SwapchainTarget> target(new SwapchainTarget(std::move(impl)));
  Impl& t = *target->impl_;

  VkBool32 supported = VK_FALSE;
  vkGetPhysicalDeviceSurfaceSupportKHR(s.physical, s.queueFamily, t.surface, &supported);
  if (!supported) {
    return makeError("the GPU '{}' cannot present to this window from its graphics queue; try another "
                     "--gpu", s.info.name);
  }
  std::uint32_t count = 0;
  SC_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(s.physical, t.surface, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  SC_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(s.physical, t.surface, &count, formats.data()));
  // sRGB first: the frame is already sRGB-encoded and a copy keeps it exact. A UNORM surface
  // would show it too dark after the blit's decode, so it is a warned-about last resort.
  bool found = false;
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_UNORM,
                          VK_FORMAT_R8G8B8A8_UNORM}) {
    for (const auto& f : formats) {
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR && !found) {
        t.format = f;
        found = true;
      }
    }
  }
  if (!found) return makeError("the window surface offers no 8-bit RGBA/BGRA format ({} formats)", count);
  if (t.format.format == VK_FORMAT_B8G8R8A8_UNORM || t.format.format == VK_FORMAT_R8G8B8A8_UNORM) {
    spdlog::warn("the window surface has no sRGB format; colours will look darker than in screenshots");
  }
  SC_TRY(t.createSwapchain());
  spdlog::info("window swapchain: {}x{}, {}, {}", t.extent.width, t.extent.height, target->surfaceFormatName(),
               target->presentModeName());
  return target;
}

SwapchainTarget::SwapchainTarget(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SwapchainTarget::~SwapchainTarget() {
  Impl& t = *impl_;
  vkDeviceWaitIdle(t.s.device);
  t.destroySwapchainObjects(false);
  if (t.surface) vkDestroySurfaceKHR(t.s.instance, t.surface, nullptr);
}

void SwapchainTarget::setFramebufferSize(std::uint32_t width, std::uint32_t height) {
  Impl& t = *impl_;
  if (width == t.options.width && height == t.options.height) return;
  t.options.width = width;
  t.options.height = height;
  t.needsRecreate = true;
}

void SwapchainTarget::setPresentMode(PresentMode mode) {
  if (impl_->options.presentMode == mode) return;
  impl_->options.presentMode = mode;
  impl_->needsRecreate = true;
}

PresentMode SwapchainTarget::presentMode() const { return impl_->options.presentMode; }

bool SwapchainTarget::canRender() const { return impl_->options.width > 0 && impl_->options.height > 0; }

Result<TargetImage> SwapchainTarget::acquire() {
  Impl& t = *impl_;
  SC_CHECK(!t.haveImage, "SwapchainTarget::acquire twice without presenting");
  if (!canRender()) return makeError("the window is minimised (0x0); skip rendering until it is restored");
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (t.needsRecreate || !t.swapchain) {
      // The old swapchain's images may still be in use by frames in flight.
      SC_VK_TRY(vkDeviceWaitIdle(t.s.device));
      SC_TRY(t.createSwapchain());
      t.needsRecreate = false;
      ++t.recreations;
    }
    if (t.extent.width == 0) return makeError("the window surface is 0x0 (minimised); skip rendering");
    // The renderer's beginFrame will use the next frame slot; once its fence has signalled, the
    // submission that last waited on that slot's acquire semaphore is complete.
    std::uint32_t slot = (t.s.frameSlot + 1) % kFramesInFlight;
    vkWaitForFences(t.s.device, 1, &t.s.frames[slot].fence, VK_TRUE, UINT64_MAX);
    VkResult result = vkAcquireNextImageKHR(t.s.device, t.swapchain, UINT64_MAX, t.acquired[slot], VK_NULL_HANDLE,
                                            &t.imageIndex);
    if (result == VK_ERROR_OUT_OF_DATE_KHR) {
      t.needsRecreate = true;
      continue;
    }
    if (result == VK_SUBOPTIMAL_KHR) t.needsRecreate = true;  // the image is usable; rebuild after it
    else if (result != VK_SUCCESS) return makeError("acquiring a window image failed: {}", vkResultName(result));
    t.pendingAcquire = t.acquired[slot];
    t.haveImage = true;
    TargetImage image;
    image.color = t.offscreen;
    image.width = t.extent.width;
    image.height = t.extent.height;
    image.views = 1;
    image.format = Format::RGBA8Srgb;
    return image;
  }
  return makeError("the window swapchain stayed out of date after 3 rebuilds");
}

void SwapchainTarget::beforeSubmit(CommandList&) {
  Impl& t = *impl_;
  DeviceState& s = t.s;
  SC_CHECK(t.haveImage && s.recording, "SwapchainTarget::beforeSubmit without an acquired image in a frame");
  VkCommandBuffer cmd = s.recording;
  TextureRecord& source = s.textures.get(t.offscreen.id);
  s.transition(cmd, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
  VkImage image = t.images[t.imageIndex];

  // The acquire semaphore is waited on at the transfer stage; this barrier's first scope starts
  // there, so the layout change happens after the presentation engine released the image.
  VkImageMemoryBarrier2 toDst{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  toDst.srcStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
  toDst.srcAccessMask = VK_ACCESS_2_NONE;
  toDst.dstStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
  toDst.dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  toDst.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  toDst.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  toDst.image = image;
  toDst.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dep.imageMemoryBarrierCount = 1;
  dep.pImageMemoryBarriers = &toDst;
  vkCmdPipelineBarrier2(cmd, &dep);

  if (t.format.format == VK_FORMAT_R8G8B8A8_SRGB) {
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = region.srcSubresource;
    region.extent = {t.extent.width, t.extent.height, 1};
    vkCmdCopyImage(cmd, source.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  } else {
    // Different channel order (BGRA): a blit converts; same size, so no filtering happens.
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = region.srcSubresource;
    region.srcOffsets[1] = {std::int32_t(t.extent.width), std::int32_t(t.extent.height), 1};
    region.dstOffsets[1] = region.srcOffsets[1];
    vkCmdBlitImage(cmd, source.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, VK_FILTER_NEAREST);
  }

  VkImageMemoryBarrier2 toPresent = toDst;
  toPresent.srcStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
  toPresent.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  toPresent.dstStageMask = VK_PIPELINE_STAGE_2_NONE;  // the render-finished semaphore orders present
  toPresent.dstAccessMask = VK_ACCESS_2_NONE;
  toPresent.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  toPresent.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  dep.pImageMemoryBarriers = &toPresent;
  vkCmdPipelineBarrier2(cmd, &dep);

  s.submitWait.push_back(t.pendingAcquire);
  s.submitWaitStages.push_back(VK_PIPELINE_STAGE_TRANSFER_BIT);
  s.submitSignal.push_back(t.rendered[t.imageIndex]);
}

Status SwapchainTarget::afterSubmit() {
  Impl& t = *impl_;
  SC_CHECK(t.haveImage, "SwapchainTarget::afterSubmit without an acquired image");
  t.haveImage = false;
  t.rendered0 = true;
  VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &t.rendered[t.imageIndex];
  present.swapchainCount = 1;
  present.pSwapchains = &t.swapchain;
  present.pImageIndices = &t.imageIndex;
  VkResult result = vkQueuePresentKHR(t.s.queue, &present);
  if (result == VK_ERROR_OUT_OF_DATE_KHR || result == VK_SUBOPTIMAL_KHR) {
    t.needsRecreate = true;
    return okStatus();
  }
  if (result != VK_SUCCESS) return makeError("presenting the window image failed: {}", vkResultName(result));
  return okStatus();
}

Result<ImageRgba8> SwapchainTarget::readLastFrame() {
  Impl& t = *impl_;
  if (!t.rendered0 || !t.offscreen.valid()) return makeError("no frame has been rendered into the window yet");
  return t.device.readback(t.offscreen);
}

std::uint32_t SwapchainTarget::width() const { return impl_->extent.width; }
std::uint32_t SwapchainTarget::height() const { return impl_->extent.height; }
std::uint32_t SwapchainTarget::recreations() const { return impl_->recreations; }

const char* SwapchainTarget::surfaceFormatName() const {
  switch (impl_->format.format) {
    case VK_FORMAT_B8G8R8A8_SRGB: return "B8G8R8A8_SRGB";
    case VK_FORMAT_R8G8B8A8_SRGB: return "R8G8B8A8_SRGB";
    case VK_FORMAT_B8G8R8A8_UNORM: return "B8G8R8A8_UNORM";
    case VK_FORMAT_R8G8B8A8_UNORM: return "R8G8B8A8_UNORM";
    default: return "other";
  }
}

const char* SwapchainTarget::presentModeName() const { return modeName(impl_->mode); }

}  // namespace sc::gpu
