#include "render/renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <tuple>
#include <map>
#include <optional>

#include <glm/gtc/matrix_transform.hpp>

#include "render/frustum.hpp"
#include "render/gpu_layouts.hpp"
#include "render/gpu_model.hpp"
#include "render/shadow_cascades.hpp"
#include "render/skinning.hpp"

namespace sc::render {

namespace {

constexpr gpu::Format kHdrFormat = gpu::Format::RGBA16Float;
constexpr gpu::Format kDepthFormat = gpu::Format::Depth32Float;

std::vector<gpu::VertexAttribute> vertexAttributes() {
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
  std::vector<glm::mat4> joints;  // see Renderer::setInstancePose
  std::vector<float> weights;
};

struct DrawItem {
  const GpuModel* model;
  const GpuPrimitive* primitive;
  DrawConstants constants;  // model matrix and deformation (info.xy set per pass)
  assets::Bounds box;       // world space, for culling
  float depth;  // view-space distance, for sorting blended draws back to front
};

// Pipelines that depend on the number of views (multiview view mask).
struct ViewPipelines {
  gpu::PipelineHandle opaque[2];  // [doubleSided]
  gpu::PipelineHandle blend[2];
  gpu::PipelineHandle sky;
  gpu::PipelineHandle tonemap;
};

// HDR targets for one pass: layered (one layer per view) for multiview, else one view.
struct PassTargets {
  gpu::TextureHandle color;    // MSAA HDR (absent when MSAA is off)
  gpu::TextureHandle depth;
  gpu::TextureHandle resolved; // single-sample HDR, sampled by tone mapping
  gpu::BindGroupHandle tonemapGroup;
};

// Render targets sized to the output: one PassTargets per pass.
struct FrameTargets {
  std::uint32_t width = 0, height = 0, views = 0;
  bool layered = false;
  std::vector<PassTargets> passes;
};

}  // namespace

struct Renderer::Impl {
  gpu::Device& device;
  RendererOptions options;
  Environment environment;
  SharedGpuResources shared;
  gpu::BindGroupLayoutHandle frameLayout, tonemapLayout;
  gpu::BufferHandle frameUniforms[gpu::kFramesInFlight];
  gpu::BufferHandle lightBuffers[gpu::kFramesInFlight];
  gpu::BindGroupHandle frameGroups[gpu::kFramesInFlight];
  PoseBuffers poseBuffers;
  gpu::SamplerHandle shadowSampler;
  gpu::TextureHandle shadowMap;
  gpu::PipelineHandle shadowOpaque, shadowMask;
  std::map<std::uint32_t, ViewPipelines> viewPipelines;
  FrameTargets targets;
  std::vector<std::unique_ptr<GpuModel>> models{1};  // id 0 unused
  std::vector<Instance> instances{1};

  explicit Impl(gpu::Device& d) : device(d) {}
  ~Impl();
  Status init();
  // `views` 1 or 2 for multiview pipelines, 0 for passes that draw one view each.
  Result<ViewPipelines*> pipelinesFor(std::uint32_t views);
  void ensureTargets(std::uint32_t width, std::uint32_t height, std::uint32_t views, bool layered);
  void destroyTargets();
  FrameUniforms buildFrameUniforms(std::span<const ViewCamera> views, const ShadowCascades& cascades,
                              std::uint32_t lightCount) const;
  std::uint32_t writeLights();
  void rebuildFrameGroup(std::uint32_t slot);
  // Copies every posed instance's joints and weights into the slot's buffers, once per frame;
  // returns their first joint and weight there (-1: not posed), by instance id.
  void writePoses(std::uint32_t slot, std::vector<std::int64_t>& jointBase, std::vector<std::int64_t>& weightBase);
};

Renderer::Impl::~Impl() {
  models.clear();
  destroyTargets();
  for (auto& [views, p] : viewPipelines) {
    for (auto h : {p.opaque[0], p.opaque[1], p.blend[0], p.blend[1], p.sky, p.tonemap}) device.destroyPipeline(h);
  }
  device.destroyPipeline(shadowOpaque);
  device.destroyPipeline(shadowMask);
  for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
    device.destroyBindGroup(frameGroups[i]);
    device.destroyBuffer(frameUniforms[i]);
    device.destroyBuffer(lightBuffers[i]);
  }
  poseBuffers.destroy(device);
  device.destroyBuffer(shared.emptyStorage);
  device.destroyTexture(shadowMap);
  device.destroyTexture(shared.white);
  device.destroyTexture(shared.flatNormal);
}

