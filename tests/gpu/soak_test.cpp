// `shancheng soak` (engine/app/soak_command.hpp): the growth fit and its bound on synthetic series
// (a leak is caught, a flat or noisy series is not), the device's live-object count, a short
// real soak over two scenes, and a deliberately leaked buffer that must fail the soak.
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>


#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/memory_sampler.hpp"
#include "core/heap.hpp"
#include "gpu_test_support.hpp"
#include "render/ui_overlay.hpp"

// What the heap tests measure is glibc's allocator. Under AddressSanitizer malloc is ASan's own
// (mallinfo2 reports nothing, freed blocks wait in its quarantine, mallopt and malloc_trim reach
// nothing), so they run in the normal suite and are skipped in the ASan one.
#if defined(__SANITIZE_ADDRESS__)
#define SC_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_TEST_UNDER_ASAN 1
#endif
#endif

namespace sc::test {
namespace {

namespace fs = std::filesystem;

// Minutes 0..n-1 (in seconds) of `base` bytes growing `mbPer10Min`, plus uniform noise.
void series(int n, double base, double mbPer10Min, double noiseMb, std::vector<double>& t, std::vector<double>& b) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> noise(-noiseMb * 1e6, noiseMb * 1e6);
  for (int i = 0; i < n; ++i) {
    t.push_back(60.0 * i);
    b.push_back(base + mbPer10Min * 1e6 * (60.0 * i) / 600.0 + noise(rng));
  }
}

TEST(SoakGrowth, LeakIsCaughtAndFlatSeriesPasses) {
  std::vector<double> t, b;
  series(25, 300e6, 2.0, 0.0, t, b);  // 2 MB per 10 min: over the 1 MB bound
  auto leak = app::fitGrowth(t, b);
  ASSERT_TRUE(leak.valid);
  EXPECT_NEAR(leak.mbPerTenMinutes, 2.0, 1e-6);
  EXPECT_EQ(leak.points, 25u);
  EXPECT_NEAR(leak.spanSeconds, 24 * 60.0, 1e-9);
  EXPECT_FALSE(app::growthWithin(leak, 1.0));

  t.clear(), b.clear();
  series(25, 300e6, 0.0, 3.0, t, b);  // flat, +-3 MB of noise (scenes, allocator): no trend
  auto flat = app::fitGrowth(t, b);
  ASSERT_TRUE(flat.valid);
  EXPECT_LT(std::abs(flat.mbPerTenMinutes), 1.0);
  EXPECT_TRUE(app::growthWithin(flat, 1.0));

  t.clear(), b.clear();
  series(25, 300e6, 1.5, 3.0, t, b);  // a slow leak under the same noise is still seen
  EXPECT_FALSE(app::growthWithin(app::fitGrowth(t, b), 1.0));

  // Shrinking memory is fine; nothing to fit is not.
  t.clear(), b.clear();
  series(10, 300e6, -5.0, 0.0, t, b);
  EXPECT_TRUE(app::growthWithin(app::fitGrowth(t, b), 1.0));
  EXPECT_FALSE(app::fitGrowth(std::vector<double>{1.0}, std::vector<double>{1.0}).valid);
  EXPECT_FALSE(app::fitGrowth(std::vector<double>{5.0, 5.0}, std::vector<double>{1.0, 9.0}).valid);
  EXPECT_FALSE(app::growthWithin(app::GrowthFit{}, 1.0));
}

TEST(SoakGrowth, DurationsAndProcessMemory) {
  EXPECT_DOUBLE_EQ(*app::parseDuration("90"), 90.0);
  EXPECT_DOUBLE_EQ(*app::parseDuration("90s"), 90.0);
  EXPECT_DOUBLE_EQ(*app::parseDuration("2.5m"), 150.0);
  EXPECT_DOUBLE_EQ(*app::parseDuration("1h"), 3600.0);
  for (const char* bad : {"", "ten", "5d", "-3s", "3ss"}) {
    auto parsed = app::parseDuration(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("minutes"), std::string::npos);
  }
  auto before = app::readProcessMemory();
  EXPECT_GT(before.rssBytes, 1u << 20);
  EXPECT_GT(before.rssAnonBytes, 0u);
  EXPECT_LE(before.rssAnonBytes, before.rssBytes);
  // 64 MB touched shows up in RSS.
  std::vector<char> block(64u << 20, 1);
  auto after = app::readProcessMemory();
  EXPECT_GE(after.rssBytes, before.rssBytes + (60u << 20)) << int(block[12345]);
#if defined(__GLIBC__) && !defined(SC_TEST_UNDER_ASAN)
  // ... and in the C heap's bytes in use (mallinfo2), which the soak logs beside RSS.
  EXPECT_GE(after.heapInUseBytes, before.heapInUseBytes + (64u << 20));
#endif
}

// Keeps the compiler from leaving out an allocation whose contents are never read.
void keep(const void* p) { asm volatile("" : : "r"(p) : "memory"); }

// core/heap.hpp: with the heap set up for long runs, blocks of 1 MiB and more go back to the
// system when freed - also after a large block was freed first, which by glibc's default raises
// its mmap threshold (and trim threshold) so that later blocks of that size stay in the heap.
TEST(SoakHeap, LargeBlocksGoBackToTheSystemWhenFreed) {
#if !defined(__GLIBC__) || defined(SC_TEST_UNDER_ASAN)
  GTEST_SKIP() << "glibc's allocator only (not ASan's)";
#else
  configureHeapForLongRuns();
  {
    std::unique_ptr<char[]> large(new char[24u << 20]);
    std::memset(large.get(), 1, 24u << 20);
    keep(large.get());
  }
  const auto before = app::readProcessMemory();
  {
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 16; ++i) {
      blocks.emplace_back(new char[2u << 20]);
      std::memset(blocks.back().get(), 1, 2u << 20);
      keep(blocks.back().get());
    }
    EXPECT_GE(app::readProcessMemory().rssBytes, before.rssBytes + (30u << 20));
  }
  const auto after = app::readProcessMemory();
  EXPECT_LT(after.rssBytes, before.rssBytes + (4u << 20))
      << "32 MB freed in 2 MiB blocks stayed resident: " << (after.rssBytes - before.rssBytes) / 1e6 << " MB";
#endif
}

