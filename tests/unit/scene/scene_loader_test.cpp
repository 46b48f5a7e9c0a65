// Reading scene files from disk and resolving every path they name through the content roots.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "scene/scene_limits.hpp"
#include "scene/scene_loader.hpp"
#include "scene_test_util.hpp"

namespace sc::scene::test {
namespace {

namespace fs = std::filesystem;

class SceneLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() / (std::string("sc_scene_loader_") + info->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "scenes/demo");
    fs::copy_file(kExampleScene.parent_path() / "triangle.gltf", root_ / "scenes/demo/triangle.gltf");
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path write(const fs::path& relative, std::string_view text) {
    fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path sceneFile() const { return root_ / "scenes/demo/demo.scene.json"; }

  fs::path root_;
};

std::vector<Diagnostic> errorsOf(const ValidationReport& r) { return only(r, Severity::Error); }

TEST_F(SceneLoaderTest, ExampleSceneInTheRepositoryValidatesClean) {
  ValidationReport report = validateSceneFile(kExampleScene, std::vector<fs::path>{});
  EXPECT_FALSE(report.hasErrors()) << report.format();
  EXPECT_EQ(report.warningCount(), 0u) << report.format();

  ValidationReport loadReport;
  auto loaded = loadSceneDocument(kExampleScene, {}, loadReport);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->resolvedModelPaths.size(), 1u);
  EXPECT_EQ(loaded->resolvedModelPaths[0], fs::canonical(kExampleScene.parent_path() / "triangle.gltf"));
  EXPECT_EQ(loaded->file, fs::canonical(kExampleScene));
  // The scene folder first, then the declared ../../assets.
  ASSERT_EQ(loaded->roots.roots().size(), 2u);
  EXPECT_EQ(loaded->roots.roots()[1], fs::canonical(fs::path(SC_SOURCE_DIR) / "assets"));
}

TEST_F(SceneLoaderTest, MissingModelIsAnErrorAtItsPointer) {
  write("scenes/demo/demo.scene.json",
        edit(kMinimalScene, R"("path": "triangle.gltf")", R"("path": "models/missing.glb")"));
  ValidationReport report = validateSceneFile(sceneFile(), std::vector<fs::path>{});
  auto errors = errorsOf(report);
  ASSERT_EQ(errors.size(), 1u) << report.format();
  EXPECT_EQ(errors[0].jsonPointer, "/models/0/path");
  EXPECT_EQ(errors[0].file, sceneFile().string());
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_EQ(errors[0].message.rfind("'models/missing.glb' was not found in the content roots", 0), 0u)
      << errors[0].message;
  EXPECT_EQ(errors[0].hint, "check the spelling and that the file was copied with the scene");

  ValidationReport loadReport;
  auto loaded = loadSceneDocument(sceneFile(), {}, loadReport);
  EXPECT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("/models/0/path"), std::string::npos);
  EXPECT_EQ(loadReport.errorCount(), 1u);
}

TEST_F(SceneLoaderTest, SymlinkLeadingOutOfTheRootsIsRefused) {
  write("outside/secret.gltf", "{}");
  fs::create_directory_symlink(root_ / "outside", root_ / "scenes/demo/link");
  write("scenes/demo/demo.scene.json",
        edit(kMinimalScene, R"("path": "triangle.gltf")", R"("path": "link/secret.gltf")"));
  ValidationReport report = validateSceneFile(sceneFile(), std::vector<fs::path>{});
  auto errors = errorsOf(report);
  ASSERT_EQ(errors.size(), 1u) << report.format();
  EXPECT_EQ(errors[0].jsonPointer, "/models/0/path");
  EXPECT_NE(errors[0].message.find("refused path 'link/secret.gltf'"), std::string::npos);
}

TEST_F(SceneLoaderTest, DeclaredAndExtraRootsAreSearchedInOrder) {
  write("shared/common/lamp.glb", "glb");
  write("cli/extra.glb", "glb");
  std::string text = edit(kMinimalScene, R"("formatVersion": 1,)",
                          R"("formatVersion": 1, "contentRoots": ["../../shared", "../../nowhere"],)");
  text = edit(text, R"("models": [{"id": "m", "path": "triangle.gltf"}],)",
              R"("models": [{"id": "m", "path": "triangle.gltf"}, {"id": "lamp", "path": "common/lamp.glb"},
                            {"id": "x", "path": "extra.glb"}],)");
  write("scenes/demo/demo.scene.json", text);

  SceneLoadOptions options;
  options.extraRoots = {root_ / "cli"};
  ValidationReport report;
  auto loaded = loadSceneDocument(sceneFile(), options, report);
  ASSERT_TRUE(loaded.ok()) << report.format();
  EXPECT_EQ(loaded->resolvedModelPaths[1], fs::canonical(root_ / "shared/common/lamp.glb"));
  EXPECT_EQ(loaded->resolvedModelPaths[2], fs::canonical(root_ / "cli/extra.glb"));
  // The missing declared root is a warning at its pointer.
  ASSERT_EQ(report.warningCount(), 1u) << report.format();
  EXPECT_EQ(report.diagnostics()[0].jsonPointer, "/contentRoots/1");

  // Without the extra root, the third model is missing.
  ValidationReport without = validateSceneFile(sceneFile(), std::vector<fs::path>{});
  ASSERT_EQ(errorsOf(without).size(), 1u) << without.format();
  EXPECT_EQ(errorsOf(without)[0].jsonPointer, "/models/2/path");

  // A kiosk that turns scene-declared roots off cannot reach the shared model.
  SceneLoadOptions strict;
  strict.extraRoots = {root_ / "cli"};
  strict.allowSceneContentRoots = false;
  ValidationReport strictReport = validateSceneFile(sceneFile(), strict);
  ASSERT_EQ(errorsOf(strictReport).size(), 1u) << strictReport.format();
  EXPECT_EQ(errorsOf(strictReport)[0].jsonPointer, "/models/1/path");
}

