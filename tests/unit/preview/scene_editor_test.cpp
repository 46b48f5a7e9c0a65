// scene::scene_editor: "save this viewpoint to the POI" and "save the model's transform" on
// copies of the project's real scene files. Everything but the edited numbers must stay byte for
// byte; the original is kept as .bak; failed writes leave the original as it was.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <glm/gtc/quaternion.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include "scene/diagnostics.hpp"
#include "scene/scene_editor.hpp"
#include "scene/scene_parser.hpp"

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::scene;

namespace {

const fs::path kSource = SC_SOURCE_DIR;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class SceneEditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sc_scene_editor_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = dir_ / "hongyadong.scene.json";
    fs::copy_file(kSource / "scenes/hongyadong/hongyadong.scene.json", file_);
    original_ = readAll(file_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  SceneDocument parse(const std::string& text) {
    ValidationReport report;
    auto doc = parseScene(text, file_.string(), report);
    EXPECT_TRUE(doc.ok()) << report.format();
    return doc.ok() ? doc.value() : SceneDocument{};
  }
  fs::path dir_, file_;
  std::string original_;
};

TEST(SceneEditorText, SetsAndInsertsMembersKeepingEverythingElse) {
  const std::string text = "{\n  \"b\": 1,\n  \"a\": { \"x\": [1, 2],   \"y\": \"\\u00e9\" },\n  \"c\": {}\n}\n";
  auto replaced = setJsonMember(text, "/a", "x", "[3, 4]");
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_EQ(*replaced, "{\n  \"b\": 1,\n  \"a\": { \"x\": [3, 4],   \"y\": \"\\u00e9\" },\n  \"c\": {}\n}\n");
  auto inserted = setJsonMember(text, "/a", "z", "true");
  ASSERT_TRUE(inserted.ok());
  EXPECT_EQ(*inserted, "{\n  \"b\": 1,\n  \"a\": { \"x\": [1, 2],   \"y\": \"\\u00e9\", \"z\": true },\n  \"c\": {}\n}\n");
  auto intoEmpty = setJsonMember(text, "/c", "k", "0");
  ASSERT_TRUE(intoEmpty.ok());
  EXPECT_NE(intoEmpty->find("\"c\": {\"k\": 0}"), std::string::npos) << *intoEmpty;
  EXPECT_FALSE(setJsonMember(text, "/b", "k", "0").ok());      // not an object
  EXPECT_FALSE(setJsonMember(text, "/nope", "k", "0").ok());   // no such member
  EXPECT_FALSE(setJsonMember("{\"a\": [1, 2", "/a", "k", "0").ok());  // not JSON
  std::string deep(300, '[');
  EXPECT_FALSE(setJsonMember(deep, "", "k", "0").ok());
}

TEST(SceneEditorText, NumbersAreShortAndStable) {
  EXPECT_EQ(formatSceneNumber(1.0f), "1");
  EXPECT_EQ(formatSceneNumber(-0.00001f), "0");
  EXPECT_EQ(formatSceneNumber(12.25f), "12.25");
  EXPECT_EQ(formatSceneNumber(-3.14159f), "-3.1416");
}

TEST_F(SceneEditorTest, SavedDesktopViewpointChangesOnlyThatPoi) {
  const SceneDocument before = parse(original_);
  ASSERT_GE(before.pois.size(), 2u);
  const std::string poi = before.pois[1].id;
  DesktopViewpoint view{{12.5f, 3.25f, -40.0f}, {0.0f, 20.0f, 8.0f}};
  auto saved = savePoiDesktopViewpoint(file_, poi, view);
  ASSERT_TRUE(saved.ok()) << saved.error().message;

  const std::string now = readAll(file_);
  const SceneDocument after = parse(now);
  EXPECT_EQ(after.pois[1].desktopView.eye, view.eye);
  EXPECT_EQ(after.pois[1].desktopView.target, view.target);
  // Everything else as it was: other POIs, the XR viewpoint, the rest of the file.
  EXPECT_EQ(after.pois[0].desktopView.eye, before.pois[0].desktopView.eye);
  EXPECT_EQ(after.pois[1].xrView.position, before.pois[1].xrView.position);
  EXPECT_EQ(after.title.zh, before.title.zh);
  EXPECT_EQ(after.lights.size(), before.lights.size());
  // Byte-level: the file differs only inside the edited POI's desktop viewpoint.
  std::size_t head = 0;
  while (head < now.size() && head < original_.size() && now[head] == original_[head]) ++head;
  std::size_t tail = 0;
  while (tail < now.size() - head && tail < original_.size() - head &&
         now[now.size() - 1 - tail] == original_[original_.size() - 1 - tail]) {
    ++tail;
  }
  std::string changed = now.substr(head, now.size() - head - tail);
  EXPECT_LT(changed.size(), 80u) << changed;
  EXPECT_NE(changed.find("12.5, 3.25, -40"), std::string::npos) << changed;
  EXPECT_EQ(original_.find("\"" + poi + "\""), now.find("\"" + poi + "\""));  // nothing moved before it

  EXPECT_EQ(readAll(fs::path(file_.string() + ".bak")), original_);
}

TEST_F(SceneEditorTest, SavedXrViewpointAndASecondSaveKeepsTheFirstAsBackup) {
  const SceneDocument before = parse(original_);
  const std::string poi = before.pois[0].id;
  ASSERT_TRUE(savePoiXrViewpoint(file_, poi, {{1.0f, 0.0f, 2.0f}, 450.0f}).ok());
  const std::string first = readAll(file_);
  EXPECT_EQ(parse(first).pois[0].xrView.yawDeg, 90.0f);
  ASSERT_TRUE(savePoiDesktopViewpoint(file_, poi, {{1, 2, 3}, {4, 5, 6}}).ok());
  EXPECT_EQ(readAll(fs::path(file_.string() + ".bak")), first);
}

TEST_F(SceneEditorTest, UnknownPoiIsAClearErrorAndNothingIsWritten) {
  auto saved = savePoiDesktopViewpoint(file_, "no-such-poi", {{1, 2, 3}, {4, 5, 6}});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("no-such-poi"), std::string::npos);
  EXPECT_NE(saved.error().message.find("left as it was"), std::string::npos);
  EXPECT_EQ(readAll(file_), original_);
  EXPECT_FALSE(fs::exists(file_.string() + ".bak"));
}

