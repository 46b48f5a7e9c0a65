#include "support/lavapipe_renderer.hpp"

namespace sc::test {

void LavapipeRendererTest::startRenderer(std::uint32_t width, std::uint32_t height) {
  gpu::DeviceOptions options;
  options.gpu = "llvmpipe";
  options.validation = true;
  auto device = gpu::Device::create(options);
  ASSERT_TRUE(device.ok()) << device.error().message;
  device_ = std::move(device.value());
  render::RendererOptions rendererOptions;
  rendererOptions.msaaSamples = 1;
  rendererOptions.shadowMapSize = 256;
  auto renderer = render::Renderer::create(*device_, rendererOptions);
  ASSERT_TRUE(renderer.ok()) << renderer.error().message;
  renderer_ = std::move(renderer.value());
  target_ = std::make_unique<gpu::OffscreenTarget>(*device_, width, height, 1);
}

void LavapipeRendererTest::stopRenderer() {
  if (!device_) return;
  (void)device_->waitIdle();
  target_.reset();
  renderer_.reset();
  EXPECT_EQ(device_->validationErrorCount(), 0u) << "Vulkan validation errors (see the log)";
  device_.reset();
}

}  // namespace sc::test
