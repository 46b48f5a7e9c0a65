#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "assets/content_hash.hpp"
#include "assets/cooked_cache.hpp"
#include "assets/cooked_format.hpp"
#include "cook_test_support.hpp"

namespace sc::assets {
namespace {

namespace fs = std::filesystem;
using cooktest::copySample;
using cooktest::kModels;
using cooktest::modelDifference;
using cooktest::readBytes;
using cooktest::TempFolder;
using cooktest::writeBytes;

constexpr const char* kBoxTextured = "glTF2/BoxTextured-glTF/BoxTextured.gltf";
constexpr const char* kEngine = "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb";

class CookedCache : public ::testing::Test {
 protected:
  TempFolder cache{"cache"};
  CookOptions cook() const { return CookOptions{.cacheDir = cache.path()}; }
};

// Loads twice: a miss that imports and writes, then a hit that must not import.
Model loadTwiceExpectingHit(const fs::path& file, const ContentRoots& roots, const CookOptions& cook,
                            const ImportOptions& import = {}) {
  CookStats first, second;
  auto cold = loadOrCook(file, roots, import, cook, &first);
  EXPECT_TRUE(cold.ok()) << (cold.ok() ? "" : cold.error().message);
  if (!cold.ok()) return {};
  EXPECT_FALSE(first.hit);
  EXPECT_TRUE(first.wrote);
  EXPECT_TRUE(fs::exists(first.cacheFile));
  const auto callsBefore = cookImporterCalls();
  auto cooked = loadOrCook(file, roots, import, cook, &second);
  EXPECT_TRUE(cooked.ok());
  if (!cooked.ok()) return {};
  EXPECT_TRUE(second.hit) << second.missReason;
  EXPECT_EQ(cookImporterCalls(), callsBefore) << "a cache hit must not call the importer";
  EXPECT_EQ(second.cacheBytes, first.cacheBytes);
  EXPECT_EQ(modelDifference(cold.value(), cooked.value()), "");
  return std::move(cooked.value());
}

TEST_F(CookedCache, RealModelsRoundTripFieldByField) {
  const ContentRoots roots({kModels});
  for (const char* relative :
       {kBoxTextured, kEngine, "glTF2/simple_skin/simple_skin.gltf",
        "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf", "FBX/animation_with_skeleton.fbx"}) {
    SCOPED_TRACE(relative);
    const fs::path file = kModels / relative;
    // Without mesh passes the cooked model equals a plain import exactly ...
    CookOptions plain = cook();
    plain.mesh.enabled = false;
    const Model cooked = loadTwiceExpectingHit(file, roots, plain);
    auto cold = importModel(file, roots);
    ASSERT_TRUE(cold.ok());
    EXPECT_EQ(modelDifference(cold.value(), cooked), "");
    // ... and with them it equals a plain import run through the same passes.
    const Model optimizedCooked = loadTwiceExpectingHit(file, roots, cook());
    optimizeModel(cold.value(), cook().mesh);
    EXPECT_EQ(modelDifference(cold.value(), optimizedCooked), "");
  }
}

TEST_F(CookedCache, RecordsTheFilesAModelReferences) {
  TempFolder content("content");
  const fs::path file = copySample(kBoxTextured, content.path());
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, ContentRoots({content.path()}), {}, cook(), &stats).ok());
  auto decoded = decodeCookedFile(readBytes(stats.cacheFile), "cache");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  std::vector<std::string> paths;
  for (const auto& d : decoded->dependencies) paths.push_back(d.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"BoxTextured0.bin", "CesiumLogoFlat.png"}));
  EXPECT_EQ(decoded->dependencies[0].hash, hash64(readBytes(content.path() / "BoxTextured0.bin")));
}

TEST_F(CookedCache, ChangedSourcesOrSettingsInvalidate) {
  TempFolder content("content");
  const fs::path file = copySample(kBoxTextured, content.path());
  const ContentRoots roots({content.path()});
  loadTwiceExpectingHit(file, roots, cook());
  auto expectMissThenHit = [&](const std::string& what, const ImportOptions& import, const CookOptions& options) {
    SCOPED_TRACE(what);
    CookStats stats;
    const auto calls = cookImporterCalls();
    ASSERT_TRUE(loadOrCook(file, roots, import, options, &stats).ok());
    EXPECT_FALSE(stats.hit);
    EXPECT_EQ(cookImporterCalls(), calls + 1);
    ASSERT_TRUE(loadOrCook(file, roots, import, options, &stats).ok());
    EXPECT_TRUE(stats.hit) << stats.missReason;
  };
  auto editByte = [](const fs::path& path, std::size_t fromEnd) {
    auto bytes = readBytes(path);
    bytes[bytes.size() - fromEnd] ^= 0x01;  // lowest mantissa bit of the last float
    writeBytes(path, bytes);
  };
  editByte(content.path() / "BoxTextured0.bin", 4);
  expectMissThenHit("buffer byte", {}, cook());
  auto gltf = readBytes(file);
  gltf.push_back('\n');
  writeBytes(file, gltf);
  expectMissThenHit("model file byte", {}, cook());
  auto png = readBytes(content.path() / "CesiumLogoFlat.png");
  png.push_back(0);  // after IEND: decodes the same, but the bytes changed
  writeBytes(content.path() / "CesiumLogoFlat.png", png);
  expectMissThenHit("texture byte", {}, cook());
  expectMissThenHit("import option", ImportOptions{.generateMips = false}, cook());
  CookOptions lods = cook();
  lods.mesh.lodTargetError = 0.05f;
  expectMissThenHit("mesh option", {}, lods);
  // The original settings' file was kept: back to them is a hit again.
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  EXPECT_TRUE(stats.hit) << stats.missReason;
}