// returnFreedHeapToSystem gives back freed heap pages that free() itself keeps: 64 KB blocks
// (under the mmap threshold) with a small live allocation after each, so none of them joins the
// top of the heap when freed. (Before core/heap.cpp included a C library header, __GLIBC__ was
// not defined there and the trim compiled to nothing: this test failed.)
TEST(SoakHeap, TrimGivesBackFreedPagesInsideTheHeap) {
#if !defined(__GLIBC__) || defined(SC_TEST_UNDER_ASAN)
  GTEST_SKIP() << "glibc's allocator only (not ASan's)";
#else
  configureHeapForLongRuns();
  std::vector<std::unique_ptr<char[]>> blocks, pins;
  blocks.reserve(512);
  pins.reserve(512);
  for (int i = 0; i < 512; ++i) {
    blocks.emplace_back(new char[64u << 10]);
    std::memset(blocks.back().get(), 1, 64u << 10);
    keep(blocks.back().get());
    pins.emplace_back(new char[4096]);  // larger than the small-chunk caches: placed right after the block
    keep(pins.back().get());
  }
  blocks.clear();
  const auto freed = app::readProcessMemory();
  returnFreedHeapToSystem();
  const auto trimmed = app::readProcessMemory();
  EXPECT_GT(freed.rssBytes, trimmed.rssBytes + (24u << 20))
      << "32 MB freed in 64 KB blocks: trim gave back only " << (double(freed.rssBytes) - double(trimmed.rssBytes)) / 1e6 << " MB";
#endif
}

class LiveObjects : public GpuTest {};

TEST_F(LiveObjects, CountsWhatIsCreatedAndNotDestroyed) {
  renderer_.reset();  // count from an empty device
  const gpu::LiveObjects empty = device_->liveObjects();
  EXPECT_EQ(empty.owned(), 0u) << empty.describeOwned();
  EXPECT_EQ(empty.describeOwned(), "none");

  gpu::BufferDesc desc;
  desc.size = 256;
  desc.usage = gpu::BufferUsage::Uniform;
  desc.memory = gpu::MemoryUse::CpuToGpu;
  auto a = device_->createBuffer(desc);
  auto b = device_->createBuffer(desc);
  gpu::TextureDesc tex;
  tex.width = tex.height = 4;
  tex.usage = gpu::TextureUsage::Sampled;
  auto t = device_->createTexture(tex);
  gpu::LiveObjects live = device_->liveObjects();
  EXPECT_EQ(live.buffers, 2u);
  EXPECT_EQ(live.textures, 1u);
  EXPECT_EQ(live.describeOwned(), "2 buffers, 1 texture");

  // Layouts are cached: the same bindings twice are one layout; other bindings another.
  gpu::BindGroupLayoutDesc layout{{{0, gpu::BindingType::UniformBuffer, gpu::ShaderStage::AllGraphics}}};
  auto l1 = device_->createBindGroupLayout(layout);
  auto l2 = device_->createBindGroupLayout(layout);
  EXPECT_EQ(l1, l2);
  layout.bindings.push_back({1, gpu::BindingType::UniformBuffer, gpu::ShaderStage::Fragment});
  EXPECT_NE(device_->createBindGroupLayout(layout), l1);
  EXPECT_EQ(device_->liveObjects().bindGroupLayouts, empty.bindGroupLayouts + 2);

  std::array<gpu::BindGroupEntry, 1> entries{};
  entries[0].binding = 0;
  entries[0].buffer = a;
  auto group = device_->createBindGroup(l1, entries);
  EXPECT_EQ(device_->liveObjects().bindGroups, 1u);
  device_->destroyBindGroup(group);
  device_->destroyBuffer(a);
  device_->destroyBuffer(b);
  live = device_->liveObjects();
  EXPECT_EQ(live.describeOwned(), "1 texture");
  device_->destroyTexture(t);
  EXPECT_EQ(device_->liveObjects().owned(), 0u);
}

