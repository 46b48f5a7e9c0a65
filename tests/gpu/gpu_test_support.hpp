#pragma once
// Shared set-up for GPU tests: a lavapipe device with validation (synchronisation validation
// too), a renderer, offscreen rendering to pixels, and golden-image comparison.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "assets/model.hpp"
#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"
#include "support/run_command.hpp"

namespace sc::test {

// One rendered frame: its pixels and what the renderer says of it.
struct RenderedFrame {
  ImageRgba8 image;
  render::FrameStats stats;
};

// Each test gets its own device; TearDown fails the test on any validation error.
class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Renders `model` with `camera` into an image of width*views x height with the renderer's
  // current options; posed (GPU skinning and morphs) when `pose` is given, else in its rest pose.
  // The model is added for this frame and removed again.
  RenderedFrame renderFrame(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                            std::uint32_t height, std::uint32_t views = 1,
                            const render::Environment& environment = {}, float interpupillary = 0.064f,
                            const anim::FramePalette* pose = nullptr);
  // renderFrame's pixels.
  ImageRgba8 renderModel(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                         std::uint32_t height, std::uint32_t views = 1,
                         const render::Environment& environment = {}, float interpupillary = 0.064f,
                         const anim::FramePalette* pose = nullptr);
  // Sets options on the renderer (a failure fails the test).
  void setRendererOptions(const render::RendererOptions& options);

  std::unique_ptr<gpu::Device> device_;
  std::unique_ptr<render::Renderer> renderer_;
};

struct ImageDifference {
  double fractionWithin = 0.0;  // pixels whose every channel is within the tolerance
  int maxChannelDelta = 0;
};

ImageDifference compareImages(const ImageRgba8& actual, const ImageRgba8& expected, int tolerance);

// Compares with tests/golden/<name>.png: at most 5/255 per channel on at least 99.9% of pixels.
// On failure writes <name>.actual.png and <name>.diff.png into the test output folder. With
// SC_UPDATE_GOLDENS=1 the golden is (re)written instead: look at it before committing it.
void expectMatchesGolden(const ImageRgba8& actual, const std::string& name);

std::filesystem::path testOutputDir();

// The built-in scene's courtyard seen from the south-east, a little above: textured,
// normal-mapped and plain materials, shadows, the sky, and the glass pavilion (blended) in view.
render::Camera builtinCourtyardCamera();

// The peer comparison's landmark (assets/landmarks/hongyadong) and the view sc_peer_bench
// draws of it: every draw beyond the shadow cascades. nullopt (and a failed test) if it does
// not import.
struct LandmarkView {
  assets::Model model;
  render::Camera camera;
};
std::optional<LandmarkView> hongyadongPeerView();

// A model of Debian's assimp-testmodels (path relative to its models folder), imported as a
// scene would import it; a failure fails the test and gives an empty model.
assets::Model importTestModel(const std::string& relative);

// Mean colour of a square of pixels centred on (x, y).
glm::vec3 meanColor(const ImageRgba8& image, int x, int y, int radius = 2);

// The shancheng executable run as a user runs it: `environment` (assignments, or a wrapper such
// as `timeout 20`) before it, `arguments` after it; stdout and stderr together (runCommand).
RunResult runShancheng(const std::string& arguments, const std::string& environment = "");

}  // namespace sc::test