TEST_F(SceneEditorTest, AnEditThatWouldBreakTheSceneIsRefused) {
  const std::string poi = parse(original_).pois[0].id;
  auto saved = savePoiDesktopViewpoint(file_, poi, {{1, 2, 3}, {1, 2, 3}});  // eye == target
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("would not be valid"), std::string::npos) << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
}

TEST_F(SceneEditorTest, FullDiskLeavesTheOriginalIntact) {
  // A file-size limit makes the temporary file's write fail as a full disk would (works as root,
  // unlike a read-only folder).
  const std::string poi = parse(original_).pois[0].id;
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto saved = savePoiDesktopViewpoint(file_, poi, {{1, 2, 3}, {4, 5, 6}});
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous);
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find(file_.string()), std::string::npos) << saved.error().message;
  EXPECT_NE(saved.error().message.find("not saved"), std::string::npos) << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << "left behind: " << entry.path();
  }
}

TEST_F(SceneEditorTest, BackupThatCannotBeWrittenLeavesTheOriginalIntact) {
  fs::create_directories(file_.string() + ".bak/blocked");  // a folder where the backup goes
  const std::string poi = parse(original_).pois[0].id;
  auto saved = savePoiDesktopViewpoint(file_, poi, {{1, 2, 3}, {4, 5, 6}});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("backup"), std::string::npos) << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
}

TEST_F(SceneEditorTest, ReadOnlyFolderLeavesTheOriginalIntact) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders; the full-disk test covers this";
  const std::string poi = parse(original_).pois[0].id;
  fs::permissions(dir_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  auto saved = savePoiDesktopViewpoint(file_, poi, {{1, 2, 3}, {4, 5, 6}});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("writable"), std::string::npos) << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
}

// --- model transforms -------------------------------------------------------------------------

// The example scene's model block ("marker" with translation, rotationDegrees and scale 2).
std::string exampleScene() { return readAll(kSource / "scenes/example/example.scene.json"); }

// Replaces [from, from + length) of `text`; for building the expected result.
std::string replaced(std::string text, std::string_view what, std::string_view with) {
  std::size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

TEST(SceneEditorModel, OnlyTheChangedValuesBytesChange) {
  const std::string text = exampleScene();
  // Moved and turned; the scale (2) stays as it was, so its bytes are not touched.
  auto edited = withModelTransform(text, "marker", {{0.1f, 0.0f, -3.0f}, {0.0f, 45.0f, 0.0f}, glm::vec3(2.0f)});
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  std::string expected = replaced(text, "\"translation\": [0, 0, -3]", "\"translation\": [0.1, 0, -3]");
  expected = replaced(expected, "\"rotationDegrees\": [0, 30, 0]", "\"rotationDegrees\": [0, 45, 0]");
  EXPECT_EQ(*edited, expected);
  // The same placement again: nothing changes at all.
  auto same = withModelTransform(text, "marker", {{0.0f, 0.0f, -3.0f}, {0.0f, 30.0f, 0.0f}, glm::vec3(2.0f)});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, text);
  // A non-uniform scale replaces the number with an array; angles are kept within (-360, 360).
  auto scaled = withModelTransform(text, "marker", {{0.0f, 0.0f, -3.0f}, {0.0f, 390.0f, 0.0f}, {1.0f, 2.5f, 1.0f}});
  ASSERT_TRUE(scaled.ok());
  expected = replaced(text, "\"scale\": 2\n", "\"scale\": [1, 2.5, 1]\n");
  EXPECT_EQ(*scaled, expected);
}