// Empty frames, one per frame slot and one more: every deferred destruction has run after them.
void drainFrames(gpu::Device& device) {
  for (std::uint32_t i = 0; i <= gpu::kFramesInFlight; ++i) {
    device.beginFrame();
    ASSERT_TRUE(device.submitFrame());
  }
}

// What the UI overlay does when its font atlas is rebuilt, twice in one frame: the old texture
// destroyed, a new one made and uploaded. The old textures and the staging buffers stay
// allocated until their frame slot comes round (the soak's "12 MB that no live resource holds"
// between scenes) and must all be given back after it.
TEST_F(LiveObjects, TexturesMadeAgainAreFreedWhenTheirFrameSlotComesRound) {
  renderer_.reset();
  drainFrames(*device_);
  const std::uint64_t base = device_->memoryStats().bytesInUse;

  gpu::TextureDesc desc;
  desc.width = desc.height = 256;
  desc.usage = gpu::TextureUsage::Sampled;
  desc.debugName = "atlas";
  std::vector<std::vector<std::uint8_t>> mips{std::vector<std::uint8_t>(256u * 256u * 4u, 200)};
  gpu::TextureHandle texture = device_->createTexture(desc);
  device_->uploadTexture(texture, mips);
  drainFrames(*device_);
  const std::uint64_t oneTexture = 256u * 256u * 4u;
  const std::uint64_t withTexture = device_->memoryStats().bytesInUse;
  EXPECT_GE(withTexture, base + oneTexture);
  EXPECT_LT(withTexture, base + 2 * oneTexture) << "the upload's staging buffer was given back";
  for (int rebuild = 0; rebuild < 2; ++rebuild) {  // two frames in a row, as the overlay records it
    device_->beginFrame();
    device_->destroyTexture(texture);
    texture = device_->createTexture(desc);
    device_->uploadTexture(texture, mips);
    ASSERT_TRUE(device_->submitFrame());
  }
  EXPECT_EQ(device_->liveObjects().textures, 1u);
  EXPECT_GE(device_->memoryStats().bytesInUse, withTexture + 4 * oneTexture)
      << "in flight: two old textures and two staging buffers";

  drainFrames(*device_);
  EXPECT_LT(device_->memoryStats().bytesInUse, withTexture + oneTexture) << "back to one texture";
  device_->destroyTexture(texture);
  drainFrames(*device_);
  EXPECT_EQ(device_->memoryStats().bytesInUse, base) << "every sub-allocation given back";
}