Status Renderer::Impl::init() {
  using gpu::BindingType;
  namespace ShaderStage = gpu::ShaderStage;
  frameLayout = device.createBindGroupLayout({{{0, BindingType::UniformBuffer, ShaderStage::AllGraphics},
                                               {1, BindingType::StorageBuffer, ShaderStage::Fragment},
                                               {2, BindingType::SampledTexture, ShaderStage::Fragment},
                                               {3, BindingType::StorageBuffer, ShaderStage::Vertex},
                                               {4, BindingType::StorageBuffer, ShaderStage::Vertex}}});
  gpu::BindGroupLayoutDesc material;
  material.bindings.push_back({0, BindingType::UniformBuffer, ShaderStage::AllGraphics});
  for (std::uint32_t i = 1; i <= 5; ++i) material.bindings.push_back({i, BindingType::SampledTexture, ShaderStage::Fragment});
  // The model's skin records and morph deltas ride along with each of its materials.
  material.bindings.push_back({6, BindingType::StorageBuffer, ShaderStage::Vertex});
  material.bindings.push_back({7, BindingType::StorageBuffer, ShaderStage::Vertex});
  shared.materialLayout = device.createBindGroupLayout(material);
  tonemapLayout = device.createBindGroupLayout({{{0, BindingType::SampledTexture, ShaderStage::Fragment}}});

  auto solid = [&](std::array<std::uint8_t, 4> rgba, const char* name) {
    gpu::TextureHandle t = device.createTexture({1, 1, 1, 1, 1, gpu::Format::RGBA8Unorm, gpu::TextureUsage::Sampled, false, name});
    std::vector<std::vector<std::uint8_t>> mips{{rgba.begin(), rgba.end()}};
    device.uploadTexture(t, mips);
    return t;
  };
  shared.white = solid({255, 255, 255, 255}, "white");
  shared.flatNormal = solid({128, 128, 255, 255}, "flat normal");
  shared.emptyStorage = device.createBuffer({32, gpu::BufferUsage::Storage, gpu::MemoryUse::GpuOnly, "empty storage"});
  std::byte zeros[32]{};
  device.writeBuffer(shared.emptyStorage, 0, zeros);

  // The cascades share one atlas, 2 x 2 tiles: drawing into array layers other than the first
  // is broken on lavapipe (Mesa 22.3), and one pass with four viewports is cheaper anyway.
  gpu::TextureDesc shadowDesc;
  shadowDesc.width = shadowDesc.height = options.shadowMapSize * 2;
  shadowDesc.format = kDepthFormat;
  shadowDesc.usage = gpu::TextureUsage::DepthAttachment | gpu::TextureUsage::Sampled;
  shadowDesc.debugName = "sun shadow cascade atlas";
  shadowMap = device.createTexture(shadowDesc);
  gpu::SamplerDesc shadowSampler;
  shadowSampler.compare = true;
  shadowSampler.wrapU = shadowSampler.wrapV = gpu::Wrap::ClampToBorder;
  shadowSampler.mipFilter = gpu::Filter::Nearest;
  this->shadowSampler = device.getSampler(shadowSampler);

  poseBuffers.create(device);
  for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
    frameUniforms[i] = device.createBuffer({sizeof(FrameUniforms), gpu::BufferUsage::Uniform, gpu::MemoryUse::CpuToGpu, "frame uniforms"});
    lightBuffers[i] = device.createBuffer({sizeof(PunctualLightGpu) * kMaxLights, gpu::BufferUsage::Storage, gpu::MemoryUse::CpuToGpu, "lights"});
    rebuildFrameGroup(i);
  }

  gpu::PipelineDesc shadow;
  shadow.name = "shadow";
  shadow.vertexShader = "shadow.vert.spv";
  shadow.vertexStride = sizeof(assets::Vertex);
  // Depth-only passes read positions and texture coordinates (for alpha-tested casters) only.
  for (const auto& a : vertexAttributes()) {
    if (a.location == 0 || a.location == 3 || a.location == 4) shadow.attributes.push_back(a);
  }
  shadow.bindGroupLayouts = {frameLayout, shared.materialLayout};
  shadow.pushConstantBytes = sizeof(DrawConstants);
  shadow.cull = gpu::CullMode::None;
  shadow.depthFormat = kDepthFormat;
  shadow.depthClamp = true;  // casters behind the light's near plane still cast
  shadow.depthBiasConstant = 1.5f;
  shadow.depthBiasSlope = 2.0f;
  auto opaque = device.createPipeline(shadow);
  if (!opaque) return opaque.error();
  shadowOpaque = *opaque;
  shadow.name = "shadow (alpha mask)";
  shadow.fragmentShader = "shadow.frag.spv";
  auto mask = device.createPipeline(shadow);
  if (!mask) return mask.error();
  shadowMask = *mask;
  return device.flushUploads();
}