TEST(SceneEditorModel, MissingTransformAndMembersAreInserted) {
  const std::string text = readAll(kSource / "scenes/hongyadong/hongyadong.scene.json");
  const std::string model = "{\"id\": \"hongyadong\", \"path\": \"landmarks/hongyadong/hongyadong.gltf\"}";
  ASSERT_NE(text.find(model), std::string::npos);
  auto edited = withModelTransform(text, "hongyadong", {{1.5f, 0.0f, 0.0f}, glm::vec3(0.0f), glm::vec3(1.0f)});
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  // Only the members that are not the default are written.
  EXPECT_EQ(*edited, replaced(text, model,
                              "{\"id\": \"hongyadong\", \"path\": \"landmarks/hongyadong/hongyadong.gltf\", "
                              "\"transform\": { \"translation\": [1.5, 0, 0] }}"));
  // The default placement leaves a model without "transform" as it is.
  auto unchanged = withModelTransform(text, "hongyadong", {});
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(*unchanged, text);
  // A transform object missing a member gets it inserted at its end.
  const std::string partial = replaced(exampleScene(), "\"rotationDegrees\": [0, 30, 0],\n        ", "");
  auto inserted = withModelTransform(partial, "marker", {{0.0f, 0.0f, -3.0f}, {0.0f, -15.0f, 0.0f}, glm::vec3(2.0f)});
  ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  EXPECT_EQ(*inserted, replaced(partial, "\"scale\": 2\n", "\"scale\": 2, \"rotationDegrees\": [0, -15, 0]\n"));
}

TEST(SceneEditorModel, QuaternionRotationStaysAQuaternion) {
  const std::string text = replaced(exampleScene(), "\"rotationDegrees\": [0, 30, 0]", "\"rotationQuaternion\": [0, 0, 0, 1]");
  auto edited = withModelTransform(text, "marker", {{0.0f, 0.0f, -3.0f}, {0.0f, 90.0f, 0.0f}, glm::vec3(2.0f)});
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(*edited, replaced(text, "\"rotationQuaternion\": [0, 0, 0, 1]", "\"rotationQuaternion\": [0, 0.7071, 0, 0.7071]"));
}

TEST(SceneEditorModel, UnknownModelAndBadValuesAreClearErrors) {
  const std::string text = exampleScene();
  auto unknown = withModelTransform(text, "no-such-model", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("no model 'no-such-model' (the scene has: marker)"), std::string::npos)
      << unknown.error().message;
  EXPECT_FALSE(withModelTransform(text, "marker", {{0.0f, 0.0f, 0.0f}, glm::vec3(0.0f), {1.0f, 0.0f, 1.0f}}).ok());
  EXPECT_FALSE(withModelTransform(text, "marker", {{std::nanf(""), 0.0f, 0.0f}, glm::vec3(0.0f), glm::vec3(1.0f)}).ok());
  EXPECT_FALSE(withModelTransform("{\"models\": [", "marker", {}).ok());
}

TEST_F(SceneEditorTest, SavedModelTransformReadsBackAndKeepsTheOriginalAsBackup) {
  const ModelPlacement placement{{12.25f, -0.5f, 3.0f}, {10.0f, -45.0f, 20.0f}, {1.5f, 1.5f, 1.5f}};
  auto saved = saveModelTransform(file_, "hongyadong", placement);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const std::string text = readAll(file_);
  EXPECT_EQ(readAll(fs::path(file_.string() + ".bak")), original_);
  const SceneDocument document = parse(text);  // findModel points into it
  const ModelInstance* model = document.findModel("hongyadong");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->transform.translation, placement.translation);
  ASSERT_TRUE(model->transform.eulerDegrees.has_value());
  EXPECT_EQ(*model->transform.eulerDegrees, placement.rotationDegrees);
  EXPECT_EQ(model->transform.scale, placement.scale);
  // Everything before and after the model's line is the original's, byte for byte.
  std::size_t at = original_.find("\"models\"");
  std::size_t end = original_.find("\"environment\"");
  EXPECT_EQ(text.substr(0, at), original_.substr(0, at));
  EXPECT_EQ(text.substr(text.find("\"environment\"")), original_.substr(end));
}

TEST_F(SceneEditorTest, UnknownModelIsNotSavedAndNothingIsWritten) {
  auto saved = saveModelTransform(file_, "no-such-model", {{1, 2, 3}, {}, glm::vec3(1.0f)});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("no-such-model"), std::string::npos);
  EXPECT_NE(saved.error().message.find("left as it was"), std::string::npos) << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
  EXPECT_FALSE(fs::exists(file_.string() + ".bak"));
}

TEST_F(SceneEditorTest, ModelTransformIntoAReadOnlyFolderKeepsTheOriginal) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders; the full-disk test covers this";
  fs::permissions(dir_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  auto saved = saveModelTransform(file_, "hongyadong", {{1, 2, 3}, {}, glm::vec3(1.0f)});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("transform of model 'hongyadong' was not saved"), std::string::npos)
      << saved.error().message;
  EXPECT_EQ(readAll(file_), original_);
}

TEST_F(SceneEditorTest, ModelTransformOnAFullDiskKeepsTheOriginal) {
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto saved = saveModelTransform(file_, "hongyadong", {{1, 2, 3}, {}, glm::vec3(1.0f)});
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(readAll(file_), original_);
}

}  // namespace
