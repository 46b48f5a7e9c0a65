#include "render/frustum.hpp"

namespace sc::render {

Frustum::Frustum(const glm::mat4& m) {
  glm::vec4 row0(m[0][0], m[1][0], m[2][0], m[3][0]);
  glm::vec4 row1(m[0][1], m[1][1], m[2][1], m[3][1]);
  glm::vec4 row2(m[0][2], m[1][2], m[2][2], m[3][2]);
  glm::vec4 row3(m[0][3], m[1][3], m[2][3], m[3][3]);
  planes_ = {row3 + row0, row3 - row0, row3 + row1, row3 - row1, row2, row3 - row2};
  for (auto& p : planes_) p /= glm::length(glm::vec3(p));
}

bool Frustum::intersects(const assets::Bounds& box) const {
  if (!box.valid()) return false;
  for (const auto& p : planes_) {
    // The box corner furthest along the plane normal.
    glm::vec3 positive(p.x >= 0 ? box.max.x : box.min.x, p.y >= 0 ? box.max.y : box.min.y,
                       p.z >= 0 ? box.max.z : box.min.z);
    if (glm::dot(glm::vec3(p), positive) + p.w < 0.0f) return false;
  }
  return true;
}

}  // namespace sc::render
