// Renderer::reloadPipelines (shader hot reload) and Renderer::setOptions (quality presets) on
// lavapipe with validation: new SPIR-V shows in the next frame, a bad file keeps the old
// pipelines and the old picture, and presets change the picture and restore it exactly.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "app/default_scene.hpp"
#include "gpu/render_target.hpp"
#include "gpu/shader_compiler.hpp"
#include "gpu_test_support.hpp"
#include "render/render_quality.hpp"

namespace sc::test {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable for a scope (SC_SHADER_DIR is read whenever a pipeline is made).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class RendererSettings : public GpuTest {
 protected:
  // A renderer with `options` (the fixture's is replaced) showing the default scene.
  void open(const render::RendererOptions& options) {
    renderer_.reset();
    auto renderer = render::Renderer::create(*device_, options);
    ASSERT_TRUE(renderer) << renderer.error().message;
    renderer_ = std::move(renderer.value());
    assets::Model scene = app::makeDefaultScene();
    bounds_ = scene.worldBounds();
    auto model = renderer_->addModel(scene);
    ASSERT_TRUE(model) << model.error().message;
    renderer_->addInstance(*model);
  }

  ImageRgba8 frame() {
    constexpr std::uint32_t kWidth = 200, kHeight = 120;
    gpu::OffscreenTarget target(*device_, kWidth, kHeight, 1);
    render::Camera camera = render::frameBounds(bounds_, float(kWidth) / float(kHeight));
    auto stats = renderer_->render(target, render::makeViews(camera, float(kWidth) / float(kHeight), 1));
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  }

  assets::Bounds bounds_;
};

bool greenDominant(const std::uint8_t* p) { return p[1] > p[0] + 20 && p[1] > p[2] + 20; }

// Mean absolute difference between neighbouring pixels: lower for a blurrier picture.
double edgeEnergy(const ImageRgba8& image) {
  double sum = 0.0;
  for (std::uint32_t y = 0; y + 1 < image.height; ++y) {
    for (std::uint32_t x = 0; x + 1 < image.width; ++x) {
      for (int c = 0; c < 3; ++c) {
        sum += std::abs(image.at(x, y)[c] - image.at(x + 1, y)[c]) + std::abs(image.at(x, y)[c] - image.at(x, y + 1)[c]);
      }
    }
  }
  return sum / (double(image.width - 1) * (image.height - 1));
}

TEST_F(RendererSettings, ReloadPipelinesShowsNewShadersAndKeepsTheOldOnesWhenAFileIsBad) {
  fs::path dir = testOutputDir() / "reload_pipelines";
  fs::remove_all(dir);
  fs::create_directories(dir / "spv");
  fs::create_directories(dir / "glsl");
  for (const auto& entry : fs::directory_iterator(device_->shaderDir())) {
    if (entry.path().extension() == ".spv") fs::copy_file(entry.path(), dir / "spv" / entry.path().filename());
  }
  for (const auto& entry : fs::directory_iterator(fs::path(SC_SOURCE_DIR) / "shaders")) {
    fs::copy_file(entry.path(), dir / "glsl" / entry.path().filename());
  }
  // pbr.frag with every surface tinted green.
  std::string source;
  {
    std::ifstream in(dir / "glsl/pbr.frag");
    source.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string line = "outColor = vec4(color * baseColor.a, baseColor.a);";
  std::size_t at = source.rfind(line);
  ASSERT_NE(at, std::string::npos) << "pbr.frag's last line changed: update this test";
  source.replace(at, line.size(), "outColor = vec4(color * vec3(0.0, 1.0, 0.0) * baseColor.a, baseColor.a);");
  std::ofstream(dir / "glsl/pbr.frag") << source;
  auto tinted = gpu::compileGlsl(dir / "glsl/pbr.frag", {});
  if (!tinted && tinted.error().message.find("glslc") != std::string::npos &&
      tinted.error().message.find("error:") == std::string::npos) {
    GTEST_SKIP() << "no run-time shader compiler: " << tinted.error().message;
  }
  ASSERT_TRUE(tinted) << tinted.error().message;

  ScopedEnv shaders("SC_SHADER_DIR", (dir / "spv").string());
  open(render::rendererOptionsFor(render::RenderQuality::Medium, true));
  ImageRgba8 before = frame();
  {
    std::ofstream out(dir / "spv/pbr.frag.spv", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(tinted->data()), std::streamsize(tinted->size() * 4));
  }
  Status reloaded = renderer_->reloadPipelines();
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  ImageRgba8 after = frame();
  std::size_t changed = 0, green = 0, pixels = std::size_t(after.width) * after.height;
  for (std::uint32_t y = 0; y < after.height; ++y) {
    for (std::uint32_t x = 0; x < after.width; ++x) {
      const std::uint8_t* a = before.at(x, y);
      const std::uint8_t* b = after.at(x, y);
      if (std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]) <= 30) continue;
      ++changed;
      green += greenDominant(b);
    }
  }
  EXPECT_GT(changed, pixels / 20) << "the new pbr.frag did not change the picture";  // the paved square: ~1/10
  EXPECT_GT(green, changed * 9 / 10) << green << " of " << changed << " changed pixels are green";
  (void)writePng(dir / "before.png", before);
  (void)writePng(dir / "after.png", after);

