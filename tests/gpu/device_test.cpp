// The GPU device on a real driver: device choice, sub-allocation, uploads, pipeline cache.
#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"

namespace sc::gpu {

namespace fs = std::filesystem;

TEST(Device, ChoosesByIndexOrNameAndExplainsUnknownNames) {
  auto devices = Device::listDevices();
  ASSERT_TRUE(devices) << devices.error().message;
  ASSERT_FALSE(devices->empty());
  DeviceOptions byIndex;
  byIndex.gpu = std::to_string(devices->front().index);
  auto device = Device::create(byIndex);
  ASSERT_TRUE(device) << device.error().message;
  EXPECT_EQ((*device)->info().name, devices->front().name);
  DeviceOptions unknown;
  unknown.gpu = "no-such-gpu-anywhere";
  auto missing = Device::create(unknown);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no such device"), std::string::npos) << missing.error().message;
  EXPECT_NE(missing.error().message.find(devices->front().name), std::string::npos);
}

// Anisotropic filtering is on where the GPU has it and off on CPU rasterisers, whose
// implementation in lavapipe stalls on some views (see Cli.AViewThatStalledLavapipeRendersPromptly).
TEST(Device, AnisotropicFilteringOnlyOnRealGpus) {
  auto device = Device::create(DeviceOptions{});
  ASSERT_TRUE(device) << device.error().message;
  const DeviceInfo& info = (*device)->info();
  if (info.isSoftware) {
    EXPECT_FALSE(info.anisotropicFiltering) << info.name;
  } else {
    EXPECT_TRUE(info.anisotropicFiltering) << info.name << " (every desktop GPU offers samplerAnisotropy)";
  }
}

TEST(Device, ManyBuffersShareFewMemoryBlocksAndStagedUploadsArrive) {
  DeviceOptions options;
  options.validation = true;
  options.syncValidation = true;
  auto device = Device::create(options);
  ASSERT_TRUE(device) << device.error().message;
  Device& d = **device;
  std::size_t blocksBefore = d.memoryStats().blocks;
  std::vector<BufferHandle> buffers;
  for (int i = 0; i < 500; ++i) {
    buffers.push_back(d.createBuffer({4096, BufferUsage::Vertex, MemoryUse::GpuOnly, "many"}));
  }
  // 500 buffers of 4 KiB share one 64 MiB block instead of taking 500 allocations.
  EXPECT_LE(d.memoryStats().blocks, blocksBefore + 1);
  EXPECT_GE(d.memoryStats().bytesInUse, 500u * 4096u);
  EXPECT_EQ(d.memoryStats().liveBuffers, 500u);

  // A staged texture upload with a full mip chain comes back unchanged.
  TextureDesc desc{4, 4, 1, 3, 1, Format::RGBA8Unorm, TextureUsage::Sampled | TextureUsage::TransferSrc, false, "roundtrip"};
  TextureHandle texture = d.createTexture(desc);
  std::vector<std::vector<std::uint8_t>> mips{std::vector<std::uint8_t>(64), std::vector<std::uint8_t>(16),
                                              std::vector<std::uint8_t>(4)};
  for (std::size_t i = 0; i < 64; ++i) mips[0][i] = std::uint8_t(i * 3 + 1);
  d.uploadTexture(texture, mips);
  ASSERT_TRUE(d.flushUploads());
  auto back = d.readback(texture);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->pixels, mips[0]);

  for (auto b : buffers) d.destroyBuffer(b);
  d.destroyTexture(texture);
  ASSERT_TRUE(d.waitIdle());
  EXPECT_EQ(d.memoryStats().liveBuffers, 0u);
  EXPECT_EQ(d.validationErrorCount(), 0u);
}

