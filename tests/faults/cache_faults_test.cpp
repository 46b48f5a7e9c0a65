// The cooked cache under faults, through the real `shancheng` executable: a read-only cache
// folder, a disk that fills while the cache file is written, and damaged cache files. Each
// must give one clear warning, still load the scene, and never trust a half-written file.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

#include "assets/cooked_cache.hpp"
#include "core/image_io.hpp"
#include "fault_support.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> filesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  return files;
}

class CacheFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    exe_ = shanchengExe();
    if (exe_.empty()) GTEST_SKIP() << "no shancheng executable in this build";
    scene_ = writeBoxScene(dir_.path());
    cache_ = dir_.path() / "cache";
    fs::create_directories(cache_);
  }
  RunResult cook(const std::string& prefix = "") const {
    return runShell(prefix + shellQuoted(exe_) + " cook " + shellQuoted(scene_.string()) + " --cache-dir " +
                    shellQuoted(cache_.string()));
  }

  TempDir dir_{"cache"};
  std::string exe_;
  fs::path scene_;
  fs::path cache_;
};

TEST_F(CacheFaults, ReadOnlyCacheFolderStillCooksAndLoadsWithOneWarning) {
  const Unprivileged user = unprivileged();
  if (!user.ok) GTEST_SKIP() << "running as root without setpriv: cannot make a folder read-only";
  fs::permissions(cache_, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const RunResult run = cook(user.prefix);
  EXPECT_EQ(run.signal, 0) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;
  // One warning for the model (what failed, the model still loads, what to check) ...
  EXPECT_EQ(occurrences(run.output, "the cooked cache was not written"), 1) << run.output;
  EXPECT_NE(run.output.find("Permission denied"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("the model is loaded anyway"), std::string::npos) << run.output;
  // ... and the model counted as loaded, not failed.
  EXPECT_NE(run.output.find("1 miss(es) (0 written), 0 failed"), std::string::npos) << run.output;
  EXPECT_TRUE(filesIn(cache_).empty());
}

TEST_F(CacheFaults, ReadOnlyCacheFolderStillRendersTheScene) {
  // The scene's models load through the cache; with the whole cache home read-only (cooked
  // cache, pipeline cache, Mesa's shader cache) the picture must still come out.
  const Unprivileged user = unprivileged();
  if (!user.ok) GTEST_SKIP() << "running as root without setpriv: cannot make a folder read-only";
  const fs::path out = dir_.path() / "out";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::all);
  fs::permissions(cache_, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const fs::path png = out / "box.png";
  const RunResult run = runShell(
      user.prefix + "env HOME=" + shellQuoted(cache_.string()) + " XDG_CACHE_HOME=" + shellQuoted(cache_.string()) +
      " " + shellQuoted(exe_) + " render " + shellQuoted(scene_.string()) + " --size 64x48 --msaa 1 --out " +
      shellQuoted(png.string()));
  EXPECT_EQ(run.signal, 0) << run.output;
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_EQ(occurrences(run.output, "the cooked cache was not written"), 1) << run.output;
  auto image = readPng(png);
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->width, 64u);
  // The textured box stands in the lower middle (x 24..44, y 22..44 of 64x48, looked at): there
  // its pixels differ from the fog at the left edge of the same row; outside it they do not.
  const auto differs = [&](std::uint32_t x, std::uint32_t y) {
    const std::size_t at = (std::size_t(y) * image->width + x) * 4, edge = std::size_t(y) * image->width * 4;
    int most = 0;
    for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(int(image->pixels[at + c]) - int(image->pixels[edge + c])));
    return most > 20;
  };
  int inBox = 0, outside = 0;
  for (std::uint32_t y = 26; y < 42; ++y)
    for (std::uint32_t x = 26; x < 42; ++x) inBox += differs(x, y);
  for (std::uint32_t y = 26; y < 42; ++y)
    for (std::uint32_t x = 4; x < 20; ++x) outside += differs(x, y);
  EXPECT_GT(inBox, 150);
  EXPECT_EQ(outside, 0);
}

