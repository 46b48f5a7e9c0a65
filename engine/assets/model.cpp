#include "assets/model.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/quaternion.hpp>

namespace sc::assets {

Bounds Bounds::transformed(const glm::mat4& m) const {
  Bounds out;
  if (!valid()) return out;
  // The box of the 8 transformed corners, without transforming them (the renderer does this for
  // every drawn primitive every frame): the centre moves by the matrix, and the half extent along
  // each world axis is the half extents weighted by the absolute values of that axis's row of
  // the 3x3 part. Affine matrices only (the last row is ignored, as before).
  glm::vec3 centre = (min + max) * 0.5f;
  glm::vec3 half = (max - min) * 0.5f;
  glm::vec3 movedCentre = glm::vec3(m * glm::vec4(centre, 1.0f));
  glm::vec3 reach = glm::abs(glm::vec3(m[0])) * half.x + glm::abs(glm::vec3(m[1])) * half.y +
                    glm::abs(glm::vec3(m[2])) * half.z;
  out.min = movedCentre - reach;
  out.max = movedCentre + reach;
  return out;
}

glm::mat4 Node::localMatrix() const {
  return glm::translate(glm::mat4(1.0f), translation) * glm::toMat4(rotation) *
         glm::scale(glm::mat4(1.0f), scale);
}

std::vector<glm::mat4> Model::worldMatrices() const {
  std::vector<glm::mat4> world(nodes.size(), glm::mat4(1.0f));
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& node = nodes[i];
    glm::mat4 local = node.localMatrix();
    world[i] = node.parent >= 0 ? world[std::size_t(node.parent)] * local : local;
  }
  return world;
}

Bounds Model::worldBounds() const {
  Bounds bounds;
  auto world = worldMatrices();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].mesh < 0) continue;
    for (const auto& prim : meshes[std::size_t(nodes[i].mesh)].primitives) {
      bounds.add(prim.bounds.transformed(world[i]));
    }
  }
  return bounds;
}

std::size_t Model::triangleCount() const {
  std::size_t count = 0;
  for (const auto& mesh : meshes)
    for (const auto& prim : mesh.primitives) count += prim.indices.size() / 3;
  return count;
}

}  // namespace sc::assets
