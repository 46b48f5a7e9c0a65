// The cheaper sky of CPU devices (RendererOptions::exactSky false: common.glsl's kFastSky, and no
// star field's code by day) must draw the exact sky's picture within 2/255, stars included.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"

namespace sc::test {

class FastSky : public GpuTest {
 protected:
  ImageRgba8 draw(const assets::Model& model, const render::Camera& camera, std::uint32_t width, std::uint32_t height,
                  bool exact, const render::Environment& environment) {
    render::RendererOptions options = renderer_->options();
    options.msaaSamples = 1;
    options.exactSky = exact;
    setRendererOptions(options);
    return renderModel(model, camera, width, height, 1, environment);
  }

  void expectSamePicture(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                         std::uint32_t height, const std::string& name, const render::Environment& environment) {
    ImageRgba8 fast = draw(model, camera, width, height, false, environment);
    ImageRgba8 exact = draw(model, camera, width, height, true, environment);
    ASSERT_FALSE(fast.pixels.empty());
    ImageDifference d = compareImages(fast, exact, 1);
    std::printf("%s: %.5f of pixels within 1/255, %d/255 at most\n", name.c_str(), d.fractionWithin, d.maxChannelDelta);
    EXPECT_GE(d.fractionWithin, 0.99) << name;
    EXPECT_LE(d.maxChannelDelta, 2) << name;
    (void)writePng(testOutputDir() / ("fast_sky_" + name + ".png"), fast);
    (void)writePng(testOutputDir() / ("fast_sky_" + name + "_exact.png"), exact);
  }
};

TEST_F(FastSky, DrawsTheExactSkyWithinTwoLevels) {
  ASSERT_TRUE(device_->info().isSoftware) << "the cheaper sky is drawn on CPU devices only";
  // Looking up from the courtyard: the gradient from the horizon to the zenith, the sun's glow and
  // disk (dusk: in view, low in the west), its reflections on the spheres, stars at night.
  render::Camera courtyard;
  courtyard.eye = {4.8f, 1.4f, 8.6f};
  courtyard.target = {-0.2f, 3.0f, 0.0f};
  courtyard.fovY = 1.2f;
  courtyard.farPlane = 200.0f;
  assets::Model scene = app::makeDefaultScene();
  for (float hours : {12.0f, 18.4f, 23.0f}) {
    render::Environment environment;
    environment.timeOfDayHours = hours;
    environment.sunAzimuthDeg = 330.0f;  // in front of the camera (low at dusk: in view)
    expectSamePicture(scene, courtyard, 240, 160, "builtin_" + std::to_string(int(hours)), environment);
  }
  auto landmark = hongyadongPeerView();
  ASSERT_TRUE(landmark);
  render::Environment peer;
  peer.fogDensity = 0.0f;
  expectSamePicture(landmark->model, landmark->camera, 256, 144, "hongyadong", peer);
}

}  // namespace sc::test