// A scene's big texture (16 MiB, a landmark's 2048x2048 map) gets device memory of its own and
// gives it back when it is destroyed, with no releaseUnusedMemory call: reserved memory is where
// it was before. In a shared 64 MiB block (as before) it left the block reserved and its pages
// resident on lavapipe - the soak's RSS step at a scene's later visit. A small texture still
// shares a block.
TEST_F(LiveObjects, BigTextureGetsItsOwnMemoryAndGivesItBackWhenDestroyed) {
  renderer_.reset();
  drainFrames(*device_);
  const gpu::MemoryStats before = device_->memoryStats();

  gpu::TextureDesc desc;
  desc.width = desc.height = 2048;
  desc.usage = gpu::TextureUsage::Sampled;
  desc.debugName = "landmark albedo";
  gpu::TextureHandle big = device_->createTexture(desc);
  std::vector<std::vector<std::uint8_t>> mips{std::vector<std::uint8_t>(2048u * 2048u * 4u, 90)};
  device_->uploadTexture(big, mips);
  drainFrames(*device_);
  const gpu::MemoryStats made = device_->memoryStats();
  const std::uint64_t bigBytes = made.bytesInUse - before.bytesInUse;
  EXPECT_GE(bigBytes, 2048u * 2048u * 4u);
  EXPECT_EQ(made.blocks, before.blocks + 1) << "one allocation of its own (the staging buffer's is gone)";
  EXPECT_EQ(made.bytesReserved, before.bytesReserved + bigBytes) << "exactly its size, not a 64 MiB block";

  device_->destroyTexture(big);
  drainFrames(*device_);
  const gpu::MemoryStats after = device_->memoryStats();
  EXPECT_EQ(after.bytesReserved, before.bytesReserved) << "reserved memory back where it was";
  EXPECT_EQ(after.blocks, before.blocks);
  EXPECT_EQ(after.bytesInUse, before.bytesInUse);

  desc.width = desc.height = 64;
  desc.debugName = "small";
  gpu::TextureHandle small = device_->createTexture(desc);
  const std::size_t blocksWithSmall = device_->memoryStats().blocks;
  EXPECT_LE(blocksWithSmall, before.blocks + 1) << "at most one new shared block";
  device_->destroyTexture(small);
  drainFrames(*device_);
  EXPECT_EQ(device_->memoryStats().blocks, blocksWithSmall) << "a shared block is kept until releaseUnusedMemory";
  EXPECT_EQ(device_->validationErrorCount(), 0u);
}

// The soak's "~12 MB that no live resource holds" from round 1's liziba on: the UI's font atlas,
// rebuilt (new glyphs) after more than 1000 overlay record() calls in the process, was evicted
// from the overlay's cache at every following call and uploaded again on every frame (a rebuilt
// image kept lastUse 0). Here: an image's second version after 1100 uses must be uploaded once,
// so a frame of further records leaves no new textures or staging buffers in flight.
TEST_F(LiveObjects, OverlayImageRebuiltLateInARunIsUploadedOnce) {
  renderer_.reset();
  auto created = render::OverlayRenderer::create(*device_);
  ASSERT_TRUE(created) << created.error().message;
  render::OverlayRenderer& overlay = **created;
  gpu::TextureDesc targetDesc;
  targetDesc.width = targetDesc.height = 8;
  targetDesc.format = gpu::Format::RGBA8Srgb;
  targetDesc.usage = gpu::TextureUsage::ColorAttachment | gpu::TextureUsage::Sampled;
  targetDesc.debugName = "overlay target";
  gpu::TextureHandle target = device_->createTexture(targetDesc);

  render::OverlayDrawList list;
  auto atlas = [](std::uint8_t value) {
    auto image = std::make_shared<ImageRgba8>();
    image->width = image->height = 128;
    image->pixels.assign(128u * 128u * 4u, value);
    return image;
  };
  list.images.push_back({0x55490001u, 1, atlas(10), {}});
  const glm::vec4 clear(0.0f);
  auto frame = [&](int records) {
    gpu::CommandList& cmd = device_->beginFrame();
    for (int i = 0; i < records; ++i) ASSERT_TRUE(overlay.record(cmd, list, target, 0, clear));
    ASSERT_TRUE(device_->submitFrame());
  };
  for (int f = 0; f < 11; ++f) frame(100);  // 1100 record() calls with the first version
  list.images[0].version = 2;                // the atlas rebuilt: new glyphs
  list.images[0].pixels = atlas(20);
  frame(1);
  frame(1);
  drainFrames(*device_);
  const std::uint64_t steady = device_->memoryStats().bytesInUse;
  frame(20);
  EXPECT_EQ(device_->memoryStats().bytesInUse, steady)
      << "the image was uploaded again: " << (double(device_->memoryStats().bytesInUse) - double(steady)) / 1e6
      << " MB of textures and staging in flight";
  EXPECT_EQ(overlay.cachedImageCount(), 1u);
  device_->destroyTexture(target);
  created->reset();
  drainFrames(*device_);
  EXPECT_EQ(device_->validationErrorCount(), 0u);
}

