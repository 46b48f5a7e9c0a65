#pragma once
// The renderer's vocabulary for GPU work, free of Vulkan types. Everything Vulkan lives behind
// these handles in engine/gpu/*.cpp (see device.hpp).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sc::gpu {

// Handles are small indices into the Device's tables; id 0 is "none".
template <typename Tag>
struct Handle {
  std::uint32_t id = 0;
  bool valid() const { return id != 0; }
  bool operator==(const Handle&) const = default;
};
using BufferHandle = Handle<struct BufferTag>;
using TextureHandle = Handle<struct TextureTag>;
using SamplerHandle = Handle<struct SamplerTag>;
using PipelineHandle = Handle<struct PipelineTag>;
using BindGroupLayoutHandle = Handle<struct BindGroupLayoutTag>;
using BindGroupHandle = Handle<struct BindGroupTag>;

enum class Format : std::uint8_t {
  Undefined,
  RGBA8Unorm,
  RGBA8Srgb,
  BGRA8Unorm,
  BGRA8Srgb,
  RGBA16Float,
  RG11B10Float,  // packed unsigned floats, no alpha: half the bytes of RGBA16Float
  Depth32Float,
};
bool isDepthFormat(Format format);

namespace BufferUsage {
enum : std::uint32_t { Vertex = 1, Index = 2, Uniform = 4, Storage = 8, Indirect = 16 };
}

enum class MemoryUse : std::uint8_t {
  GpuOnly,   // device-local; filled through staging uploads
  CpuToGpu,  // host-visible, persistently mapped; written every frame, read by the GPU in the
             // same frame: device-local where the GPU lets the CPU map a large part of it
  Staging,   // host-visible system memory, persistently mapped: the source of one upload copy
  GpuToCpu,  // host-visible readback
};

struct BufferDesc {
  std::uint64_t size = 0;
  std::uint32_t usage = 0;  // BufferUsage bits
  MemoryUse memory = MemoryUse::GpuOnly;
  std::string debugName;
};

namespace TextureUsage {
enum : std::uint32_t { Sampled = 1, ColorAttachment = 2, DepthAttachment = 4, TransferSrc = 8 };
}

struct TextureDesc {
  std::uint32_t width = 1;
  std::uint32_t height = 1;
  std::uint32_t layers = 1;
  std::uint32_t mipLevels = 1;
  std::uint32_t samples = 1;
  Format format = Format::RGBA8Unorm;
  std::uint32_t usage = TextureUsage::Sampled;  // TextureUsage bits
  // Sampled as a 2D array (sampler2DArray) even with one layer: the views of a multiview frame.
  bool arrayView = false;
  std::string debugName;
};

enum class Filter : std::uint8_t { Nearest, Linear };
enum class Wrap : std::uint8_t { Repeat, MirroredRepeat, ClampToEdge, ClampToBorder };
enum class CompareOp : std::uint8_t { Never, Less, LessEqual, Greater, GreaterEqual, Always };

struct SamplerDesc {
  Filter magFilter = Filter::Linear;
  Filter minFilter = Filter::Linear;
  Filter mipFilter = Filter::Linear;
  Wrap wrapU = Wrap::Repeat;
  Wrap wrapV = Wrap::Repeat;
  bool compare = false;  // depth comparison (shadow maps), compareOp LessEqual
  bool mipmaps = true;   // false: sample level 0 only (glTF min filters NEAREST / LINEAR)
  float maxAnisotropy = 1.0f;
  bool operator==(const SamplerDesc&) const = default;
};

enum class BindingType : std::uint8_t { UniformBuffer, StorageBuffer, SampledTexture };

namespace ShaderStage {
enum : std::uint32_t { Vertex = 1, Fragment = 2, Compute = 4, AllGraphics = 3 };
}

struct BindingLayout {
  std::uint32_t binding = 0;
  BindingType type = BindingType::UniformBuffer;
  std::uint32_t stages = ShaderStage::AllGraphics;
};