Result<ViewPipelines*> Renderer::Impl::pipelinesFor(std::uint32_t views) {
  if (auto it = viewPipelines.find(views); it != viewPipelines.end()) return &it->second;
  ViewPipelines p;
  // views == 0: pipelines for single-view passes without multiview (sequential views).
  std::uint32_t viewMask = views ? (1u << views) - 1u : 0u;
  gpu::PipelineDesc pbr;
  pbr.vertexShader = "pbr.vert.spv";
  pbr.fragmentShader = "pbr.frag.spv";
  pbr.vertexStride = sizeof(assets::Vertex);
  pbr.attributes = vertexAttributes();
  pbr.bindGroupLayouts = {frameLayout, shared.materialLayout};
  pbr.pushConstantBytes = sizeof(DrawConstants);
  pbr.colorFormats = {kHdrFormat};
  pbr.depthFormat = kDepthFormat;
  pbr.samples = options.msaaSamples;
  pbr.viewMask = viewMask;
  for (int doubleSided = 0; doubleSided < 2; ++doubleSided) {
    pbr.cull = doubleSided ? gpu::CullMode::None : gpu::CullMode::Back;
    pbr.name = doubleSided ? "pbr opaque double-sided" : "pbr opaque";
    pbr.blend = gpu::BlendMode::Opaque;
    pbr.depthWrite = true;
    auto o = device.createPipeline(pbr);
    if (!o) return o.error();
    p.opaque[doubleSided] = *o;
    pbr.name = doubleSided ? "pbr blend double-sided" : "pbr blend";
    pbr.blend = gpu::BlendMode::Alpha;
    pbr.depthWrite = false;
    auto b = device.createPipeline(pbr);
    if (!b) return b.error();
    p.blend[doubleSided] = *b;
  }
  gpu::PipelineDesc sky;
  sky.name = "sky";
  sky.vertexShader = "sky.vert.spv";
  sky.fragmentShader = "sky.frag.spv";
  sky.bindGroupLayouts = {frameLayout};
  sky.pushConstantBytes = sizeof(DrawConstants);
  sky.cull = gpu::CullMode::None;
  sky.depthWrite = false;
  sky.depthCompare = gpu::CompareOp::LessEqual;
  sky.colorFormats = {kHdrFormat};
  sky.depthFormat = kDepthFormat;
  sky.samples = options.msaaSamples;
  sky.viewMask = viewMask;
  auto s = device.createPipeline(sky);
  if (!s) return s.error();
  p.sky = *s;
  gpu::PipelineDesc tonemap;
  tonemap.name = "tonemap";
  tonemap.vertexShader = "fullscreen.vert.spv";
  tonemap.fragmentShader = "tonemap.frag.spv";
  tonemap.bindGroupLayouts = {tonemapLayout};
  tonemap.pushConstantBytes = 16;
  tonemap.cull = gpu::CullMode::None;
  tonemap.depthTest = false;
  tonemap.depthWrite = false;
  tonemap.colorFormats = {gpu::Format::RGBA8Srgb};
  tonemap.viewMask = viewMask;
  auto t = device.createPipeline(tonemap);
  if (!t) return t.error();
  p.tonemap = *t;
  return &viewPipelines.emplace(views, p).first->second;
}

void Renderer::Impl::destroyTargets() {
  for (auto& pass : targets.passes) {
    device.destroyBindGroup(pass.tonemapGroup);
    device.destroyTexture(pass.color);
    device.destroyTexture(pass.depth);
    device.destroyTexture(pass.resolved);
  }
  targets = {};
}