// Files older than the stamp margin are not read again while their status is unchanged; any
// write, a write that keeps size and mtime, or a replaced file is still seen.
TEST_F(CookedCache, UnchangedFileStampsSkipTheRehashButEditsAreSeen) {
  TempFolder content("content");
  const fs::path file = copySample(kBoxTextured, content.path());
  const ContentRoots roots({content.path()});
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : fs::directory_iterator(content.path())) fs::last_write_time(entry.path(), old);
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  ASSERT_FALSE(stats.hit);
  auto load = [&](const std::string& what) {
    SCOPED_TRACE(what);
    auto model = loadOrCook(file, roots, {}, cook(), &stats);
    EXPECT_TRUE(model.ok());
    return model.ok() ? std::move(model.value()) : Model{};
  };
  const Model hit = load("unchanged");
  EXPECT_TRUE(stats.hit) << stats.missReason;
  EXPECT_EQ(stats.dependencies, 2u);
  EXPECT_EQ(stats.rehashedFiles, 0u) << "old, unchanged files are trusted by their stamps";
  // A hit's pixels stay in the mapped cache file and outlive its deletion.
  ASSERT_FALSE(hit.textures.empty());
  EXPECT_TRUE(hit.textures[0].mips[0].isBorrowed());
  const std::vector<std::uint8_t> pixels(hit.textures[0].mips[0].begin(), hit.textures[0].mips[0].end());
  {
    auto cold = importModel(file, roots);
    ASSERT_TRUE(cold.ok());
    EXPECT_EQ(cold->textures[0].mips, hit.textures[0].mips);
  }

  // In place, same size, mtime set back to the recorded value: ctime still moves.
  const fs::path bin = content.path() / "BoxTextured0.bin";
  auto bytes = readBytes(bin);
  bytes[bytes.size() - 4] ^= 0x01;
  writeBytes(bin, bytes);
  fs::last_write_time(bin, old);
  load("same size, same mtime");
  EXPECT_FALSE(stats.hit);
  EXPECT_EQ(stats.missReason.rfind("stale", 0), 0u) << stats.missReason;
  EXPECT_GE(stats.rehashedFiles, 1u);
  load("after the re-cook");
  EXPECT_TRUE(stats.hit) << stats.missReason;
  EXPECT_EQ(stats.rehashedFiles, 0u) << "its mtime is old again";

  // An ordinary same-size edit (mtime moves). Re-cooked right after it, the edited file is too
  // young for a trusted stamp, so it is hashed on every load (the others still are not).
  auto gltf = readBytes(file);
  const std::string text(gltf.begin(), gltf.end());
  const std::size_t at = text.find("COLLADA2GLTF");
  ASSERT_NE(at, std::string::npos);
  gltf[at + 11] = 'G';  // the generator's name: same size, same model
  writeBytes(file, gltf);
  load("model file edited in place");
  EXPECT_FALSE(stats.hit);
  EXPECT_EQ(stats.missReason.rfind("stale", 0), 0u) << stats.missReason;
  load("after the re-cook");
  EXPECT_TRUE(stats.hit) << stats.missReason;
  EXPECT_EQ(stats.rehashedFiles, 1u);

  // Replaced by another file of the same size with the old mtime (a new inode).
  bytes[bytes.size() - 8] ^= 0x01;
  writeBytes(content.path() / "replacement.tmp", bytes);
  fs::last_write_time(content.path() / "replacement.tmp", old);
  fs::rename(content.path() / "replacement.tmp", bin);
  load("file replaced");
  EXPECT_FALSE(stats.hit);
  load("then a hit");
  EXPECT_TRUE(stats.hit) << stats.missReason;

  // The first hit's pixels are still readable after its cache file was replaced twice.
  EXPECT_EQ(std::vector<std::uint8_t>(hit.textures[0].mips[0].begin(), hit.textures[0].mips[0].end()), pixels);
}

