#pragma once
// The in-memory landmark model the generators fill and the glTF writer and previewer read:
// PBR materials with procedural textures, objects whose geometry is merged per material (one
// glTF primitive per material per object, so draw calls stay few), optional translation
// animation per object, and points of interest.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "mesh_builder.hpp"
#include "texture_gen.hpp"

namespace sc::landmarks {

struct Texture {
  std::string uri;  // file name beside the .gltf, e.g. "brick_basecolor.png"
  Image image;
};

// glTF metallic-roughness material; texture fields are indices into Model::textures or -1.
struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  float metallic = 0.0f;
  float roughness = 1.0f;
  glm::vec3 emissiveFactor{0.0f};
  float emissiveStrength = 1.0f;  // > 1 writes KHR_materials_emissive_strength
  int baseColorTexture = -1;
  int metallicRoughnessTexture = -1;
  int normalTexture = -1;
  int emissiveTexture = -1;
  bool doubleSided = false;
};

// Translation keyframes (LINEAR), times in seconds ascending.
struct TranslationAnimation {
  std::string name;
  std::vector<float> times;
  std::vector<glm::vec3> translations;
};

struct ModelObject {
  std::string name;
  glm::vec3 translation{0.0f};
  std::map<int, MeshPart> parts;  // material index -> merged geometry
  std::optional<TranslationAnimation> animation;
};

// A suggested point of interest, in model coordinates (metres, +Y up).
struct PointOfInterest {
  std::string id;
  std::string nameEn;
  std::string nameZh;
  glm::vec3 anchor{0.0f};      // the thing itself
  glm::vec3 eye{0.0f};         // a good desktop camera position...
  glm::vec3 target{0.0f};      // ...looking here
  glm::vec3 xrPosition{0.0f};  // where a standing XR visitor's feet go (on walkable ground)
  float xrYawDegrees = 0.0f;   // facing, degrees about +Y, 0 = looking towards -Z
};

struct Model {
  std::string name;  // folder and file stem, e.g. "hongyadong"
  std::vector<Material> materials;
  std::vector<Texture> textures;
  std::vector<ModelObject> objects;
  std::vector<PointOfInterest> pois;
  glm::vec3 overviewEye{100.0f};
  glm::vec3 overviewTarget{0.0f};
  bool night = false;  // preview and suggested time of day

  int addObject(const std::string& objectName);
  int addTexture(const std::string& uri, Image image);
  int addMaterial(Material material);
  // A textured PBR material from generated maps; textures are named "<name>_<map>.png".
  // Factors multiply the maps (glTF rule), so metallic/roughness are 1 when a map is present.
  // emissive is only used with an emissive map: without one, the factor alone would make the
  // whole surface glow (that washed Er Chang's brick out to cream).
  int addSurface(const std::string& materialName, const SurfaceMaps& maps, glm::vec3 emissive = {},
                 float emissiveStrength = 1.0f, float metallic = 0.0f, float roughness = 0.9f);
  // An untextured material.
  int addPlain(const std::string& materialName, glm::vec3 color, float metallic, float roughness,
               glm::vec3 emissive = {}, float emissiveStrength = 1.0f);
  // A builder appending to (object, material); the reference stays valid (std::map).
  MeshBuilder builder(int object, int material) { return MeshBuilder(objects[object].parts[material]); }

  // Splits every triangle edge longer than maxEdge metres (see splitLongEdges in mesh_builder).
  void tessellate(float maxEdge);

  std::size_t triangleCount() const;
  std::size_t primitiveCount() const;
};

}  // namespace sc::landmarks