void Renderer::Impl::ensureTargets(std::uint32_t width, std::uint32_t height, std::uint32_t views, bool layered) {
  if (targets.width == width && targets.height == height && targets.views == views && targets.layered == layered) return;
  destroyTargets();
  targets.width = width;
  targets.height = height;
  targets.views = views;
  targets.layered = layered;
  std::uint32_t layers = layered ? views : 1;
  gpu::TextureDesc color{width, height, layers, 1, options.msaaSamples, kHdrFormat,
                         gpu::TextureUsage::ColorAttachment, true, "HDR colour (MSAA)"};
  gpu::TextureDesc resolved{width, height, layers, 1, 1, kHdrFormat,
                            gpu::TextureUsage::ColorAttachment | gpu::TextureUsage::Sampled, true, "HDR resolved"};
  gpu::TextureDesc depth{width, height, layers, 1, options.msaaSamples, kDepthFormat,
                         gpu::TextureUsage::DepthAttachment, true, "depth"};
  gpu::SamplerDesc sampler;
  sampler.wrapU = sampler.wrapV = gpu::Wrap::ClampToEdge;
  sampler.mipFilter = gpu::Filter::Nearest;
  for (std::uint32_t pass = 0; pass < (layered ? 1 : views); ++pass) {
    PassTargets t;
    if (options.msaaSamples > 1) t.color = device.createTexture(color);
    t.resolved = device.createTexture(resolved);
    t.depth = device.createTexture(depth);
    gpu::BindGroupEntry entry;
    entry.binding = 0;
    entry.texture = t.resolved;
    entry.sampler = device.getSampler(sampler);
    t.tonemapGroup = device.createBindGroup(tonemapLayout, std::span(&entry, 1));
    targets.passes.push_back(t);
  }
}

FrameUniforms Renderer::Impl::buildFrameUniforms(std::span<const ViewCamera> views, const ShadowCascades& cascades,
                                            std::uint32_t lightCount) const {
  SkyState sky = skyFor(environment);
  FrameUniforms u{};
  for (std::size_t i = 0; i < views.size() && i < kMaxViews; ++i) {
    ViewData& v = u.views[i];
    v.view = views[i].view;
    v.proj = views[i].proj;
    v.viewProj = v.proj * v.view;
    v.invViewProj = glm::inverse(v.viewProj);
    v.eye = glm::vec4(views[i].eye, 1.0f);
  }
  for (int c = 0; c < kShadowCascades; ++c) {
    u.cascadeViewProj[c] = cascades.viewProj[std::size_t(c)];
    u.cascadeFar[c] = cascades.farDistance[std::size_t(c)];
  }
  u.sunDirection = glm::vec4(sky.sunDirection, sky.sunIntensity);
  u.sunColor = glm::vec4(sky.sunColor, 0.0f);
  u.skyZenith = glm::vec4(sky.zenith, sky.skyIntensity);
  u.skyHorizon = glm::vec4(sky.horizon, 0.0f);
  u.groundColor = glm::vec4(sky.ground, 0.0f);
  glm::vec3 fog = environment.fogColor.x < 0.0f ? sky.horizon : environment.fogColor;
  u.fog = glm::vec4(fog, environment.fogDensity);
  u.params = glm::vec4(environment.exposure * sky.autoExposure, float(lightCount),
                       1.0f / float(options.shadowMapSize * 2), sky.night);
  return u;
}

void Renderer::Impl::rebuildFrameGroup(std::uint32_t slot) {
  // Only called for the slot being recorded (or at start-up): its previous frame is done.
  device.destroyBindGroup(frameGroups[slot]);
  gpu::BindGroupEntry entries[5];
  entries[0].binding = 0;
  entries[0].buffer = frameUniforms[slot];
  entries[1].binding = 1;
  entries[1].buffer = lightBuffers[slot];
  entries[2].binding = 2;
  entries[2].texture = shadowMap;
  entries[2].sampler = shadowSampler;
  entries[3].binding = 3;
  entries[3].buffer = poseBuffers.joints(slot);
  entries[4].binding = 4;
  entries[4].buffer = poseBuffers.weights(slot);
  frameGroups[slot] = device.createBindGroup(frameLayout, entries);
}

void Renderer::Impl::writePoses(std::uint32_t slot, std::vector<std::int64_t>& jointBase,
                                std::vector<std::int64_t>& weightBase) {
  jointBase.assign(instances.size(), -1);
  weightBase.assign(instances.size(), -1);
  std::size_t joints = 0, weights = 0;
  for (const auto& inst : instances) {
    if (inst.live && inst.posed) {
      joints += inst.joints.size();
      weights += inst.weights.size();
    }
  }
  if (joints + weights == 0) return;
  if (poseBuffers.reserve(device, slot, joints, weights)) rebuildFrameGroup(slot);
  auto* jointOut = static_cast<glm::mat4*>(device.mappedPointer(poseBuffers.joints(slot)));
  auto* weightOut = static_cast<float*>(device.mappedPointer(poseBuffers.weights(slot)));
  std::size_t j = 0, w = 0;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const Instance& inst = instances[i];
    if (!inst.live || !inst.posed) continue;
    jointBase[i] = std::int64_t(j);
    weightBase[i] = std::int64_t(w);
    std::copy(inst.joints.begin(), inst.joints.end(), jointOut + j);
    std::copy(inst.weights.begin(), inst.weights.end(), weightOut + w);
    j += inst.joints.size();
    w += inst.weights.size();
  }
}

