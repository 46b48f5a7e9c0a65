#include "render/gpu_model.hpp"

#include <cmath>
#include <algorithm>
#include <cstring>

#include "render/draw_batches.hpp"
#include "render/gpu_layouts.hpp"

namespace sc::render {

namespace {

constexpr std::uint64_t kMaterialStride = 256;  // >= minUniformBufferOffsetAlignment everywhere

gpu::Wrap toGpu(assets::Wrap wrap) {
  switch (wrap) {
    case assets::Wrap::Repeat: return gpu::Wrap::Repeat;
    case assets::Wrap::MirroredRepeat: return gpu::Wrap::MirroredRepeat;
    case assets::Wrap::ClampToEdge: return gpu::Wrap::ClampToEdge;
  }
  return gpu::Wrap::Repeat;
}

gpu::SamplerDesc toGpu(const assets::Sampler& s) {
  gpu::SamplerDesc desc;
  desc.magFilter = s.magFilter == assets::Filter::Linear ? gpu::Filter::Linear : gpu::Filter::Nearest;
  desc.minFilter = s.minFilter == assets::Filter::Linear ? gpu::Filter::Linear : gpu::Filter::Nearest;
  desc.mipFilter = gpu::Filter::Linear;
  desc.wrapU = toGpu(s.wrapU);
  desc.wrapV = toGpu(s.wrapV);
  desc.mipmaps = s.mipmaps;
  desc.maxAnisotropy = s.mipmaps ? 8.0f : 1.0f;
  return desc;
}

// KHR_texture_transform as two rows of T * R * S, with R = [cos r, sin r; -sin r, cos r]: uv
// has its origin top-left, so a positive rotation turns the image clockwise on screen
// (checked against glTF2/textureTransform, whose arrows must hit the green markers).
void writeTransform(const assets::TextureTransform& t, glm::vec4* rows) {
  float c = std::cos(t.rotation), s = std::sin(t.rotation);
  rows[0] = glm::vec4(c * t.scale.x, s * t.scale.y, t.offset.x, 0.0f);
  rows[1] = glm::vec4(-s * t.scale.x, c * t.scale.y, t.offset.y, 0.0f);
}

}  // namespace

std::uint32_t materialShaderKey(std::uint32_t presentTextures, bool plainUvs) {
  return kMaterialKeyActive | (presentTextures & 0x1fu) << 1 | (plainUvs ? kMaterialKeyPlainUvs : 0u);
}

Result<std::unique_ptr<GpuModel>> GpuModel::upload(gpu::Device& device, const assets::Model& model,
                                                   const SharedGpuResources& shared) {
  std::unique_ptr<GpuModel> out(new GpuModel(device));
  // Geometry: every primitive into one vertex and one index buffer.
  std::vector<assets::Vertex> vertices;
  std::vector<std::uint32_t> indices;
  DeformBuffers deform;
  for (const auto& mesh : model.meshes) {
    std::vector<GpuPrimitive> prims;
    for (const auto& prim : mesh.primitives) {
      if (prim.indices.empty() || prim.vertices.empty()) continue;
      GpuPrimitive p;
      p.firstIndex = std::uint32_t(indices.size());
      p.indexCount = std::uint32_t(prim.indices.size());
      p.vertexOffset = std::int32_t(vertices.size());
      p.material = prim.material < model.materials.size() ? prim.material : 0;
      p.bounds = prim.bounds;
      p.deform = packDeform(prim, deform);
      vertices.insert(vertices.end(), prim.vertices.begin(), prim.vertices.end());
      indices.insert(indices.end(), prim.indices.begin(), prim.indices.end());
      prims.push_back(p);
    }
    out->meshes.push_back(std::move(prims));
  }
  out->primitiveCount = assignDrawOrder(out->meshes);
  if (vertices.empty() && model.lights.empty()) {
    return makeError("{}: the model has no triangles to draw; export it with its meshes "
                     "(points and lines are not drawn)", model.sourcePath);
  }
  vertices.resize(std::max<std::size_t>(vertices.size(), 1));  // a lights-only model still binds
  indices.resize(std::max<std::size_t>(indices.size(), 3));
  out->vertices = device.createBuffer({vertices.size() * sizeof(assets::Vertex),
                                       gpu::BufferUsage::Vertex, gpu::MemoryUse::GpuOnly, "vertices"});
  device.writeBuffer(out->vertices, 0, std::as_bytes(std::span(vertices)));
  out->indices = device.createBuffer({indices.size() * sizeof(std::uint32_t), gpu::BufferUsage::Index,
                                      gpu::MemoryUse::GpuOnly, "indices"});
  device.writeBuffer(out->indices, 0, std::as_bytes(std::span(indices)));
  // Skin records and morph deltas: read by the vertex shaders through gl_VertexIndex.
  if (!deform.skinVertices.empty()) {
    out->skinVertices_ = device.createBuffer({deform.skinVertices.size() * sizeof(SkinVertexGpu),
                                              gpu::BufferUsage::Storage, gpu::MemoryUse::GpuOnly, "skin vertices"});
    device.writeBuffer(out->skinVertices_, 0, std::as_bytes(std::span(deform.skinVertices)));
  }
  if (!deform.morphDeltas.empty()) {
    out->morphDeltas_ = device.createBuffer({deform.morphDeltas.size() * sizeof(MorphDeltaGpu),
                                             gpu::BufferUsage::Storage, gpu::MemoryUse::GpuOnly, "morph deltas"});
    device.writeBuffer(out->morphDeltas_, 0, std::as_bytes(std::span(deform.morphDeltas)));
  }

  // Materials.
  std::vector<assets::Material> materials = model.materials;
  if (materials.empty()) materials.emplace_back();
  out->materialBuffer_ = device.createBuffer({materials.size() * kMaterialStride, gpu::BufferUsage::Uniform,
                                              gpu::MemoryUse::GpuOnly, "materials"});
  std::vector<std::byte> materialBytes(materials.size() * kMaterialStride);
  auto textureFor = [&](const assets::TextureRef& ref, bool srgb, gpu::TextureHandle fallback) {
    if (!ref.present() || std::size_t(ref.texture) >= model.textures.size()) return fallback;
    std::uint32_t key = std::uint32_t(ref.texture) << 1 | (srgb ? 1 : 0);
    if (auto it = out->textures_.find(key); it != out->textures_.end()) return it->second;
    const assets::Texture& tex = model.textures[std::size_t(ref.texture)];
    if (tex.mips.empty() || tex.width == 0 || tex.height == 0) return fallback;
    gpu::TextureDesc desc;
    desc.width = tex.width;
    desc.height = tex.height;
    desc.mipLevels = std::uint32_t(tex.mips.size());
    desc.format = srgb ? gpu::Format::RGBA8Srgb : gpu::Format::RGBA8Unorm;
    desc.usage = gpu::TextureUsage::Sampled;
    desc.debugName = tex.name;
    gpu::TextureHandle handle = device.createTexture(desc);
    std::vector<std::span<const std::uint8_t>> levels;  // straight from a mapped cache file too
    for (const assets::PixelBytes& mip : tex.mips) levels.push_back(mip.span());
    device.uploadTexture(handle, std::span<const std::span<const std::uint8_t>>(levels));
    out->textures_[key] = handle;
    return handle;
  };

  for (std::size_t i = 0; i < materials.size(); ++i) {
    const assets::Material& m = materials[i];
    MaterialUniforms u{};
    u.baseColorFactor = m.baseColorFactor;
    u.emissive = glm::vec4(m.emissiveFactor * m.emissiveStrength, 0.0f);
    u.pbr = glm::vec4(m.metallicFactor, m.roughnessFactor, m.normal.scale, m.occlusion.scale);
    u.alpha = glm::vec4(m.alphaCutoff, float(int(m.alphaMode)), m.unlit ? 1.0f : 0.0f, m.doubleSided ? 1.0f : 0.0f);
    const assets::TextureRef* refs[5] = {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive};
    int present = 0;
    for (int t = 0; t < 5; ++t) {
      bool valid = refs[t]->present() && std::size_t(refs[t]->texture) < model.textures.size();
      if (valid) present |= 1 << t;
      writeTransform(refs[t]->transform, &u.uvTransform[t * 2]);
    }
    bool plainUvs = true;
    for (int t = 0; t < 5; ++t) {
      if (!(present & (1 << t))) continue;
      plainUvs = plainUvs && refs[t]->texCoord == 0 && u.uvTransform[t * 2] == glm::vec4(1, 0, 0, 0) &&
                 u.uvTransform[t * 2 + 1] == glm::vec4(0, 1, 0, 0);
    }
    u.texCoordA = glm::ivec4(m.baseColor.texCoord, m.metallicRoughness.texCoord, m.normal.texCoord, m.occlusion.texCoord);
    u.texCoordB = glm::ivec4(m.emissive.texCoord, present, 0, 0);
    std::memcpy(materialBytes.data() + i * kMaterialStride, &u, sizeof(u));

    gpu::TextureHandle textures[5] = {
        textureFor(m.baseColor, true, shared.white), textureFor(m.metallicRoughness, false, shared.white),
        textureFor(m.normal, false, shared.flatNormal), textureFor(m.occlusion, false, shared.white),
        textureFor(m.emissive, true, shared.white)};
    std::vector<gpu::BindGroupEntry> entries;
    gpu::BindGroupEntry ubo;
    ubo.binding = 0;
    ubo.buffer = out->materialBuffer_;
    ubo.offset = i * kMaterialStride;
    ubo.range = sizeof(MaterialUniforms);
    entries.push_back(ubo);
    for (int t = 0; t < 5; ++t) {
      gpu::BindGroupEntry e;
      e.binding = std::uint32_t(t + 1);
      e.texture = textures[t];
      e.sampler = device.getSampler(toGpu(refs[t]->sampler));
      entries.push_back(e);
    }
    gpu::BindGroupEntry skin;
    skin.binding = 6;
    skin.buffer = out->skinVertices_.valid() ? out->skinVertices_ : shared.emptyStorage;
    entries.push_back(skin);
    gpu::BindGroupEntry morph;
    morph.binding = 7;
    morph.buffer = out->morphDeltas_.valid() ? out->morphDeltas_ : shared.emptyStorage;
    entries.push_back(morph);
    GpuMaterial gm;
    gm.group = device.createBindGroup(shared.materialLayout, entries);
    gm.alphaMode = m.alphaMode;
    gm.doubleSided = m.doubleSided;
    gm.shaderKey = materialShaderKey(std::uint32_t(present), plainUvs);
    out->materials.push_back(gm);
  }
  device.writeBuffer(out->materialBuffer_, 0, materialBytes);

  // What a pose holds: skins' joints back to back, then morph weights per node in node order
  // (the layout of anim::buildFramePalette over anim::skeletonFromModel).
  for (const assets::Skin& skin : model.skins) {
    out->skinJointOffsets.push_back(out->poseJointCount);
    out->skinJointCounts.push_back(std::uint32_t(skin.joints.size()));
    out->poseJointCount += std::uint32_t(skin.joints.size());
  }
  std::vector<std::uint32_t> morphOffsets(model.nodes.size(), 0), morphCounts(model.nodes.size(), 0);
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    const assets::Node& node = model.nodes[n];
    morphOffsets[n] = out->poseMorphWeightCount;
    if (node.mesh >= 0 && std::size_t(node.mesh) < model.meshes.size()) {
      for (const auto& prim : model.meshes[std::size_t(node.mesh)].primitives) {
        morphCounts[n] = std::max(morphCounts[n], std::uint32_t(prim.morphTargets.size()));
      }
    }
    out->poseMorphWeightCount += morphCounts[n];
  }

