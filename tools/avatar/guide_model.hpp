#pragma once
// The in-memory guide character the generator builds and the glTF writer stores: one skeleton
// (VRM humanoid bone names, copied from sc::anim::makeReferenceHumanoid), skinned meshes made of
// primitives (one per material), morph targets, PBR materials and their generated textures.
//
// Conventions: metres, +Y up, the character faces +Z in a T-pose, left hand at +X (glTF / VRM
// 1.0). Every vertex carries 4 joint indices (into GuideModel::joints) and 4 weights summing to
// 1. Texture coordinates follow glTF (v grows downwards, origin at the image's top-left).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sc::avatar {

// 8-bit image, rows top to bottom, 3 (RGB) or 4 (RGBA) channels.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<std::uint8_t> pixels;
};

struct Texture {
  std::string uri;  // file name beside the .gltf, e.g. "jacket_basecolor.png"
  Image image;
};

// glTF metallic-roughness material; texture fields index GuideModel::textures, -1 = none.
struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  float metallic = 0.0f;
  float roughness = 1.0f;
  int baseColorTexture = -1;
  int metallicRoughnessTexture = -1;
  int normalTexture = -1;
  float normalScale = 1.0f;
  bool doubleSided = false;
};

struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec2 uv{0.0f};
  std::array<std::uint16_t, 4> joints{0, 0, 0, 0};
  glm::vec4 weights{1.0f, 0.0f, 0.0f, 0.0f};
};

struct Primitive {
  int material = 0;
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;  // triangle list, counter-clockwise seen from outside
  // One position-delta list per morph target of the mesh (each vertices.size() long, or all
  // empty when the mesh has no targets).
  std::vector<std::vector<glm::vec3>> morphDeltas;
  std::size_t triangleCount() const { return indices.size() / 3; }
};

struct Mesh {
  std::string name;                      // also the name of the node that carries it
  std::vector<Primitive> primitives;
  std::vector<std::string> targetNames;  // morph targets, same count in every primitive
};

struct Joint {
  std::string name;      // VRM humanoid bone name
  int parent = -1;       // index into GuideModel::joints; parents come first
  glm::vec3 translation{0.0f};  // local, rest pose (rotations are identity: a T-pose)
  glm::vec3 world{0.0f};        // model-space rest position
};

struct GuideModel {
  std::string name = "guide";
  std::vector<Joint> joints;
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Texture> textures;

  int jointIndex(const std::string& jointName) const;  // -1 when absent
  int addMaterial(Material material);
  int addTexture(std::string uri, Image image);
  std::size_t triangleCount() const;
  std::size_t vertexCount() const;
};

// Viseme and blink morph target names, in the order the face mesh stores them.
inline constexpr std::array<const char*, 6> kFaceTargetNames = {"aa", "ih", "ou", "ee", "oh",
                                                                "blink"};

}  // namespace sc::avatar
