#pragma once
// The forward PBR renderer: glTF 2.0 metallic-roughness materials, cascaded sun shadows,
// punctual lights, a procedural sky, MSAA, HDR with tone mapping, N views per frame through
// multiview (1 for desktop, 2 for XR). Draws into any gpu::RenderTarget.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "anim/skin_palette.hpp"
#include "assets/model.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/camera.hpp"
#include "render/sky.hpp"
#include "render/ui_overlay.hpp"

namespace sc::render {

enum class ToneMapper : std::uint8_t { Aces, PbrNeutral };

// What is behind the scene. Sky: the procedural sky, alpha 1 everywhere (desktop, VR).
// Transparent: no sky and no fog; the colour is cleared to (0, 0, 0, 0) and the scene's coverage
// is kept in the target's alpha, premultiplied (colour already multiplied by alpha): for a
// compositor that blends the picture over something else (an AR headset's view of the real
// world: additive shows black as see-through, alpha blending shows alpha 0 as see-through; an XR
// panorama layer under the eyes; a PNG with alpha). Opaque geometry gives alpha 1, blended
// materials their coverage, MSAA edges the fraction of samples covered.
enum class Background : std::uint8_t { Sky, Transparent };

enum class HdrPrecision : std::uint8_t { Auto, Wide, Packed };

struct RendererOptions {
  std::uint32_t msaaSamples = 4;      // 1 or 4 (anything else: 4)
  std::uint32_t shadowMapSize = 2048; // per cascade, clamped to 256..4096 (the atlas is 2x2 cascades)
  float shadowDistance = 250.0f;      // metres covered by the cascades
  // The 3D scene is drawn at this fraction of the target's size (clamped to 0.5..1) and scaled
  // up by tone mapping (bilinear); overlays are drawn at the target's full size.
  float renderScale = 1.0f;
  // Draw the views one pass each instead of one multiview pass. Chosen automatically where the
  // driver's multiview is unreliable (DeviceInfo::multiviewReliable); tests force it to compare.
  bool sequentialViews = false;
  // Use one multiview pass even where DeviceInfo::multiviewReliable is false. The picture may
  // then be wrong (lavapipe); only benchmarks of the CPU cost use it.
  bool forceMultiview = false;
  // See Background. Changing only this through setOptions is cheap (no wait, nothing made anew),
  // so a caller may switch it between frames.
  Background background = Background::Sky;
  // Draw every material with the generic PBR pipelines, without the CPU-device specialisations
  // (pipelines without the shadow lookup for draws no cascade reaches, and no shadow pass at all
  // on frames where that is every draw; fragment shaders specialised to a material's textures).
  // The picture is the same; tests compare the two and benchmarks measure what the
  // specialisations save.
  bool genericShaders = false;
  // Tone-map in the scene shaders instead of in a pass of its own, where the frame allows it:
  // single-sampled (msaaSamples 1), one view, at full scale (renderScale 1), with no blended draw
  // in view (blending must happen in linear HDR). The PBR and sky pipelines then write the
  // tone-mapped colour straight into the output target, saving the HDR target's write and read
  // and a full-screen pass (about a tenth of a CPU rasteriser's frame); the picture is the same
  // within 1/255 (the HDR target's 16-bit floats are not rounded in between). Other frames, and
  // every frame with this off, draw HDR and tone-map in a separate pass. Read per frame (cheap
  // to switch through setOptions); tests compare the two paths.
  bool foldToneMapping = true;
  // CPU devices (DeviceInfo::isSoftware) draw the sky, and its reflections, with a cheaper
  // formula (shaders/common.glsl kFastSky: no pow; the gradient within 0.0074 of its exponent)
  // and without the star field's code by day: within 2/255 of the exact sky, ~3% of lavapipe's
  // frame of a landmark. true: the exact formula, as GPUs always draw it. Changing it remakes the
  // pipelines (waits for the GPU); tests compare the two.
  bool exactSky = false;
  // The scene's HDR colour target (docs/RENDERING.md). Wide: RGBA16F. Packed: RG11B10 floats, 32
  // bits a sample instead of 64 - on an NVIDIA H100 the Hongyadong frame at 2x2064x2208 with 4x
  // MSAA took 18.5 instead of 23.3 ms (docs/PERFORMANCE.md); the picture is the same within 2%
  // (6 and 5 mantissa bits instead of 10). It has no alpha, so a transparent background always
  // draws Wide. Auto: Packed on GPUs that support it, Wide on CPU rasterisers (whose packing
  // arithmetic costs more than the bytes save). Changing it remakes the pipelines.
  HdrPrecision hdrPrecision = HdrPrecision::Auto;
  // Measuring only (benchmarks that split a frame's cost by elimination; the picture is then
  // wrong): skip the shadow pass and every shadow lookup, the sky draw, the tone-mapping pass
  // (the target is then left as it was). Never set by the application.
  struct MeasureSkip {
    bool shadows = false;
    bool sky = false;
    bool tonemap = false;
    bool operator==(const MeasureSkip&) const = default;
  } measureSkip;
  bool operator==(const RendererOptions&) const = default;
};

struct Environment {
  float timeOfDayHours = 12.0f;
  int dayOfYear = 100;
  float exposure = 1.0f;              // multiplied with the sky's automatic night exposure
  ToneMapper toneMapper = ToneMapper::Aces;
  glm::vec3 fogColor{-1.0f};          // negative: use the sky's horizon colour
  float fogDensity = 0.0015f;         // per metre
  float sunScale = 1.0f;              // multiplies the sun's (or moon's) brightness
  std::optional<float> sunAzimuthDeg;   // overrides the sun's compass bearing
  std::optional<float> sunElevationDeg; // overrides its elevation
};

// The sky for an environment: the time of day's, with the environment's overrides applied.
SkyState skyFor(const Environment& environment);

struct FrameStats {
  std::uint32_t drawCalls = 0;
  std::uint32_t shadowDrawCalls = 0;
  std::uint64_t triangles = 0;
  std::uint32_t culled = 0;           // primitives outside every view
  // The scene shaders tone-mapped into the target (no tone-mapping pass; RendererOptions::foldToneMapping).
  bool toneMappedInScene = false;
  // CPU time to cull, sort and record the frame, excluding the wait for a free frame slot.
  double cpuMs = 0.0;
};

using ModelId = std::uint32_t;
using InstanceId = std::uint32_t;

class Renderer {
 public:
  static Result<std::unique_ptr<Renderer>> create(gpu::Device& device, const RendererOptions& options = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Uploads meshes, materials and textures (staged; ready at the next frame).
  Result<ModelId> addModel(const assets::Model& model);
  void removeModel(ModelId model);
  InstanceId addInstance(ModelId model, const glm::mat4& transform = glm::mat4(1.0f));
  void setInstanceTransform(InstanceId instance, const glm::mat4& transform);
  // Whether the instance casts sun shadows (default: yes). Off for what surrounds the visitor
  // without being part of the world: a panorama sphere would otherwise shade everything in it.
  void setInstanceCastsShadow(InstanceId instance, bool castsShadow);
  void removeInstance(InstanceId instance);

  // Skinning and morph targets. A pose holds, for the instance's model:
  //  - jointMatrices: every skin's joint matrices back to back in Model::skins order, each
  //    jointWorld * inverseBind in MODEL space (the instance transform is applied on top), i.e.
  //    anim::buildFramePalette(skeletonFromModel(model), pose, identity, skins of model.skins);
  //  - morphWeights: every mesh node's weights in node order (anim::Skeleton::morphOffsets), any
  //    number of targets.
  // Sizes must equal poseJointCount / poseMorphWeightCount (an error names both otherwise; the
  // instance then keeps its previous pose). The pose is copied; it is written once per frame
  // into a per-frame-slot storage buffer that both views and the shadow pass read. Skinned
  // meshes ignore their node's transform (glTF). Instances never posed draw their rest pose.
  Status setInstancePose(InstanceId instance, std::span<const glm::mat4> jointMatrices,
                         std::span<const float> morphWeights);
  Status setInstancePose(InstanceId instance, const anim::FramePalette& palette);
  void clearInstancePose(InstanceId instance);  // back to the rest pose
  std::uint32_t poseJointCount(ModelId model) const;
  std::uint32_t poseMorphWeightCount(ModelId model) const;

  void setEnvironment(const Environment& environment);
  const Environment& environment() const;

  // Renders one frame of `views` (1 or 2) into the target and submits it.
  Result<FrameStats> render(gpu::RenderTarget& target, std::span<const ViewCamera> views);

  // 2D overlays (render/ui_overlay.hpp). setOverlay: the next render() draws `overlay` over view 0
  // of its target after tone mapping (the visitor's UI on desktop, kiosk and headless frames),
  // then forgets it: set it again every frame it should show. A list of size 0x0 takes the
  // target's size. A list that fails checkOverlayDrawList is logged and skipped; the frame is
  // drawn without it.
  void setOverlay(OverlayDrawList overlay);
  // World-space UI panels (XR): the next render() first draws `overlay` into `target` (cleared
  // to `clear`; premultiplied alpha) and makes it ready for sampling, so the same frame's passes
  // or an XR quad layer (when `target` wraps an XR swapchain image) can use it. Any number per
  // frame; consumed like setOverlay. `target`: createOverlayTexture or any single-sampled
  // RGBA8/BGRA8 colour-attachment texture.
  void drawOverlayInto(gpu::TextureHandle target, OverlayDrawList overlay, glm::vec4 clear = glm::vec4(0.0f));
  // An RGBA8 sRGB texture for a panel: colour attachment, sampled, readable back
  // (Device::readback). The caller owns it: device().destroyTexture when done.
  gpu::TextureHandle createOverlayTexture(std::uint32_t width, std::uint32_t height);
  // Draws `overlay` into `target` now, in a frame of its own, and waits for it (loading screens
  // outside the frame loop, thumbnails, tests). Outside render() only.
  Status renderOverlayNow(gpu::TextureHandle target, const OverlayDrawList& overlay,
                          std::optional<glm::vec4> clear = glm::vec4(0.0f));

  // The options in use (after clamping). setOptions applies new ones at once: it waits for the
  // GPU, then recreates what depends on them (shadow atlas, pipelines, render targets); models,
  // instances and the environment stay. Outside render() only. Fails only when the wait does
  // (a lost device); pipelines for a new sample count are made by the next render(), which
  // reports it if one cannot be.
  const RendererOptions& options() const;
  // The scene's HDR colour format as RendererOptions::hdrPrecision and the device chose it.
  gpu::Format hdrTargetFormat() const;
  Status setOptions(const RendererOptions& options);

  // Shader hot reload: recreates every pipeline made so far (scene, shadow, sky, tone mapping,
  // 2D overlay) from the SPIR-V now in Device::shaderDir(). All or nothing: when any pipeline
  // cannot be made, every old pipeline stays in use and the error names the shader's pipeline.
  // The old pipelines are destroyed once the frames in flight that use them are done (the
  // device's deferred destruction). Outside render() only.
  Status reloadPipelines();

  gpu::Device& device();

 private:
  struct Impl;
  explicit Renderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::render