std::uint32_t Renderer::Impl::writeLights() {
  auto* out = static_cast<PunctualLightGpu*>(device.mappedPointer(lightBuffers[device.frameSlot()]));
  std::uint32_t count = 0;
  for (const auto& inst : instances) {
    if (!inst.live) continue;
    const GpuModel& model = *models[inst.model];
    for (const auto& placed : model.lights) {
      if (count == kMaxLights) return count;
      glm::mat4 world = inst.transform * placed.world;
      const assets::Light& l = placed.light;
      PunctualLightGpu g{};
      glm::vec3 direction = glm::normalize(glm::vec3(world * glm::vec4(0, 0, -1, 0)));
      g.positionRange = glm::vec4(glm::vec3(world[3]), l.range);
      g.colorIntensity = glm::vec4(l.color, l.intensity);
      float type = l.type == assets::LightType::Spot ? 1.0f : l.type == assets::LightType::Directional ? 2.0f : 0.0f;
      g.directionType = glm::vec4(direction, type);
      float cosOuter = std::cos(l.outerConeAngle), cosInner = std::cos(l.innerConeAngle);
      g.cone = glm::vec4(cosOuter, 1.0f / std::max(cosInner - cosOuter, 1e-4f), 0.0f, 0.0f);
      out[count++] = g;
    }
  }
  return count;
}

// --- Renderer ------------------------------------------------------------------------------

SkyState skyFor(const Environment& environment) {
  SkyState sky = skyForTime(environment.timeOfDayHours, environment.dayOfYear);
  if (environment.sunAzimuthDeg || environment.sunElevationDeg) {
    SunPosition sun = solarPosition(environment.timeOfDayHours, environment.dayOfYear);
    sky.sunDirection = directionFromAngles(environment.sunElevationDeg.value_or(sun.elevationDeg),
                                           environment.sunAzimuthDeg.value_or(sun.azimuthDeg));
  }
  sky.sunIntensity *= environment.sunScale;
  return sky;
}