// SC_GPU_MEMORY_TRACE=1: describeLiveResources lists each live sub-allocation with its size and
// the call stack that made it; nothing once it is freed.
TEST(GpuMemoryTrace, ListsWhereEachLiveSubAllocationWasMade) {
  ::setenv("SC_GPU_MEMORY_TRACE", "1", 1);
  gpu::DeviceOptions options;
  options.gpu = "llvmpipe";
  auto created = gpu::Device::create(options);
  ::unsetenv("SC_GPU_MEMORY_TRACE");
  ASSERT_TRUE(created) << created.error().message;
  gpu::Device& device = **created;
  gpu::BufferDesc desc;
  desc.size = 12345;
  desc.usage = gpu::BufferUsage::Vertex;
  desc.debugName = "traced";
  auto buffer = device.createBuffer(desc);
  auto lines = device.describeLiveResources();
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  EXPECT_NE(text.find("buffer 'traced': 12345 bytes"), std::string::npos) << text;
  EXPECT_NE(text.find("in 1 sub-allocations"), std::string::npos) << text;
  auto traced = text.find("allocated block");
  ASSERT_NE(traced, std::string::npos) << text;
  EXPECT_NE(text.find(": 12345 bytes, allocation #", traced), std::string::npos) << text;
  EXPECT_NE(text.find("from: ", traced), std::string::npos) << text;
  device.destroyBuffer(buffer);
  drainFrames(device);
  text.clear();
  for (const auto& line : device.describeLiveResources()) text += line + "\n";
  EXPECT_EQ(text.find("allocated block"), std::string::npos) << text;
  EXPECT_NE(text.find("the allocator has 0 bytes in use in 0 sub-allocations"), std::string::npos) << text;
}

std::vector<std::vector<std::string>> readCsv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream cellStream(line);
    std::string cell;
    while (std::getline(cellStream, cell, ',')) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

const std::string kScenes = std::string(SC_SOURCE_DIR) + "/scenes/example/example.scene.json,builtin:default";

// 30 s over the example scene (guide, tour, speech, UI) and the built-in courtyard, with the
// validation layer: samples taken, scenes switched, growth reported, nothing left alive.
TEST(Soak, ShortSoakSamplesSwitchesAndLeavesNothingAlive) {
  fs::path dir = testOutputDir() / "soak";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path csv = dir / "samples.csv";
  // A generous growth bound: 30 s cannot judge MB per 10 min (the synthetic series above test
  // the bound); the live-object, validation and render checks are the real ones here.
  auto r = runShancheng(fmt::format("soak --duration 30s --sample-every 3s --scene-time 5s --warmup 5s --scenes {} "
                                    "--out {} --screenshot-dir {} --validation --max-growth 10000",
                                    kScenes, csv.string(), (dir / "shots").string()));
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("live objects at exit: none"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PASS"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("MB/10 min"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;

  auto rows = readCsv(csv);
  ASSERT_GE(rows.size(), 9u) << "header + at least 8 samples";
  ASSERT_EQ(rows[0][0], "seconds");
  std::set<std::string> betweenScenes;
  double lastSeconds = -1.0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size());
    double seconds = std::stod(rows[i][0]);
    EXPECT_GE(seconds, lastSeconds);
    lastSeconds = seconds;
    if (rows[i][1] == "1") betweenScenes.insert(rows[i][2]);
    EXPECT_GT(std::stoull(rows[i][4]), 10ull << 20) << "RSS";
  }
  EXPECT_GE(lastSeconds, 29.0);
  EXPECT_EQ(betweenScenes.size(), 2u) << "both scenes shown and left";
  EXPECT_GT(std::stoull(rows.back()[3]), 30u) << "frames rendered";
  // One picture of each scene, not blank.
  int shots = 0;
  for (const auto& entry : fs::directory_iterator(dir / "shots")) {
    auto image = readPng(entry.path());
    ASSERT_TRUE(image) << entry.path();
    EXPECT_EQ(image->width, 320u);
    std::set<std::uint32_t> colours;
    for (std::size_t p = 0; p < image->pixels.size(); p += 4 * 97) {
      colours.insert(std::uint32_t(image->pixels[p]) << 16 | std::uint32_t(image->pixels[p + 1]) << 8 | image->pixels[p + 2]);
    }
    EXPECT_GT(colours.size(), 20u) << entry.path() << ": a flat picture";
    ++shots;
  }
  EXPECT_EQ(shots, 2);
}

// A buffer left alive (hidden --test-leak) fails the soak and is named.
TEST(Soak, LeakedBufferFailsTheSoak) {
  auto r = runShancheng("soak --duration 4s --sample-every 1s --scene-time 2s --scenes builtin:default "
                        "--max-growth 10000 --test-leak");
  EXPECT_EQ(r.exitCode, 7) << r.output;
  EXPECT_NE(r.output.find("Vulkan objects left alive at exit: 1 buffer"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FAIL"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sc::test
