#include "render/shadow_cascades.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace sc::render {

ShadowCascades fitCascades(std::span<const ViewCamera> views, const glm::vec3& sunDirection,
                           float shadowDistance, std::uint32_t mapSize, float lambda) {
  ShadowCascades out;
  if (views.empty()) return out;
  float nearPlane = views[0].nearPlane;
  float farPlane = std::min(views[0].farPlane, shadowDistance);
  farPlane = std::max(farPlane, nearPlane * 2.0f);

  // World-space corners of each view's near and far planes.
  std::vector<std::array<glm::vec3, 8>> corners;
  for (const auto& v : views) {
    glm::mat4 inv = glm::inverse(v.proj * v.view);
    std::array<glm::vec3, 8> c{};
    for (int i = 0; i < 8; ++i) {
      glm::vec4 p = inv * glm::vec4((i & 1) ? 1.0f : -1.0f, (i & 2) ? 1.0f : -1.0f, (i & 4) ? 1.0f : 0.0f, 1.0f);
      c[std::size_t(i)] = glm::vec3(p) / p.w;
    }
    corners.push_back(c);
  }

  glm::vec3 up = std::abs(sunDirection.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
  float previous = nearPlane;
  for (int cascade = 0; cascade < kShadowCascades; ++cascade) {
    float fraction = float(cascade + 1) / float(kShadowCascades);
    float logSplit = nearPlane * std::pow(farPlane / nearPlane, fraction);
    float uniformSplit = nearPlane + (farPlane - nearPlane) * fraction;
    float split = lambda * logSplit + (1.0f - lambda) * uniformSplit;

    std::vector<glm::vec3> points;
    for (std::size_t v = 0; v < views.size(); ++v) {
      float range = views[v].farPlane - views[v].nearPlane;
      float t0 = (previous - views[v].nearPlane) / range;
      float t1 = (split - views[v].nearPlane) / range;
      for (int i = 0; i < 4; ++i) {
        const glm::vec3& n = corners[v][std::size_t(i)];
        const glm::vec3& f = corners[v][std::size_t(i + 4)];
        points.push_back(glm::mix(n, f, t0));
        points.push_back(glm::mix(n, f, t1));
      }
    }
    glm::vec3 centre(0.0f);
    for (const auto& p : points) centre += p;
    centre /= float(points.size());
    float radius = 0.0f;
    for (const auto& p : points) radius = std::max(radius, glm::length(p - centre));
    radius = std::ceil(radius * 16.0f) / 16.0f;

    // Casters up to 300 m towards the sun (hills, towers) still land in the map.
    const float casterReach = 300.0f;
    glm::mat4 lightView = glm::lookAt(centre + sunDirection * (radius + casterReach), centre, up);
    glm::mat4 lightProj = glm::ortho(-radius, radius, -radius, radius, 0.0f, 2.0f * radius + casterReach);
    glm::mat4 viewProj = lightProj * lightView;
    // Snap the origin to whole texels.
    glm::vec4 origin = viewProj * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
    origin *= float(mapSize) * 0.5f;
    glm::vec4 rounded = glm::round(origin);
    glm::vec4 offset = (rounded - origin) * (2.0f / float(mapSize));
    lightProj[3][0] += offset.x;
    lightProj[3][1] += offset.y;
    out.viewProj[std::size_t(cascade)] = lightProj * lightView;
    out.farDistance[std::size_t(cascade)] = split;
    previous = split;
  }
  return out;
}

}  // namespace sc::render
