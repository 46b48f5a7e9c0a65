#pragma once
// The renderer's private state (Renderer::Impl) and the plain types it draws with, shared by
// renderer.cpp (the public API and the frame) and renderer_setup.cpp (pipelines, targets,
// per-frame buffers). Not part of the engine's API: include only from engine/render.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "render/draw_batches.hpp"
#include "render/frame_storage.hpp"
#include "render/frustum.hpp"
#include "render/gpu_layouts.hpp"
#include "render/gpu_model.hpp"
#include "render/renderer.hpp"
#include "render/shadow_reach.hpp"
#include "render/shadow_cascades.hpp"
#include "render/skinning.hpp"
#include "render/ui_overlay.hpp"

namespace sc::render {
constexpr gpu::Format kDepthFormat = gpu::Format::Depth32Float;
// Every render target's output image (gpu::TargetImage::color).
constexpr gpu::Format kOutputFormat = gpu::Format::RGBA8Srgb;

inline std::vector<gpu::VertexAttribute> vertexAttributes() {
  using gpu::VertexFormat;
  return {{0, VertexFormat::Float3, offsetof(assets::Vertex, position)},
          {1, VertexFormat::Float3, offsetof(assets::Vertex, normal)},
          {2, VertexFormat::Float4, offsetof(assets::Vertex, tangent)},
          {3, VertexFormat::Float2, offsetof(assets::Vertex, uv0)},
          {4, VertexFormat::Float2, offsetof(assets::Vertex, uv1)},
          {5, VertexFormat::UNorm8x4, offsetof(assets::Vertex, color)}};
}

struct Instance {
  ModelId model = 0;
  glm::mat4 transform{1.0f};
  bool live = false;
  bool posed = false;
  bool castsShadow = true;
  std::vector<glm::mat4> joints;  // see Renderer::setInstancePose
  std::vector<float> weights;
};

// Pipelines that depend on the number of views (multiview view mask).
struct ViewPipelines {
  gpu::PipelineHandle opaque[2];  // [doubleSided]
  gpu::PipelineHandle blend[2];
  // The same without the sun's shadow lookup compiled in (pbr.frag's kShadowLookup = 0), for
  // draws no cascade reaches: the same picture, cheaper on CPU rasterisers (which run the
  // lookup's taps even where every pixel leaves early). Made on CPU devices only; absent
  // (invalid) on GPUs, whose branches skip the taps, so they compile no extra pipelines.
  gpu::PipelineHandle opaqueUnshadowed[2];
  gpu::PipelineHandle blendUnshadowed[2];
  gpu::PipelineHandle sky;
  gpu::PipelineHandle tonemap;
  std::uint32_t viewMask = 0;
  // Pipelines made on first use (invalid: making it failed, not tried again): PBR pipelines whose
  // fragment shader is specialised to a kind of material (CPU devices only; GpuMaterial::shaderKey:
  // which textures it has, plain texture coordinates) and the PBR and sky pipelines that tone-map
  // in the shader (RendererOptions::foldToneMapping), by Renderer::Impl::pbrPipeline and
  // skyPipeline. Keyed by shaderKey (0: generic) | blended << 8 | double-sided << 9 | shadowed <<
  // 10 | tone mapping << 11 (scene_output.glsl's kToneMap, 3 bits; 0: HDR), or kSkyPipelineKey |
  // tone mapping << 11 | no stars << 15; either | no fog << 16.
  static constexpr std::uint32_t kSkyPipelineKey = 1u << 14;
  std::map<std::uint32_t, gpu::PipelineHandle> specialised;

