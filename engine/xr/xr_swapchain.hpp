#pragma once
// OpenXR swapchains wrapped as engine textures, shared by the session's eye, depth, panel and
// panorama swapchains. Internal to engine/xr.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "xr/xr_internal.hpp"

namespace sc::xr {

struct Swapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  std::vector<gpu::TextureHandle> images;
  std::uint32_t acquired = UINT32_MAX;  // index of the image held now, UINT32_MAX when none
  std::uint32_t width = 0, height = 0, layers = 1;
  bool everReleased = false;  // a layer may show it only after its first release
};

struct SwapchainSpec {
  std::int64_t nativeFormat = 0;  // VkFormat
  gpu::Format format = gpu::Format::RGBA8Srgb;
  std::uint32_t width = 0, height = 0, layers = 1;
  XrSwapchainUsageFlags xrUsage = 0;
  std::uint32_t textureUsage = 0;  // gpu::TextureUsage bits matching xrUsage
  std::string name;                // for debug names and messages
};

// Every OpenXR result of these helpers passes through `note` (the session notes losses there).
using ResultNote = std::function<XrResult(XrResult)>;

// xrCreateSwapchain and its images imported as textures. On failure the swapchain made so far
// is left in `out` for destroySwapchain.
Status createSwapchain(XrInstance instance, XrSession session, gpu::Device& device, const SwapchainSpec& spec,
                       const ResultNote& note, Swapchain& out);
// Forgets the textures (the caller waited for the GPU) and destroys the swapchain.
void destroySwapchain(gpu::Device& device, Swapchain& chain);

// xrAcquireSwapchainImage + xrWaitSwapchainImage (1 s at most); no-op when one is held.
Status acquireImage(XrInstance instance, Swapchain& chain, const ResultNote& note);
// xrReleaseSwapchainImage when one is held.
Status releaseImage(XrInstance instance, Swapchain& chain, const ResultNote& note);

// Fills the next image of a colour swapchain with `image` (same size) and releases it: acquire,
// staged upload, wait for the GPU, release layout, release. For content that changes rarely
// (UI panels, panoramas): the runtime keeps showing the last released image. Contract: no
// device frame is being recorded; the swapchain has transfer-destination usage.
Status uploadWholeImage(XrInstance instance, gpu::Device& device, Swapchain& chain, const ImageRgba8& image,
                        const ResultNote& note);

}  // namespace sc::xr
