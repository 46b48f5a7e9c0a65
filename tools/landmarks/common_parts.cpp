#include "common_parts.hpp"

#include <cmath>

namespace sc::landmarks {

void addGlassTower(Model& m, int object, int glass, int podium, glm::vec3 base, float width,
                   float depth, float height, float yaw, Rng& rng) {
  MeshBuilder g = m.builder(object, glass);
  MeshBuilder p = m.builder(object, podium);
  g.setPlacement(base, yaw);
  p.setPlacement(base, yaw);
  float podiumH = rng.range(12.0f, 24.0f);
  p.facadeBox({-width * 0.75f, 0, -depth * 0.75f}, {width * 0.75f, podiumH, depth * 0.75f}, 4.0f, 4.0f);
  // Setbacks: two or three stacked, narrowing blocks read as a tower at any distance.
  int tiers = rng.rangeInt(1, 3);
  float y = podiumH, w = width, d = depth;
  for (int t = 0; t < tiers; ++t) {
    float h = (height - podiumH) * (t + 1 == tiers ? 1.0f : rng.range(0.45f, 0.7f));
    if (t + 1 == tiers) h = height - y;
    g.facadeBox({-w * 0.5f, y, -d * 0.5f}, {w * 0.5f, y + h, d * 0.5f}, 12.0f, 16.0f);
    y += h;
    w *= 0.82f;
    d *= 0.82f;
    if (y >= height - 1.0f) break;
  }
  p.box({-w * 0.3f, y, -d * 0.3f}, {w * 0.3f, y + 4.0f, d * 0.3f}, 4.0f);  // rooftop plant room
  g.resetTransform();
  p.resetTransform();
}

void addLantern(MeshBuilder& b, glm::vec3 top, float r) {
  float h = r * 2.6f;
  glm::vec3 base = top - glm::vec3(0, h, 0);
  b.frustum(base, r * 0.7f, r, h * 0.5f, 6, true, true, false, 1.0f, 1.0f);
  b.frustum(base + glm::vec3(0, h * 0.5f, 0), r, r * 0.7f, h * 0.5f, 6, true, false, true, 1.0f, 1.0f);
}

PointOfInterest makePoi(const std::string& id, const std::string& en, const std::string& zh,
                        glm::vec3 anchor, glm::vec3 eye, glm::vec3 target, glm::vec3 xrPosition) {
  PointOfInterest p;
  p.id = id;
  p.nameEn = en;
  p.nameZh = zh;
  p.anchor = anchor;
  p.eye = eye;
  p.target = target;
  p.xrPosition = xrPosition;
  glm::vec3 d = anchor - xrPosition;
  // Yaw about +Y with 0 looking towards -Z: forward = (-sin yaw, 0, -cos yaw).
  p.xrYawDegrees = std::round(glm::degrees(std::atan2(-d.x, -d.z)) * 10.0f) / 10.0f;
  return p;
}

}  // namespace sc::landmarks
