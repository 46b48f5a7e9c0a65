#include "anim/transform.hpp"

#include <algorithm>
#include <cmath>

namespace sc::anim {

glm::mat4 Transform::matrix() const {
  glm::mat4 m = glm::mat4_cast(rotation);
  m[0] *= scale.x;
  m[1] *= scale.y;
  m[2] *= scale.z;
  m[3] = glm::vec4(translation, 1.0f);
  return m;
}

glm::quat slerpShortest(const glm::quat& a, const glm::quat& b, float t) {
  float cosTheta = glm::dot(a, b);
  glm::quat end = b;
  // q and -q are the same orientation; negating picks the shorter of the two arcs.
  if (cosTheta < 0.0f) {
    end = -b;
    cosTheta = -cosTheta;
  }
  if (cosTheta > 0.9999995f) {
    // sin(theta) is too small to divide by; the arc is a straight line at this scale.
    return glm::normalize(a * (1.0f - t) + end * t);
  }
  const float theta = std::acos(std::min(cosTheta, 1.0f));
  const float sinTheta = std::sin(theta);
  const float wa = std::sin((1.0f - t) * theta) / sinTheta;
  const float wb = std::sin(t * theta) / sinTheta;
  return a * wa + end * wb;
}

glm::quat nlerpShortest(const glm::quat& a, const glm::quat& b, float t) {
  const glm::quat end = glm::dot(a, b) < 0.0f ? -b : b;
  return glm::normalize(a * (1.0f - t) + end * t);
}

Transform mix(const Transform& a, const Transform& b, float t) {
  Transform r;
  r.translation = glm::mix(a.translation, b.translation, t);
  r.rotation = slerpShortest(a.rotation, b.rotation, t);
  r.scale = glm::mix(a.scale, b.scale, t);
  return r;
}

glm::quat rotationBetween(const glm::vec3& fromIn, const glm::vec3& toIn) {
  const glm::vec3 from = glm::normalize(fromIn);
  const glm::vec3 to = glm::normalize(toIn);
  const float c = glm::dot(from, to);
  if (c < -0.999999f) {
    // Opposite vectors: any perpendicular axis works; take the one least aligned with `from`.
    glm::vec3 axis = glm::cross(glm::vec3(1.0f, 0.0f, 0.0f), from);
    if (glm::dot(axis, axis) < 1e-6f) axis = glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), from);
    return glm::angleAxis(glm::pi<float>(), glm::normalize(axis));
  }
  // Half-angle construction: q = (1 + c, from x to) normalised, exact and without trig.
  const glm::vec3 axis = glm::cross(from, to);
  return glm::normalize(glm::quat(1.0f + c, axis.x, axis.y, axis.z));
}

glm::quat rotationOf(const glm::mat4& m) {
  glm::mat3 r(m);
  r[0] = glm::normalize(r[0]);
  r[1] = glm::normalize(r[1]);
  r[2] = glm::normalize(r[2]);
  return glm::normalize(glm::quat_cast(r));
}

float angleBetween(const glm::quat& a, const glm::quat& b) {
  // atan2 of the relative rotation's vector and scalar parts: acos(dot) loses everything below
  // about 0.04 degrees in float precision, this stays accurate near zero.
  const glm::quat d = glm::conjugate(a) * b;
  return 2.0f * std::atan2(glm::length(glm::vec3(d.x, d.y, d.z)), std::abs(d.w));
}

}  // namespace sc::anim