TEST_F(CookedCache, ObjMaterialLibrariesAreInTheKey) {
  TempFolder content("obj");
  for (const char* name : {"box_mat_with_spaces.obj", "box_spaces.mtl"}) fs::copy_file(kModels / "OBJ" / name, content.path() / name);
  const fs::path file = content.path() / "box_mat_with_spaces.obj";
  const ContentRoots roots({content.path()});
  loadTwiceExpectingHit(file, roots, cook());
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  EXPECT_EQ(stats.dependencies, 1u);
  auto mtl = readBytes(content.path() / "box_spaces.mtl");
  const std::string comment = "\n# edited\n";
  mtl.insert(mtl.end(), comment.begin(), comment.end());
  writeBytes(content.path() / "box_spaces.mtl", mtl);
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  EXPECT_FALSE(stats.hit);
  EXPECT_EQ(stats.missReason.rfind("stale", 0), 0u) << stats.missReason;
}

TEST_F(CookedCache, ConcurrentLoadsOfOneModelAgree) {
  const ContentRoots roots({kModels});
  const fs::path file = kModels / kEngine;
  std::vector<Result<Model>> results(4, Error{"not run"});
  {
    std::vector<std::jthread> threads;
    for (auto& r : results) threads.emplace_back([&] { r = loadOrCook(file, roots, {}, cook()); });
  }
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(modelDifference(results[0].value(), r.value()), "");
  }
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  EXPECT_TRUE(stats.hit) << stats.missReason;
}

// The same model with every texture's pixels copied into memory it owns (a hit's pixels live
// in the mapped cache file, which this test truncates in place).
Model ownedCopy(Model model) {
  for (Texture& t : model.textures) {
    for (PixelBytes& mip : t.mips) mip = PixelBytes(std::vector<std::uint8_t>(mip.begin(), mip.end()));
  }
  return model;
}

TEST_F(CookedCache, DamagedCacheFilesAreDetectedAndRecooked) {
  const ContentRoots roots({kModels});
  const fs::path file = kModels / kBoxTextured;
  const Model reference = ownedCopy(loadTwiceExpectingHit(file, roots, cook()));
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, cook(), &stats).ok());
  const fs::path cacheFile = stats.cacheFile;
  const auto good = readBytes(cacheFile);
  std::mt19937 rng(7);
  auto expectRecooked = [&](const std::vector<std::uint8_t>& damaged, const std::string& what) {
    SCOPED_TRACE(what);
    writeBytes(cacheFile, damaged);
    CookStats s;
    auto model = loadOrCook(file, roots, {}, cook(), &s);
    ASSERT_TRUE(model.ok());
    EXPECT_FALSE(s.hit);
    EXPECT_EQ(s.missReason.rfind("damaged", 0), 0u) << s.missReason;
    EXPECT_TRUE(s.wrote);
    EXPECT_EQ(modelDifference(reference, model.value()), "");
    EXPECT_EQ(readBytes(cacheFile), good) << "the re-cooked file is the same as the first";
  };
  for (int i = 0; i < 20; ++i) {
    const std::size_t cut = std::uniform_int_distribution<std::size_t>(0, good.size() - 1)(rng);
    expectRecooked(std::vector<std::uint8_t>(good.begin(), good.begin() + std::ptrdiff_t(cut)),
                   "truncated at " + std::to_string(cut));
  }
  for (int i = 0; i < 50; ++i) {
    auto damaged = good;
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, good.size() - 1)(rng);
    damaged[at] ^= std::uint8_t(1u << (i % 8));
    expectRecooked(damaged, "flipped byte " + std::to_string(at));
  }
  // A well-sealed file whose counts are far beyond its bytes.
  auto hostile = std::vector<std::uint8_t>(good.begin(), good.begin() + kCookedHeaderBytes);
  for (std::uint8_t b : {0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x7f}) hostile.push_back(b);
  sealCookedFile(hostile);
  expectRecooked(hostile, "hostile source path length");
}

TEST_F(CookedCache, UnwritableCacheStillLoads) {
  const ContentRoots roots({kModels});
  const fs::path file = kModels / kBoxTextured;
  auto expectLoadsWithoutWriting = [&](const fs::path& dir) {
    SCOPED_TRACE(dir.string());
    CookStats stats;
    auto model = loadOrCook(file, roots, {}, CookOptions{.cacheDir = dir}, &stats);
    ASSERT_TRUE(model.ok()) << model.error().message;
    EXPECT_FALSE(stats.hit);
    EXPECT_FALSE(stats.wrote);
    EXPECT_FALSE(model->meshes.empty());
  };
  // /proc refuses new files even for root; a path below a regular file cannot be created.
  expectLoadsWithoutWriting("/proc");
  TempFolder folder("blocked");
  writeBytes(folder.path() / "file", {1, 2, 3});
  expectLoadsWithoutWriting(folder.path() / "file" / "cooked");
  // A read-only folder, where permissions bind this process (they do not bind root).
  fs::create_directories(folder.path() / "readonly");
  fs::permissions(folder.path() / "readonly", fs::perms::owner_read | fs::perms::owner_exec);
  writeBytes(folder.path() / "readonly" / "probe", {1});
  if (!fs::exists(folder.path() / "readonly" / "probe")) expectLoadsWithoutWriting(folder.path() / "readonly");
  // Reading only: a miss writes nothing.
  CookOptions readOnly = cook();
  readOnly.allowWrite = false;
  CookStats stats;
  ASSERT_TRUE(loadOrCook(file, roots, {}, readOnly, &stats).ok());
  EXPECT_FALSE(stats.wrote);
  EXPECT_FALSE(fs::exists(stats.cacheFile));
}

