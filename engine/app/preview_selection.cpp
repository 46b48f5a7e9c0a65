#include "app/preview_selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sc::app {

PickRay rayThroughPoint(const render::Camera& camera, glm::vec2 windowSize, glm::vec2 point) {
  PickRay ray;
  ray.origin = camera.eye;
  if (windowSize.x <= 0.0f || windowSize.y <= 0.0f) return ray;
  // Vulkan clip space as render::Camera makes it: y down, so window y maps to NDC y directly.
  glm::mat4 inverse = glm::inverse(camera.projection(windowSize.x / windowSize.y) * camera.view());
  glm::vec2 ndc = point / windowSize * 2.0f - 1.0f;
  // Any depth strictly inside the frustum gives a point on the ray; 0.5 is in either depth range.
  glm::vec4 far = inverse * glm::vec4(ndc, 0.5f, 1.0f);
  if (std::abs(far.w) < 1e-12f) return ray;
  glm::vec3 direction = glm::vec3(far) / far.w - camera.eye;
  if (glm::length(direction) > 0.0f) ray.direction = glm::normalize(direction);
  return ray;
}

std::optional<float> rayEntersBounds(const PickRay& ray, const assets::Bounds& bounds, bool* inside) {
  if (!bounds.valid()) return std::nullopt;
  float enter = 0.0f, leave = std::numeric_limits<float>::max();
  for (int axis = 0; axis < 3; ++axis) {
    float o = ray.origin[axis], d = ray.direction[axis];
    if (std::abs(d) < 1e-12f) {
      if (o < bounds.min[axis] || o > bounds.max[axis]) return std::nullopt;
      continue;
    }
    float t0 = (bounds.min[axis] - o) / d, t1 = (bounds.max[axis] - o) / d;
    if (t0 > t1) std::swap(t0, t1);
    enter = std::max(enter, t0);
    leave = std::min(leave, t1);
    if (enter > leave) return std::nullopt;
  }
  bool in = glm::all(glm::greaterThanEqual(ray.origin, bounds.min)) && glm::all(glm::lessThanEqual(ray.origin, bounds.max));
  if (inside) *inside = in;
  return in ? 0.0f : enter;
}

std::optional<std::size_t> pickModel(std::span<const ShownModel> models, const PickRay& ray) {
  std::optional<std::size_t> nearest, smallestAround;
  float nearestDistance = std::numeric_limits<float>::max(), smallestVolume = std::numeric_limits<float>::max();
  for (std::size_t i = 0; i < models.size(); ++i) {
    bool inside = false;
    auto distance = rayEntersBounds(ray, models[i].worldBounds, &inside);
    if (!distance) continue;
    if (inside) {
      // A flat model has zero volume: its area breaks the tie well enough via the padded extent.
      glm::vec3 e = models[i].worldBounds.extent() + glm::vec3(1e-3f);
      float volume = e.x * e.y * e.z;
      if (volume < smallestVolume) smallestVolume = volume, smallestAround = i;
    } else if (*distance < nearestDistance) {
      nearestDistance = *distance;
      nearest = i;
    }
  }
  return nearest ? nearest : smallestAround;
}

TransformParts decomposeTransform(const glm::mat4& m) {
  TransformParts parts;
  parts.position = glm::vec3(m[3]);
  glm::vec3 x(m[0]), y(m[1]), z(m[2]);
  parts.scale = {glm::length(x), glm::length(y), glm::length(z)};
  if (parts.scale.x <= 0.0f || parts.scale.y <= 0.0f || parts.scale.z <= 0.0f) return parts;
  // A mirrored placement (negative determinant): report it as a negative X scale.
  if (glm::dot(glm::cross(x, y), z) < 0.0f) parts.scale.x = -parts.scale.x;
  glm::mat3 r(x / parts.scale.x, y / parts.scale.y, z / parts.scale.z);
  // R = Rz(c) * Ry(b) * Rx(a); glm is column-major: r[column][row].
  float sinB = std::clamp(-r[0][2], -1.0f, 1.0f);
  float b = std::asin(sinB), a = 0.0f, c = 0.0f;
  if (std::abs(sinB) < 0.9999f) {
    a = std::atan2(r[1][2], r[2][2]);
    c = std::atan2(r[0][1], r[0][0]);
  } else {
    // Gimbal lock: X and Z turn about the same axis; put it all in X.
    a = std::atan2(-r[2][1], r[1][1]);
  }
  parts.rotationDegrees = glm::degrees(glm::vec3(a, b, c));
  // -0.00 reads badly in the panel.
  for (int i = 0; i < 3; ++i) {
    if (std::abs(parts.rotationDegrees[i]) < 5e-3f) parts.rotationDegrees[i] = 0.0f;
  }
  return parts;
}