TEST_F(CacheFaults, DiskFullWhileWritingLeavesNoFileAndTheNextLoadRecooks) {
  // A 16 KiB file-size limit stands in for a full disk: the ~240 KB cache file cannot be
  // written (EFBIG; SIGXFSZ ignored, as a full disk gives ENOSPC rather than a signal).
  const RunResult full = cook("trap '' XFSZ; ulimit -f 16; exec ");
  EXPECT_EQ(full.signal, 0) << full.output;
  EXPECT_EQ(full.exitCode, 0) << full.output;
  EXPECT_EQ(occurrences(full.output, "the cooked cache was not written"), 1) << full.output;
  EXPECT_NE(full.output.find("File too large"), std::string::npos) << full.output;
  EXPECT_NE(full.output.find("0 failed"), std::string::npos) << full.output;
  // Nothing half-written is left behind: no cache file, no temporary file.
  EXPECT_TRUE(filesIn(cache_).empty()) << filesIn(cache_).front();

  const RunResult again = cook();
  ASSERT_EQ(again.exitCode, 0) << again.output;
  EXPECT_NE(again.output.find("miss"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("(1 written)"), std::string::npos) << again.output;
  const RunResult third = cook();
  ASSERT_EQ(third.exitCode, 0) << third.output;
  EXPECT_NE(third.output.find("1 hit(s), 0 miss(es)"), std::string::npos) << third.output;
}

TEST_F(CacheFaults, TruncatedOrCorruptedCacheFileIsNeverTrusted) {
  ASSERT_EQ(cook().exitCode, 0);
  const auto files = filesIn(cache_);
  ASSERT_EQ(files.size(), 1u);
  const fs::path file = files.front();
  const std::string good = readFile(file);
  ASSERT_GT(good.size(), 100000u);

  // Cut short (a copy interrupted, a disk that filled on another writer).
  writeFile(file, good.substr(0, good.size() / 2));
  RunResult run = cook();
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("damaged"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("truncated"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("0 hit(s), 1 miss(es) (1 written)"), std::string::npos) << run.output;
  EXPECT_TRUE(readFile(file) == good) << "not re-cooked to the same bytes";

  // Same length, flipped bytes in the payload (bit rot): the checksum catches it.
  std::string rotten = good;
  for (std::size_t i = rotten.size() / 2; i < rotten.size() / 2 + 64; ++i) rotten[i] = char(rotten[i] ^ 0x5A);
  writeFile(file, rotten);
  run = cook();
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("damaged"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("checksum"), std::string::npos) << run.output;
  EXPECT_TRUE(readFile(file) == good) << "not re-cooked to the same bytes";

  run = cook();
  EXPECT_NE(run.output.find("1 hit(s), 0 miss(es)"), std::string::npos) << run.output;
}

TEST(CacheFaultsInProcess, CacheFolderThatCannotBeCreatedStillLoadsTheModel) {
  // The cache path is taken by a regular file, so the folder cannot be created (as with a
  // missing mount); loadOrCook must still return the model and say it wrote nothing.
  TempDir dir("blocked");
  const fs::path scene = writeBoxScene(dir.path());
  writeFile(dir.path() / "cache", "not a folder");
  assets::CookOptions cook;
  cook.cacheDir = dir.path() / "cache";
  assets::CookStats stats;
  auto model = assets::loadOrCook(dir.path() / "BoxTextured.gltf", ContentRoots({dir.path()}), {}, cook, &stats);
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ(model->meshes.size(), 1u);
  EXPECT_FALSE(stats.hit);
  EXPECT_FALSE(stats.wrote);
  EXPECT_EQ(readFile(dir.path() / "cache"), "not a folder");  // the file in the way is untouched
}

}  // namespace
}  // namespace sc::faults
