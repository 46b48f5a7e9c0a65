// Renderer set-up and per-frame buffers: layouts, pipelines, render targets, frame uniforms,
// lights and skinning poses (see renderer_impl.hpp).
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "render/renderer_impl.hpp"

namespace sc::render {

Renderer::Impl::~Impl() {
  models.clear();
  destroyTargets();
  for (auto& [views, p] : viewPipelines) destroyViewPipelines(p);
  device.destroyPipeline(shadowOpaque);
  device.destroyPipeline(shadowMask);
  for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
    device.destroyBindGroup(frameGroups[i]);
    device.destroyBuffer(frameUniforms[i]);
    device.destroyBuffer(lightBuffers[i]);
  }
  for (FrameStorage* storage : {&jointPalette, &morphWeights, &drawRecords, &drawSlotList}) storage->destroy(device);
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
                                               {4, BindingType::StorageBuffer, ShaderStage::Vertex},
                                               {5, BindingType::StorageBuffer, ShaderStage::Vertex},
                                               {6, BindingType::StorageBuffer, ShaderStage::Vertex}}});
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
  createShadowMap();
  gpu::SamplerDesc shadowSampler;
  shadowSampler.compare = true;
  shadowSampler.wrapU = shadowSampler.wrapV = gpu::Wrap::ClampToBorder;
  shadowSampler.mipFilter = gpu::Filter::Nearest;
  this->shadowSampler = device.getSampler(shadowSampler);

  for (FrameStorage* storage : {&jointPalette, &morphWeights, &drawRecords, &drawSlotList}) storage->create(device);
  for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
    frameUniforms[i] = device.createBuffer({sizeof(FrameUniforms), gpu::BufferUsage::Uniform, gpu::MemoryUse::CpuToGpu, "frame uniforms"});
    lightBuffers[i] = device.createBuffer({sizeof(PunctualLightGpu) * kMaxLights, gpu::BufferUsage::Storage, gpu::MemoryUse::CpuToGpu, "lights"});
    rebuildFrameGroup(i);
  }

  SC_TRY(createShadowPipelines(shadowOpaque, shadowMask));
  return device.flushUploads();
}

void Renderer::Impl::createShadowMap() {
  gpu::TextureDesc shadowDesc;
  shadowDesc.width = shadowDesc.height = options.shadowMapSize * 2;
  shadowDesc.format = kDepthFormat;
  shadowDesc.usage = gpu::TextureUsage::DepthAttachment | gpu::TextureUsage::Sampled;
  shadowDesc.debugName = "sun shadow cascade atlas";
  shadowMap = device.createTexture(shadowDesc);
}

Status Renderer::Impl::createShadowPipelines(gpu::PipelineHandle& opaqueOut, gpu::PipelineHandle& maskOut) {
  gpu::PipelineDesc shadow;
  shadow.name = "shadow";
  shadow.vertexShader = "shadow.vert.spv";
  shadow.vertexStride = sizeof(assets::Vertex);
  // Depth-only passes read positions and texture coordinates (for alpha-tested casters) only.
  for (const auto& a : vertexAttributes()) {
    if (a.location == 0 || a.location == 3 || a.location == 4) shadow.attributes.push_back(a);
  }
  shadow.bindGroupLayouts = {frameLayout, shared.materialLayout};
  shadow.pushConstantBytes = sizeof(PassConstants);
  shadow.cull = gpu::CullMode::None;
  shadow.depthFormat = kDepthFormat;
  shadow.depthClamp = true;  // casters behind the light's near plane still cast
  shadow.depthBiasConstant = 1.5f;
  shadow.depthBiasSlope = 2.0f;
  auto opaque = device.createPipeline(shadow);
  if (!opaque) return opaque.error();
  shadow.name = "shadow (alpha mask)";
  shadow.fragmentShader = "shadow.frag.spv";
  auto mask = device.createPipeline(shadow);
  if (!mask) {
    device.destroyPipeline(*opaque);
    return mask.error();
  }
  opaqueOut = *opaque;
  maskOut = *mask;
  return okStatus();
}

void Renderer::Impl::destroyViewPipelines(const ViewPipelines& p) {
  for (auto h : {p.opaque[0], p.opaque[1], p.blend[0], p.blend[1], p.opaqueUnshadowed[0], p.opaqueUnshadowed[1],
                 p.blendUnshadowed[0], p.blendUnshadowed[1], p.sky, p.tonemap}) {
    device.destroyPipeline(h);
  }
  for (const auto& [key, h] : p.specialised) device.destroyPipeline(h);
}

