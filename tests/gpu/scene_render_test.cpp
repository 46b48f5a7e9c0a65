// Every scene under scenes/ loads (scene file + its models) and renders from each of its points
// of interest with zero validation errors; each picture shows something (not one flat colour).
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "gpu_test_support.hpp"

#include "app/scene_content.hpp"

namespace sc::test {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> sceneFiles() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(SC_SOURCE_DIR) / "scenes", ec)) {
    if (app::isSceneFile(entry.path().string())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// How many distinct colours (quantised to 4 bits per channel) a picture has.
std::size_t colourCount(const ImageRgba8& image) {
  std::vector<bool> seen(4096, false);
  std::size_t count = 0;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
    std::size_t key = (image.pixels[i] >> 4) << 8 | (image.pixels[i + 1] >> 4) << 4 | (image.pixels[i + 2] >> 4);
    if (!seen[key]) {
      seen[key] = true;
      ++count;
    }
  }
  return count;
}

}  // namespace

class SceneRender : public GpuTest, public ::testing::WithParamInterface<fs::path> {};

TEST_P(SceneRender, EveryPointOfInterestRendersWithoutValidationErrors) {
  auto content = app::loadViewContent(GetParam().string());
  ASSERT_TRUE(content) << content.error().message;
  ASSERT_TRUE(content->scene);
  ASSERT_FALSE(content->scene->pois.empty());
  // One sample per pixel, as `shancheng render` uses on a CPU rasteriser: some landmark views
  // cost lavapipe 100x more with 4x MSAA.
  render::RendererOptions options;
  options.msaaSamples = 1;
  auto created = render::Renderer::create(*device_, options);
  ASSERT_TRUE(created) << created.error().message;
  renderer_ = std::move(created.value());
  render::Environment env = content->environment.value_or(render::Environment{});
  renderer_->setEnvironment(env);
  for (const auto& placed : content->models) {
    auto id = renderer_->addModel(placed.model);
    ASSERT_TRUE(id) << id.error().message;
    renderer_->addInstance(*id, placed.transform);
  }
  gpu::OffscreenTarget target(*device_, 160, 90, 1);
  for (const auto& poi : content->scene->pois) {
    auto camera = app::sceneCamera(*content->scene, poi.id);
    ASSERT_TRUE(camera) << camera.error().message;
    auto views = render::makeViews(*camera, 160.0f / 90.0f, 1);
    auto stats = renderer_->render(target, views);
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_GT(stats->drawCalls, 1u) << poi.id << ": nothing but the sky was drawn";
    auto pixels = target.readPixels();
    ASSERT_TRUE(pixels);
    EXPECT_GT(colourCount(*pixels), 20u) << GetParam().filename() << " " << poi.id << " looks empty";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenes, SceneRender, ::testing::ValuesIn(sceneFiles()), [](const auto& info) {
  std::string name = info.param.stem().stem().string();
  for (auto& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

}  // namespace sc::test
