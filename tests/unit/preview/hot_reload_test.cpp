// app::SceneHotReload on a real renderer (lavapipe, validation on) with a real scene: the
// Hongyadong landmark model and two small models, copied into a temporary folder with their own
// cooked cache. Imports are counted with assets::cookImporterCalls(). The background-import
// tests put a generated OBJ grid (large enough that its import takes a measurable time) in
// place of the landmark and drive poll() as the frame loop does, one frame per call.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "app/hot_reload.hpp"
#include "assets/cooked_cache.hpp"
#include "render/camera.hpp"
#include "support/lavapipe_renderer.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

using namespace sc;

const fs::path kSource = SC_SOURCE_DIR;

struct SceneText {
  std::string timeOfDay = "15:00";
  float markerX = 0.0f;
  std::string tourPoi = "marker";
  bool syntaxError = false;
};

std::string sceneJson(const SceneText& t) {
  return fmt::format(R"({{
  "formatVersion": 1,
  "title": {{ "zh-CN": "热重载", "en": "Hot reload" }},
  "models": [
    {{ "id": "landmark", "path": "landmark/hongyadong.gltf" }},
    {{ "id": "marker", "path": "marker/triangle.gltf", "transform": {{ "translation": [{}, 0, -3] }} }},
    {{ "id": "twin", "path": "landmark/triangle.gltf" }}
  ],
  "environment": {{ "timeOfDay": "{}" }}{}
  "pois": [
    {{
      "id": "marker",
      "name": {{ "zh-CN": "三角形", "en": "Triangle" }},
      "narration": {{ "zh-CN": {{ "short": "三角形。" }}, "en": {{ "short": "A triangle." }} }},
      "anchor": [0, 1, -3],
      "viewpoints": {{
        "desktop": {{ "eye": [0, 1.6, 1], "target": [0, 1, -3] }},
        "xr": {{ "position": [0, 0, 0], "yawDeg": 0 }}
      }}
    }}
  ],
  "tours": [ {{ "id": "t", "title": {{ "zh-CN": "路线", "en": "Tour" }}, "stops": [ {{ "poi": "{}" }} ] }} ],
  "spawn": {{
    "desktop": {{ "eye": [0, 1.6, 3], "target": [0, 1, -3] }},
    "xr": {{ "position": [0, 0, 1], "yawDeg": 0 }}
  }}
}}
)",
                     t.markerX, t.timeOfDay, t.syntaxError ? "" : ",", t.tourPoi);
}

// Writes like an editor that saves through a temporary file and a rename.
void saveLikeAnEditor(const fs::path& file, const std::string& text) {
  fs::path temp = file;
  temp += ".tmp.editor";
  std::ofstream(temp, std::ios::binary | std::ios::trunc) << text;
  fs::rename(temp, file);
}

// An n x n grid of quads at height `y` (2 n^2 triangles); n = 300 imports in a fraction of a
// second (several times that under ASan). Returns the triangle count.
std::size_t writeGridObj(const fs::path& file, int n, float y) {
  fs::create_directories(file.parent_path());
  std::string text = "o grid\nvn 0 1 0\n";
  for (int j = 0; j <= n; ++j) {
    for (int i = 0; i <= n; ++i) text += fmt::format("v {} {} {}\n", i * 0.1f - n * 0.05f, y, j * 0.1f - n * 0.05f);
  }
  auto at = [n](int i, int j) { return j * (n + 1) + i + 1; };
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      text += fmt::format("f {}//1 {}//1 {}//1 {}//1\n", at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j));
    }
  }
  saveLikeAnEditor(file, text);
  return std::size_t(2 * n * n);
}

// The test scene with the landmark's model at `path` (relative to the scene's folder).
std::string sceneWithLandmark(const std::string& path, const SceneText& t = {}) {
  std::string text = sceneJson(t);
  const std::string from = "landmark/hongyadong.gltf";
  text.replace(text.find(from), from.size(), path);
  return text;
}

void appendByte(const fs::path& file) {
  std::ofstream(file, std::ios::binary | std::ios::app) << "\n";
}

class HotReloadTest : public sc::test::LavapipeRendererTest {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sc_hot_reload_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scene/marker");
    fs::copy(kSource / "assets/landmarks/hongyadong", dir_ / "scene/landmark", fs::copy_options::recursive);
    fs::copy_file(kSource / "scenes/example/triangle.gltf", dir_ / "scene/marker/triangle.gltf");
    fs::copy_file(kSource / "scenes/example/triangle.gltf", dir_ / "scene/landmark/triangle.gltf");
    scene_ = dir_ / "scene/preview.scene.json";
    std::ofstream(scene_) << sceneJson({});