gpu::PipelineDesc Renderer::Impl::pbrPipelineDesc(std::uint32_t viewMask, bool blended, bool doubleSided,
                                                  bool shadowed, std::uint32_t materialKey, std::uint32_t toneMap,
                                                  bool fog) const {
  gpu::PipelineDesc pbr;
  pbr.vertexShader = "pbr.vert.spv";
  pbr.fragmentShader = "pbr.frag.spv";
  pbr.vertexStride = sizeof(assets::Vertex);
  pbr.attributes = vertexAttributes();
  pbr.bindGroupLayouts = {frameLayout, shared.materialLayout};
  pbr.pushConstantBytes = sizeof(PassConstants);
  pbr.colorFormats = {toneMap ? kOutputFormat : hdrFormat};
  pbr.depthFormat = kDepthFormat;
  pbr.samples = options.msaaSamples;
  pbr.viewMask = viewMask;
  // pbr.frag's kShadowFilter: 2x2 shadow taps instead of 3x3 on CPU rasterisers (a tenth of
  // lavapipe's frame for the landmark; the penumbra is a texel narrower). kShadowLookup: 1
  // with the sun's shadow lookup, 0 without (draws beyond the cascades). kMaterialKey: see
  // GpuMaterial::shaderKey. kToneMap: scene_output.glsl. kFastSky, kFog: common.glsl (5 is sky.frag's).
  pbr.fragmentConstants = {device.info().isSoftware ? 1u : 0u, shadowed ? 1u : 0u, materialKey, toneMap,
                           fastSky() ? 1u : 0u, 0u, fog ? 1u : 0u};
  pbr.cull = doubleSided ? gpu::CullMode::None : gpu::CullMode::Back;
  pbr.blend = blended ? gpu::BlendMode::Alpha : gpu::BlendMode::Opaque;
  pbr.depthWrite = !blended;
  pbr.name = std::string(blended ? "pbr blend" : "pbr opaque") + (doubleSided ? " double-sided" : "") +
             (shadowed ? "" : " unshadowed") + (materialKey ? " material " + std::to_string(materialKey) : "") +
             (toneMap ? " tone-mapped" : "") + (fog ? "" : " without fog");
  return pbr;
}

gpu::PipelineDesc Renderer::Impl::skyPipelineDesc(std::uint32_t viewMask, std::uint32_t toneMap, bool stars,
                                                  bool fog) const {
  gpu::PipelineDesc sky;
  sky.name = std::string("sky") + (toneMap ? " tone-mapped" : "") + (stars ? "" : " without stars") +
             (fog ? "" : " without fog");
  sky.vertexShader = "sky.vert.spv";
  sky.fragmentShader = "sky.frag.spv";
  sky.bindGroupLayouts = {frameLayout};
  sky.pushConstantBytes = sizeof(PassConstants);
  sky.cull = gpu::CullMode::None;
  sky.depthWrite = false;
  sky.depthCompare = gpu::CompareOp::LessEqual;
  sky.colorFormats = {toneMap ? kOutputFormat : hdrFormat};
  sky.depthFormat = kDepthFormat;
  sky.samples = options.msaaSamples;
  sky.viewMask = viewMask;
  // Constants 3-6: scene_output.glsl's kToneMap, common.glsl's kFastSky, sky.frag's kStars, kFog.
  sky.fragmentConstants = {0u, 0u, 0u, toneMap, fastSky() ? 1u : 0u, stars ? 1u : 0u, fog ? 1u : 0u};
  return sky;
}

gpu::PipelineHandle Renderer::Impl::pbrPipeline(ViewPipelines& p, const GpuMaterial& material, bool blended,
                                                bool shadowed, std::uint32_t toneMap, bool fog) {
  gpu::PipelineHandle generic = p.pbr(blended, material.doubleSided, shadowed);
  bool specialise = device.info().isSoftware && material.shaderKey != 0 && !options.genericShaders;
  fog = fog || !fogFreeVariants();
  if (!specialise && toneMap == 0 && fog) return generic;
  // Without pipelines that skip the shadow lookup (GPUs) every draw uses the one with it.
  shadowed = shadowed || !p.opaqueUnshadowed[0].valid();
  std::uint32_t materialKey = specialise ? material.shaderKey : 0u;
  std::uint32_t key = materialKey | (blended ? 1u : 0u) << 8 | (material.doubleSided ? 1u : 0u) << 9 |
                      (shadowed ? 1u : 0u) << 10 | toneMap << 11 | (fog ? 0u : 1u) << 16;
  // A tone-mapping pipeline has no stand-in here (its caller draws the frame the other way).
  gpu::PipelineHandle fallback = toneMap ? gpu::PipelineHandle{} : generic;
  if (auto it = p.specialised.find(key); it != p.specialised.end()) return it->second.valid() ? it->second : fallback;
  auto made = device.createPipeline(
      pbrPipelineDesc(p.viewMask, blended, material.doubleSided, shadowed, materialKey, toneMap, fog));
  if (!made) {
    // Remembered as absent: the generic pipeline (or the separate tone-mapping pass) draws the
    // same picture, only slower.
    spdlog::warn("renderer: no PBR pipeline of kind {:#x}, drawing without it: {}", key, made.error().message);
    p.specialised.emplace(key, gpu::PipelineHandle{});
    return fallback;
  }
  p.specialised.emplace(key, *made);
  return *made;
}

