#include "platform/screen_pick.hpp"

namespace sc::platform {

std::optional<glm::vec2> projectToWindow(const glm::mat4& viewProjection, const glm::vec3& world,
                                         const glm::vec2& windowSize) {
  glm::vec4 clip = viewProjection * glm::vec4(world, 1.0f);
  if (clip.w <= 1e-4f) return std::nullopt;
  glm::vec2 ndc = glm::vec2(clip) / clip.w;
  if (ndc.x < -1.0f || ndc.x > 1.0f || ndc.y < -1.0f || ndc.y > 1.0f) return std::nullopt;
  return (ndc * 0.5f + 0.5f) * windowSize;
}

int pickPoint(std::span<const glm::vec3> points, const glm::mat4& viewProjection, const glm::vec2& windowSize,
              const glm::vec2& pointer, float radius, const glm::vec3& eye, const SceneCollider* occluders) {
  int best = -1;
  float bestDistance = radius;
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto screen = projectToWindow(viewProjection, points[i], windowSize);
    if (!screen) continue;
    float d = glm::length(*screen - pointer);
    if (d > bestDistance) continue;
    if (occluders) {
      glm::vec3 toPoint = points[i] - eye;
      float length = glm::length(toPoint);
      if (length > 0.6f && occluders->raycast(eye, toPoint, length - 0.5f)) continue;
    }
    best = int(i);
    bestDistance = d;
  }
  return best;
}

}  // namespace sc::platform
