#include "guide_model.hpp"

namespace sc::avatar {

int GuideModel::jointIndex(const std::string& jointName) const {
  for (std::size_t i = 0; i < joints.size(); ++i) {
    if (joints[i].name == jointName) return int(i);
  }
  return -1;
}

int GuideModel::addMaterial(Material material) {
  materials.push_back(std::move(material));
  return int(materials.size()) - 1;
}

int GuideModel::addTexture(std::string uri, Image image) {
  textures.push_back(Texture{std::move(uri), std::move(image)});
  return int(textures.size()) - 1;
}

std::size_t GuideModel::triangleCount() const {
  std::size_t n = 0;
  for (const Mesh& m : meshes) {
    for (const Primitive& p : m.primitives) n += p.triangleCount();
  }
  return n;
}

std::size_t GuideModel::vertexCount() const {
  std::size_t n = 0;
  for (const Mesh& m : meshes) {
    for (const Primitive& p : m.primitives) n += p.vertices.size();
  }
  return n;
}

}  // namespace sc::avatar
