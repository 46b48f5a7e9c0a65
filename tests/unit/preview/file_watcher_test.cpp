// platform::FileWatcher on real files in a temporary folder: inotify and the polling fallback,
// editor save patterns, debouncing.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "platform/file_watcher.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using sc::platform::FileWatchBackend;
using sc::platform::FileWatcher;
using sc::platform::FileWatchOptions;

namespace {

class FileWatcherTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sc_watch_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    FileWatchOptions options;
    options.debounce = 300ms;  // generous: a loaded CI machine may stall a test thread
    options.pollInterval = 40ms;
    options.forcePolling = GetParam();
    watcher_ = FileWatcher::create(options);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  }
  fs::path canon(const fs::path& p) const { return fs::weakly_canonical(p); }

  fs::path dir_;
  std::unique_ptr<FileWatcher> watcher_;
};

TEST_P(FileWatcherTest, BackendIsTheOneAskedFor) {
  EXPECT_EQ(watcher_->backend(), GetParam() ? FileWatchBackend::Polling : FileWatchBackend::Inotify)
      << watcher_->describe();
}

TEST_P(FileWatcherTest, BurstOfWritesIsReportedOnceAfterItSettles) {
  fs::path file = dir_ / "scene.scene.json";
  write(file, "{}");
  ASSERT_TRUE(watcher_->setWatched({file}).ok());
  std::this_thread::sleep_for(60ms);
  EXPECT_TRUE(watcher_->poll().empty());
  auto lastWrite = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    // Each write changes the size, so the polling backend sees every one of them.
    write(file, std::string(std::size_t(10 + i), 'x'));
    lastWrite = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(watcher_->poll().empty()) << "reported in the middle of the burst, write " << i;
  }
  auto changed = watcher_->waitForChanges(2000ms);
  auto quiet = std::chrono::steady_clock::now() - lastWrite;
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], canon(file));
  EXPECT_GE(quiet, 300ms) << "reported before the debounce time had passed";
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(watcher_->poll().empty()) << "the burst was reported twice";
}

TEST_P(FileWatcherTest, TempFileThenRenameIsSeenAsTheTarget) {
  fs::path file = dir_ / "hall.scene.json";
  write(file, "old");
  ASSERT_TRUE(watcher_->setWatched({file}).ok());
  std::this_thread::sleep_for(60ms);
  // What many editors (and our own writeFileAtomic) do: a scratch file renamed over the target.
  fs::path temp = dir_ / "hall.scene.json.tmp.1234";
  write(temp, "new content, longer");
  fs::rename(temp, file);
  auto changed = watcher_->waitForChanges(2000ms);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], canon(file));
}

TEST_P(FileWatcherTest, OtherFilesInTheFolderAreNotReported) {
  fs::path file = dir_ / "a.scene.json";
  write(file, "a");
  ASSERT_TRUE(watcher_->setWatched({file}).ok());
  std::this_thread::sleep_for(60ms);
  write(dir_ / "b.txt", "b");
  EXPECT_TRUE(watcher_->waitForChanges(500ms).empty());
}

TEST_P(FileWatcherTest, FolderWatchReportsItsFilesButNotScratchFiles) {
  fs::path models = dir_ / "models";
  fs::create_directories(models);
  write(models / "tower.bin", "1");
  ASSERT_TRUE(watcher_->setWatched({}, {models}).ok());
  std::this_thread::sleep_for(60ms);
  write(models / ".tower.gltf.swp", "vim");
  write(models / "tower.gltf~", "backup");
  write(models / "4913", "");
  write(models / "tower.bin", "22");
  write(models / "new_texture.png", "png");
  auto changed = watcher_->waitForChanges(2000ms);
  std::this_thread::sleep_for(450ms);  // anything else still pending
  for (auto& more : watcher_->poll()) changed.push_back(more);
  std::sort(changed.begin(), changed.end());
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0], canon(models / "new_texture.png"));
  EXPECT_EQ(changed[1], canon(models / "tower.bin"));
}

TEST_P(FileWatcherTest, DeletionIsReported) {
  fs::path file = dir_ / "gone.gltf";
  write(file, "x");
  ASSERT_TRUE(watcher_->setWatched({file}).ok());
  std::this_thread::sleep_for(60ms);
  fs::remove(file);
  auto changed = watcher_->waitForChanges(2000ms);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], canon(file));
}

TEST_P(FileWatcherTest, RewatchingDropsOldPathsAndMissingFoldersAreErrors) {
  fs::path a = dir_ / "a.gltf", b = dir_ / "b.gltf";
  write(a, "a");
  write(b, "b");
  ASSERT_TRUE(watcher_->setWatched({a}).ok());
  ASSERT_TRUE(watcher_->setWatched({b}).ok());
  std::this_thread::sleep_for(60ms);
  write(a, "aa");
  EXPECT_TRUE(watcher_->waitForChanges(400ms).empty());
  write(b, "bb");
  auto changed = watcher_->waitForChanges(2000ms);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], canon(b));

  auto missing = watcher_->setWatched({b}, {dir_ / "no_such_folder"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no_such_folder"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, FileWatcherTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? std::string("Polling") : std::string("Inotify"); });

TEST(FileWatcherNames, ScratchNames) {
  for (const char* name : {"x.swp", ".x.swo", "x~", "4913", ".#x.json", "x.json.tmp.42", "x.part", "x.bak"}) {
    EXPECT_TRUE(FileWatcher::isScratchName(name)) << name;
  }
  for (const char* name : {"hongyadong.scene.json", "tower.gltf", "tower.bin", "wall_basecolor.png"}) {
    EXPECT_FALSE(FileWatcher::isScratchName(name)) << name;
  }
}

}  // namespace
