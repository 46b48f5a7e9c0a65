// Tone mapping folded into the scene shaders (RendererOptions::foldToneMapping): single-sampled,
// single-view frames without blended draws are tone-mapped by the PBR and sky shaders straight
// into the output; the picture must be the separate pass's within 1/255 (the HDR target's 16-bit
// floats are the only difference), and every other frame must keep the separate pass.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"
#include "gpu/render_target.hpp"

namespace sc::test {

namespace {

using Frame = RenderedFrame;

render::Camera courtyard() { return builtinCourtyardCamera(); }

// The model with every blended material drawn opaque instead, so its frames may be folded.
assets::Model withoutBlending(assets::Model model) {
  for (auto& material : model.materials) {
    if (material.alphaMode == assets::AlphaMode::Blend) material.alphaMode = assets::AlphaMode::Opaque;
  }
  return model;
}

}  // namespace

class ToneMapFold : public GpuTest {
 protected:
  Frame draw(const assets::Model& model, const render::Camera& camera, std::uint32_t width, std::uint32_t height,
             bool fold, const render::Environment& environment, std::uint32_t views = 1) {
    render::RendererOptions options = renderer_->options();
    options.msaaSamples = 1;
    options.foldToneMapping = fold;
    setRendererOptions(options);
    return renderFrame(model, camera, width, height, views, environment);
  }

  // Folded and separate tone mapping of the same frame: the same picture within 1/255.
  void expectSamePicture(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                         std::uint32_t height, const std::string& name, const render::Environment& environment) {
    Frame folded = draw(model, camera, width, height, true, environment);
    Frame separate = draw(model, camera, width, height, false, environment);
    ASSERT_FALSE(folded.image.pixels.empty());
    EXPECT_TRUE(folded.stats.toneMappedInScene) << name << ": the frame should have been folded";
    EXPECT_FALSE(separate.stats.toneMappedInScene) << name;
    ImageDifference d = compareImages(folded.image, separate.image, 1);
    EXPECT_GE(d.fractionWithin, 0.999) << name << ": " << d.maxChannelDelta << "/255 at most";
    EXPECT_LE(d.maxChannelDelta, 2) << name;
    (void)writePng(testOutputDir() / ("fold_" + name + ".png"), folded.image);
    (void)writePng(testOutputDir() / ("fold_" + name + "_separate.png"), separate.image);
  }
};

TEST_F(ToneMapFold, FoldedFramesDrawTheSeparatePassPicture) {
  assets::Model scene = withoutBlending(app::makeDefaultScene());
  render::Environment noon;
  noon.timeOfDayHours = 12.0f;
  expectSamePicture(scene, courtyard(), 240, 160, "builtin_noon", noon);
  // The other operator, at dusk (the sun's glow in the sky), and night (stars, low exposure).
  render::Environment dusk;
  dusk.timeOfDayHours = 18.6f;
  dusk.toneMapper = render::ToneMapper::PbrNeutral;
  expectSamePicture(scene, courtyard(), 240, 160, "builtin_dusk_neutral", dusk);
  render::Environment night;
  night.timeOfDayHours = 23.0f;
  expectSamePicture(scene, courtyard(), 240, 160, "builtin_night", night);
  // A transparent background (AR): no sky, coverage kept as alpha, premultiplied colour.
  render::RendererOptions transparent = renderer_->options();
  transparent.background = render::Background::Transparent;
  ASSERT_TRUE(renderer_->setOptions(transparent));
  expectSamePicture(scene, courtyard(), 240, 160, "builtin_transparent", noon);
  transparent.background = render::Background::Sky;
  ASSERT_TRUE(renderer_->setOptions(transparent));

  // The landmark of the peer comparison, with its camera (sc_peer_bench), small.
  auto landmark = hongyadongPeerView();
  ASSERT_TRUE(landmark);
  render::Environment peer;
  peer.fogDensity = 0.0f;
  expectSamePicture(landmark->model, landmark->camera, 256, 144, "hongyadong", peer);
  render::Environment foggy;
  foggy.timeOfDayHours = 16.0f;
  expectSamePicture(landmark->model, landmark->camera, 256, 144, "hongyadong_fog", foggy);
}

TEST_F(ToneMapFold, OtherFramesKeepTheSeparatePass) {
  render::Environment noon;
  noon.timeOfDayHours = 12.0f;
  // The glass pavilion blends: blending belongs in linear light.
  Frame glass = draw(app::makeDefaultScene(), courtyard(), 120, 80, true, noon);
  EXPECT_FALSE(glass.stats.toneMappedInScene) << "a frame with a blended draw was folded";
  assets::Model opaque = withoutBlending(app::makeDefaultScene());
  // Two views (stereo) keep the pass too.
  Frame stereo = draw(opaque, courtyard(), 120, 80, true, noon, 2);
  EXPECT_FALSE(stereo.stats.toneMappedInScene) << "a stereo frame was folded";
  // MSAA resolves in HDR, and a smaller scene is scaled up by the pass.
  for (int variant = 0; variant < 2; ++variant) {
    render::RendererOptions options = renderer_->options();
    options.msaaSamples = variant == 0 ? 4 : 1;
    options.renderScale = variant == 0 ? 1.0f : 0.5f;
    ASSERT_TRUE(renderer_->setOptions(options));
    renderer_->setEnvironment(noon);
    auto id = renderer_->addModel(opaque);
    ASSERT_TRUE(id);
    auto instance = renderer_->addInstance(*id);
    gpu::OffscreenTarget target(*device_, 120, 80, 1);
    auto stats = renderer_->render(target, render::makeViews(courtyard(), 1.5f, 1));
    ASSERT_TRUE(device_->waitIdle());
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_FALSE(stats->toneMappedInScene) << (variant == 0 ? "an MSAA frame" : "a frame at half scale") << " was folded";
    renderer_->removeInstance(instance);
    renderer_->removeModel(*id);
  }
}

}  // namespace sc::test