TEST_F(SceneLoaderTest, LodsPanoramasAndAvatarAreResolved) {
  write("scenes/demo/lod/m1.glb", "x");
  write("scenes/demo/pano/a.jpg", "x");
  std::string text = edit(kMinimalScene, R"("path": "triangle.gltf"})",
      R"("path": "triangle.gltf", "lods": [{"path": "lod/m1.glb", "screenRatio": 0.3}, {"path": "lod/m2.glb", "screenRatio": 0.1}]})");
  text = edit(text, R"("anchor": [0, 0, 0],)", R"("anchor": [0, 0, 0], "panorama": "pano/a.jpg",)");
  text = edit(text, R"("kiosk": {)", R"("guide": {"avatar": "guide/guide.vrm"}, "kiosk": {)");
  write("scenes/demo/demo.scene.json", text);
  ValidationReport report = validateSceneFile(sceneFile(), std::vector<fs::path>{});
  auto errors = errorsOf(report);
  ASSERT_EQ(errors.size(), 2u) << report.format();
  EXPECT_EQ(errors[0].jsonPointer, "/models/0/lods/1/path");
  EXPECT_EQ(errors[1].jsonPointer, "/guide/avatar");

  write("scenes/demo/lod/m2.glb", "x");
  write("scenes/demo/guide/guide.vrm", "x");
  ValidationReport ok;
  auto loaded = loadSceneDocument(sceneFile(), {}, ok);
  ASSERT_TRUE(loaded.ok()) << ok.format();
  EXPECT_EQ(loaded->resolvedLodPaths[0][1], fs::canonical(root_ / "scenes/demo/lod/m2.glb"));
  EXPECT_EQ(loaded->resolvedPanoramaPaths[0], fs::canonical(root_ / "scenes/demo/pano/a.jpg"));
  EXPECT_TRUE(loaded->resolvedPanoramaPaths[1].empty());
  EXPECT_EQ(loaded->resolvedAvatarPath, fs::canonical(root_ / "scenes/demo/guide/guide.vrm"));
}

TEST_F(SceneLoaderTest, AFolderIsNotAModel) {
  fs::create_directories(root_ / "scenes/demo/dir.glb");
  write("scenes/demo/demo.scene.json",
        edit(kMinimalScene, R"("path": "triangle.gltf")", R"("path": "dir.glb")"));
  ValidationReport report = validateSceneFile(sceneFile(), std::vector<fs::path>{});
  ASSERT_EQ(errorsOf(report).size(), 1u) << report.format();
  EXPECT_EQ(errorsOf(report)[0].message, "'dir.glb' is a folder, not a file");
}

TEST_F(SceneLoaderTest, MissingFileWrongNameAndHugeFile) {
  ValidationReport missing = validateSceneFile(root_ / "nope.scene.json", std::vector<fs::path>{});
  ASSERT_EQ(missing.errorCount(), 1u);
  EXPECT_EQ(missing.diagnostics()[0].message, "the scene file does not exist");

  fs::path oddName = write("scenes/demo/demo.json", kMinimalScene);
  ValidationReport named = validateSceneFile(oddName, std::vector<fs::path>{});
  EXPECT_FALSE(named.hasErrors()) << named.format();
  EXPECT_EQ(named.warningCount(), 1u);

  fs::path huge = root_ / "huge.scene.json";
  {
    std::ofstream out(huge, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(kMaxSceneFileBytes) + 10);
    out.put(' ');
  }
  ValidationReport big = validateSceneFile(huge, std::vector<fs::path>{});
  ASSERT_EQ(big.errorCount(), 1u);
  EXPECT_NE(big.diagnostics()[0].message.find("more than the limit"), std::string::npos);
}

TEST_F(SceneLoaderTest, ContentErrorsAndMissingFilesAreReportedInOneRun) {
  std::string text = edit(kMinimalScene, R"("path": "triangle.gltf")", R"("path": "gone.glb")");
  text = edit(text, R"("en": "Test")", R"("en": "")");
  write("scenes/demo/demo.scene.json", text);
  ValidationReport report;
  auto loaded = loadSceneDocument(sceneFile(), {}, report);
  EXPECT_FALSE(loaded.ok());
  auto errors = errorsOf(report);
  ASSERT_EQ(errors.size(), 2u) << report.format();
  EXPECT_EQ(errors[0].jsonPointer, "/title/en");
  EXPECT_EQ(errors[1].jsonPointer, "/models/0/path");
  EXPECT_EQ(errors[1].line, 4);
}

TEST_F(SceneLoaderTest, ParseErrorsKeepTheSceneFromLoadingAndAreFormatted) {
  write("scenes/demo/demo.scene.json",
        edit(kMinimalScene, R"("zh-CN": "甲的介绍。", "en": "About A.")", R"("zh-CN": "甲的介绍。")"));
  ValidationReport report;
  auto loaded = loadSceneDocument(sceneFile(), {}, report);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message,
            sceneFile().string() +
                ":10:7: error: /pois/0/narration/en: missing English narration (hint: add \"en\": "
                "\"...\")");
  EXPECT_EQ(report.format(), loaded.error().message + "\n1 error(s), 0 warning(s)\n");
}

}  // namespace
}  // namespace sc::scene::test