  // Placements of meshes and lights in model space (rest pose).
  auto world = model.worldMatrices();
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    const assets::Node& node = model.nodes[n];
    if (node.mesh >= 0 && std::size_t(node.mesh) < out->meshes.size()) {
      PlacedMesh placed{world[n], std::uint32_t(node.mesh)};
      bool skinned = false;
      placed.morphOffset = morphOffsets[n];
      placed.morphCount = morphCounts[n];
      for (const auto& p : out->meshes[std::size_t(node.mesh)]) {
        placed.meshBounds.add(p.bounds);
        placed.morphReach = std::max(placed.morphReach, p.deform.morphReach);
        skinned = skinned || p.deform.skinBase >= 0;
      }
      if (skinned && node.skin >= 0 && std::size_t(node.skin) < model.skins.size()) placed.skin = node.skin;
      out->deformable = out->deformable || placed.skin >= 0 || placed.morphCount > 0;
      out->placements.push_back(placed);
      for (const auto& p : out->meshes[std::size_t(node.mesh)]) out->bounds.add(p.bounds.transformed(world[n]));
    }
    if (node.light >= 0 && std::size_t(node.light) < model.lights.size()) {
      out->lights.push_back({model.lights[std::size_t(node.light)], world[n]});
    }
  }
  return out;
}

GpuModel::~GpuModel() {
  for (auto& m : materials) device_.destroyBindGroup(m.group);
  for (auto& [key, tex] : textures_) device_.destroyTexture(tex);
  device_.destroyBuffer(materialBuffer_);
  device_.destroyBuffer(skinVertices_);
  device_.destroyBuffer(morphDeltas_);
  device_.destroyBuffer(vertices);
  device_.destroyBuffer(indices);
}

}  // namespace sc::render
