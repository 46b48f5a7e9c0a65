// render::Background::Transparent (the AR companion's eyes, a panorama layer under the eyes,
// `shancheng render --background transparent`) on lavapipe with validation: no sky anywhere,
// (0, 0, 0, 0) where nothing is drawn, alpha 1 on opaque geometry, a blended card's coverage in
// between, at MSAA 1 and 4; the sky comes back when the background is switched back.
#include <algorithm>
#include <cmath>
#include <string>

#include "gpu/render_target.hpp"
#include "gpu_test_support.hpp"
#include "render/procedural_shapes.hpp"

namespace sc::test {
namespace {

constexpr std::uint32_t kWidth = 160, kHeight = 96;

// A POI marker (gold sphere) on a post with a half-transparent blue card beside it: the kind of
// thing the AR companion draws over the real world.
assets::Model markerScene() {
  assets::Model model;
  assets::Material gold;
  gold.name = "marker gold";
  gold.baseColorFactor = {1.0f, 0.75f, 0.2f, 1.0f};
  gold.metallicFactor = 0.0f;
  gold.roughnessFactor = 0.5f;
  gold.emissiveFactor = {0.5f, 0.35f, 0.05f};
  assets::Material post = gold;
  post.name = "post";
  post.baseColorFactor = {0.6f, 0.6f, 0.6f, 1.0f};
  post.emissiveFactor = glm::vec3(0.1f);
  assets::Material card;
  card.name = "card";
  card.baseColorFactor = {0.1f, 0.3f, 1.0f, 0.5f};
  card.metallicFactor = 0.0f;
  card.alphaMode = assets::AlphaMode::Blend;
  card.doubleSided = true;
  card.unlit = true;
  model.materials = {gold, post, card};
  render::addPrimitiveNode(model, render::makeSphere(0.5f), 0, {-0.6f, 1.2f, 0.0f}, "marker");
  render::addPrimitiveNode(model, render::makeBox({0.08f, 0.4f, 0.08f}), 1, {-0.6f, 0.4f, 0.0f}, "post");
  render::addPrimitiveNode(model, render::makeQuad({0.5f, 0.4f}), 2, {0.8f, 1.0f, 0.0f}, "card");
  return model;
}

struct Shares {
  double transparentBlack = 0.0;  // (0, 0, 0, 0)
  double opaque = 0.0;            // alpha 255
  double skyLike = 0.0;           // alpha 0 with colour, or a blue-dominant opaque pixel (the sky)
};

Shares measure(const ImageRgba8& image) {
  Shares s;
  std::size_t n = std::size_t(image.width) * image.height;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * 4];
    if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) s.transparentBlack += 1;
    if (p[3] == 255) s.opaque += 1;
    // Colour without coverage (not premultiplied, or sky leaking through).
    if (p[3] == 0 && (p[0] | p[1] | p[2]) != 0) s.skyLike += 1;
  }
  s.transparentBlack /= double(n);
  s.opaque /= double(n);
  s.skyLike /= double(n);
  return s;
}

// The alpha channel as a grey picture (to look at).
ImageRgba8 alphaAsGrey(const ImageRgba8& image) {
  ImageRgba8 grey = image;
  for (std::size_t i = 0; i + 3 < grey.pixels.size(); i += 4) {
    grey.pixels[i] = grey.pixels[i + 1] = grey.pixels[i + 2] = image.pixels[i + 3];
    grey.pixels[i + 3] = 255;
  }
  return grey;
}

class TransparentBackground : public GpuTest, public ::testing::WithParamInterface<std::uint32_t> {
 protected:
  ImageRgba8 frame(render::Background background) {
    render::RendererOptions options = renderer_->options();
    options.background = background;
    Status set = renderer_->setOptions(options);
    EXPECT_TRUE(set) << (set ? "" : set.error().message);
    gpu::OffscreenTarget target(*device_, kWidth, kHeight, 1);
    render::Camera camera;
    camera.eye = {0.0f, 1.0f, 3.2f};
    camera.target = {0.0f, 0.9f, 0.0f};
    auto stats = renderer_->render(target, render::makeViews(camera, float(kWidth) / float(kHeight), 1));
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  }
};

