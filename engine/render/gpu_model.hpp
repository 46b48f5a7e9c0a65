#pragma once
// A model's GPU-side copy: one vertex and one index buffer, a uniform block and bind group per
// material, textures (sRGB or linear as each material slot needs), the node placements, and the
// deformation data of skinned and morphed primitives (see skinning.hpp).
#include <map>
#include <vector>

#include "assets/model.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"
#include "render/skinning.hpp"

namespace sc::render {

struct GpuPrimitive {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  std::int32_t vertexOffset = 0;
  std::uint32_t material = 0;
  // Its place in the model's draw order (material, then mesh, then place in the mesh): frames
  // sort their draws by it, so that one material's and one primitive's draws are neighbours.
  std::uint32_t drawOrder = 0;
  assets::Bounds bounds;
  PrimitiveDeform deform;
};

struct GpuMaterial {
  gpu::BindGroupHandle group;
  assets::AlphaMode alphaMode = assets::AlphaMode::Opaque;
  bool doubleSided = false;
  // What pbr.frag needs of this material, for a fragment shader specialised to it (its
  // kMaterialKey; see materialShaderKey): bit t + 1 set when texture t (material.glsl's kTex*
  // order) is present; kPlainUvs when every present texture reads texture coordinate set 0
  // without a KHR_texture_transform.
  std::uint32_t shaderKey = 0;
};

inline constexpr std::uint32_t kMaterialKeyActive = 1u;  // a specialised shader (else generic)
inline constexpr std::uint32_t kMaterialKeyPlainUvs = 1u << 6;

// The GpuMaterial::shaderKey of a material whose texture presence bits are `presentTextures`
// (bit t: texture t), given its texture coordinate sets and transforms.
std::uint32_t materialShaderKey(std::uint32_t presentTextures, bool plainUvs);

struct PlacedMesh {
  glm::mat4 world{1.0f};
  std::uint32_t mesh = 0;
  std::int32_t skin = -1;         // index into GpuModel::skinJointOffsets, -1: not skinned
  std::uint32_t morphOffset = 0;  // first of the node's weights in a pose's morph weights
  std::uint32_t morphCount = 0;   // the node's weights (largest target count of its primitives)
  float morphReach = 0.0f;        // longest morph delta of the mesh, for posed bounds
  assets::Bounds meshBounds;      // union of the mesh's primitives, mesh space
};

struct PlacedLight {
  assets::Light light;
  glm::mat4 world{1.0f};
};

struct SharedGpuResources {
  gpu::BindGroupLayoutHandle materialLayout;
  gpu::TextureHandle white;       // 1x1 (255,255,255,255)
  gpu::TextureHandle flatNormal;  // 1x1 (128,128,255,255)
  gpu::BufferHandle emptyStorage; // 32 zero bytes: skin/morph bindings of models without any
};

class GpuModel {
 public:
  static Result<std::unique_ptr<GpuModel>> upload(gpu::Device& device, const assets::Model& model,
                                                  const SharedGpuResources& shared);
  ~GpuModel();

  gpu::BufferHandle vertices;
  gpu::BufferHandle indices;
  std::vector<std::vector<GpuPrimitive>> meshes;
  std::uint32_t primitiveCount = 0;  // over all meshes; drawOrder runs from 0 to this
  std::vector<GpuMaterial> materials;
  std::vector<PlacedMesh> placements;
  std::vector<PlacedLight> lights;
  assets::Bounds bounds;
  // What a pose for this model holds (Renderer::setInstancePose): all skins' joint matrices back
  // to back (skin s starts at skinJointOffsets[s]) and every mesh node's morph weights in node
  // order, as sc::anim::buildFramePalette lays them out for skeletonFromModel(model).
  std::vector<std::uint32_t> skinJointOffsets;
  std::vector<std::uint32_t> skinJointCounts;
  std::uint32_t poseJointCount = 0;
  std::uint32_t poseMorphWeightCount = 0;
  bool deformable = false;  // some placement is skinned or morphed

 private:
  explicit GpuModel(gpu::Device& device) : device_(device) {}
  gpu::Device& device_;
  gpu::BufferHandle materialBuffer_;
  gpu::BufferHandle skinVertices_;  // invalid when the model has no skinned primitive
  gpu::BufferHandle morphDeltas_;   // invalid when the model has no morph targets
  std::map<std::uint32_t, gpu::TextureHandle> textures_;  // (index << 1 | srgb) -> texture
};

}  // namespace sc::render
