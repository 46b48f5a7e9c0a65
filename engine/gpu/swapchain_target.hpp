#pragma once
// A RenderTarget for a window: a Vulkan surface swapchain, free of Vulkan types (the surface
// comes from a callback, so GLFW or any other window system stays outside engine/gpu).
//
// How a frame flows: acquire() takes the next swapchain image (waiting on an acquire semaphore
// that the frame's submission waits on); the renderer draws into an sRGB offscreen image of the
// swapchain's size (TargetImage.color, RGBA8Srgb: the renderer's tone-map pass writes that
// format, while X11 surfaces usually offer only BGRA); beforeSubmit records its copy into the
// swapchain image and the transition to PRESENT_SRC; afterSubmit presents, waiting on a
// render-finished semaphore the submission signals. An out-of-date or suboptimal swapchain, or
// a changed window size (setFramebufferSize), recreates it at the next acquire.
//
// Contract: the Device was created with needSwapchain = true and the window system's instance
// extensions; the window outlives the target; one thread uses it. While the framebuffer is 0x0
// (a minimised window) the caller must not render: check canRender() before Renderer::render.
#include <cstdint>
#include <functional>
#include <memory>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"

namespace sc::gpu {

// Makes the window's surface for a VkInstance (passed as void*); returns the VkSurfaceKHR as an
// integer. The target destroys the surface.
using SurfaceFactory = std::function<Result<std::uint64_t>(void* vkInstance)>;

enum class PresentMode : std::uint8_t {
  Vsync,    // FIFO: always available, paced to the display
  NoVsync,  // MAILBOX, else IMMEDIATE, else FIFO
};

struct SwapchainOptions {
  std::uint32_t width = 1280;   // framebuffer pixels (HiDPI: the framebuffer size, not points)
  std::uint32_t height = 720;
  PresentMode presentMode = PresentMode::Vsync;
};

class SwapchainTarget final : public RenderTarget {
 public:
  // Creates the surface and the swapchain. Fails with a message when the device's queue cannot
  // present to the surface or the surface offers no 8-bit colour format.
  static Result<std::unique_ptr<SwapchainTarget>> create(Device& device, const SurfaceFactory& surface,
                                                         const SwapchainOptions& options);
  ~SwapchainTarget() override;
  SwapchainTarget(const SwapchainTarget&) = delete;
  SwapchainTarget& operator=(const SwapchainTarget&) = delete;

  // The window's framebuffer size changed (0x0 while minimised): recreated at the next acquire.
  void setFramebufferSize(std::uint32_t width, std::uint32_t height);
  void setPresentMode(PresentMode mode);
  PresentMode presentMode() const;
  // False while the framebuffer is 0x0: skip rendering (and wait for window events).
  bool canRender() const;

  Result<TargetImage> acquire() override;
  void beforeSubmit(CommandList& cmd) override;
  Status afterSubmit() override;

  // The last rendered frame as RGBA8 (waits for the GPU). Call between frames.
  Result<ImageRgba8> readLastFrame();

  std::uint32_t width() const;
  std::uint32_t height() const;
  std::uint32_t recreations() const;  // how often the swapchain was rebuilt (resize, out of date)
  const char* surfaceFormatName() const;
  const char* presentModeName() const;  // the Vulkan mode in use: "FIFO", "MAILBOX", ...

  struct Impl;

 private:
  explicit SwapchainTarget(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::gpu