namespace {

glm::quat eulerRotation(const glm::vec3& degrees) {
  glm::vec3 r = glm::radians(degrees);
  return glm::angleAxis(r.z, glm::vec3(0, 0, 1)) * glm::angleAxis(r.y, glm::vec3(0, 1, 0)) *
         glm::angleAxis(r.x, glm::vec3(1, 0, 0));
}

}  // namespace

glm::mat4 composeTransform(const TransformParts& parts) {
  return glm::translate(glm::mat4(1.0f), parts.position) * glm::mat4_cast(eulerRotation(parts.rotationDegrees)) *
         glm::scale(glm::mat4(1.0f), parts.scale);
}

TransformParts placementOf(const scene::Transform& transform) {
  TransformParts parts;
  parts.position = transform.translation;
  parts.scale = transform.scale;
  parts.rotationDegrees = transform.eulerDegrees ? *transform.eulerDegrees
                                                 : decomposeTransform(glm::mat4_cast(transform.rotation)).rotationDegrees;
  return parts;
}

bool samePlacement(const TransformParts& a, const TransformParts& b) {
  auto close = [](const glm::vec3& x, const glm::vec3& y) {
    return glm::all(glm::lessThanEqual(glm::abs(x - y), glm::vec3(1e-3f)));
  };
  return close(a.position, b.position) && close(a.scale, b.scale) &&
         std::abs(glm::dot(eulerRotation(a.rotationDegrees), eulerRotation(b.rotationDegrees))) > 1.0f - 1e-6f;
}

namespace {

std::string textures(const assets::Material& m) {
  std::string out;
  auto add = [&](const assets::TextureRef& t, const char* name) {
    if (!t.present()) return;
    out += fmt::format("{}{} #{}", out.empty() ? "" : ", ", name, t.texture);
  };
  add(m.baseColor, "base colour");
  add(m.metallicRoughness, "metallic-roughness");
  add(m.normal, "normal");
  add(m.occlusion, "occlusion");
  add(m.emissive, "emissive");
  return out.empty() ? "no textures" : "textures: " + out;
}

const char* alphaName(assets::AlphaMode mode) {
  switch (mode) {
    case assets::AlphaMode::Mask: return "mask";
    case assets::AlphaMode::Blend: return "blend";
    default: return "opaque";
  }
}

}  // namespace

std::string describeModel(const ShownModel& model) {
  TransformParts t = decomposeTransform(model.transform);
  std::string out = fmt::format("selected model '{}' ({})\n", model.id, model.file.string());
  out += fmt::format("  position ({:.2f}, {:.2f}, {:.2f})  rotation ({:.1f}, {:.1f}, {:.1f}) deg  scale ({:.2f}, {:.2f}, {:.2f})\n",
                     t.position.x, t.position.y, t.position.z, t.rotationDegrees.x, t.rotationDegrees.y,
                     t.rotationDegrees.z, t.scale.x, t.scale.y, t.scale.z);
  if (model.worldBounds.valid()) {
    const auto& b = model.worldBounds;
    out += fmt::format("  world bounds ({:.2f}, {:.2f}, {:.2f})-({:.2f}, {:.2f}, {:.2f}), {} triangles\n", b.min.x,
                       b.min.y, b.min.z, b.max.x, b.max.y, b.max.z, model.stats.triangles);
  }
  for (const auto& m : model.materials) {
    out += fmt::format("  material '{}': base colour ({:.2f}, {:.2f}, {:.2f}, {:.2f}), metallic {:.2f}, roughness {:.2f}, "
                       "{}{}; {}\n", m.name, m.baseColorFactor.r, m.baseColorFactor.g, m.baseColorFactor.b,
                       m.baseColorFactor.a, m.metallicFactor, m.roughnessFactor, alphaName(m.alphaMode),
                       m.doubleSided ? ", double-sided" : "", textures(m));
  }
  if (model.materials.empty()) out += "  no materials (the default material)\n";
  return out;
}

}  // namespace sc::app
