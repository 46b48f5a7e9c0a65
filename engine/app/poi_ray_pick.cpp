#include "app/poi_ray_pick.hpp"

#include <algorithm>
#include <cmath>

namespace sc::app {

float poiPickRadius(float distance, const PoiRayPickOptions& options) {
  float angular = std::max(distance, 0.0f) * std::tan(glm::radians(std::clamp(options.angularToleranceDeg, 0.0f, 45.0f)));
  return std::max(options.radius, angular);
}

PoiRayPick pickPoiAlongRay(const glm::vec3& origin, const glm::vec3& direction, std::span<const glm::vec3> anchors,
                           const PoiRayPickOptions& options, std::optional<float> panelDistance,
                           std::optional<float> blockedDistance) {
  PoiRayPick best;
  float length = glm::length(direction);
  if (!(length > 1e-6f)) return best;
  glm::vec3 dir = direction / length;
  float bestAlong = options.maxDistance;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    glm::vec3 toAnchor = anchors[i] - origin;
    float along = glm::dot(toAnchor, dir);
    // Behind the hand (or at it): pointing away from a marker must not pick it.
    if (!(along > 0.0f) || along > bestAlong) continue;
    float miss = glm::length(toAnchor - along * dir);
    // The tolerance is measured at the anchor's distance, not along the ray, so that it is the
    // angle the visitor sees between the laser and the marker.
    if (miss > poiPickRadius(glm::length(toAnchor), options)) continue;
    if (blockedDistance && along > *blockedDistance) continue;
    best.target = PoiRayTarget::Poi;
    best.poi = int(i);
    best.distance = along;
    bestAlong = along;
  }
  // The panel floats between the visitor and the world: what lies behind it is not clicked
  // through it.
  if (panelDistance && *panelDistance >= 0.0f && (best.target == PoiRayTarget::None || *panelDistance <= best.distance)) {
    best.target = PoiRayTarget::Panel;
    best.poi = -1;
    best.distance = *panelDistance;
  }
  return best;
}

}  // namespace sc::app
