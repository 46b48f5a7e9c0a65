#include "render/ui_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include <spdlog/spdlog.h>

namespace sc::render {

namespace {

struct OverlayPush {
  glm::vec4 transform;  // xy scale, zw offset (see ui.vert)
  glm::vec4 params;     // x: target is sRGB
};

constexpr std::uint64_t kEvictAfterUses = 1000;  // record() calls, i.e. at least ~10 s at 90 Hz

bool isSrgb(gpu::Format format) { return format == gpu::Format::RGBA8Srgb || format == gpu::Format::BGRA8Srgb; }

bool isOverlayTargetFormat(gpu::Format format) {
  return format == gpu::Format::RGBA8Srgb || format == gpu::Format::BGRA8Srgb || format == gpu::Format::RGBA8Unorm ||
         format == gpu::Format::BGRA8Unorm;
}

}  // namespace

Status checkOverlayDrawList(const OverlayDrawList& list) {
  for (std::size_t i = 0; i < list.images.size(); ++i) {
    const OverlayImage& image = list.images[i];
    if (image.texture.valid()) continue;
    if (!image.pixels || image.pixels->width == 0 || image.pixels->height == 0 ||
        image.pixels->pixels.size() != std::size_t(image.pixels->width) * image.pixels->height * 4) {
      return makeError("overlay image {} has neither a texture nor RGBA8 pixels matching its size", i);
    }
    if (image.key == 0) return makeError("overlay image {} has pixels but key 0 (give it a non-zero key)", i);
  }
  for (std::size_t i = 0; i < list.commands.size(); ++i) {
    const OverlayCommand& c = list.commands[i];
    if (c.image >= list.images.size()) {
      return makeError("overlay command {} samples image {} but the list has {} images", i, c.image, list.images.size());
    }
    if (std::uint64_t(c.firstIndex) + c.indexCount > list.indices.size()) {
      return makeError("overlay command {} reads indices [{}, {}) past the list's {}", i, c.firstIndex,
                       std::uint64_t(c.firstIndex) + c.indexCount, list.indices.size());
    }
    for (std::uint32_t k = 0; k < c.indexCount; ++k) {
      std::int64_t v = std::int64_t(list.indices[c.firstIndex + k]) + c.vertexOffset;
      if (v < 0 || v >= std::int64_t(list.vertices.size())) {
        return makeError("overlay command {} uses vertex {} but the list has {} vertices", i, v, list.vertices.size());
      }
    }
  }
  return okStatus();
}

struct OverlayRenderer::Impl {
  gpu::Device& device;
  gpu::BindGroupLayoutHandle layout;
  gpu::SamplerHandle sampler;
  std::map<gpu::Format, gpu::PipelineHandle> pipelines;
  struct CachedImage {
    std::uint64_t version = 0;
    std::uint64_t lastUse = 0;  // value of `uses` when last drawn
    gpu::TextureHandle texture;
    gpu::BindGroupHandle group;
  };
  std::map<std::uint64_t, CachedImage> cache;
  std::uint64_t uses = 0;  // record() calls so far

  explicit Impl(gpu::Device& d) : device(d) {}
  ~Impl() {
    for (auto& [key, image] : cache) release(image);
    for (auto& [format, pipeline] : pipelines) device.destroyPipeline(pipeline);
  }

  void release(CachedImage& image) {
    device.destroyBindGroup(image.group);
    device.destroyTexture(image.texture);
    image = {};
  }

  Result<gpu::PipelineHandle> pipelineFor(gpu::Format format) {
    if (auto it = pipelines.find(format); it != pipelines.end()) return it->second;
    auto pipeline = createPipeline(format);
    if (!pipeline) return pipeline.error();
    pipelines[format] = *pipeline;
    return *pipeline;
  }

  Result<gpu::PipelineHandle> createPipeline(gpu::Format format) {
    gpu::PipelineDesc desc;
    desc.name = "ui overlay";
    desc.vertexShader = "ui.vert.spv";
    desc.fragmentShader = "ui.frag.spv";
    desc.vertexStride = sizeof(OverlayVertex);
    desc.attributes = {{0, gpu::VertexFormat::Float2, offsetof(OverlayVertex, position)},
                       {1, gpu::VertexFormat::Float2, offsetof(OverlayVertex, uv)},
                       {2, gpu::VertexFormat::UNorm8x4, offsetof(OverlayVertex, rgba)}};
    desc.bindGroupLayouts = {layout};
    desc.pushConstantBytes = sizeof(OverlayPush);
    desc.cull = gpu::CullMode::None;  // ImGui emits both windings
    desc.depthTest = false;
    desc.depthWrite = false;
    desc.blend = gpu::BlendMode::Alpha;
    desc.colorFormats = {format};
    return device.createPipeline(desc);
  }

