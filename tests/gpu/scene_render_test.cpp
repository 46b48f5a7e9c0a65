// Every scene under scenes/ loads (scene file + its models) and renders from each of its points
// of interest with zero validation errors; each picture shows something (not one flat colour).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <thread>
#include <filesystem>

#include "gpu_test_support.hpp"

#include "app/scene_content.hpp"
#include "app/window_scene_loader.hpp"
#include "xr/xr_command.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

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

// A prop placed many times (a creator's row of lanterns) is imported and uploaded once and
// drawn as instances of one model: one draw for all placements, each at its own place.
TEST_F(GpuTest, RepeatedPlacementsOfOneFileShareOneModel) {
  fs::path dir = testOutputDir() / "repeated_placements";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/triangle.gltf", dir / "triangle.gltf");
  std::ifstream in(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  nlohmann::json first = doc["models"][0];
  for (int i = 1; i <= 3; ++i) {
    nlohmann::json copy = first;
    copy["id"] = "marker" + std::to_string(i);
    copy["transform"]["translation"] = {1.5 * i, 0, -3};
    doc["models"].push_back(copy);
  }
  fs::path sceneFile = dir / "row.scene.json";
  std::ofstream(sceneFile) << doc.dump(2);

  auto content = app::loadViewContent(sceneFile.string());
  ASSERT_TRUE(content) << content.error().message;
  // The four markers, then the example's own lights (a model without geometry).
  ASSERT_EQ(content->models.size(), 5u);
  EXPECT_EQ(content->models[0].sameModelAs, -1);
  for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(content->models[i].sameModelAs, 0) << i;
  EXPECT_NE(content->models[1].transform, content->models[0].transform);

  app::ShownContent shown;
  ASSERT_TRUE(app::showContent(*renderer_, *content, shown));
  EXPECT_EQ(shown.models.size(), 2u);  // the marker once, and the lights
  EXPECT_EQ(shown.instances.size(), 5u);
  render::Camera camera;
  camera.eye = {2.25f, 1.0f, 4.0f};
  camera.target = {2.25f, 0.0f, -3.0f};
  gpu::OffscreenTarget target(*device_, 160, 90, 1);
  auto stats = renderer_->render(target, render::makeViews(camera, 160.0f / 90.0f, 1));
  ASSERT_TRUE(stats) << stats.error().message;
  // The example's model is one primitive: one draw for all four placements, and the sky.
  ASSERT_EQ(content->models[0].model.meshes.size(), 1u);
  ASSERT_EQ(content->models[0].model.meshes[0].primitives.size(), 1u);
  EXPECT_EQ(stats->culled, 0u);
  EXPECT_EQ(stats->drawCalls, 2u);
  EXPECT_EQ(stats->triangles, 4u * (content->models[0].model.meshes[0].primitives[0].indices.size() / 3));
  auto pixels = target.readPixels();
  ASSERT_TRUE(pixels);
  (void)writePng(dir / "row.png", *pixels);
  app::removeShownContent(*renderer_, shown);

  // The window's loader (desktop tour, kiosk): the same sharing.
  app::SceneLoadJob job(sceneFile.string());
  std::optional<Result<app::LoadedWindowScene>> window;
  for (int i = 0; i < 6000 && !window; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    window = job.take();
  }
  ASSERT_TRUE(window.has_value()) << "the window's scene load did not finish in 60 s";
  ASSERT_TRUE(*window) << (*window).error().message;
  const auto& windowModels = (*window)->content.models;
  ASSERT_EQ(windowModels.size(), 5u);
  EXPECT_EQ(windowModels[0].sameModelAs, -1);
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(windowModels[i].sameModelAs, 0) << i;
    EXPECT_EQ(windowModels[i].transform, content->models[i].transform) << i;
  }
  app::ShownContent windowShown;
  ASSERT_TRUE(app::showContent(*renderer_, (*window)->content, windowShown));
  EXPECT_EQ(windowShown.models.size(), 2u);
  auto windowStats = renderer_->render(target, render::makeViews(camera, 160.0f / 90.0f, 1));
  ASSERT_TRUE(windowStats) << windowStats.error().message;
  EXPECT_EQ(windowStats->drawCalls, 2u);
  // The same markers in the same places: the same picture.
  auto windowPixels = target.readPixels();
  ASSERT_TRUE(windowPixels);
  (void)writePng(dir / "row_window.png", *windowPixels);
  EXPECT_EQ(windowPixels->pixels, pixels->pixels);
  app::removeShownContent(*renderer_, windowShown);

  // The headset's content: one renderer model for the four markers, one instance each.
  std::vector<xr::XrModel> headset;
  for (const auto& placed : content->models) headset.push_back({placed.model, placed.transform, placed.sameModelAs});
  auto instances = xr::placeModels(*renderer_, headset);
  ASSERT_TRUE(instances) << instances.error().message;
  ASSERT_EQ(instances->size(), 5u);
  auto headsetStats = renderer_->render(target, render::makeViews(camera, 160.0f / 90.0f, 1));
  ASSERT_TRUE(headsetStats) << headsetStats.error().message;
  EXPECT_EQ(headsetStats->drawCalls, 2u);
  EXPECT_EQ(headsetStats->triangles, stats->triangles);
  auto headsetPixels = target.readPixels();
  ASSERT_TRUE(headsetPixels);
  (void)writePng(dir / "row_headset.png", *headsetPixels);
  EXPECT_EQ(headsetPixels->pixels, pixels->pixels);
  for (render::InstanceId instance : *instances) renderer_->removeInstance(instance);
}

}  // namespace sc::test
