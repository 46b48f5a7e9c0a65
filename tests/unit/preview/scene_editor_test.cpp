// scene::scene_editor: "save this viewpoint to the POI" on copies of the project's real scene
// files. Everything but the edited numbers must stay byte for byte; the original is kept as
// .bak; failed writes leave the original as it was.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
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

}  // namespace
