#pragma once
// The GPU device: the one owner of every Vulkan object in the engine (instance, device, queues,
// memory, buffers, images, pipelines, descriptors, command buffers, synchronisation). The rest of
// the engine talks to it through handles (gpu_types.hpp) and a CommandList.
//
// Threading: one thread records and submits. Frames in flight: kFramesInFlight; resources written
// per frame (uniforms) are kept per frame slot by the caller, indexed by frameSlot().
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "gpu/gpu_types.hpp"

namespace sc::gpu {

inline constexpr std::uint32_t kFramesInFlight = 2;

struct DeviceOptions {
  std::string appName = "shancheng";
  // "" = automatic (discrete > integrated > virtual > CPU); digits = index in the device list;
  // otherwise a case-insensitive part of the device name ("llvmpipe", "NVIDIA").
  std::string gpu;
  bool validation = false;        // Khronos validation layer + debug messenger
  bool syncValidation = false;    // also synchronisation validation (slower)
  std::filesystem::path pipelineCacheFile;  // empty = no persisted cache
  std::vector<std::string> instanceExtensions;  // e.g. from GLFW for a window surface
  bool needSwapchain = false;
};

// Engine objects of a Device alive now, by kind (Device::liveObjects). Buffers, textures,
// pipelines and bind groups belong to their creator, who must destroy them: any of them alive
// once every user of the device is gone is a leak (`shancheng soak` fails on it). Samplers and
// bind group layouts are device-owned caches (one per distinct description, never destroyed
// before the device): bounded, so not leaks, but they must not keep growing.
struct LiveObjects {
  std::size_t buffers = 0;
  std::size_t textures = 0;
  std::size_t pipelines = 0;
  std::size_t bindGroups = 0;
  std::size_t bindGroupLayouts = 0;  // cached
  std::size_t samplers = 0;          // cached
  std::size_t owned() const { return buffers + textures + pipelines + bindGroups; }
  // "2 buffers, 1 texture" (owned kinds only); "none" when owned() == 0.
  std::string describeOwned() const;
};

class CommandList;
struct DeviceState;  // Vulkan-side state, defined in vk_state.hpp (engine/gpu only)
struct ExternalVulkanCreators;  // vk_interop.hpp (engine/xr)
class Device;
Result<std::unique_ptr<Device>> createDevice(const struct DeviceOptions& options, const ExternalVulkanCreators* creators);

class Device {
 public:
  static Result<std::unique_ptr<Device>> create(const DeviceOptions& options);
  // Lists the Vulkan devices this machine offers (for --list-gpus and error messages).
  static Result<std::vector<DeviceInfo>> listDevices();
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const DeviceInfo& info() const;
  // Validation messages of severity ERROR seen so far (0 when validation is off).
  std::uint32_t validationErrorCount() const;

  MemoryStats memoryStats() const;
  // Gives device memory blocks that no resource uses any more back to the driver (returns the
  // bytes). Resources whose destruction is deferred still hold theirs until their frame is done,
  // so call it after a scene's resources are gone and the frames that used them have finished
  // (the kiosk after a scene switch, the soak between scenes).
  std::uint64_t releaseUnusedMemory();
  // Objects created through this device and not destroyed yet (see LiveObjects). Objects whose
  // destruction is deferred to the end of a frame count as gone from their destroy call.
  LiveObjects liveObjects() const;
  // One line per live buffer and texture, largest first: "texture 'ui atlas' 2048x1024: 8388608
  // bytes", then their total against the allocator's bytes in use (what `shancheng soak -v` lists
  // between scenes, to see which resource grows).
  std::vector<std::string> describeLiveResources() const;

  BufferHandle createBuffer(const BufferDesc& desc);
  void destroyBuffer(BufferHandle buffer);
  // CpuToGpu buffers: copies into the mapped memory now. GpuOnly buffers: queued as a staging
  // upload that runs before the next submitted frame (uploads are batched per frame).
  void writeBuffer(BufferHandle buffer, std::uint64_t offset, std::span<const std::byte> bytes);
  // Mapped pointer of a CpuToGpu / GpuToCpu buffer.
  void* mappedPointer(BufferHandle buffer);

