#pragma once
// The engine's own CPU-side model: what an importer produces and the renderer uploads.
// Plain data, no GPU types. Units are metres, +Y up, right-handed, glTF conventions
// (colours in linear space except base colour / emissive textures, which are sRGB-encoded).
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sc::assets {

// Interleaved vertex as the renderer's shaders read it (64 bytes).
struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // xyz tangent, w = bitangent sign
  glm::vec2 uv0{0.0f};
  glm::vec2 uv1{0.0f};
  std::uint32_t color = 0xffffffffu;  // RGBA8 (R in the low byte), linear
  std::uint32_t padding = 0;
};
static_assert(sizeof(Vertex) == 64);

struct Bounds {
  glm::vec3 min{std::numeric_limits<float>::max()};
  glm::vec3 max{-std::numeric_limits<float>::max()};

  bool valid() const { return min.x <= max.x && min.y <= max.y && min.z <= max.z; }
  void add(const glm::vec3& p) { min = glm::min(min, p); max = glm::max(max, p); }
  void add(const Bounds& b) { if (b.valid()) { add(b.min); add(b.max); } }
  glm::vec3 center() const { return (min + max) * 0.5f; }
  glm::vec3 extent() const { return max - min; }
  Bounds transformed(const glm::mat4& m) const;
};

// Per-vertex skinning data, present only for skinned meshes (same count as vertices).
struct SkinWeights {
  std::array<std::uint16_t, 4> joints{0, 0, 0, 0};
  glm::vec4 weights{0.0f};
};

// A morph target stores deltas for every vertex of its primitive.
struct MorphTarget {
  std::string name;
  std::vector<glm::vec3> positionDeltas;
  std::vector<glm::vec3> normalDeltas;  // may be empty
};

// One draw: a triangle list with one material.
struct Primitive {
  std::string name;
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;  // triangle list, every index < vertices.size()
  std::uint32_t material = 0;          // index into Model::materials
  Bounds bounds;                       // of positions, in the mesh's own space
  std::vector<SkinWeights> skin;       // empty unless skinned
  std::vector<MorphTarget> morphTargets;
  std::vector<float> defaultMorphWeights;
  // Coarser levels of detail, filled by the cook step (assets/mesh_optimize.hpp), empty after a
  // plain import: lodIndices[k] is LOD k+1, a triangle list over the same `vertices` with fewer
  // triangles than `indices` (and than the level before), every index < vertices.size().
  std::vector<std::vector<std::uint32_t>> lodIndices;
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;
};

enum class Filter : std::uint8_t { Nearest, Linear };
enum class Wrap : std::uint8_t { Repeat, MirroredRepeat, ClampToEdge };

struct Sampler {
  Filter magFilter = Filter::Linear;
  Filter minFilter = Filter::Linear;
  bool mipmaps = true;
  Wrap wrapU = Wrap::Repeat;
  Wrap wrapV = Wrap::Repeat;
};

// The read-only bytes of one mip level: either owned (a vector, what importers produce) or
// borrowed from a buffer that `owner` keeps alive (a cooked load keeps the cache file mapped and
// lets the textures point into it, so a second start neither allocates nor copies its pixels;
// uploads copy straight from the mapping into staging memory). Copies share a borrowed buffer;
// the bytes never change once made. Equality compares bytes.
class PixelBytes {
 public:
  PixelBytes() = default;
  PixelBytes(std::vector<std::uint8_t> owned)  // NOLINT: implicit, importers move vectors in
      : owned_(std::make_shared<const std::vector<std::uint8_t>>(std::move(owned))),
        view_(*owned_) {}
  // `bytes` must stay valid and unchanged while `owner` (or any copy of it) lives.
  static PixelBytes borrowed(std::span<const std::uint8_t> bytes, std::shared_ptr<const void> owner) {
    PixelBytes out;
    out.owner_ = std::move(owner);
    out.view_ = bytes;
    return out;
  }