TEST_P(TransparentBackground, NoSkyAlphaZeroAroundTheModelOneOnIt) {
  std::uint32_t msaa = GetParam();
  renderer_.reset();
  render::RendererOptions options;
  options.msaaSamples = msaa;
  options.shadowMapSize = 256;
  auto renderer = render::Renderer::create(*device_, options);
  ASSERT_TRUE(renderer) << renderer.error().message;
  renderer_ = std::move(renderer.value());
  render::Environment environment;
  environment.timeOfDayHours = 14.0f;
  environment.fogDensity = 0.05f;  // heavy: must not tint anything without a sky
  renderer_->setEnvironment(environment);
  auto id = renderer_->addModel(markerScene());
  ASSERT_TRUE(id) << id.error().message;
  renderer_->addInstance(*id);

  ImageRgba8 clear = frame(render::Background::Transparent);
  ASSERT_EQ(clear.width, kWidth);
  std::string name = "transparent-background-msaa" + std::to_string(msaa);
  ASSERT_TRUE(writePng(testOutputDir() / (name + ".png"), clear).ok());
  ASSERT_TRUE(writePng(testOutputDir() / (name + "-alpha.png"), alphaAsGrey(clear)).ok());

  Shares s = measure(clear);
  std::printf("msaa %u: %.3f transparent black, %.3f opaque, %.4f colour without alpha\n", msaa,
              s.transparentBlack, s.opaque, s.skyLike);
  // Most of the picture is empty: exactly (0, 0, 0, 0), and nowhere colour without coverage.
  EXPECT_GT(s.transparentBlack, 0.6);
  EXPECT_EQ(s.skyLike, 0.0);
  EXPECT_GT(s.opaque, 0.03);  // the marker and the post
  // Premultiplied everywhere: no channel above alpha, in linear light (the colour is sRGB-encoded
  // by the target, alpha is stored linear), within 8-bit rounding.
  auto linear = [](std::uint8_t c) {
    float v = float(c) / 255.0f;
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
  };
  for (std::size_t i = 0; i + 3 < clear.pixels.size(); i += 4) {
    float a = float(clear.pixels[i + 3]) / 255.0f;
    for (int c = 0; c < 3; ++c) ASSERT_LE(linear(clear.pixels[i + c]), a + 0.01f) << "pixel " << i / 4;
  }
  // The corners and the top row (where the sky would be): transparent black.
  for (std::uint32_t x = 0; x < kWidth; ++x) {
    const std::uint8_t* p = clear.at(x, 0);
    ASSERT_EQ(p[0] + p[1] + p[2] + p[3], 0) << "sky at (" << x << ", 0)";
  }
  // The marker's centre: opaque gold. Projected from (-0.6, 1.2, 0) with the camera above.
  auto project = [&](glm::vec3 world) {
    render::Camera camera;
    camera.eye = {0.0f, 1.0f, 3.2f};
    camera.target = {0.0f, 0.9f, 0.0f};
    auto views = render::makeViews(camera, float(kWidth) / float(kHeight), 1);
    glm::vec4 clip = views[0].proj * views[0].view * glm::vec4(world, 1.0f);
    glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return glm::ivec2(int((ndc.x * 0.5f + 0.5f) * kWidth), int((ndc.y * 0.5f + 0.5f) * kHeight));
  };
  glm::ivec2 marker = project({-0.6f, 1.2f, 0.0f});
  const std::uint8_t* m = clear.at(std::uint32_t(marker.x), std::uint32_t(marker.y));
  EXPECT_EQ(m[3], 255) << "marker at " << marker.x << "," << marker.y;
  EXPECT_GT(m[0], m[2] + 40) << "the marker is gold";
  // The half-transparent card: alpha about 0.5, blue, premultiplied.
  glm::ivec2 cardAt = project({0.8f, 1.0f, 0.0f});
  const std::uint8_t* c = clear.at(std::uint32_t(cardAt.x), std::uint32_t(cardAt.y));
  EXPECT_NEAR(int(c[3]), 128, 3) << "card at " << cardAt.x << "," << cardAt.y;
  EXPECT_GT(c[2], c[0] + 40);
  EXPECT_LE(linear(c[2]), float(c[3]) / 255.0f + 0.01f);

  // Back to the sky: opaque everywhere, the top row sky-coloured (blue over red).
  ImageRgba8 sky = frame(render::Background::Sky);
  Shares withSky = measure(sky);
  EXPECT_EQ(withSky.opaque, 1.0);
  const std::uint8_t* top = sky.at(kWidth / 2, 0);
  EXPECT_GT(top[2], top[0]) << "the sky is back";
  ASSERT_TRUE(writePng(testOutputDir() / (name + "-sky.png"), sky).ok());
  // The model itself is drawn the same way (the marker's colour within fog's reach: none
  // without a sky, some with it, so only its coverage is compared).
  EXPECT_EQ(sky.at(std::uint32_t(marker.x), std::uint32_t(marker.y))[3], 255);
}

INSTANTIATE_TEST_SUITE_P(Msaa, TransparentBackground, ::testing::Values(1u, 4u),
                         [](const auto& info) { return "Msaa" + std::to_string(info.param); });

// `shancheng render --background transparent` writes a PNG with alpha (straight, as PNG defines
// it): transparent where the default scene shows sky.
TEST(RenderCommandBackground, TransparentPngHasAlpha) {
  auto out = testOutputDir() / "render-background-transparent.png";
  std::filesystem::remove(out);
  RunResult run = runShancheng("render builtin:default --size 160x96 --msaa 1 --background transparent --out " +
                               out.string());
  ASSERT_EQ(run.exitCode, 0) << run.output;
  auto image = readPng(out);
  ASSERT_TRUE(image) << image.error().message;
  Shares s = measure(*image);
  std::printf("render --background transparent: %.3f transparent black, %.3f opaque\n", s.transparentBlack, s.opaque);
  EXPECT_GT(s.transparentBlack, 0.05);  // the sky above the scene
  EXPECT_GT(s.opaque, 0.2);             // the ground and the shapes
  RunResult bad = runShancheng("render builtin:default --size 160x96 --background glass --out " + out.string());
  EXPECT_EQ(bad.exitCode, 2) << bad.output;
}

}  // namespace
}  // namespace sc::test
