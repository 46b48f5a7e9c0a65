#pragma once
// View-frustum culling against axis-aligned bounds.
#include <array>

#include <glm/glm.hpp>

#include "assets/model.hpp"

namespace sc::render {

class Frustum {
 public:
  // Planes of a Vulkan (depth 0..1) view-projection matrix, normals pointing inwards.
  explicit Frustum(const glm::mat4& viewProj);
  // False only when the box lies wholly outside one plane (conservative: may keep a few
  // boxes near corners that are in fact outside).
  bool intersects(const assets::Bounds& box) const;

 private:
  std::array<glm::vec4, 6> planes_;
};

}  // namespace sc::render
