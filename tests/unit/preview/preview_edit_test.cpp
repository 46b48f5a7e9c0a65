// app::PreviewSession's model transform edits on a real renderer (lavapipe, validation on), with
// the pictures compared: an edit shows at once and the file stays as it was; a reload of another
// edit of the scene file (which sets every instance to the file's transform) keeps the unsaved
// edit on screen; after a save the reload neither resets nor repeats it; a change of that model's
// transform in the file itself wins over an unsaved edit; undo goes back to the file's placement.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/preview_selection.hpp"
#include "app/preview_session.hpp"
#include "app/scene_content.hpp"
#include "render/camera.hpp"
#include "support/lavapipe_renderer.hpp"

namespace fs = std::filesystem;

namespace {

using namespace sc;

const fs::path kSource = SC_SOURCE_DIR;

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string replaced(std::string text, const std::string& what, const std::string& with) {
  std::size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

double difference(const ImageRgba8& a, const ImageRgba8& b) {
  if (a.width != b.width || a.height != b.height) return 1e9;
  double sum = 0.0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    if (i % 4 != 3) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  }
  return sum / (double(a.width) * a.height * 3.0);
}

const char* const kRight = R"("translation": [0.9, 0.6, -1.5])";

class PreviewEditTest : public sc::test::LavapipeRendererTest {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sc_preview_edit_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy_file(kSource / "scenes/example/triangle.gltf", dir_ / "triangle.gltf");
    std::string text = readText(kSource / "scenes/example/example.scene.json");
    std::size_t from = text.find("\"models\""), to = text.find("\"environment\"");
    ASSERT_TRUE(from != std::string::npos && to != std::string::npos);
    text.replace(from, to - from, std::string(R"("models": [
    { "id": "left", "path": "triangle.gltf", "transform": { "translation": [-1.4, 0.4, -1], "scale": 1.5 } },
    { "id": "right", "path": "triangle.gltf", "transform": { )") + kRight + R"(, "rotationDegrees": [10, -45, 20] } }
  ],
  )");
    text = replaced(text, "\"contentRoots\": [\"../../assets\"],", "");
    scene_ = dir_ / "two.scene.json";
    std::ofstream(scene_) << text;
    original_ = text;

    startRenderer(96, 64);
    if (HasFatalFailure()) return;
    app::PreviewOptions preview;
    preview.scene = scene_;
    preview.reload.cook.cacheDir = dir_ / "cache";
    preview.reload.watch = false;
    scene::ValidationReport report;
    auto session = app::PreviewSession::open(preview, *renderer_, report);
    ASSERT_TRUE(session.ok()) << session.error().message << "\n" << report.format();
    session_ = std::move(session.value());
  }

  void TearDown() override {
    session_.reset();
    stopRenderer();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  ImageRgba8 picture() {
    auto views = render::makeViews(session_->camera(), 96.0f / 64.0f, 1);
    auto stats = renderer_->render(*target_, views);
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    auto pixels = target_->readPixels();
    EXPECT_TRUE(pixels.ok());
    return pixels.ok() ? std::move(pixels.value()) : ImageRgba8{};
  }

  // Writes the scene file and reloads it (blocking), then one frame of the session.
  void rewrite(const std::string& text) {
    std::ofstream(scene_, std::ios::trunc) << text;
    reloadFile();
  }
  void reloadFile() {
    app::ReloadOutcome outcome = session_->scene().reload({scene_});
    ASSERT_TRUE(outcome.applied) << (outcome.error ? outcome.error->text() : "");
    session_->update(platform::InputState{}, 0.016f, {});
  }

  app::TransformParts moved() {
    app::TransformParts parts = *session_->modelPlacement("right");
    parts.position.x -= 0.5f;
    parts.rotationDegrees.y += 30.0f;
    return parts;
  }

  fs::path dir_, scene_;
  std::string original_;
  std::unique_ptr<app::PreviewSession> session_;
};

bool sameMatrix(const glm::mat4& a, const glm::mat4& b) {
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) {
      if (std::abs(a[c][r] - b[c][r]) > 1e-5f) return false;
    }
  }
  return true;
}