TEST_F(CookedCache, ImportErrorsStillComeThrough) {
  TempFolder content("content");
  const fs::path file = copySample(kBoxTextured, content.path());
  fs::remove(content.path() / "CesiumLogoFlat.png");
  CookStats stats;
  auto model = loadOrCook(file, ContentRoots({content.path()}), {}, cook(), &stats);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("CesiumLogoFlat.png"), std::string::npos) << model.error().message;
  EXPECT_FALSE(stats.wrote);
  // A texture deleted after cooking is a miss (then the same import error), not a stale hit.
  fs::copy_file(kModels / "glTF2/BoxTextured-glTF/CesiumLogoFlat.png", content.path() / "CesiumLogoFlat.png");
  ASSERT_TRUE(loadOrCook(file, ContentRoots({content.path()}), {}, cook(), &stats).ok());
  fs::remove(content.path() / "CesiumLogoFlat.png");
  EXPECT_FALSE(loadOrCook(file, ContentRoots({content.path()}), {}, cook(), &stats).ok());
}

TEST(CookedCacheDir, FollowsXdgCacheHome) {
  const char* saved = std::getenv("XDG_CACHE_HOME");
  const std::string restore = saved != nullptr ? saved : "";
  setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(defaultCookedCacheDir(), fs::path("/tmp/xdg-test/shancheng/cooked"));
  setenv("XDG_CACHE_HOME", "relative/dir", 1);  // ignored, as the XDG spec asks
  EXPECT_EQ(defaultCookedCacheDir().filename(), "cooked");
  EXPECT_NE(defaultCookedCacheDir().string().find(".cache/shancheng"), std::string::npos);
  if (saved != nullptr) setenv("XDG_CACHE_HOME", restore.c_str(), 1); else unsetenv("XDG_CACHE_HOME");
}

struct Timing {
  double min = 0.0;
  double median = 0.0;
};

Timing timeRuns(int runs, const std::function<void()>& body) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return {times.front(), times[times.size() / 2]};
}

// Printed, not asserted (timings depend on the machine and its load): cold import vs cooked
// load, both measured here in the same process. The minimum is the figure least disturbed by
// other processes on a shared machine; the median is printed beside it.
TEST_F(CookedCache, PrintsColdVersusCookedTimes) {
  struct Case { fs::path root; fs::path file; };
  std::vector<Case> cases{{kModels, kModels / kEngine}};
  const fs::path hongyadong = cooktest::kProjectAssets / "landmarks/hongyadong/hongyadong.gltf";
  if (fs::exists(hongyadong)) cases.push_back({cooktest::kProjectAssets, hongyadong});
  for (const Case& c : cases) {
    const ContentRoots roots({c.root});
    ASSERT_TRUE(loadOrCook(c.file, roots, {}, cook()).ok());
    const Timing cold = timeRuns(9, [&] { ASSERT_TRUE(importModel(c.file, roots).ok()); });
    CookStats stats;
    const Timing cooked = timeRuns(31, [&] { ASSERT_TRUE(loadOrCook(c.file, roots, {}, cook(), &stats).ok()); });
    EXPECT_TRUE(stats.hit);
    std::printf("[timing] %s: cold import min %.2f / median %.2f ms, cooked load min %.2f / median "
                "%.2f ms: %.1fx (minima), %.1fx (medians); cache file %.1f KiB, hashed %.1f KiB in "
                "%zu+1 files (last load: hash %.2f ms, map %.2f ms, decode %.2f ms)\n",
                c.file.filename().c_str(), cold.min * 1e3, cold.median * 1e3, cooked.min * 1e3,
                cooked.median * 1e3, cold.min / cooked.min, cold.median / cooked.median,
                double(stats.cacheBytes) / 1024.0, double(stats.sourceBytes) / 1024.0,
                stats.dependencies, stats.hashSeconds * 1e3, stats.readSeconds * 1e3,
                stats.decodeSeconds * 1e3);
  }
}

}  // namespace
}  // namespace sc::assets