Result<std::unique_ptr<Renderer>> Renderer::create(gpu::Device& device, const RendererOptions& options) {
  auto impl = std::make_unique<Impl>(device);
  impl->options = options;
  if (impl->options.msaaSamples != 1 && impl->options.msaaSamples != 4) impl->options.msaaSamples = 4;
  SC_TRY(impl->init());
  return std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::~Renderer() {
  if (impl_) (void)impl_->device.waitIdle();
}

gpu::Device& Renderer::device() { return impl_->device; }

Result<ModelId> Renderer::addModel(const assets::Model& model) {
  auto gpuModel = GpuModel::upload(impl_->device, model, impl_->shared);
  if (!gpuModel) return gpuModel.error();
  for (std::size_t i = 1; i < impl_->models.size(); ++i) {
    if (!impl_->models[i]) {
      impl_->models[i] = std::move(gpuModel.value());
      return ModelId(i);
    }
  }
  impl_->models.push_back(std::move(gpuModel.value()));
  return ModelId(impl_->models.size() - 1);
}

void Renderer::removeModel(ModelId model) {
  SC_CHECK(model < impl_->models.size() && impl_->models[model], "unknown model {}", model);
  for (auto& inst : impl_->instances) {
    if (inst.live && inst.model == model) inst.live = false;
  }
  impl_->models[model].reset();
}

InstanceId Renderer::addInstance(ModelId model, const glm::mat4& transform) {
  SC_CHECK(model < impl_->models.size() && impl_->models[model], "unknown model {}", model);
  impl_->instances.push_back({model, transform, true});
  return InstanceId(impl_->instances.size() - 1);
}

void Renderer::setInstanceTransform(InstanceId instance, const glm::mat4& transform) {
  impl_->instances.at(instance).transform = transform;
}

void Renderer::removeInstance(InstanceId instance) {
  Instance& inst = impl_->instances.at(instance);
  inst = Instance{};
}

Status Renderer::setInstancePose(InstanceId instance, std::span<const glm::mat4> jointMatrices,
                                 std::span<const float> morphWeights) {
  Instance& inst = impl_->instances.at(instance);
  SC_CHECK(inst.live, "setInstancePose: instance {} was removed", instance);
  const GpuModel& model = *impl_->models[inst.model];
  if (jointMatrices.size() != model.poseJointCount || morphWeights.size() != model.poseMorphWeightCount) {
    return makeError("pose for instance {}: {} joint matrices and {} morph weights given, its model needs {} and {} "
                     "(build the palette from anim::skeletonFromModel of the same model)",
                     instance, jointMatrices.size(), morphWeights.size(), model.poseJointCount,
                     model.poseMorphWeightCount);
  }
  inst.joints.assign(jointMatrices.begin(), jointMatrices.end());
  inst.weights.assign(morphWeights.begin(), morphWeights.end());
  inst.posed = true;
  return okStatus();
}

Status Renderer::setInstancePose(InstanceId instance, const anim::FramePalette& palette) {
  return setInstancePose(instance, palette.jointMatrices, palette.morphWeights);
}

void Renderer::clearInstancePose(InstanceId instance) {
  Instance& inst = impl_->instances.at(instance);
  inst.posed = false;
  inst.joints.clear();
  inst.weights.clear();
}

std::uint32_t Renderer::poseJointCount(ModelId model) const {
  SC_CHECK(model < impl_->models.size() && impl_->models[model], "unknown model {}", model);
  return impl_->models[model]->poseJointCount;
}

std::uint32_t Renderer::poseMorphWeightCount(ModelId model) const {
  SC_CHECK(model < impl_->models.size() && impl_->models[model], "unknown model {}", model);
  return impl_->models[model]->poseMorphWeightCount;
}

void Renderer::setEnvironment(const Environment& environment) { impl_->environment = environment; }
const Environment& Renderer::environment() const { return impl_->environment; }

Result<FrameStats> Renderer::render(gpu::RenderTarget& target, std::span<const ViewCamera> views) {
  Impl& r = *impl_;
  auto start = std::chrono::steady_clock::now();
  if (views.empty() || views.size() > kMaxViews) {
    return makeError("a frame renders 1 or 2 views, not {}", views.size());
  }
  auto image = target.acquire();
  if (!image) return image.error();
  if (image->views != views.size()) {
    return makeError("the render target has {} views but {} cameras were given", image->views, views.size());
  }
  // One multiview pass for all views, or one pass per view (see RendererOptions::sequentialViews).
  bool multiview = (r.device.info().multiviewReliable || r.options.forceMultiview) && !r.options.sequentialViews &&
                   image->viewColors.empty();
  auto pipelines = r.pipelinesFor(multiview ? std::uint32_t(views.size()) : 0);
  if (!pipelines) return pipelines.error();
  ViewPipelines& p = **pipelines;
  r.ensureTargets(image->width, image->height, image->views, multiview);

  FrameStats stats;
  gpu::CommandList& cmd = r.device.beginFrame();
  // CPU cost of the frame: from here on (waiting for a free frame slot is GPU time, not ours).
  start = std::chrono::steady_clock::now();
  cmd.markFrameStart();
  std::uint32_t slot = r.device.frameSlot();

  SkyState sky = skyFor(r.environment);
  ShadowCascades cascades = fitCascades(views, sky.sunDirection, r.options.shadowDistance, r.options.shadowMapSize);
  std::uint32_t lightCount = r.writeLights();
  FrameUniforms uniforms = r.buildFrameUniforms(views, cascades, lightCount);
  std::memcpy(r.device.mappedPointer(r.frameUniforms[slot]), &uniforms, sizeof(uniforms));
  std::vector<std::int64_t> jointBase, weightBase;
  r.writePoses(slot, jointBase, weightBase);

  // Cull against every view (a primitive seen by either eye is drawn once, for both).
  std::vector<Frustum> frustums;
  for (const auto& v : views) frustums.emplace_back(v.proj * v.view);
  std::vector<DrawItem> opaque, blended, casters;
  for (std::size_t i = 0; i < r.instances.size(); ++i) {
    const Instance& inst = r.instances[i];
    if (!inst.live) continue;
    const GpuModel& model = *r.models[inst.model];
    for (const auto& placed : model.placements) {
      glm::mat4 world = inst.transform * placed.world;
      // A posed skinned mesh: its joints carry it (its node's transform is ignored, as glTF says).
      std::int64_t joints = -1, weights = -1;
      std::optional<assets::Bounds> posedBox;
      if (inst.posed && (placed.skin >= 0 || placed.morphCount > 0)) {
        std::span<const glm::mat4> skinJoints;
        if (placed.skin >= 0) {
          std::uint32_t first = model.skinJointOffsets[std::size_t(placed.skin)];
          skinJoints = std::span(inst.joints).subspan(first, model.skinJointCounts[std::size_t(placed.skin)]);
          joints = jointBase[i] + first;
          world = inst.transform;
        }
        float weightSum = 0.0f;
        if (placed.morphCount > 0) {
          weights = weightBase[i] + placed.morphOffset;
          for (std::uint32_t t = 0; t < placed.morphCount; ++t) weightSum += std::abs(inst.weights[placed.morphOffset + t]);
        }
        assets::Bounds local = posedBounds(placed.meshBounds, placed.morphReach, weightSum, skinJoints);
        posedBox = local.transformed(placed.skin >= 0 ? inst.transform : world);
      }
      for (const auto& prim : model.meshes[placed.mesh]) {
        // A skin record past the skin's joints would read another instance's matrices: rest pose.
        bool skinFits = placed.skin < 0 || prim.deform.maxJoint < model.skinJointCounts[std::size_t(placed.skin)];
        DrawConstants constants = skinFits ? deformConstants(world, prim.vertexOffset, prim.deform, joints, weights, placed.morphCount)
                                           : DrawConstants{inst.transform * placed.world};
        assets::Bounds box = posedBox && skinFits ? *posedBox : prim.bounds.transformed(constants.model);
        const GpuMaterial& material = model.materials[prim.material];
        if (material.alphaMode != assets::AlphaMode::Blend) casters.push_back({&model, &prim, constants, box, 0.0f});
        bool visible = std::any_of(frustums.begin(), frustums.end(), [&](const Frustum& f) { return f.intersects(box); });
        if (!visible) {
          ++stats.culled;
          continue;
        }
        float depth = -(views[0].view * glm::vec4(box.center(), 1.0f)).z;
        DrawItem item{&model, &prim, constants, box, depth};
        (material.alphaMode == assets::AlphaMode::Blend ? blended : opaque).push_back(item);
      }
    }
  }
  // Opaque front to back by material (fewer state changes, early depth rejects); blended back to front.
  std::sort(opaque.begin(), opaque.end(), [](const DrawItem& a, const DrawItem& b) {
    if (a.primitive->material != b.primitive->material || a.model != b.model)
      return std::tie(a.model, a.primitive->material) < std::tie(b.model, b.primitive->material);
    return a.depth < b.depth;
  });
  std::sort(blended.begin(), blended.end(), [](const DrawItem& a, const DrawItem& b) { return a.depth > b.depth; });

  auto drawItems = [&](const std::vector<DrawItem>& items, auto pipelineFor, std::uint32_t cascade,
                       std::uint32_t viewBase, const Frustum* cull) {
    gpu::PipelineHandle bound;
    const GpuModel* boundModel = nullptr;
    std::int64_t boundMaterial = -1;
    std::uint32_t draws = 0;
    for (const auto& item : items) {
      if (cull && !cull->intersects(item.box)) continue;
      const GpuMaterial& material = item.model->materials[item.primitive->material];
      gpu::PipelineHandle pipeline = pipelineFor(material);
      if (!(pipeline == bound)) {
        cmd.bindPipeline(pipeline);
        cmd.bindGroup(0, r.frameGroups[slot]);
        bound = pipeline;
        boundMaterial = -1;
      }
      if (item.model != boundModel) {
        cmd.bindVertexBuffer(item.model->vertices);
        cmd.bindIndexBuffer(item.model->indices);
        boundModel = item.model;
        boundMaterial = -1;
      }
      if (boundMaterial != std::int64_t(item.primitive->material)) {
        cmd.bindGroup(1, material.group);
        boundMaterial = item.primitive->material;
      }
      DrawConstants constants = item.constants;
      constants.info.x = cascade;
      constants.info.y = viewBase;
      cmd.pushConstants(&constants, sizeof(constants));
      cmd.drawIndexed(item.primitive->indexCount, item.primitive->firstIndex, item.primitive->vertexOffset);
      stats.triangles += item.primitive->indexCount / 3;
      ++draws;
    }
    return draws;
  };

  // Shadow cascades: one pass, one atlas tile (viewport) each.
  bool sunUp = sky.sunIntensity > 0.0f;
  gpu::PassDesc shadowPass;
  shadowPass.name = "shadow cascades";
  shadowPass.depth = {r.shadowMap, gpu::LoadOp::Clear, true, 1.0f};
  cmd.beginPass(shadowPass);
  for (int c = 0; c < kShadowCascades && sunUp; ++c) {
    std::uint32_t size = r.options.shadowMapSize;
    cmd.setViewport(std::uint32_t(c % 2) * size, std::uint32_t(c / 2) * size, size, size);
    Frustum lightFrustum(cascades.viewProj[std::size_t(c)]);
    stats.shadowDrawCalls += drawItems(casters, [&](const GpuMaterial& m) {
      return m.alphaMode == assets::AlphaMode::Mask ? r.shadowMask : r.shadowOpaque;
    }, std::uint32_t(c), 0, &lightFrustum);
  }
  cmd.endPass();
  cmd.prepareForSampling(r.shadowMap);
  std::uint64_t shadowTriangles = stats.triangles;

  // Main pass: all views at once through multiview, or one pass per view where the driver's
  // multiview is unreliable. Either way each view has its own matrices (viewIndex() in shaders).
  std::uint32_t viewMask = (1u << views.size()) - 1u;
  std::uint32_t passes = multiview ? 1 : std::uint32_t(views.size());
  std::uint32_t mainDraws = 0;
  for (std::uint32_t pass = 0; pass < passes; ++pass) {
    gpu::PassDesc main;
    main.name = "main";
    main.viewMask = multiview ? viewMask : 0;
    const PassTargets& t = r.targets.passes[pass];
    gpu::ColorAttachment color;
    color.texture = r.options.msaaSamples > 1 ? t.color : t.resolved;
    color.resolveTarget = r.options.msaaSamples > 1 ? t.resolved : gpu::TextureHandle{};
    color.store = r.options.msaaSamples == 1;
    color.clearColor = glm::vec4(0.0f);
    main.color = {color};
    main.depth = {t.depth, gpu::LoadOp::Clear, false, 1.0f};
    cmd.beginPass(main);
    mainDraws += drawItems(opaque, [&](const GpuMaterial& m) { return p.opaque[m.doubleSided ? 1 : 0]; }, 0, pass, nullptr);
    cmd.bindPipeline(p.sky);
    cmd.bindGroup(0, r.frameGroups[slot]);
    DrawConstants skyConstants{glm::mat4(1.0f), glm::uvec4(0, pass, 0, 0), glm::uvec4(0u)};
    cmd.pushConstants(&skyConstants, sizeof(skyConstants));
    cmd.draw(3);
    ++mainDraws;
    mainDraws += drawItems(blended, [&](const GpuMaterial& m) { return p.blend[m.doubleSided ? 1 : 0]; }, 0, pass, nullptr);
    cmd.endPass();
  }
  for (const auto& t : r.targets.passes) cmd.prepareForSampling(t.resolved);

  // Tone mapping into the target's sRGB image, every view.
  for (std::uint32_t pass = 0; pass < passes; ++pass) {
    gpu::PassDesc post;
    post.name = "tonemap";
    post.viewMask = multiview ? viewMask : 0;
    gpu::ColorAttachment out;
    out.texture = image->viewColors.empty() ? image->color : image->viewColors[pass];
    out.load = gpu::LoadOp::DontCare;
    post.color = {out};
    cmd.beginPass(post);
    cmd.bindPipeline(p.tonemap);
    cmd.bindGroup(0, r.targets.passes[pass].tonemapGroup);
    glm::vec4 tonemapParams(uniforms.params.x, r.environment.toneMapper == ToneMapper::PbrNeutral ? 1.0f : 0.0f,
                            0.0f, 0.0f);
    cmd.pushConstants(&tonemapParams, sizeof(tonemapParams));
    cmd.draw(3);
    cmd.endPass();
  }
  cmd.markFrameEnd();
  target.beforeSubmit(cmd);

  stats.drawCalls = mainDraws;
  stats.triangles -= shadowTriangles;
  SC_TRY(r.device.submitFrame());
  auto end = std::chrono::steady_clock::now();
  stats.cpuMs = std::chrono::duration<double, std::milli>(end - start).count();
  SC_TRY(target.afterSubmit());
  return stats;
}

}  // namespace sc::render
