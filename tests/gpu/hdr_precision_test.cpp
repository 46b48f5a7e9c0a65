// The HDR target's format (RendererOptions::hdrPrecision): the packed RG11B10 target must draw
// the wide RGBA16F target's picture within the packed floats' precision, and a transparent
// background, which needs alpha, must always get the wide one, also when switched to and back.
// lavapipe supports the packed format; Auto keeps it wide there (CPU rasteriser), so these tests
// ask for Packed.
#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"

namespace sc::test {

class HdrPrecision : public GpuTest {
 protected:
  void SetUp() override {
    GpuTest::SetUp();
    if (device_ && !device_->info().packedHdrColor) GTEST_SKIP() << "the device cannot draw into RG11B10";
  }

  // The built-in scene (with the glass pavilion's blending) at 4x MSAA, so the packed target is
  // also resolved.
  ImageRgba8 draw(render::HdrPrecision precision, render::Background background, float hours) {
    render::RendererOptions options = renderer_->options();
    options.msaaSamples = 4;
    options.hdrPrecision = precision;
    options.background = background;
    setRendererOptions(options);
    render::Environment environment;
    environment.timeOfDayHours = hours;
    return renderModel(app::makeDefaultScene(), builtinCourtyardCamera(), 200, 120, 1, environment);
  }
};

TEST_F(HdrPrecision, PackedTargetDrawsTheWidePicture) {
  for (float hours : {12.0f, 18.6f, 23.0f}) {
    ImageRgba8 packed = draw(render::HdrPrecision::Packed, render::Background::Sky, hours);
    EXPECT_EQ(renderer_->hdrTargetFormat(), gpu::Format::RG11B10Float);
    ImageRgba8 wide = draw(render::HdrPrecision::Wide, render::Background::Sky, hours);
    EXPECT_EQ(renderer_->hdrTargetFormat(), gpu::Format::RGBA16Float);
    ASSERT_FALSE(packed.pixels.empty());
    ImageDifference d = compareImages(packed, wide, 3);
    std::string name = "hdr_packed_" + std::to_string(int(hours));
    (void)writePng(testOutputDir() / (name + ".png"), packed);
    (void)writePng(testOutputDir() / (name + "_wide.png"), wide);
    // Seen on lavapipe: at most 4 of 24,000 pixels off by more than 3/255, none by more than 5.
    EXPECT_GE(d.fractionWithin, 0.999) << name << ": " << d.maxChannelDelta << "/255 at most";
    EXPECT_LE(d.maxChannelDelta, 6) << name;
  }
}

TEST_F(HdrPrecision, TransparentBackgroundAlwaysGetsAlpha) {
  ImageRgba8 before = draw(render::HdrPrecision::Packed, render::Background::Sky, 12.0f);
  ImageRgba8 transparent = draw(render::HdrPrecision::Packed, render::Background::Transparent, 12.0f);
  EXPECT_EQ(renderer_->hdrTargetFormat(), gpu::Format::RGBA16Float) << "a transparent background needs alpha";
  ASSERT_FALSE(transparent.pixels.empty());
  // The sky is left out: the top row is empty (alpha 0); the courtyard's floor at the bottom is
  // covered (alpha 255).
  auto alphaAt = [&](std::uint32_t x, std::uint32_t y) { return transparent.pixels[(y * transparent.width + x) * 4 + 3]; };
  EXPECT_EQ(alphaAt(100, 0), 0);
  EXPECT_EQ(alphaAt(100, transparent.height - 1), 255);
  // And back: packed again, the same picture as before.
  ImageRgba8 after = draw(render::HdrPrecision::Packed, render::Background::Sky, 12.0f);
  EXPECT_EQ(renderer_->hdrTargetFormat(), gpu::Format::RG11B10Float);
  ImageDifference d = compareImages(after, before, 0);
  EXPECT_EQ(d.fractionWithin, 1.0) << d.maxChannelDelta << "/255 at most";
}

TEST_F(HdrPrecision, AutoIsWideOnACpuRasteriser) {
  (void)draw(render::HdrPrecision::Auto, render::Background::Sky, 12.0f);
  EXPECT_EQ(renderer_->hdrTargetFormat(), device_->info().isSoftware ? gpu::Format::RGBA16Float : gpu::Format::RG11B10Float);
}

}  // namespace sc::test
