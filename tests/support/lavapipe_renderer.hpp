#pragma once
// The set-up of tests that draw a little offscreen on lavapipe with the validation layer on: a
// device, a small renderer and a one-view target, made in SetUp and destroyed in TearDown with
// the validation check.
#include <cstdint>
#include <memory>

#include <gtest/gtest.h>

#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/renderer.hpp"

namespace sc::test {

class LavapipeRendererTest : public ::testing::Test {
 protected:
  // Call in SetUp: lavapipe with validation, a renderer with MSAA 1 and 256-pixel shadow
  // cascades (quick on a CPU), and a `width` x `height` offscreen target of one view. A failure
  // is fatal for the test: check HasFatalFailure() before using them.
  void startRenderer(std::uint32_t width, std::uint32_t height);
  // Call in TearDown, once whatever holds renderer objects is gone: waits for the GPU, destroys
  // the target, the renderer and the device in that order and fails the test on any validation
  // error. Nothing happens when startRenderer did not make the device.
  void stopRenderer();

  std::unique_ptr<gpu::Device> device_;
  std::unique_ptr<render::Renderer> renderer_;
  std::unique_ptr<gpu::OffscreenTarget> target_;
};

}  // namespace sc::test