  gpu::BindGroupHandle groupFor(gpu::TextureHandle texture) {
    gpu::BindGroupEntry entry;
    entry.binding = 0;
    entry.texture = texture;
    entry.sampler = sampler;
    return device.createBindGroup(layout, std::span(&entry, 1));
  }

  // The bind group sampling `image`; uploads (or re-uploads) CPU pixels when their version
  // changed. Groups of external textures live for this frame only (the caller destroys them).
  gpu::BindGroupHandle resolve(const OverlayImage& image, std::vector<gpu::BindGroupHandle>& transient) {
    if (image.texture.valid()) {
      transient.push_back(groupFor(image.texture));
      return transient.back();
    }
    CachedImage& cached = cache[image.key];
    if (cached.texture.valid() && cached.version == image.version) {
      cached.lastUse = uses;
      return cached.group;
    }
    release(cached);
    // lastUse is set after release() (which clears the entry): set before it, a rebuilt image kept
    // lastUse 0, so once more than kEvictAfterUses record() calls had run in the process the
    // eviction above dropped it at the next call and it was uploaded again on every frame - the
    // kiosk's font atlas after its first rebuild late in a run (two 3 MB textures and staging
    // buffers always in flight in the soak, and a 3 MB copy per frame).
    cached.lastUse = uses;
    const ImageRgba8& pixels = *image.pixels;
    spdlog::debug("ui overlay: image {:#x} version {} ({}x{}) uploaded", image.key, image.version, pixels.width,
                  pixels.height);
    gpu::TextureDesc desc;
    desc.width = pixels.width;
    desc.height = pixels.height;
    // Colour images are sRGB-encoded; a font atlas is white with linear coverage in alpha, which
    // an sRGB format leaves untouched.
    desc.format = gpu::Format::RGBA8Srgb;
    desc.usage = gpu::TextureUsage::Sampled;
    desc.debugName = "overlay image";
    cached.texture = device.createTexture(desc);
    std::vector<std::vector<std::uint8_t>> mips{pixels.pixels};
    device.uploadTexture(cached.texture, mips);
    cached.group = groupFor(cached.texture);
    cached.version = image.version;
    return cached.group;
  }
};

Result<std::unique_ptr<OverlayRenderer>> OverlayRenderer::create(gpu::Device& device) {
  auto impl = std::make_unique<Impl>(device);
  impl->layout = device.createBindGroupLayout(
      {{{0, gpu::BindingType::SampledTexture, gpu::ShaderStage::Fragment}}});
  gpu::SamplerDesc sampler;
  sampler.wrapU = sampler.wrapV = gpu::Wrap::ClampToEdge;
  sampler.mipmaps = false;
  sampler.mipFilter = gpu::Filter::Nearest;
  impl->sampler = device.getSampler(sampler);
  // The common target format now, so a broken shader shows up at start-up, not mid-tour.
  auto pipeline = impl->pipelineFor(gpu::Format::RGBA8Srgb);
  if (!pipeline) return pipeline.error();
  return std::unique_ptr<OverlayRenderer>(new OverlayRenderer(std::move(impl)));
}

OverlayRenderer::OverlayRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OverlayRenderer::~OverlayRenderer() = default;

std::size_t OverlayRenderer::cachedImageCount() const { return impl_->cache.size(); }

Status OverlayRenderer::reloadPipelines() {
  std::map<gpu::Format, gpu::PipelineHandle> fresh;
  for (const auto& [format, old] : impl_->pipelines) {
    auto made = impl_->createPipeline(format);
    if (!made) {
      for (auto& [f, p] : fresh) impl_->device.destroyPipeline(p);
      return made.error();
    }
    fresh[format] = *made;
  }
  for (auto& [format, old] : impl_->pipelines) impl_->device.destroyPipeline(old);  // deferred by the device
  impl_->pipelines = std::move(fresh);
  return okStatus();
}

void OverlayRenderer::releaseImagesExcept(const std::vector<std::uint64_t>& keep) {
  for (auto it = impl_->cache.begin(); it != impl_->cache.end();) {
    if (std::find(keep.begin(), keep.end(), it->first) == keep.end()) {
      impl_->release(it->second);
      it = impl_->cache.erase(it);
    } else {
      ++it;
    }
  }
}

Status OverlayRenderer::record(gpu::CommandList& cmd, const OverlayDrawList& list, gpu::TextureHandle target,
                               std::uint32_t layer, std::optional<glm::vec4> clear) {
  Impl& r = *impl_;
  // A copy, not a reference into the device's texture table: resolving the list's images below
  // may create textures and grow that table (a dangling reference once gave the preview's first
  // F1 frame a 122,111,712 x 21,965 viewport).
  const gpu::TextureDesc desc = r.device.textureDesc(target);
  if (!isOverlayTargetFormat(desc.format) || desc.samples != 1 || !(desc.usage & gpu::TextureUsage::ColorAttachment)) {
    return makeError("overlay target '{}' must be a single-sampled RGBA8/BGRA8 colour attachment", desc.debugName);
  }
  if (layer >= desc.layers) return makeError("overlay target '{}' has no layer {}", desc.debugName, layer);
  SC_TRY(checkOverlayDrawList(list));
  bool drawable = !list.empty() && !list.vertices.empty() && !list.indices.empty();
  if (!drawable && !clear) return okStatus();
  auto pipeline = r.pipelineFor(desc.format);
  if (!pipeline) return pipeline.error();

  // Vertex and index data live in buffers of this frame only: destroying them right away defers
  // the release until the GPU has finished the frame (Device::destroyBuffer).
  gpu::BufferHandle vertices, indices;
  if (drawable) {
    vertices = r.device.createBuffer({list.vertices.size() * sizeof(OverlayVertex), gpu::BufferUsage::Vertex,
                                      gpu::MemoryUse::CpuToGpu, "overlay vertices"});
    indices = r.device.createBuffer({list.indices.size() * sizeof(std::uint32_t), gpu::BufferUsage::Index,
                                     gpu::MemoryUse::CpuToGpu, "overlay indices"});
    std::memcpy(r.device.mappedPointer(vertices), list.vertices.data(), list.vertices.size() * sizeof(OverlayVertex));
    std::memcpy(r.device.mappedPointer(indices), list.indices.data(), list.indices.size() * sizeof(std::uint32_t));
  }
  // Images no list has drawn for a long while (a Ui that was destroyed) give their memory back.
  ++r.uses;
  for (auto it = r.cache.begin(); it != r.cache.end();) {
    if (r.uses - it->second.lastUse > kEvictAfterUses) {
      r.release(it->second);
      it = r.cache.erase(it);
    } else {
      ++it;
    }
  }
  std::vector<gpu::BindGroupHandle> transient;
  std::vector<gpu::BindGroupHandle> groups;
  for (const OverlayImage& image : list.images) groups.push_back(r.resolve(image, transient));

  gpu::PassDesc pass;
  pass.name = "ui overlay";
  pass.baseLayer = layer;
  gpu::ColorAttachment color;
  color.texture = target;
  color.load = clear ? gpu::LoadOp::Clear : gpu::LoadOp::Load;
  color.clearColor = clear.value_or(glm::vec4(0.0f));
  pass.color = {color};
  cmd.beginPass(pass);
  if (drawable) {
    cmd.bindPipeline(*pipeline);
    cmd.bindVertexBuffer(vertices);
    cmd.bindIndexBuffer(indices);
    float listW = float(list.width ? list.width : desc.width);
    float listH = float(list.height ? list.height : desc.height);
    glm::vec2 scale(float(desc.width) / listW, float(desc.height) / listH);
    std::uint32_t boundImage = ~0u;
    for (const OverlayCommand& c : list.commands) {
      if (c.indexCount == 0) continue;
      // The clip rectangle becomes the viewport (and scissor): whole pixels of the target, and a
      // projection that maps exactly that rectangle to clip space, so nothing draws outside it.
      float x0 = std::clamp(std::floor(c.clipRect.x * scale.x), 0.0f, float(desc.width));
      float y0 = std::clamp(std::floor(c.clipRect.y * scale.y), 0.0f, float(desc.height));
      float x1 = std::clamp(std::ceil(c.clipRect.z * scale.x), 0.0f, float(desc.width));
      float y1 = std::clamp(std::ceil(c.clipRect.w * scale.y), 0.0f, float(desc.height));
      // Written so that a NaN clip rectangle (from NaN positions a caller gave ImGui) is skipped
      // too: converted to integers it would become a garbage viewport.
      if (!(x1 > x0 && y1 > y0)) continue;
      float w = x1 - x0, h = y1 - y0;
      cmd.setViewport(std::uint32_t(x0), std::uint32_t(y0), std::uint32_t(w), std::uint32_t(h));
      OverlayPush push;
      push.transform = glm::vec4(2.0f * scale.x / w, 2.0f * scale.y / h, -2.0f * x0 / w - 1.0f, -2.0f * y0 / h - 1.0f);
      push.params = glm::vec4(isSrgb(desc.format) ? 1.0f : 0.0f, 0.0f, 0.0f, 0.0f);
      cmd.pushConstants(&push, sizeof(push));
      if (c.image != boundImage) {
        cmd.bindGroup(0, groups[c.image]);
        boundImage = c.image;
      }
      cmd.drawIndexed(c.indexCount, c.firstIndex, c.vertexOffset);
    }
  }
  cmd.endPass();
  r.device.destroyBuffer(vertices);
  r.device.destroyBuffer(indices);
  for (gpu::BindGroupHandle group : transient) r.device.destroyBindGroup(group);
  return okStatus();
}

}  // namespace sc::render