  const std::uint8_t* data() const { return view_.data(); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  const std::uint8_t* begin() const { return view_.data(); }
  const std::uint8_t* end() const { return view_.data() + view_.size(); }
  std::uint8_t operator[](std::size_t i) const { return view_[i]; }
  std::span<const std::uint8_t> span() const { return view_; }
  bool isBorrowed() const { return owner_ != nullptr; }

  friend bool operator==(const PixelBytes& a, const PixelBytes& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  std::shared_ptr<const std::vector<std::uint8_t>> owned_;
  std::shared_ptr<const void> owner_;
  std::span<const std::uint8_t> view_;
};

// A decoded RGBA8 image with its full mip chain (level 0 first).
struct Texture {
  std::string name;  // source path or "embedded:N", for messages
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<PixelBytes> mips;  // mips[i] is (w>>i) x (h>>i) x 4, at least 1x1
};

// KHR_texture_transform: uv' = offset + rotate(rotation) * (scale * uv).
struct TextureTransform {
  glm::vec2 offset{0.0f};
  float rotation = 0.0f;
  glm::vec2 scale{1.0f};
};

struct TextureRef {
  std::int32_t texture = -1;  // index into Model::textures, -1 when absent
  std::uint32_t texCoord = 0; // 0 or 1
  Sampler sampler;
  TextureTransform transform;
  float scale = 1.0f;         // normalTexture.scale or occlusionTexture.strength

  bool present() const { return texture >= 0; }
};

enum class AlphaMode : std::uint8_t { Opaque, Mask, Blend };

struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  float metallicFactor = 1.0f;
  float roughnessFactor = 1.0f;
  glm::vec3 emissiveFactor{0.0f};
  float emissiveStrength = 1.0f;  // KHR_materials_emissive_strength
  AlphaMode alphaMode = AlphaMode::Opaque;
  float alphaCutoff = 0.5f;
  bool doubleSided = false;
  bool unlit = false;
  TextureRef baseColor;          // sRGB
  TextureRef metallicRoughness;  // linear; G = roughness, B = metallic
  TextureRef normal;             // linear, tangent space
  TextureRef occlusion;          // linear, R channel
  TextureRef emissive;           // sRGB
};

enum class LightType : std::uint8_t { Directional, Point, Spot };

// KHR_lights_punctual; position/direction come from the node that carries it.
struct Light {
  std::string name;
  LightType type = LightType::Point;
  glm::vec3 color{1.0f};
  float intensity = 1.0f;  // candela (point/spot) or lux (directional)
  float range = 0.0f;      // 0 = infinite
  float innerConeAngle = 0.0f;
  float outerConeAngle = 0.785398f;
};

struct Camera {
  std::string name;
  bool perspective = true;
  float yfov = 0.8f;    // radians
  float aspect = 0.0f;  // 0 = use the target's
  float znear = 0.05f;
  float zfar = 0.0f;    // 0 = infinite
  float xmag = 1.0f, ymag = 1.0f;  // orthographic
};

struct Node {
  std::string name;
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 scale{1.0f};
  std::int32_t parent = -1;   // index into Model::nodes; parents come before children
  std::vector<std::uint32_t> children;
  std::int32_t mesh = -1;     // index into Model::meshes
  std::int32_t light = -1;    // index into Model::lights
  std::int32_t camera = -1;   // index into Model::cameras
  std::int32_t skin = -1;     // index into Model::skins

  glm::mat4 localMatrix() const;
};

struct Skin {
  std::string name;
  std::vector<std::uint32_t> joints;        // node indices
  std::vector<glm::mat4> inverseBindMatrices;  // one per joint
};

enum class Interpolation : std::uint8_t { Step, Linear, CubicSpline };
enum class AnimPath : std::uint8_t { Translation, Rotation, Scale, Weights };

struct AnimChannel {
  std::uint32_t node = 0;
  AnimPath path = AnimPath::Translation;
  Interpolation interpolation = Interpolation::Linear;
  std::vector<float> times;   // seconds, non-decreasing
  // Translation/Scale: 3 floats per key; Rotation: 4 (x,y,z,w); Weights: N per key.
  // CubicSpline stores in-tangent, value, out-tangent per key (3x the values).
  std::vector<float> values;
};

struct AnimClip {
  std::string name;
  float duration = 0.0f;
  std::vector<AnimChannel> channels;
};

struct Model {
  std::string sourcePath;  // for messages
  std::vector<Mesh> meshes;
  std::vector<Material> materials;  // never empty after import: a default is added if needed
  std::vector<Texture> textures;
  std::vector<Node> nodes;          // topologically sorted: parent index < child index
  std::vector<std::uint32_t> rootNodes;
  std::vector<Light> lights;
  std::vector<Camera> cameras;
  std::vector<Skin> skins;
  std::vector<AnimClip> animations;

  // World matrices of every node for the rest pose (no animation).
  std::vector<glm::mat4> worldMatrices() const;
  // Bounds of all mesh primitives placed by their nodes, in model space.
  Bounds worldBounds() const;
  std::size_t triangleCount() const;
};

}  // namespace sc::assets