struct BindGroupLayoutDesc {
  std::vector<BindingLayout> bindings;
};

struct BindGroupEntry {
  std::uint32_t binding = 0;
  BufferHandle buffer;  // for buffer bindings
  std::uint64_t offset = 0;
  std::uint64_t range = 0;  // 0 = whole buffer
  TextureHandle texture;    // for texture bindings
  SamplerHandle sampler;
};

enum class VertexFormat : std::uint8_t { Float2, Float3, Float4, UNorm8x4, UInt16x4 };

struct VertexAttribute {
  std::uint32_t location = 0;
  VertexFormat format = VertexFormat::Float3;
  std::uint32_t offset = 0;
};

enum class CullMode : std::uint8_t { None, Back, Front };
enum class BlendMode : std::uint8_t { Opaque, Alpha };

struct PipelineDesc {
  std::string name;            // for messages and the pipeline cache
  std::string vertexShader;    // SPIR-V file name in the shader folder, e.g. "pbr.vert.spv"
  std::string fragmentShader;  // empty for depth-only pipelines
  std::uint32_t vertexStride = 0;  // 0 = no vertex buffer (full-screen passes)
  std::vector<VertexAttribute> attributes;
  std::vector<BindGroupLayoutHandle> bindGroupLayouts;  // set 0, 1, ...
  std::uint32_t pushConstantBytes = 0;                  // at most 128
  CullMode cull = CullMode::Back;
  bool depthTest = true;
  bool depthWrite = true;
  CompareOp depthCompare = CompareOp::Less;
  bool depthClamp = false;
  float depthBiasConstant = 0.0f;
  float depthBiasSlope = 0.0f;
  BlendMode blend = BlendMode::Opaque;
  std::vector<Format> colorFormats;
  Format depthFormat = Format::Undefined;
  std::uint32_t samples = 1;
  std::uint32_t viewMask = 0;  // multiview: bit i renders view i (gl_ViewIndex)
  // Fragment shader specialisation constants (constant_id = index), for material variants.
  std::vector<std::uint32_t> fragmentConstants;
};

enum class LoadOp : std::uint8_t { Clear, Load, DontCare };

struct ColorAttachment {
  TextureHandle texture;
  TextureHandle resolveTarget;  // optional: MSAA resolve
  LoadOp load = LoadOp::Clear;
  bool store = true;
  glm::vec4 clearColor{0.0f};
};

struct DepthAttachment {
  TextureHandle texture;
  LoadOp load = LoadOp::Clear;
  bool store = false;
  float clearDepth = 1.0f;
};

struct PassDesc {
  std::string name;
  std::vector<ColorAttachment> color;
  DepthAttachment depth;       // texture may be invalid: no depth
  std::uint32_t baseLayer = 0; // first layer of the attachments to render into
  std::uint32_t viewMask = 0;  // 0 = single layer `baseLayer`; else multiview over layers
};

struct MemoryStats {
  std::size_t blocks = 0;            // VkDeviceMemory allocations held
  std::uint64_t bytesInUse = 0;      // sub-allocated to live resources
  std::uint64_t bytesReserved = 0;   // held from the driver
  std::size_t liveBuffers = 0;
  std::size_t liveTextures = 0;
};

struct DeviceInfo {
  std::string name;
  std::string type;  // "discrete GPU", "integrated GPU", "CPU", ...
  std::string driver;
  std::string apiVersion;
  std::uint32_t index = 0;
  bool isSoftware = false;
  // False where multiview draws are known to land in the wrong layer: Mesa 22.3's lavapipe
  // writes every view of a dynamic-rendering multiview draw into layer 0 (seen on Debian 12).
  bool multiviewReliable = true;
  // Samplers filter anisotropically (off on CPU rasterisers, see vk_device.cpp).
  bool anisotropicFiltering = false;
  // Format::RG11B10Float can be a multisampled, blended colour attachment and be sampled.
  bool packedHdrColor = false;
};

}  // namespace sc::gpu