// The edited placement is drawn with the matrix the scene loader makes of the saved file.
TEST(PreviewPlacement, ComposedAsTheLoaderDoesAndComparedAsRotations) {
  const app::TransformParts parts{{1.5f, -2.0f, 3.25f}, {10.0f, -45.0f, 20.0f}, {1.1f, 1.1f, 2.0f}};
  scene::Transform loaded;
  loaded.translation = parts.position;
  loaded.scale = parts.scale;
  glm::vec3 r = glm::radians(parts.rotationDegrees);
  loaded.rotation = glm::angleAxis(r.z, glm::vec3(0, 0, 1)) * glm::angleAxis(r.y, glm::vec3(0, 1, 0)) *
                    glm::angleAxis(r.x, glm::vec3(1, 0, 0));
  loaded.eulerDegrees = parts.rotationDegrees;
  EXPECT_TRUE(sameMatrix(app::composeTransform(parts), app::modelMatrix(loaded)));
  const app::TransformParts back = app::placementOf(loaded);
  EXPECT_EQ(back.rotationDegrees, parts.rotationDegrees);  // the file's own angles, not a decomposition
  const app::TransformParts decomposed = app::decomposeTransform(app::composeTransform(parts));
  EXPECT_TRUE(app::samePlacement(decomposed, parts));
  // The same rotation written two ways is the same placement; 0.01 m apart is not.
  EXPECT_TRUE(app::samePlacement({{}, {0.0f, 200.0f, 0.0f}, glm::vec3(1.0f)}, {{}, {180.0f, -20.0f, 180.0f}, glm::vec3(1.0f)}));
  EXPECT_FALSE(app::samePlacement({{0.01f, 0.0f, 0.0f}, {}, glm::vec3(1.0f)}, {}));
  EXPECT_FALSE(app::samePlacement({{}, {0.0f, 1.0f, 0.0f}, glm::vec3(1.0f)}, {}));
}

TEST_F(PreviewEditTest, AnUnsavedEditShowsAtOnceAndSurvivesAReloadOfAnotherEdit) {
  const ImageRgba8 before = picture();
  EXPECT_FALSE(session_->saveModelEdits().ok());  // nothing to save yet
  ASSERT_TRUE(session_->editModel("right", moved()));
  EXPECT_EQ(session_->unsavedModels(), std::vector<std::string>{"right"});
  EXPECT_NE(session_->title().find("UNSAVED"), std::string::npos);
  const ImageRgba8 edited = picture();
  EXPECT_GT(difference(before, edited), 0.3);
  EXPECT_EQ(readText(scene_), original_);

  // Another edit of the file (the description): the reload sets every instance to the file's
  // transform, the session puts the unsaved edit back.
  rewrite(replaced(original_, "showing the scene file format", "showing the scene file's format"));
  EXPECT_EQ(session_->unsavedModels(), std::vector<std::string>{"right"});
  EXPECT_LT(difference(edited, picture()), 0.01);

  // Undo: back where the file has it, nothing unsaved.
  EXPECT_TRUE(session_->undoEdit());
  EXPECT_TRUE(session_->unsavedModels().empty());
  EXPECT_LT(difference(before, picture()), 0.01);
  EXPECT_FALSE(session_->undoEdit());
}

TEST_F(PreviewEditTest, ASavedEditStaysThroughItsReloadAndAFileChangeWinsOverAnUnsavedOne) {
  const ImageRgba8 before = picture();
  ASSERT_TRUE(session_->editModel("right", moved()));
  const ImageRgba8 edited = picture();
  ASSERT_TRUE(session_->saveModelEdits().ok());
  EXPECT_TRUE(session_->unsavedModels().empty());
  EXPECT_EQ(readText(fs::path(scene_.string() + ".bak")), original_);
  EXPECT_NE(readText(scene_).find(R"("translation": [0.4, 0.6, -1.5], "rotationDegrees": [10, -15, 20])"),
            std::string::npos) << readText(scene_);
  reloadFile();  // what the watcher does after the save
  EXPECT_LT(difference(edited, picture()), 0.05);  // neither reset nor moved twice

  // An unsaved edit, then the creator puts the model back in a text editor: the file wins.
  app::TransformParts up = *session_->modelPlacement("right");
  up.position.y += 0.5f;
  ASSERT_TRUE(session_->editModel("right", up));
  EXPECT_GT(difference(edited, picture()), 0.3);
  rewrite(original_);
  EXPECT_TRUE(session_->unsavedModels().empty());
  EXPECT_LT(difference(before, picture()), 0.01);
}

}  // namespace
