#include "model.hpp"

namespace sc::landmarks {

int Model::addObject(const std::string& objectName) {
  objects.push_back(ModelObject{objectName, glm::vec3(0.0f), {}, std::nullopt});
  return int(objects.size() - 1);
}

int Model::addTexture(const std::string& uri, Image image) {
  textures.push_back(Texture{uri, std::move(image)});
  return int(textures.size() - 1);
}

int Model::addMaterial(Material material) {
  materials.push_back(std::move(material));
  return int(materials.size() - 1);
}

int Model::addSurface(const std::string& materialName, const SurfaceMaps& maps, glm::vec3 emissive,
                      float emissiveStrength, float metallic, float roughness) {
  Material m;
  m.name = materialName;
  m.metallic = metallic;
  m.roughness = roughness;
  if (!maps.baseColor.empty()) m.baseColorTexture = addTexture(materialName + "_basecolor.png", maps.baseColor);
  if (!maps.metallicRoughness.empty()) {
    m.metallicRoughnessTexture = addTexture(materialName + "_mr.png", maps.metallicRoughness);
    m.metallic = 1.0f;
    m.roughness = 1.0f;
  }
  if (!maps.normal.empty()) m.normalTexture = addTexture(materialName + "_normal.png", maps.normal);
  if (!maps.emissive.empty() && emissive != glm::vec3(0.0f)) {
    m.emissiveTexture = addTexture(materialName + "_emissive.png", maps.emissive);
    m.emissiveFactor = emissive;
    m.emissiveStrength = emissiveStrength;
  }
  return addMaterial(std::move(m));
}

int Model::addPlain(const std::string& materialName, glm::vec3 color, float metallic,
                    float roughness, glm::vec3 emissive, float emissiveStrength) {
  Material m;
  m.name = materialName;
  m.baseColorFactor = glm::vec4(color, 1.0f);
  m.metallic = metallic;
  m.roughness = roughness;
  m.emissiveFactor = emissive;
  m.emissiveStrength = emissiveStrength;
  return addMaterial(std::move(m));
}

void Model::tessellate(float maxEdge) {
  for (auto& o : objects)
    for (auto& [mat, part] : o.parts) splitLongEdges(part, maxEdge);
}

std::size_t Model::triangleCount() const {
  std::size_t n = 0;
  for (const auto& o : objects)
    for (const auto& [mat, part] : o.parts) n += part.triangleCount();
  return n;
}

std::size_t Model::primitiveCount() const {
  std::size_t n = 0;
  for (const auto& o : objects)
    for (const auto& [mat, part] : o.parts) n += part.empty() ? 0 : 1;
  return n;
}

}  // namespace sc::landmarks