// A block is given back only once nothing in it is alive and the frames that may still use its
// resources are done (the kiosk calls this a few frames after a scene switch).
TEST(Device, UnusedMemoryBlocksAreGivenBackAndUsedOnesKept) {
  DeviceOptions options;
  options.validation = true;
  auto device = Device::create(options);
  ASSERT_TRUE(device) << device.error().message;
  Device& d = **device;
  auto frame = [&] {
    d.beginFrame();
    ASSERT_TRUE(d.submitFrame());
  };
  frame();
  const MemoryStats before = d.memoryStats();
  // 512 KiB buffers (under the 1 MiB from which a resource gets memory of its own) share 64 MiB
  // blocks: 192 of them (96 MiB) after the kept one fill at least one block with scene buffers only.
  BufferHandle kept = d.createBuffer({512u << 10, BufferUsage::Vertex, MemoryUse::GpuOnly, "kept"});
  std::vector<BufferHandle> scene;
  for (int i = 0; i < 192; ++i) scene.push_back(d.createBuffer({512u << 10, BufferUsage::Vertex, MemoryUse::GpuOnly, "scene"}));
  const MemoryStats full = d.memoryStats();
  ASSERT_GE(full.blocks, before.blocks + 1);
  for (BufferHandle b : scene) d.destroyBuffer(b);
  // Deferred: the buffers' memory is freed when their frame slot comes round again, not before.
  EXPECT_EQ(d.releaseUnusedMemory(), 0u) << "a block was released while its resources were in flight";
  for (std::uint32_t i = 0; i <= kFramesInFlight; ++i) frame();
  ASSERT_TRUE(d.waitIdle());
  const std::uint64_t released = d.releaseUnusedMemory();
  const MemoryStats after = d.memoryStats();
  EXPECT_GT(released, 0u);
  EXPECT_EQ(after.bytesReserved, full.bytesReserved - released);
  EXPECT_LT(after.blocks, full.blocks);
  EXPECT_EQ(d.releaseUnusedMemory(), 0u) << "released twice";
  // The kept buffer's block stays, and new buffers still get memory.
  EXPECT_GE(after.bytesInUse, 512u << 10);
  BufferHandle again = d.createBuffer({512u << 10, BufferUsage::Vertex, MemoryUse::GpuOnly, "scene c"});
  std::vector<std::byte> bytes(64, std::byte{7});
  d.writeBuffer(again, 0, bytes);
  ASSERT_TRUE(d.flushUploads());
  d.destroyBuffer(again);
  d.destroyBuffer(kept);
  ASSERT_TRUE(d.waitIdle());
  EXPECT_EQ(d.validationErrorCount(), 0u);
}

TEST(Device, PipelineCacheIsPersistedAndAForeignFileIsIgnored) {
  fs::path dir = fs::temp_directory_path() / ("sc_cache_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  DeviceOptions options;
  options.pipelineCacheFile = dir / "pipelines.bin";
  {
    auto device = Device::create(options);
    ASSERT_TRUE(device) << device.error().message;
    PipelineDesc desc;
    desc.name = "tonemap";
    desc.vertexShader = "fullscreen.vert.spv";
    desc.fragmentShader = "tonemap.frag.spv";
    desc.bindGroupLayouts = {(*device)->createBindGroupLayout({{{0, BindingType::SampledTexture, ShaderStage::Fragment}}})};
    desc.pushConstantBytes = 16;
    desc.cull = CullMode::None;
    desc.depthTest = desc.depthWrite = false;
    desc.colorFormats = {Format::RGBA8Srgb};
    auto pipeline = (*device)->createPipeline(desc);
    ASSERT_TRUE(pipeline) << pipeline.error().message;
  }
  // The saved file starts with a header for this device (lavapipe stores no pipelines in it,
  // GPU drivers do): length, version one, vendor and device id.
  auto saved = readFileBytes(options.pipelineCacheFile);
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_GE(saved->size(), 32u);
  std::uint32_t header[2];
  std::memcpy(header, saved->data(), sizeof(header));
  EXPECT_EQ(header[0], 32u);
  EXPECT_EQ(header[1], 1u);  // VK_PIPELINE_CACHE_HEADER_VERSION_ONE
  // A corrupted cache file must not reach the driver.
  std::string garbage(200, 'x');
  ASSERT_TRUE(writeFileAtomic(options.pipelineCacheFile,
                              {reinterpret_cast<const std::uint8_t*>(garbage.data()), garbage.size()}));
  auto again = Device::create(options);
  ASSERT_TRUE(again) << again.error().message;
  again->reset();
  fs::remove_all(dir);
}

TEST(Device, MissingShaderGivesAClearError) {
  auto device = Device::create({});
  ASSERT_TRUE(device);
  PipelineDesc desc;
  desc.name = "broken";
  desc.vertexShader = "does-not-exist.vert.spv";
  auto pipeline = (*device)->createPipeline(desc);
  ASSERT_FALSE(pipeline);
  EXPECT_NE(pipeline.error().message.find("does-not-exist.vert.spv"), std::string::npos);
}

}  // namespace sc::gpu
