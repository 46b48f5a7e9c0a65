#pragma once
// Where a frame ends up: an offscreen image (headless, tests), a window swapchain, or XR
// swapchain images. The renderer draws into `acquire().color` and calls `present`.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "gpu/device.hpp"

namespace sc::gpu {

// The views of a frame live either in one layered image (one layer per view, for multiview
// passes and XR array swapchains) or in one single-layer image per view (drivers whose
// multiview is unreliable, XR swapchains per eye).
struct TargetImage {
  TextureHandle color;                    // layered image, or invalid when viewColors is used
  std::vector<TextureHandle> viewColors;  // one image per view, or empty
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint32_t views = 1;
  Format format = Format::RGBA8Srgb;
};

class RenderTarget {
 public:
  virtual ~RenderTarget() = default;
  virtual Result<TargetImage> acquire() = 0;
  // Called after the frame's commands were recorded (before submitFrame) for any final
  // transition, and after submission for presentation.
  virtual void beforeSubmit(CommandList&) {}
  virtual Status afterSubmit() { return okStatus(); }
};

// An sRGB image with one layer per view, readable back to the CPU.
class OffscreenTarget final : public RenderTarget {
 public:
  // `layered` chooses one layered image even where multiview is unreliable (benchmarks that
  // measure the multiview path's CPU cost on such drivers); default: what the device suits.
  OffscreenTarget(Device& device, std::uint32_t width, std::uint32_t height, std::uint32_t views,
                  std::optional<bool> layered = std::nullopt);
  ~OffscreenTarget() override;

  Result<TargetImage> acquire() override { return image_; }
  // The views side by side, left to right, as one picture (waits for the GPU).
  Result<ImageRgba8> readPixels();

 private:
  Device& device_;
  TargetImage image_;
};

}  // namespace sc::gpu
