#pragma once
// Boxes and a view shared by the culling tests (frustum_test, draw_batches_test).
#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "render/camera.hpp"
#include "render/frustum.hpp"

namespace sc::render::test {

inline assets::Bounds boxAt(glm::vec3 centre, float half) {
  assets::Bounds b;
  b.add(centre - glm::vec3(half));
  b.add(centre + glm::vec3(half));
  return b;
}

// A square view from the origin down -z, 90 degrees wide (the camera's default), 0.1 to 100 m.
inline Frustum frustumDownMinusZ() {
  Camera c;
  c.eye = {0, 0, 0};
  c.target = {0, 0, -1};
  c.nearPlane = 0.1f;
  c.farPlane = 100.0f;
  return Frustum(c.projection(1.0f) * c.view());
}

}  // namespace sc::render::test
