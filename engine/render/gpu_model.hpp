#pragma once
// A model's GPU-side copy: one vertex and one index buffer, a uniform block and bind group per
// material, textures (sRGB or linear as each material slot needs), and the node placements.
#include <map>
#include <vector>

#include "assets/model.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"

namespace sc::render {

struct GpuPrimitive {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  std::int32_t vertexOffset = 0;
  std::uint32_t material = 0;
  assets::Bounds bounds;
};

struct GpuMaterial {
  gpu::BindGroupHandle group;
  assets::AlphaMode alphaMode = assets::AlphaMode::Opaque;
  bool doubleSided = false;
};

struct PlacedMesh {
  glm::mat4 world{1.0f};
  std::uint32_t mesh = 0;
};

struct PlacedLight {
  assets::Light light;
  glm::mat4 world{1.0f};
};

struct SharedGpuResources {
  gpu::BindGroupLayoutHandle materialLayout;
  gpu::TextureHandle white;       // 1x1 (255,255,255,255)
  gpu::TextureHandle flatNormal;  // 1x1 (128,128,255,255)
};

class GpuModel {
 public:
  static Result<std::unique_ptr<GpuModel>> upload(gpu::Device& device, const assets::Model& model,
                                                  const SharedGpuResources& shared);
  ~GpuModel();

  gpu::BufferHandle vertices;
  gpu::BufferHandle indices;
  std::vector<std::vector<GpuPrimitive>> meshes;
  std::vector<GpuMaterial> materials;
  std::vector<PlacedMesh> placements;
  std::vector<PlacedLight> lights;
  assets::Bounds bounds;

 private:
  explicit GpuModel(gpu::Device& device) : device_(device) {}
  gpu::Device& device_;
  gpu::BufferHandle materialBuffer_;
  std::map<std::uint32_t, gpu::TextureHandle> textures_;  // (index << 1 | srgb) -> texture
};

}  // namespace sc::render