    startRenderer(64, 48);
  }

  void TearDown() override {
    reload_.reset();
    stopRenderer();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void open(bool watch) {
    app::HotReloadOptions options;
    options.cook.cacheDir = dir_ / "cache";
    options.watch = watch;
    options.watchOptions.debounce = 100ms;
    scene::ValidationReport report;
    auto reload = app::SceneHotReload::open(scene_, *renderer_, options, report);
    ASSERT_TRUE(reload.ok()) << reload.error().message << "\n" << report.format();
    reload_ = std::move(reload.value());
    frame();
  }

  void frame() {
    render::Camera camera;
    camera.eye = {0, 30, 120};
    camera.target = {0, 10, 0};
    auto views = render::makeViews(camera, 64.0f / 48.0f, 1);
    auto stats = renderer_->render(*target_, views);
    ASSERT_TRUE(stats.ok()) << stats.error().message;
  }

  // Polls (rendering frames meanwhile, as the preview does) until a reload happened.
  std::optional<app::ReloadOutcome> waitForReload(std::chrono::milliseconds timeout = 10s) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (auto outcome = reload_->poll()) return outcome;
      frame();
      std::this_thread::sleep_for(5ms);
    }
    return std::nullopt;
  }

  fs::path dir_;
  fs::path scene_;
  std::unique_ptr<app::SceneHotReload> reload_;
};