  // A damaged file: the reload fails, names it, and every old pipeline stays.
  std::ofstream(dir / "spv/sky.frag.spv", std::ios::binary | std::ios::trunc) << "broken!";
  Status failed = renderer_->reloadPipelines();
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("sky.frag.spv"), std::string::npos) << failed.error().message;
  EXPECT_NE(failed.error().message.find("old pipelines stay"), std::string::npos) << failed.error().message;
  ImageRgba8 kept = frame();
  EXPECT_EQ(compareImages(kept, after, 0).fractionWithin, 1.0) << "the picture changed after a failed reload";
}

TEST_F(RendererSettings, QualityPresetsMapToOptionsAndApplyAtRunTime) {
  using render::RenderQuality;
  render::RendererOptions low = render::rendererOptionsFor(RenderQuality::Low, false);
  render::RendererOptions medium = render::rendererOptionsFor(RenderQuality::Medium, true);
  render::RendererOptions highGpu = render::rendererOptionsFor(RenderQuality::High, false);
  EXPECT_EQ(low.shadowMapSize, 1024u);
  EXPECT_EQ(low.msaaSamples, 1u);
  EXPECT_FLOAT_EQ(low.renderScale, 0.75f);
  EXPECT_EQ(medium.shadowMapSize, render::RendererOptions{}.shadowMapSize);
  EXPECT_EQ(medium.msaaSamples, 1u);  // a CPU rasteriser
  EXPECT_EQ(render::rendererOptionsFor(RenderQuality::Medium, false).msaaSamples, 4u);
  EXPECT_EQ(highGpu.shadowMapSize, 4096u);
  EXPECT_EQ(highGpu.msaaSamples, 4u);
  EXPECT_EQ(render::rendererOptionsFor(RenderQuality::High, true).msaaSamples, 1u);
  EXPECT_EQ(render::rendererOptionsFor(RenderQuality::Low, false, 4).msaaSamples, 4u);  // --msaa wins
  EXPECT_EQ(render::parseRenderQuality("high"), RenderQuality::High);
  EXPECT_FALSE(render::parseRenderQuality("ultra"));

  open(medium);
  ImageRgba8 mediumShot = frame();
  ASSERT_TRUE(renderer_->setOptions(low));
  EXPECT_FLOAT_EQ(renderer_->options().renderScale, 0.75f);
  EXPECT_EQ(renderer_->options().shadowMapSize, 1024u);
  ImageRgba8 lowShot = frame();
  // High as on a GPU: a larger shadow atlas and 4x MSAA (pipelines and targets made again).
  ASSERT_TRUE(renderer_->setOptions(highGpu));
  EXPECT_EQ(renderer_->options().msaaSamples, 4u);
  ImageRgba8 highShot = frame();
  ASSERT_TRUE(renderer_->setOptions(medium));
  ImageRgba8 mediumAgain = frame();

  fs::path dir = testOutputDir() / "quality_presets";
  fs::create_directories(dir);
  (void)writePng(dir / "low.png", lowShot);
  (void)writePng(dir / "medium.png", mediumShot);
  (void)writePng(dir / "high.png", highShot);
  double lowEdges = edgeEnergy(lowShot), mediumEdges = edgeEnergy(mediumShot);
  EXPECT_LT(lowEdges, mediumEdges * 0.95) << "low (75% scale) is not softer: " << lowEdges << " vs " << mediumEdges;
  EXPECT_LT(compareImages(highShot, mediumShot, 2).fractionWithin, 0.999) << "high looks exactly like medium";
  EXPECT_GT(compareImages(highShot, mediumShot, 32).fractionWithin, 0.9) << "high is not the same view";
  // Back to medium: the same picture as before, to the bit.
  EXPECT_EQ(compareImages(mediumAgain, mediumShot, 0).fractionWithin, 1.0);
}

}  // namespace
}  // namespace sc::test