gpu::PipelineHandle Renderer::Impl::skyPipeline(ViewPipelines& p, std::uint32_t toneMap, bool stars, bool fog) {
  stars = stars || !fastSky();
  fog = fog || !fogFreeVariants();
  if (toneMap == 0 && stars && fog) return p.sky;
  std::uint32_t key = ViewPipelines::kSkyPipelineKey | toneMap << 11 | (stars ? 0u : 1u) << 15 | (fog ? 0u : 1u) << 16;
  // Without stars or fog the sky with them draws the same picture; a tone-mapping one has no stand-in.
  gpu::PipelineHandle fallback = toneMap ? gpu::PipelineHandle{} : p.sky;
  if (auto it = p.specialised.find(key); it != p.specialised.end()) return it->second.valid() ? it->second : fallback;
  auto made = device.createPipeline(skyPipelineDesc(p.viewMask, toneMap, stars, fog));
  if (!made) spdlog::warn("renderer: no sky pipeline of kind {:#x}, drawing without it: {}", key, made.error().message);
  gpu::PipelineHandle handle = made ? *made : gpu::PipelineHandle{};
  p.specialised.emplace(key, handle);
  return handle.valid() ? handle : fallback;
}

std::uint32_t Renderer::Impl::sceneToneMap(ViewPipelines& p, std::size_t views, std::span<const DrawRun> opaqueRuns,
                                           bool blendedDraws, bool skyDraw, bool stars, bool fog) {
  // Blending must happen in linear HDR, MSAA must resolve HDR (edges tone-mapped per sample
  // would differ), several views share one pass over layers (and the overlay draws on view 0
  // only), and a smaller scene is scaled up by the pass's bilinear fetch.
  if (!options.foldToneMapping || options.msaaSamples != 1 || views != 1 || options.renderScale != 1.0f ||
      blendedDraws || options.measureSkip.tonemap) {
    return 0;
  }
  // scene_output.glsl's kToneMap: the operator, and whether to keep the coverage as alpha.
  std::uint32_t toneMap = (environment.toneMapper == ToneMapper::PbrNeutral ? 2u : 1u) |
                          (options.background == Background::Transparent ? 4u : 0u);
  if (skyDraw && !skyPipeline(p, toneMap, stars, fog).valid()) return 0;
  for (const DrawRun& run : opaqueRuns) {
    const GpuMaterial& material = run.model->materials[run.primitive->material];
    if (!pbrPipeline(p, material, false, run.shadowed, toneMap, fog).valid()) return 0;
  }
  return toneMap;
}

Result<ViewPipelines*> Renderer::Impl::pipelinesFor(std::uint32_t views) {
  if (auto it = viewPipelines.find(views); it != viewPipelines.end()) return &it->second;
  auto made = createViewPipelines(views);
  if (!made) return made.error();
  return &viewPipelines.emplace(views, *made).first->second;
}

