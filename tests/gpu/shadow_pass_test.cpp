// The shadow pass is left out of frames where no draw looks the sun's shadow up (CPU devices:
// every draw beyond the cascades, or the sun down), and kept wherever one does; the picture is
// that of the generic pipelines, which always draw the pass and look shadows up everywhere.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"

namespace sc::test {

class ShadowPass : public GpuTest {
 protected:
  RenderedFrame draw(const assets::Model& model, const render::Camera& camera, bool generic,
                     const render::Environment& environment) {
    render::RendererOptions options = renderer_->options();
    options.msaaSamples = 1;
    options.genericShaders = generic;
    setRendererOptions(options);
    return renderFrame(model, camera, 256, 144, 1, environment);
  }

  // Returns the specialised frame's shadow draws after checking its picture against the generic one.
  std::uint32_t shadowDrawsOfSamePicture(const assets::Model& model, const render::Camera& camera,
                                         const render::Environment& environment, const std::string& name) {
    RenderedFrame specialised = draw(model, camera, false, environment);
    RenderedFrame generic = draw(model, camera, true, environment);
    EXPECT_FALSE(specialised.image.pixels.empty()) << name;
    if (environment.sunScale > 0.0f) {
      EXPECT_GT(generic.stats.shadowDrawCalls, 0u) << name << ": the generic pipelines always draw the pass";
    }
    ImageDifference d = compareImages(specialised.image, generic.image, 1);
    EXPECT_EQ(d.fractionWithin, 1.0) << name << ": " << d.maxChannelDelta << "/255 at most";
    (void)writePng(testOutputDir() / ("shadow_pass_" + name + ".png"), specialised.image);
    return specialised.stats.shadowDrawCalls;
  }
};

TEST_F(ShadowPass, LeftOutOnlyWhereNoDrawLooksShadowsUp) {
  ASSERT_TRUE(device_->info().isSoftware) << "the shadow-free pipelines are made on CPU devices only";
  // The landmark of the peer comparison, seen from afar: every draw beyond the 250 m cascades.
  auto landmark = hongyadongPeerView();
  ASSERT_TRUE(landmark);
  render::Environment noon;
  noon.timeOfDayHours = 12.0f;
  EXPECT_EQ(shadowDrawsOfSamePicture(landmark->model, landmark->camera, noon, "landmark_far"), 0u);
  // The built-in courtyard up close: its shadows are in view, so the pass stays.
  render::Camera courtyard = builtinCourtyardCamera();
  assets::Model scene = app::makeDefaultScene();
  EXPECT_GT(shadowDrawsOfSamePicture(scene, courtyard, noon, "courtyard_noon"), 0u);
  // At night (the moon lights the scene) the pass stays; with the sun and moon at zero it goes.
  render::Environment dark = noon;
  dark.sunScale = 0.0f;
  EXPECT_EQ(shadowDrawsOfSamePicture(scene, courtyard, dark, "courtyard_no_sun"), 0u);
}

// Frames without fog are drawn by pipelines without its arithmetic (common.glsl kFog) on CPU
// devices; the generic pipelines keep it (at density 0): the same picture.
TEST_F(ShadowPass, FramesWithoutFogDrawTheGenericPicture) {
  render::Camera courtyard;
  courtyard.eye = {4.8f, 1.4f, 8.6f};
  courtyard.target = {-0.2f, 3.0f, 0.0f};
  courtyard.fovY = 1.2f;
  courtyard.farPlane = 200.0f;
  render::Environment clear;
  clear.timeOfDayHours = 17.5f;
  clear.fogDensity = 0.0f;
  EXPECT_GT(shadowDrawsOfSamePicture(app::makeDefaultScene(), courtyard, clear, "courtyard_no_fog"), 0u);
  render::Environment night = clear;
  night.timeOfDayHours = 23.0f;
  (void)shadowDrawsOfSamePicture(app::makeDefaultScene(), courtyard, night, "courtyard_night_no_fog");
}

}  // namespace sc::test