TEST_F(HotReloadTest, OpenShowsEveryModel) {
  open(false);
  ASSERT_EQ(reload_->models().size(), 3u);
  EXPECT_EQ(reload_->models()[0].id, "landmark");
  EXPECT_GT(reload_->stats().triangles, 10'000u);
  EXPECT_FALSE(reload_->lastError());
  EXPECT_EQ(reload_->generation(), 1u);
}

TEST_F(HotReloadTest, ChangedModelFileIsReimportedAloneAndSwappedInUnderASecond) {
  open(true);
  const auto before = reload_->models();
  const auto imports = assets::cookImporterCalls();
  // A changed byte in the landmark's glTF (its key in the cooked cache changes). The twin in the
  // same folder is checked through the cache (a hit) and not re-imported; the marker in another
  // folder is not even looked at.
  auto changedAt = std::chrono::steady_clock::now();
  fs::path gltf = dir_ / "scene/landmark/hongyadong.gltf";
  std::string text;
  {
    std::ifstream in(gltf, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  saveLikeAnEditor(gltf, text + "\n");
  auto outcome = waitForReload();
  ASSERT_TRUE(outcome);
  frame();  // the swapped model is drawn
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - changedAt).count();
  std::printf("landmark model: file saved -> swapped in and drawn: %.0f ms (reload work %.0f ms)\n",
              seconds * 1000.0, outcome->seconds * 1000.0);
  ASSERT_FALSE(outcome->error) << outcome->error->text();
  EXPECT_TRUE(outcome->applied);
  EXPECT_EQ(assets::cookImporterCalls() - imports, 1u);
  EXPECT_EQ(outcome->modelsReimported, std::vector<std::string>{"landmark"});
  EXPECT_EQ(outcome->modelsSwapped, std::vector<std::string>{"landmark"});
  EXPECT_FALSE(outcome->sceneReread);
  const auto& after = reload_->models();
  ASSERT_EQ(after.size(), 3u);
  EXPECT_NE(after[0].model, before[0].model);
  EXPECT_EQ(after[1].model, before[1].model);
  EXPECT_EQ(after[2].model, before[2].model);
  // The issue's target is 1 s on the development machine; the bound here leaves room for a
  // loaded CI machine under ASan (the printed number is what docs/PREVIEW.md reports).
  EXPECT_LT(seconds, 10.0);
}

TEST_F(HotReloadTest, SceneEditAppliesEnvironmentAndTransformsWithoutImporting) {
  open(true);
  const auto before = reload_->models();
  const auto imports = assets::cookImporterCalls();
  SceneText edit;
  edit.timeOfDay = "21:30";
  edit.markerX = 2.5f;
  saveLikeAnEditor(scene_, sceneJson(edit));
  auto outcome = waitForReload();
  ASSERT_TRUE(outcome);
  ASSERT_FALSE(outcome->error) << outcome->error->text();
  EXPECT_TRUE(outcome->sceneReread);
  EXPECT_TRUE(outcome->environmentChanged);
  EXPECT_EQ(outcome->transformsChanged, 1u);
  EXPECT_TRUE(outcome->modelsSwapped.empty());
  EXPECT_EQ(assets::cookImporterCalls(), imports);
  EXPECT_FLOAT_EQ(renderer_->environment().timeOfDayHours, 21.5f);
  EXPECT_EQ(reload_->document().environment.timeOfDay.hour, 21);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(reload_->models()[i].model, before[i].model);
  EXPECT_FLOAT_EQ(reload_->models()[1].transform[3].x, 2.5f);
  EXPECT_GE(outcome->sinceChangeSeconds, 0.1);  // the debounce is part of it
}

TEST_F(HotReloadTest, BrokenSceneEditKeepsTheLastGoodSceneWithAPlacedError) {
  open(false);
  const auto before = reload_->models();
  const float hours = renderer_->environment().timeOfDayHours;

  SceneText broken;
  broken.timeOfDay = "06:00";
  broken.syntaxError = true;  // a missing comma after the environment
  saveLikeAnEditor(scene_, sceneJson(broken));
  auto outcome = reload_->reload({scene_});
  frame();
  EXPECT_FALSE(outcome.applied);
  ASSERT_TRUE(outcome.error);
  ASSERT_FALSE(outcome.error->diagnostics.empty());
  const auto& d = outcome.error->diagnostics.front();
  EXPECT_EQ(d.severity, scene::Severity::Error);
  EXPECT_NE(d.file.find("preview.scene.json"), std::string::npos);
  EXPECT_EQ(d.line, 10);  // "pois", the line after the missing comma
  EXPECT_NE(outcome.error->summary.find("last good scene"), std::string::npos);
  EXPECT_TRUE(reload_->lastError());
  EXPECT_FLOAT_EQ(renderer_->environment().timeOfDayHours, hours);
  EXPECT_EQ(reload_->document().environment.timeOfDay.hour, 15);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(reload_->models()[i].model, before[i].model);

  // A well-formed file with a wrong reference: the error names the pointer and a hint.
  SceneText unknownPoi;
  unknownPoi.tourPoi = "no-such-poi";
  saveLikeAnEditor(scene_, sceneJson(unknownPoi));
  outcome = reload_->reload({scene_});
  ASSERT_TRUE(outcome.error);
  bool found = false;
  for (const auto& diag : outcome.error->diagnostics) {
    if (diag.jsonPointer == "/tours/0/stops/0/poi") {
      found = true;
      EXPECT_GT(diag.line, 0);
      EXPECT_FALSE(diag.hint.empty());
    }
  }
  EXPECT_TRUE(found) << outcome.error->text();

  // Fixed: applied, the error is gone.
  SceneText fixed;
  fixed.timeOfDay = "06:00";
  saveLikeAnEditor(scene_, sceneJson(fixed));
  outcome = reload_->reload({scene_});
  frame();
  ASSERT_FALSE(outcome.error) << outcome.error->text();
  EXPECT_FALSE(reload_->lastError());
  EXPECT_FLOAT_EQ(renderer_->environment().timeOfDayHours, 6.0f);
}

TEST_F(HotReloadTest, BrokenModelKeepsTheShownModel) {
  open(false);
  const auto before = reload_->models();
  fs::path marker = dir_ / "scene/marker/triangle.gltf";
  saveLikeAnEditor(marker, "{ \"asset\": { \"version\": \"2.0\" }, \"meshes\": [ {");
  auto outcome = reload_->reload({marker});
  frame();
  ASSERT_TRUE(outcome.error);
  EXPECT_FALSE(outcome.applied);
  ASSERT_FALSE(outcome.error->diagnostics.empty());
  EXPECT_EQ(outcome.error->diagnostics.front().jsonPointer, "/models/1/path");
  EXPECT_GT(outcome.error->diagnostics.front().line, 0);
  EXPECT_NE(outcome.error->summary.find("marker"), std::string::npos);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(reload_->models()[i].model, before[i].model);

  fs::copy_file(kSource / "scenes/example/triangle.gltf", marker, fs::copy_options::overwrite_existing);
  appendByte(marker);
  outcome = reload_->reload({marker});
  frame();
  ASSERT_FALSE(outcome.error) << outcome.error->text();
  EXPECT_EQ(outcome.modelsSwapped, std::vector<std::string>{"marker"});
}

TEST_F(HotReloadTest, FixingAModelThatOnlyTheRejectedSceneNamesAppliesThatScene) {
  open(false);
  // The scene edit moves the marker to a new file that is broken: rejected as a whole.
  fs::create_directories(dir_ / "scene/fresh");
  fs::path fresh = dir_ / "scene/fresh/triangle.gltf";
  saveLikeAnEditor(fresh, "{ broken");
  std::string text = sceneJson({});
  text.replace(text.find("marker/triangle.gltf"), std::string("marker/triangle.gltf").size(), "fresh/triangle.gltf");
  saveLikeAnEditor(scene_, text);
  auto outcome = reload_->reload({scene_});
  ASSERT_TRUE(outcome.error);
  // Fixing only the model file applies the rejected scene too.
  fs::copy_file(kSource / "scenes/example/triangle.gltf", fresh, fs::copy_options::overwrite_existing);
  outcome = reload_->reload({fresh});
  frame();
  ASSERT_FALSE(outcome.error) << outcome.error->text();
  EXPECT_TRUE(outcome.sceneReread);
  EXPECT_EQ(outcome.modelsSwapped, std::vector<std::string>{"marker"});
  EXPECT_EQ(reload_->findModel("marker")->file.parent_path().filename(), "fresh");
}

TEST_F(HotReloadTest, ModelImportRunsWhileTheFrameLoopKeepsDrawing) {
  fs::path grid = dir_ / "scene/grid/grid.obj";
  writeGridObj(grid, 4, 0.0f);
  saveLikeAnEditor(scene_, sceneWithLandmark("grid/grid.obj"));
  open(false);
  const auto before = reload_->models();
  const std::uint64_t generation = reload_->generation();

  const std::size_t triangles = writeGridObj(grid, 300, 1.0f);
  auto edited = std::chrono::steady_clock::now();
  reload_->requestReload({grid});
  // The request and every poll() are the frame loop's share of the reload.
  double longestPoll = std::chrono::duration<double>(std::chrono::steady_clock::now() - edited).count();
  EXPECT_TRUE(reload_->reloading());
  // The frame loop: one poll() and one frame per iteration, as the preview does.
  std::size_t frames = 0;
  std::optional<app::ReloadOutcome> outcome;
  while (!outcome && std::chrono::steady_clock::now() - edited < 60s) {
    auto t0 = std::chrono::steady_clock::now();
    outcome = reload_->poll();
    longestPoll = std::max(longestPoll, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (outcome) break;
    // Until the swap, the old grid is what is shown and drawn.
    ASSERT_EQ(reload_->models()[0].model, before[0].model);
    ASSERT_EQ(reload_->generation(), generation);
    frame();
    ++frames;
  }
  ASSERT_TRUE(outcome);
  frame();
  std::printf("%zu-triangle OBJ: %zu frames drawn while it loaded; reload %.0f ms, longest request/poll() %.1f ms "
              "(the swap: %.1f ms)\n", triangles, frames, outcome->seconds * 1000.0, longestPoll * 1000.0,
              outcome->swapSeconds * 1000.0);
  ASSERT_FALSE(outcome->error) << outcome->error->text();
  EXPECT_EQ(outcome->modelsReimported, std::vector<std::string>{"landmark"});
  EXPECT_EQ(outcome->framesWhileLoading, frames);
  // A blocking import returns from the first poll() (0 frames); the 180 000-triangle import takes
  // hundreds of milliseconds, during which a 64x48 frame takes a few.
  EXPECT_GE(frames, 5u);
  // Neither the request nor any poll() holds the frame loop for the import: the longest (the
  // swap: GPU upload) is a fraction of the whole reload.
  EXPECT_LT(longestPoll, 0.5 * outcome->seconds);
  EXPECT_FALSE(reload_->reloading());
  EXPECT_EQ(reload_->generation(), generation + 1);
  EXPECT_NE(reload_->models()[0].model, before[0].model);
  EXPECT_EQ(reload_->models()[0].stats.triangles, triangles);
  EXPECT_EQ(reload_->models()[1].model, before[1].model);
}

TEST_F(HotReloadTest, ANewerEditSupersedesOneStillLoading) {
  const std::size_t shownTriangles = writeGridObj(dir_ / "scene/grid/grid.obj", 4, 0.0f);
  const std::size_t olderTriangles = writeGridObj(dir_ / "scene/a/grid.obj", 300, 1.0f);
  const std::size_t newerTriangles = writeGridObj(dir_ / "scene/b/grid.obj", 6, 2.0f);
  saveLikeAnEditor(scene_, sceneWithLandmark("grid/grid.obj"));
  open(false);
  ASSERT_EQ(reload_->models()[0].stats.triangles, shownTriangles);
  const std::uint64_t generation = reload_->generation();

  // Two quick saves: the first names the large grid (still importing when the second comes),
  // the second a small one and another time of day.
  SceneText older;
  older.timeOfDay = "06:00";
  saveLikeAnEditor(scene_, sceneWithLandmark("a/grid.obj", older));
  reload_->requestReload({scene_});
  ASSERT_TRUE(reload_->reloading());
  SceneText newer;
  newer.timeOfDay = "21:30";
  saveLikeAnEditor(scene_, sceneWithLandmark("b/grid.obj", newer));
  reload_->requestReload({scene_});

  // Poll well past the older import's end: only the newer edit is ever swapped in.
  std::vector<app::ReloadOutcome> outcomes;
  auto until = std::chrono::steady_clock::now() + 60s;
  std::optional<std::chrono::steady_clock::time_point> settled;
  while (std::chrono::steady_clock::now() < until) {
    if (auto outcome = reload_->poll()) outcomes.push_back(std::move(*outcome));
    EXPECT_NE(renderer_->environment().timeOfDayHours, 6.0f) << "the older edit was swapped in";
    EXPECT_NE(reload_->models()[0].stats.triangles, olderTriangles) << "the older edit was swapped in";
    frame();
    if (!outcomes.empty() && !settled) settled = std::chrono::steady_clock::now();
    if (settled && std::chrono::steady_clock::now() - *settled > 1500ms) break;
  }
  ASSERT_EQ(outcomes.size(), 1u);
  const app::ReloadOutcome& outcome = outcomes.front();
  ASSERT_FALSE(outcome.error) << outcome.error->text();
  EXPECT_EQ(outcome.supersededEdits, 1u);
  EXPECT_EQ(outcome.modelsSwapped, std::vector<std::string>{"landmark"});
  EXPECT_EQ(reload_->generation(), generation + 1);
  EXPECT_EQ(reload_->findModel("landmark")->file.parent_path().filename(), "b");
  EXPECT_EQ(reload_->findModel("landmark")->stats.triangles, newerTriangles);
  EXPECT_FLOAT_EQ(renderer_->environment().timeOfDayHours, 21.5f);
  EXPECT_EQ(reload_->document().environment.timeOfDay.hour, 21);
}

TEST_F(HotReloadTest, ABrokenModelLoadedInTheBackgroundKeepsTheShownScene) {
  open(false);
  const auto before = reload_->models();
  fs::path marker = dir_ / "scene/marker/triangle.gltf";
  saveLikeAnEditor(marker, "{ \"asset\": { \"version\": \"2.0\" }, \"meshes\": [ {");
  reload_->requestReload({marker});
  std::optional<app::ReloadOutcome> outcome;
  for (int i = 0; i < 2000 && !outcome; ++i) {
    outcome = reload_->poll();
    frame();
  }
  ASSERT_TRUE(outcome);
  ASSERT_TRUE(outcome->error);
  EXPECT_FALSE(outcome->applied);
  EXPECT_EQ(outcome->error->diagnostics.front().jsonPointer, "/models/1/path");
  EXPECT_TRUE(reload_->lastError());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(reload_->models()[i].model, before[i].model);

  // The fix, also in the background: swapped in, the error cleared.
  fs::copy_file(kSource / "scenes/example/triangle.gltf", marker, fs::copy_options::overwrite_existing);
  appendByte(marker);
  reload_->requestReload({marker});
  outcome.reset();
  for (int i = 0; i < 2000 && !outcome; ++i) {
    outcome = reload_->poll();
    frame();
  }
  ASSERT_TRUE(outcome);
  ASSERT_FALSE(outcome->error) << outcome->error->text();
  EXPECT_EQ(outcome->modelsSwapped, std::vector<std::string>{"marker"});
  EXPECT_FALSE(reload_->lastError());
  EXPECT_EQ(reload_->models()[0].model, before[0].model);
}

}  // namespace