Result<ViewPipelines> Renderer::Impl::createViewPipelines(std::uint32_t views) {
  // views == 0: pipelines for single-view passes without multiview (sequential views).
  std::uint32_t viewMask = views ? (1u << views) - 1u : 0u;
  ViewPipelines p;
  std::vector<std::pair<gpu::PipelineDesc, gpu::PipelineHandle*>> wanted;
  p.viewMask = viewMask;
  // Generic PBR pipelines (every material through the uniforms). On CPU devices also without the
  // shadow lookup; material-specialised ones are made on first use (pbrPipeline).
  for (std::uint32_t shadowed = device.info().isSoftware ? 0u : 1u; shadowed < 2; ++shadowed) {
    for (int doubleSided = 0; doubleSided < 2; ++doubleSided) {
      wanted.emplace_back(pbrPipelineDesc(viewMask, false, doubleSided, shadowed, 0),
                          shadowed ? &p.opaque[doubleSided] : &p.opaqueUnshadowed[doubleSided]);
      wanted.emplace_back(pbrPipelineDesc(viewMask, true, doubleSided, shadowed, 0),
                          shadowed ? &p.blend[doubleSided] : &p.blendUnshadowed[doubleSided]);
    }
  }
  gpu::PipelineDesc sky = skyPipelineDesc(viewMask, 0, true);
  wanted.emplace_back(sky, &p.sky);
  gpu::PipelineDesc tonemap;
  tonemap.name = "tonemap";
  tonemap.vertexShader = "fullscreen.vert.spv";
  tonemap.fragmentShader = "tonemap.frag.spv";
  tonemap.bindGroupLayouts = {tonemapLayout};
  tonemap.pushConstantBytes = 16;
  tonemap.cull = gpu::CullMode::None;
  tonemap.depthTest = false;
  tonemap.depthWrite = false;
  tonemap.colorFormats = {kOutputFormat};
  tonemap.viewMask = viewMask;
  wanted.emplace_back(tonemap, &p.tonemap);
  for (auto& [desc, out] : wanted) {
    auto made = device.createPipeline(desc);
    if (!made) {
      destroyViewPipelines(p);  // a half set is never kept (invalid handles are skipped)
      return made.error();
    }
    *out = *made;
  }
  return p;
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
  // Below full scale the scene is drawn smaller and tone mapping's bilinear fetch scales it up.
  width = std::max(1u, std::uint32_t(std::lround(double(width) * options.renderScale)));
  height = std::max(1u, std::uint32_t(std::lround(double(height) * options.renderScale)));
  gpu::TextureDesc color{width, height, layers, 1, options.msaaSamples, hdrFormat,
                         gpu::TextureUsage::ColorAttachment, true, "HDR colour (MSAA)"};
  gpu::TextureDesc resolved{width, height, layers, 1, 1, hdrFormat,
                            gpu::TextureUsage::ColorAttachment | gpu::TextureUsage::Sampled, true, "HDR resolved"};
  gpu::TextureDesc depth{width, height, layers, 1, options.msaaSamples, kDepthFormat,
                         gpu::TextureUsage::DepthAttachment, true, "depth"};
  gpu::SamplerDesc sampler;
  sampler.wrapU = sampler.wrapV = gpu::Wrap::ClampToEdge;
  sampler.mipFilter = gpu::Filter::Nearest;
  sampler.mipmaps = false;  // one level
  // At full scale tone mapping reads each texel at its centre, where bilinear filtering gives
  // the texel itself: nearest gives the same picture with a quarter of the fetches (a CPU
  // rasteriser pays for all four).
  if (width == targets.width && height == targets.height) {
    sampler.minFilter = sampler.magFilter = gpu::Filter::Nearest;
  }
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
  // Without a sky nothing should fade towards its horizon colour (an opaque tint over the real world).
  float fogDensity = options.background == Background::Transparent ? 0.0f : environment.fogDensity;
  u.fog = glm::vec4(fog, fogDensity);
  u.params = glm::vec4(environment.exposure * sky.autoExposure, float(lightCount),
                       1.0f / float(options.shadowMapSize * 2), sky.night);
  return u;
}

void Renderer::Impl::rebuildFrameGroup(std::uint32_t slot) {
  // Only called for the slot being recorded (or at start-up): its previous frame is done.
  device.destroyBindGroup(frameGroups[slot]);
  gpu::BindGroupEntry entries[7];
  entries[0].binding = 0;
  entries[0].buffer = frameUniforms[slot];
  entries[1].binding = 1;
  entries[1].buffer = lightBuffers[slot];
  entries[2].binding = 2;
  entries[2].texture = shadowMap;
  entries[2].sampler = shadowSampler;
  entries[3].binding = 3;
  entries[3].buffer = jointPalette.buffer(slot);
  entries[4].binding = 4;
  entries[4].buffer = morphWeights.buffer(slot);
  entries[5].binding = 5;
  entries[5].buffer = drawRecords.buffer(slot);
  entries[6].binding = 6;
  entries[6].buffer = drawSlotList.buffer(slot);
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
  bool grown = jointPalette.reserve(device, slot, joints);
  grown = morphWeights.reserve(device, slot, weights) || grown;
  if (grown) rebuildFrameGroup(slot);
  auto* jointOut = static_cast<glm::mat4*>(jointPalette.mapped(device, slot));
  auto* weightOut = static_cast<float*>(morphWeights.mapped(device, slot));
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

}  // namespace sc::render
