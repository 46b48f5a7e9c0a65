// OpenXR swapchains as engine textures.
#include "xr/xr_swapchain.hpp"

#include <span>

#include "gpu/vk_interop.hpp"

namespace sc::xr {

Status createSwapchain(XrInstance instance, XrSession session, gpu::Device& device, const SwapchainSpec& spec,
                       const ResultNote& note, Swapchain& out) {
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = spec.xrUsage;
  info.format = spec.nativeFormat;
  info.sampleCount = 1;
  info.width = spec.width;
  info.height = spec.height;
  info.faceCount = 1;
  info.arraySize = spec.layers;
  info.mipCount = 1;
  out = Swapchain{};
  out.width = spec.width;
  out.height = spec.height;
  out.layers = spec.layers;
  SC_XR_TRY(instance, note(xrCreateSwapchain(session, &info, &out.handle)));
  std::uint32_t count = 0;
  SC_XR_TRY(instance, note(xrEnumerateSwapchainImages(out.handle, 0, &count, nullptr)));
  std::vector<XrSwapchainImageVulkan2KHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  SC_XR_TRY(instance, note(xrEnumerateSwapchainImages(out.handle, count, &count,
                                                      reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data()))));
  for (std::uint32_t i = 0; i < count; ++i) {
    gpu::TextureDesc desc;
    desc.width = spec.width;
    desc.height = spec.height;
    desc.layers = spec.layers;
    desc.format = spec.format;
    desc.usage = spec.textureUsage;
    desc.arrayView = spec.layers > 1;
    desc.debugName = fmt::format("XR {} swapchain image {}", spec.name, i);
    gpu::TextureHandle texture = gpu::importImage(device, images[i].image, desc);
    if (!texture.valid()) return makeError("could not make views of XR {} swapchain image {}", spec.name, i);
    out.images.push_back(texture);
  }
  return okStatus();
}

void destroySwapchain(gpu::Device& device, Swapchain& chain) {
  for (auto texture : chain.images) gpu::releaseImage(device, texture);
  chain.images.clear();
  if (chain.handle != XR_NULL_HANDLE) xrDestroySwapchain(chain.handle);
  chain.handle = XR_NULL_HANDLE;
  chain.acquired = UINT32_MAX;
}

Status acquireImage(XrInstance instance, Swapchain& chain, const ResultNote& note) {
  if (chain.acquired != UINT32_MAX) return okStatus();
  XrSwapchainImageAcquireInfo acquireInfo{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  std::uint32_t index = UINT32_MAX;
  SC_XR_TRY(instance, note(xrAcquireSwapchainImage(chain.handle, &acquireInfo, &index)));
  chain.acquired = index;
  XrSwapchainImageWaitInfo waitInfo{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  waitInfo.timeout = 1'000'000'000;  // 1 s: the compositor holds images a frame or two at most
  XrResult r = note(xrWaitSwapchainImage(chain.handle, &waitInfo));
  if (r == XR_TIMEOUT_EXPIRED) return makeError("the XR runtime did not hand back a swapchain image within 1 s");
  SC_XR_TRY(instance, r);
  if (index >= chain.images.size()) {
    return makeError("the XR runtime acquired swapchain image {} of {}", index, chain.images.size());
  }
  return okStatus();
}

Status releaseImage(XrInstance instance, Swapchain& chain, const ResultNote& note) {
  if (chain.acquired == UINT32_MAX) return okStatus();
  chain.acquired = UINT32_MAX;
  XrSwapchainImageReleaseInfo releaseInfo{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  SC_XR_TRY(instance, note(xrReleaseSwapchainImage(chain.handle, &releaseInfo)));
  chain.everReleased = true;
  return okStatus();
}

Status uploadWholeImage(XrInstance instance, gpu::Device& device, Swapchain& chain, const ImageRgba8& image,
                        const ResultNote& note) {
  SC_CHECK(image.width == chain.width && image.height == chain.height, "panel image size differs from its swapchain");
  SC_TRY(acquireImage(instance, chain, note));
  gpu::TextureHandle texture = chain.images[chain.acquired];
  std::vector<std::uint8_t> level0(image.pixels.begin(), image.pixels.end());
  device.uploadTexture(texture, std::span<const std::vector<std::uint8_t>>(&level0, 1));
  Status done = device.flushUploads();
  if (done) done = gpu::releaseLayoutNow(device, texture);
  // The image goes back to the runtime even when the upload failed: a held image blocks it.
  Status released = releaseImage(instance, chain, note);
  SC_TRY(done);
  return released;
}

}  // namespace sc::xr
