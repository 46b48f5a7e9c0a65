#include "render/shadow_reach.hpp"

#include <algorithm>

namespace sc::render {

ShadowReach::ShadowReach(std::span<const ViewCamera> views, float shadowFar) {
  any_ = shadowFar > 0.0f;
  if (!any_) return;
  // The margin covers the vertex shader's own rounding of the same depths (and posed bounds'
  // approximations): a draw just past the boundary keeps its lookup.
  float reach = shadowFar * 1.01f + 1.0f;
  viewCount_ = std::min(views.size(), std::size(views_));
  for (std::size_t v = 0; v < viewCount_; ++v) {
    const ViewCamera& view = views[v];
    View& out = views_[v];
    glm::mat4 m = view.proj * view.view;
    glm::vec4 row0(m[0][0], m[1][0], m[2][0], m[3][0]);
    glm::vec4 row1(m[0][1], m[1][1], m[2][1], m[3][1]);
    glm::vec4 row2(m[0][2], m[1][2], m[2][2], m[3][2]);
    glm::vec4 row3(m[0][3], m[1][3], m[2][3], m[3][3]);
    // View depth d = -(view * p).z; reach - d >= 0 as a plane in world space.
    glm::vec4 depthRow(view.view[0][2], view.view[1][2], view.view[2][2], view.view[3][2]);
    const glm::vec4 planes[6] = {row3 + row0, row3 - row0, row3 + row1, row3 - row1, row2,
                                 depthRow + glm::vec4(0.0f, 0.0f, 0.0f, reach)};
    std::copy(std::begin(planes), std::end(planes), out.planes);
    glm::mat4 toWorld = glm::inverse(view.view);
    glm::mat4 unproject = glm::inverse(view.proj);
    out.pyramid[0] = glm::vec3(toWorld[3]);
    for (int corner = 0; corner < 4; ++corner) {
      glm::vec4 p = unproject * glm::vec4((corner & 1) ? 1.0f : -1.0f, (corner & 2) ? 1.0f : -1.0f, 0.5f, 1.0f);
      glm::vec3 ray = glm::vec3(p) / p.w;  // view space, on the corner's ray (z < 0)
      out.pyramid[corner + 1] = glm::vec3(toWorld * glm::vec4(ray * (reach / std::max(-ray.z, 1e-6f)), 1.0f));
    }
  }
}

bool ShadowReach::reaches(const assets::Bounds& worldBox) const {
  if (!any_) return false;
  if (!worldBox.valid()) return true;
  for (std::size_t v = 0; v < viewCount_; ++v) {
    const View& view = views_[v];
    // Only the part of the box inside the view's frustum can become pixels: test the box
    // against the frustum's side and near planes and "view depth < reach" (a large ground
    // plane under the camera may reach near it while everything it shows is far away).
    bool inside = true;
    for (const glm::vec4& p : view.planes) {
      // The box corner furthest along the plane's normal: if even it is outside, all of it is.
      glm::vec3 corner(p.x >= 0 ? worldBox.max.x : worldBox.min.x, p.y >= 0 ? worldBox.max.y : worldBox.min.y,
                       p.z >= 0 ? worldBox.max.z : worldBox.min.z);
      if (glm::dot(glm::vec3(p), corner) + p.w < 0.0f) {
        inside = false;
        break;
      }
    }
    if (!inside) continue;
    // A box can lie outside the frustum without being wholly behind any one of its planes
    // (a wide ground below a camera that looks over it): the other direction of the test
    // checks the pyramid from the eye to the reach plane against the box's faces.
    bool separated = false;
    for (int axis = 0; axis < 3 && !separated; ++axis) {
      bool allBelow = true, allAbove = true;
      for (const glm::vec3& q : view.pyramid) {
        allBelow = allBelow && q[axis] < worldBox.min[axis];
        allAbove = allAbove && q[axis] > worldBox.max[axis];
      }
      separated = allBelow || allAbove;
    }
    if (!separated) return true;
  }
  return false;
}

bool shadowsReach(const assets::Bounds& worldBox, std::span<const ViewCamera> views, float shadowFar) {
  return ShadowReach(views, shadowFar).reaches(worldBox);
}

}  // namespace sc::render