  // The generic PBR pipeline for a draw; `shadowed` false: no cascade reaches it (ShadowReach).
  gpu::PipelineHandle pbr(bool blended, bool doubleSided, bool shadowed) const {
    int d = doubleSided ? 1 : 0;
    gpu::PipelineHandle unshadowed = blended ? blendUnshadowed[d] : opaqueUnshadowed[d];
    if (!shadowed && unshadowed.valid()) return unshadowed;
    return blended ? blend[d] : opaque[d];
  }
};


// HDR targets for one pass: layered (one layer per view) for multiview, else one view.
struct PassTargets {
  gpu::TextureHandle color;    // MSAA HDR (absent when MSAA is off)
  gpu::TextureHandle depth;
  gpu::TextureHandle resolved; // single-sample HDR, sampled by tone mapping
  gpu::BindGroupHandle tonemapGroup;
};

// Render targets for an output of width x height (drawn at RendererOptions::renderScale of it):
// one PassTargets per pass.
struct FrameTargets {
  std::uint32_t width = 0, height = 0, views = 0;
  bool layered = false;
  std::vector<PassTargets> passes;
};


// Options clamped to what the renderer supports (see RendererOptions).
RendererOptions sanitizedOptions(RendererOptions options);

struct Renderer::Impl {
  gpu::Device& device;
  RendererOptions options;
  // The scene's HDR colour format, chosen by hdrFormatFor(options) (RendererOptions::hdrPrecision).
  gpu::Format hdrFormat = gpu::Format::RGBA16Float;
  gpu::Format hdrFormatFor(const RendererOptions& wanted) const {
    bool packed = wanted.hdrPrecision == HdrPrecision::Packed ||
                  (wanted.hdrPrecision == HdrPrecision::Auto && !device.info().isSoftware);
    packed = packed && device.info().packedHdrColor && wanted.background != Background::Transparent;
    return packed ? gpu::Format::RG11B10Float : gpu::Format::RGBA16Float;
  }
  Environment environment;
  SharedGpuResources shared;
  gpu::BindGroupLayoutHandle frameLayout, tonemapLayout;
  gpu::BufferHandle frameUniforms[gpu::kFramesInFlight];
  gpu::BufferHandle lightBuffers[gpu::kFramesInFlight];
  gpu::BindGroupHandle frameGroups[gpu::kFramesInFlight];
  // Per frame slot (set 0): posed instances' joint matrices (binding 3) and morph weights (4),
  // sized for one guide many times over so a tour's usual cast never grows them; every drawn
  // primitive's record (5) and the passes' draw lists (6), enough for a landmark scene.
  FrameStorage jointPalette{sizeof(glm::mat4), 256, "joint palette"};
  FrameStorage morphWeights{sizeof(float), 256, "morph weights"};
  FrameStorage drawRecords{sizeof(DrawConstants), 1024, "draw data"};
  FrameStorage drawSlotList{sizeof(std::uint32_t), 4096, "draw slot list"};
  // The frame's draw lists, kept between frames so their memory is reused (render()).
  struct FrameLists {
    std::vector<DrawConstants> records;
    std::vector<DrawItem> opaque, blended, casters;
    std::vector<std::uint32_t> slots;
    std::vector<DrawRun> runs;
    std::vector<std::uint32_t> firstBatch;  // per model id: its primitives' first DrawItem::batch
    DrawSortScratch sortScratch;
  } lists;
  gpu::SamplerHandle shadowSampler;
  gpu::TextureHandle shadowMap;
  gpu::PipelineHandle shadowOpaque, shadowMask;
  std::map<std::uint32_t, ViewPipelines> viewPipelines;
  FrameTargets targets;
  std::vector<std::unique_ptr<GpuModel>> models{1};  // id 0 unused
  std::vector<Instance> instances{1};
  // 2D overlays: created on first use; consumed by the next render().
  std::unique_ptr<OverlayRenderer> overlay;
  std::optional<OverlayDrawList> pendingOverlay;
  struct PanelDraw {
    gpu::TextureHandle target;
    OverlayDrawList list;
    glm::vec4 clear{0.0f};
  };
  std::vector<PanelDraw> pendingPanels;