  TextureHandle createTexture(const TextureDesc& desc);
  void destroyTexture(TextureHandle texture);
  // Queues a staging upload of the given mip levels (level 0 first, tightly packed RGBA8) into
  // layer 0; the texture is ready for sampling in the next submitted frame.
  void uploadTexture(TextureHandle texture, std::span<const std::vector<std::uint8_t>> mips);
  // The same from views (bytes that live elsewhere, e.g. a mapped cooked cache file): copied
  // into the staging buffer here, so they need to stay valid only during the call.
  void uploadTexture(TextureHandle texture, std::span<const std::span<const std::uint8_t>> mips);
  const TextureDesc& textureDesc(TextureHandle texture) const;

  SamplerHandle getSampler(const SamplerDesc& desc);  // cached: same desc, same sampler

  // Cached: the same bindings give the same layout (layouts live as long as the device).
  BindGroupLayoutHandle createBindGroupLayout(const BindGroupLayoutDesc& desc);
  BindGroupHandle createBindGroup(BindGroupLayoutHandle layout,
                                  std::span<const BindGroupEntry> entries);
  void destroyBindGroup(BindGroupHandle group);

  Result<PipelineHandle> createPipeline(const PipelineDesc& desc);
  void destroyPipeline(PipelineHandle pipeline);

  // Frame loop: beginFrame waits until the frame slot is free, then records into its command
  // list; submitFrame submits staged uploads and the frame's commands together.
  CommandList& beginFrame();
  Status submitFrame();
  std::uint32_t frameSlot() const;
  // GPU time of the last completed frame that used this slot (timestamps), in milliseconds;
  // negative when not known yet.
  double lastGpuFrameMs() const;

  // Runs the pending staging uploads now and waits (for loading outside the frame loop).
  Status flushUploads();
  Status waitIdle();

  // Copies one layer of a colour texture (RGBA8 formats) back to the CPU; waits for the GPU.
  Result<ImageRgba8> readback(TextureHandle texture, std::uint32_t layer = 0);

  // Shader folder where <name>.spv files are found (SC_SHADER_DIR overrides the built-in one).
  std::filesystem::path shaderDir() const;

  DeviceState& state() { return *state_; }  // for other engine/gpu files only

 private:
  friend Result<std::unique_ptr<Device>> createDevice(const DeviceOptions&, const ExternalVulkanCreators*);
  explicit Device(std::unique_ptr<DeviceState> state);
  std::unique_ptr<DeviceState> state_;
};

// Records GPU commands for one frame. Obtained from Device::beginFrame().
class CommandList {
 public:
  explicit CommandList(DeviceState& state) : state_(state) {}

  void beginPass(const PassDesc& pass);
  void endPass();
  void bindPipeline(PipelineHandle pipeline);
  void bindGroup(std::uint32_t set, BindGroupHandle group);
  void pushConstants(const void* data, std::uint32_t bytes);
  void bindVertexBuffer(BufferHandle buffer, std::uint64_t offset = 0);
  void bindIndexBuffer(BufferHandle buffer, std::uint64_t offset = 0);
  void draw(std::uint32_t vertexCount, std::uint32_t firstVertex = 0);
  // Draws `instanceCount` instances; shaders see gl_InstanceIndex from firstInstance up (the
  // renderer uses it to find each instance's per-draw data).
  void drawIndexed(std::uint32_t indexCount, std::uint32_t firstIndex, std::int32_t vertexOffset,
                   std::uint32_t instanceCount = 1, std::uint32_t firstInstance = 0);
  // Restricts drawing to a rectangle of the pass's attachments (viewport and scissor);
  // beginPass resets it to the whole attachment.
  void setViewport(std::uint32_t x, std::uint32_t y, std::uint32_t width, std::uint32_t height);
  // Makes a texture written by an earlier pass readable by shaders of later passes.
  void prepareForSampling(TextureHandle texture);
  // Writes the frame's begin/end GPU timestamps (used for lastGpuFrameMs()).
  void markFrameStart();
  void markFrameEnd();

  std::uint32_t drawCallCount() const { return drawCalls_; }
  void resetCounters() { drawCalls_ = 0; }

 private:
  DeviceState& state_;
  std::uint32_t drawCalls_ = 0;
};

}  // namespace sc::gpu
