#include "render/renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <cstring>
#include <optional>
#include <span>

#include <spdlog/spdlog.h>

#include <glm/gtc/matrix_transform.hpp>

#include "render/render_quality.hpp"
#include "render/renderer_impl.hpp"

namespace sc::render {

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
  impl->options = sanitizedOptions(options);
  impl->hdrFormat = impl->hdrFormatFor(impl->options);
  SC_TRY(impl->init());
  return std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::~Renderer() {
  if (impl_) (void)impl_->device.waitIdle();
}

gpu::Device& Renderer::device() { return impl_->device; }

RendererOptions sanitizedOptions(RendererOptions options) {
  if (options.msaaSamples != 1 && options.msaaSamples != 4) options.msaaSamples = 4;
  options.shadowMapSize = std::clamp(options.shadowMapSize, 256u, 4096u);
  options.shadowDistance = std::max(options.shadowDistance, 1.0f);
  options.renderScale = std::isfinite(options.renderScale) ? std::clamp(options.renderScale, 0.5f, 1.0f) : 1.0f;
  return options;
}

const RendererOptions& Renderer::options() const { return impl_->options; }
gpu::Format Renderer::hdrTargetFormat() const { return impl_->hdrFormat; }

Status Renderer::setOptions(const RendererOptions& wanted) {
  Impl& r = *impl_;
  RendererOptions next = sanitizedOptions(wanted);
  // The background is read per frame (sky draw, fog, tone mapping's alpha), and so are the
  // choices of generic or specialised shaders and of tone mapping in the scene shaders: nothing
  // to remake - unless the background takes the HDR target's format with it (a transparent one
  // needs alpha, RendererOptions::hdrPrecision).
  RendererOptions sameBackground = next;
  sameBackground.background = r.options.background;
  sameBackground.genericShaders = r.options.genericShaders;
  sameBackground.foldToneMapping = r.options.foldToneMapping;
  const gpu::Format nextHdr = r.hdrFormatFor(next);
  if (sameBackground == r.options && nextHdr == r.hdrFormat) {
    r.options = next;
    return okStatus();
  }
  // Everything below may be in use by frames in flight; a settings change is rare enough to
  // simply wait for them.
  SC_TRY(r.device.waitIdle());
  bool shadowChanged = next.shadowMapSize != r.options.shadowMapSize;
  bool samplesChanged = next.msaaSamples != r.options.msaaSamples || next.exactSky != r.options.exactSky ||
                        nextHdr != r.hdrFormat;
  r.options = next;
  r.hdrFormat = nextHdr;
  if (shadowChanged) {
    r.device.destroyTexture(r.shadowMap);
    r.createShadowMap();
    for (std::uint32_t slot = 0; slot < gpu::kFramesInFlight; ++slot) r.rebuildFrameGroup(slot);
  }
  if (samplesChanged) {
    // Made again, with the new sample count or sky, by the next render (pipelinesFor).
    for (auto& [views, p] : r.viewPipelines) r.destroyViewPipelines(p);
    r.viewPipelines.clear();
  }
  r.destroyTargets();  // sized and sampled by the options; made again by the next render
  spdlog::info("renderer: {}, HDR {}", describeRendererOptions(r.options), describeHdrFormat(r.hdrFormat));
  return okStatus();
}

Status Renderer::reloadPipelines() {
  Impl& r = *impl_;
  // All or nothing: every new pipeline is made before any old one is replaced.
  std::map<std::uint32_t, ViewPipelines> fresh;
  auto dropFresh = [&] {
    for (auto& [views, p] : fresh) r.destroyViewPipelines(p);
  };
  for (const auto& [views, old] : r.viewPipelines) {
    auto made = r.createViewPipelines(views);
    if (!made) {
      dropFresh();
      return makeError("shader reload: the old pipelines stay in use: {}", made.error().message);
    }
    fresh.emplace(views, *made);
  }
  gpu::PipelineHandle shadowOpaque, shadowMask;
  if (Status shadows = r.createShadowPipelines(shadowOpaque, shadowMask); !shadows) {
    dropFresh();
    return makeError("shader reload: the old pipelines stay in use: {}", shadows.error().message);
  }
  if (r.overlay) {
    if (Status overlay = r.overlay->reloadPipelines(); !overlay) {
      dropFresh();
      r.device.destroyPipeline(shadowOpaque);
      r.device.destroyPipeline(shadowMask);
      return makeError("shader reload: the old pipelines stay in use: {}", overlay.error().message);
    }
  }
  // The old ones may still be recorded in frames in flight: the device destroys them once
  // those frames are done.
  for (auto& [views, p] : r.viewPipelines) r.destroyViewPipelines(p);
  r.viewPipelines = std::move(fresh);
  r.device.destroyPipeline(r.shadowOpaque);
  r.device.destroyPipeline(r.shadowMask);
  r.shadowOpaque = shadowOpaque;
  r.shadowMask = shadowMask;
  return okStatus();
}

Result<ModelId> Renderer::addModel(const assets::Model& model) {
  auto gpuModel = GpuModel::upload(impl_->device, model, impl_->shared);
  if (!gpuModel) return gpuModel.error();
  // The frame's sort keys number all models' primitives in 31 bits (DrawItem::batch).
  std::uint64_t primitives = (*gpuModel)->primitiveCount;
  for (const auto& m : impl_->models) primitives += m ? m->primitiveCount : 0;
  if (primitives >= (std::uint64_t(1) << 31)) {
    return makeError("{} primitives in the loaded models: a renderer draws at most 2^31; load fewer models",
                     primitives);
  }
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

void Renderer::setInstanceCastsShadow(InstanceId instance, bool castsShadow) {
  impl_->instances.at(instance).castsShadow = castsShadow;
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
  r.recordPanels(cmd);

  SkyState sky = skyFor(r.environment);
  ShadowCascades cascades = fitCascades(views, sky.sunDirection, r.options.shadowDistance, r.options.shadowMapSize);
  std::uint32_t lightCount = r.writeLights();
  FrameUniforms uniforms = r.buildFrameUniforms(views, cascades, lightCount);
  // Measuring: a cascade range of 0 makes the shader skip its shadow lookups.
  if (r.options.measureSkip.shadows) uniforms.cascadeFar = glm::vec4(0.0f);
  std::memcpy(r.device.mappedPointer(r.frameUniforms[slot]), &uniforms, sizeof(uniforms));
  std::vector<std::int64_t> jointBase, weightBase;
  r.writePoses(slot, jointBase, weightBase);

  // Cull against every view (a primitive seen by either eye is drawn once, for both). Every
  // primitive drawn or casting a shadow gets one record in the frame's draw data.
  std::vector<Frustum> frustums;
  for (const auto& v : views) frustums.emplace_back(v.proj * v.view);
  // Draws wholly beyond the last cascade (or all, without a shadow pass) may use the PBR
  // pipelines without the shadow lookup, where the device has them (CPU rasterisers).
  bool sunUp = sky.sunIntensity > 0.0f && !r.options.measureSkip.shadows;
  std::optional<ShadowReach> shadowReach;
  if (p.opaqueUnshadowed[0].valid() && !r.options.genericShaders) {
    shadowReach.emplace(views, sunUp ? uniforms.cascadeFar[kShadowCascades - 1] : 0.0f);
  }
  Impl::FrameLists& lists = r.lists;
  stats.culled = r.collectDrawItems(views, frustums, shadowReach ? &*shadowReach : nullptr, jointBase, weightBase);
  sortOpaque(lists.opaque, lists.sortScratch);
  sortBlended(lists.blended, lists.sortScratch);
  sortCasters(lists.casters, lists.sortScratch);

  // The passes' draw lists: runs of one primitive become one instanced draw each.
  lists.slots.clear();
  lists.runs.clear();
  std::size_t cascadeRuns[kShadowCascades + 1] = {};
  for (int c = 0; c < kShadowCascades && sunUp; ++c) {
    Frustum lightFrustum(cascades.viewProj[std::size_t(c)]);
    appendDrawRuns(lists.casters, &lightFrustum, lists.slots, lists.runs);
    cascadeRuns[c + 1] = lists.runs.size();
  }
  std::size_t opaqueBegin = lists.runs.size();
  appendDrawRuns(lists.opaque, nullptr, lists.slots, lists.runs);
  std::size_t blendedBegin = lists.runs.size();
  appendDrawRuns(lists.blended, nullptr, lists.slots, lists.runs);
  std::span<const DrawRun> allRuns(lists.runs);
  std::span<const DrawRun> opaqueRuns = allRuns.subspan(opaqueBegin, blendedBegin - opaqueBegin);
  std::span<const DrawRun> blendedRuns = allRuns.subspan(blendedBegin);
  bool grown = r.drawRecords.reserve(r.device, slot, lists.records.size());
  grown = r.drawSlotList.reserve(r.device, slot, lists.slots.size()) || grown;
  if (grown) r.rebuildFrameGroup(slot);
  if (!lists.slots.empty()) {
    std::memcpy(r.drawRecords.mapped(r.device, slot), lists.records.data(), lists.records.size() * sizeof(DrawConstants));
    std::memcpy(r.drawSlotList.mapped(r.device, slot), lists.slots.data(), lists.slots.size() * sizeof(std::uint32_t));
  }

  auto drawRuns = [&](std::span<const DrawRun> runs, auto pipelineFor, PassConstants passConstants) {
    gpu::PipelineHandle bound;
    const GpuModel* boundModel = nullptr;
    std::int64_t boundMaterial = -1;
    for (const auto& run : runs) {
      const GpuMaterial& material = run.model->materials[run.primitive->material];
      gpu::PipelineHandle pipeline = pipelineFor(material, run);
      if (!(pipeline == bound)) {
        cmd.bindPipeline(pipeline);
        cmd.bindGroup(0, r.frameGroups[slot]);
        cmd.pushConstants(&passConstants, sizeof(passConstants));
        bound = pipeline;
        boundMaterial = -1;
      }
      if (run.model != boundModel) {
        cmd.bindVertexBuffer(run.model->vertices);
        cmd.bindIndexBuffer(run.model->indices);
        boundModel = run.model;
        boundMaterial = -1;
      }
      if (boundMaterial != std::int64_t(run.primitive->material)) {
        cmd.bindGroup(1, material.group);
        boundMaterial = run.primitive->material;
      }
      cmd.drawIndexed(run.primitive->indexCount, run.primitive->firstIndex, run.primitive->vertexOffset,
                      run.instanceCount, run.firstSlot);
      stats.triangles += std::uint64_t(run.primitive->indexCount / 3) * run.instanceCount;
    }
    return std::uint32_t(runs.size());
  };

  // Shadow cascades: one pass, one atlas tile (viewport) each. Left out where no draw of the
  // frame looks the shadow up (CPU devices: every draw beyond the cascades, or no sun): the
  // picture is the same, and the atlas's clear (64 MiB at 2048² a cascade) and the casters
  // were ~15% of lavapipe's frame of the landmark. The atlas then keeps what it held (never read).
  std::span<const DrawRun> viewRuns = allRuns.subspan(opaqueBegin);
  bool shadowLookups = !shadowReach || std::any_of(viewRuns.begin(), viewRuns.end(), [](const DrawRun& run) { return run.shadowed; });
  if (shadowLookups) {
    gpu::PassDesc shadowPass;
    shadowPass.name = "shadow cascades";
    shadowPass.depth = {r.shadowMap, gpu::LoadOp::Clear, true, 1.0f};
    cmd.beginPass(shadowPass);
    for (int c = 0; c < kShadowCascades && sunUp; ++c) {
      std::uint32_t size = r.options.shadowMapSize;
      cmd.setViewport(std::uint32_t(c % 2) * size, std::uint32_t(c / 2) * size, size, size);
      std::span<const DrawRun> runs = allRuns.subspan(cascadeRuns[c], cascadeRuns[c + 1] - cascadeRuns[c]);
      stats.shadowDrawCalls += drawRuns(runs, [&](const GpuMaterial& m, const DrawRun&) {
        return m.alphaMode == assets::AlphaMode::Mask ? r.shadowMask : r.shadowOpaque;
      }, PassConstants{glm::uvec4(std::uint32_t(c), 0u, 0u, 0u)});
    }
    cmd.endPass();
  }
  cmd.prepareForSampling(r.shadowMap);  // bound in every frame's set 0 (a no-op once readable)
  std::uint64_t shadowTriangles = stats.triangles;

  // Main pass: all views at once through multiview, or one pass per view where the driver's
  // multiview is unreliable. Either way each view has its own matrices (viewIndex() in shaders).
  // Where the frame allows (RendererOptions::foldToneMapping) its shaders tone-map and it draws
  // straight into the target's image, and the tone-mapping pass is left out.
  std::uint32_t viewMask = (1u << views.size()) - 1u;
  std::uint32_t passes = multiview ? 1 : std::uint32_t(views.size());
  std::uint32_t mainDraws = 0;
  bool skyDraw = !r.options.measureSkip.sky && r.options.background == Background::Sky;
  bool transparent = r.options.background == Background::Transparent;
  // The sky without the star field's code where it would add nothing (CPU devices, no night).
  bool stars = !r.fastSky() || uniforms.params.w > 0.0f;
  // And the scene without the fog's arithmetic where there is none (CPU devices).
  bool fog = uniforms.fog.w > 0.0f;
  std::uint32_t toneMap = r.sceneToneMap(p, views.size(), opaqueRuns, !blendedRuns.empty(), skyDraw, stars, fog);
  for (std::uint32_t pass = 0; pass < passes; ++pass) {
    gpu::PassDesc main;
    main.name = toneMap ? "main (tone-mapped)" : "main";
    main.viewMask = multiview ? viewMask : 0;
    const PassTargets& t = r.targets.passes[pass];
    gpu::ColorAttachment color;
    color.texture = r.options.msaaSamples > 1 ? t.color : t.resolved;
    color.resolveTarget = r.options.msaaSamples > 1 ? t.resolved : gpu::TextureHandle{};
    color.store = r.options.msaaSamples == 1;
    color.clearColor = glm::vec4(0.0f);
    if (toneMap) {
      // What the tone-mapping pass makes of an HDR pixel nothing covers (0 maps to 0).
      color.texture = image->viewColors.empty() ? image->color : image->viewColors[pass];
      color.clearColor = glm::vec4(0.0f, 0.0f, 0.0f, transparent ? 0.0f : 1.0f);
    }
    main.color = {color};
    main.depth = {t.depth, gpu::LoadOp::Clear, false, 1.0f};
    cmd.beginPass(main);
    PassConstants passConstants{glm::uvec4(0u, pass, 0u, 0u)};
    mainDraws += drawRuns(opaqueRuns, [&](const GpuMaterial& m, const DrawRun& run) {
      return r.pbrPipeline(p, m, false, run.shadowed, toneMap, fog);
    }, passConstants);
    if (skyDraw) {
      cmd.bindPipeline(r.skyPipeline(p, toneMap, stars, fog));
      cmd.bindGroup(0, r.frameGroups[slot]);
      cmd.pushConstants(&passConstants, sizeof(passConstants));
      cmd.draw(3);
      ++mainDraws;
    }
    mainDraws += drawRuns(blendedRuns, [&](const GpuMaterial& m, const DrawRun& run) {
      return r.pbrPipeline(p, m, true, run.shadowed, 0, fog);
    }, passConstants);
    cmd.endPass();
  }
  if (!toneMap) {
    for (const auto& t : r.targets.passes) cmd.prepareForSampling(t.resolved);
  }

  // Tone mapping into the target's sRGB image, every view (unless the main pass did it).
  for (std::uint32_t pass = 0; pass < passes && !toneMap && !r.options.measureSkip.tonemap; ++pass) {
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
    // z: keep the scene's alpha (transparent background) instead of writing 1.
    glm::vec4 tonemapParams(uniforms.params.x, r.environment.toneMapper == ToneMapper::PbrNeutral ? 1.0f : 0.0f,
                            r.options.background == Background::Transparent ? 1.0f : 0.0f, 0.0f);
    cmd.pushConstants(&tonemapParams, sizeof(tonemapParams));
    cmd.draw(3);
    cmd.endPass();
  }
  r.recordScreenOverlay(cmd, *image);
  cmd.markFrameEnd();
  target.beforeSubmit(cmd);

  stats.drawCalls = mainDraws;
  stats.toneMappedInScene = toneMap != 0;
  stats.triangles -= shadowTriangles;
  SC_TRY(r.device.submitFrame());
  auto end = std::chrono::steady_clock::now();
  stats.cpuMs = std::chrono::duration<double, std::milli>(end - start).count();
  SC_TRY(target.afterSubmit());
  return stats;
}

// --- 2D overlays ---------------------------------------------------------------------------

Result<OverlayRenderer*> Renderer::Impl::overlayRenderer() {
  if (!overlay) {
    auto created = OverlayRenderer::create(device);
    if (!created) return created.error();
    overlay = std::move(created.value());
  }
  return overlay.get();
}

void Renderer::Impl::recordPanels(gpu::CommandList& cmd) {
  std::vector<PanelDraw> panels = std::move(pendingPanels);
  pendingPanels.clear();
  if (panels.empty()) return;
  auto overlays = overlayRenderer();
  for (const PanelDraw& panel : panels) {
    Status drawn = overlays ? (*overlays)->record(cmd, panel.list, panel.target, 0, panel.clear) : Status(overlays.error());
    // A broken panel must not take the 3D frame down with it: say so and carry on without it.
    if (!drawn) spdlog::error("UI panel not drawn: {}", drawn.error().message);
    else cmd.prepareForSampling(panel.target);
  }
}

void Renderer::Impl::recordScreenOverlay(gpu::CommandList& cmd, const gpu::TargetImage& image) {
  std::optional<OverlayDrawList> list = std::move(pendingOverlay);
  pendingOverlay.reset();
  if (!list || list->empty()) return;
  auto overlays = overlayRenderer();
  gpu::TextureHandle view0 = image.viewColors.empty() ? image.color : image.viewColors[0];
  Status drawn = overlays ? (*overlays)->record(cmd, *list, view0, 0) : Status(overlays.error());
  if (!drawn) spdlog::error("UI overlay not drawn: {}", drawn.error().message);
}

void Renderer::setOverlay(OverlayDrawList overlay) { impl_->pendingOverlay = std::move(overlay); }

void Renderer::drawOverlayInto(gpu::TextureHandle target, OverlayDrawList overlay, glm::vec4 clear) {
  impl_->pendingPanels.push_back({target, std::move(overlay), clear});
}

gpu::TextureHandle Renderer::createOverlayTexture(std::uint32_t width, std::uint32_t height) {
  gpu::TextureDesc desc;
  desc.width = std::max(width, 1u);
  desc.height = std::max(height, 1u);
  desc.format = gpu::Format::RGBA8Srgb;
  desc.usage = gpu::TextureUsage::Sampled | gpu::TextureUsage::ColorAttachment | gpu::TextureUsage::TransferSrc;
  desc.debugName = "UI panel";
  return impl_->device.createTexture(desc);
}

Status Renderer::renderOverlayNow(gpu::TextureHandle target, const OverlayDrawList& overlay,
                                  std::optional<glm::vec4> clear) {
  auto overlays = impl_->overlayRenderer();
  if (!overlays) return overlays.error();
  SC_TRY(checkOverlayDrawList(overlay));
  gpu::CommandList& cmd = impl_->device.beginFrame();
  Status drawn = (*overlays)->record(cmd, overlay, target, 0, clear);
  if (drawn) cmd.prepareForSampling(target);
  Status submitted = impl_->device.submitFrame();
  SC_TRY(drawn);
  SC_TRY(submitted);
  return impl_->device.waitIdle();
}

}  // namespace sc::render