  explicit Impl(gpu::Device& d) : device(d) {}
  ~Impl();
  Status init();
  // `views` 1 or 2 for multiview pipelines, 0 for passes that draw one view each.
  Result<ViewPipelines*> pipelinesFor(std::uint32_t views);
  // Makes a new set from the shader folder's SPIR-V (on failure nothing is left behind).
  Result<ViewPipelines> createViewPipelines(std::uint32_t views);
  Status createShadowPipelines(gpu::PipelineHandle& opaque, gpu::PipelineHandle& mask);
  // How a PBR pipeline is made (materialKey 0: the generic fragment shader; toneMap: see
  // scene_output.glsl's kToneMap, 0: HDR target, else the sRGB output target).
  gpu::PipelineDesc pbrPipelineDesc(std::uint32_t viewMask, bool blended, bool doubleSided, bool shadowed,
                                    std::uint32_t materialKey, std::uint32_t toneMap = 0, bool fog = true) const;
  gpu::PipelineDesc skyPipelineDesc(std::uint32_t viewMask, std::uint32_t toneMap, bool stars, bool fog = true) const;
  // The cheaper sky formula (RendererOptions::exactSky): CPU devices unless the options say not.
  bool fastSky() const { return device.info().isSoftware && !options.exactSky; }
  // Pipelines without the fog arithmetic for frames without fog (common.glsl kFog): CPU devices
  // unless genericShaders.
  bool fogFreeVariants() const { return device.info().isSoftware && !options.genericShaders; }
  // The PBR pipeline for a draw of `material`: on CPU devices specialised to the material's kind
  // (made on first use; the generic one if that fails), elsewhere the generic one. toneMap != 0:
  // the pipeline that tone-maps in the shader (made on first use; invalid if that fails). `fog`
  // false: the frame has none, and fogFreeVariants() may leave its arithmetic out.
  gpu::PipelineHandle pbrPipeline(ViewPipelines& p, const GpuMaterial& material, bool blended, bool shadowed,
                                  std::uint32_t toneMap = 0, bool fog = true);
  // The sky pipeline for a frame: `stars` false leaves the star field's code out (fastSky()
  // only; else, or if making it fails, the one with stars). toneMap != 0: the one that tone-maps
  // in the shader (made on first use; invalid if that fails).
  gpu::PipelineHandle skyPipeline(ViewPipelines& p, std::uint32_t toneMap, bool stars, bool fog = true);
  // Which tone mapper the frame's scene shaders apply themselves (0: none, a separate pass does;
  // see RendererOptions::foldToneMapping), with every pipeline that needs made.
  std::uint32_t sceneToneMap(ViewPipelines& p, std::size_t views, std::span<const DrawRun> opaqueRuns,
                             bool blendedDraws, bool skyDraw, bool stars, bool fog);
  void destroyViewPipelines(const ViewPipelines& p);
  void createShadowMap();
  void ensureTargets(std::uint32_t width, std::uint32_t height, std::uint32_t views, bool layered);
  void destroyTargets();
  FrameUniforms buildFrameUniforms(std::span<const ViewCamera> views, const ShadowCascades& cascades,
                              std::uint32_t lightCount) const;
  std::uint32_t writeLights();
  void rebuildFrameGroup(std::uint32_t slot);
  Result<OverlayRenderer*> overlayRenderer();
  // Records the queued panels (start of the frame) or the screen overlay (end of the frame);
  // a failing list is logged and skipped so the 3D frame still shows.
  void recordPanels(gpu::CommandList& cmd);
  void recordScreenOverlay(gpu::CommandList& cmd, const gpu::TargetImage& image);
  // Copies every posed instance's joints and weights into the slot's buffers, once per frame;
  // returns their first joint and weight there (-1: not posed), by instance id.
  void writePoses(std::uint32_t slot, std::vector<std::int64_t>& jointBase, std::vector<std::int64_t>& weightBase);
  // Fills lists.records, opaque, blended and casters (unsorted) with every live instance's
  // primitives that a view sees or that cast a shadow; `reach` (null: every draw shadowed) marks
  // which may skip the shadow lookup. Returns how many primitives no view sees.
  std::uint32_t collectDrawItems(std::span<const ViewCamera> views, std::span<const Frustum> frustums,
                                 const ShadowReach* reach, const std::vector<std::int64_t>& jointBase,
                                 const std::vector<std::int64_t>& weightBase);
};

}  // namespace sc::render
