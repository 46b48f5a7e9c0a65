#include "head_shape.hpp"

#include <algorithm>
#include <cmath>

namespace sc::avatar::head {
namespace {

float smooth(float e0, float e1, float x) {
  float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

float bump(glm::vec2 q, glm::vec2 c, glm::vec2 sigma) {
  const glm::vec2 d = (q - c) / sigma;
  return std::exp(-0.5f * glm::dot(d, d));
}

constexpr float kFaceCompressAt = 1.2f;   // |p| where the texture starts compressing
constexpr float kFaceInnerRadius = 0.36f;  // uv radius reached at kFaceCompressAt

}  // namespace

float skullRadius(const glm::vec3& d) {
  const float down = std::max(0.0f, -d.y);
  const float rx = 0.079f * (1.0f - 0.27f * std::pow(down, 1.5f));
  // The lower face reaches further down at the front (chin) than under the skull (jaw line).
  const float ry = d.y >= 0.0f ? 0.094f : 0.093f + 0.024f * std::max(0.0f, d.z);
  const float rz = d.z >= 0.0f ? 0.104f * (1.0f - 0.10f * down * down)
                               : 0.093f * (1.0f - 0.42f * down);
  const glm::vec3 q(d.x / rx, d.y / ry, d.z / rz);
  return 1.0f / std::sqrt(glm::dot(q, q));
}

float featureOffset(const glm::vec3& s, const glm::vec3& d) {
  const float front = smooth(0.25f, 0.65f, d.z);
  if (front <= 0.0f) return 0.0f;
  const glm::vec2 q(s.x, s.y);
  float off = 0.0f;
  off += 0.0058f * bump(q, {0.0f, 1.5845f}, {0.0070f, 0.0075f}); // nose tip
  off += 0.0008f * bump(q, {0.0f, 1.600f}, {0.0050f, 0.012f});   // nose bridge
  off += 0.0010f * bump(q, {0.0f, 1.5785f}, {0.0090f, 0.0035f}); // nostril wings
  for (float side : {-1.0f, 1.0f}) {
    off -= 0.0036f * bump(q, {side * 0.034f, 1.620f}, {0.013f, 0.011f});  // eye sockets
    off += 0.0020f * bump(q, {side * 0.030f, 1.646f}, {0.020f, 0.006f});  // brow ridge
    off += 0.0058f * bump(q, {side * 0.045f, 1.576f}, {0.020f, 0.020f});  // cheeks
    off += 0.0030f * bump(q, {side * 0.040f, 1.540f}, {0.015f, 0.015f});  // soft jaw
    off -= 0.0015f * bump(q, {side * 0.025f, 1.556f}, {0.004f, 0.004f});  // mouth corners
  }
  off += 0.0045f * bump(q, {0.0f, 1.522f}, {0.014f, 0.011f});   // chin
  off += 0.0025f * bump(q, {0.0f, 1.5605f}, {0.013f, 0.004f});  // upper lip
  off += 0.0030f * bump(q, {0.0f, 1.5500f}, {0.011f, 0.0045f}); // lower lip
  return off * front;
}

glm::vec3 surfacePoint(const glm::vec3& d) {
  const glm::vec3 s = kCentre + d * skullRadius(d);
  return s + d * featureOffset(s, d);
}

glm::vec3 mouthAxis() { return glm::normalize(glm::vec3(0.0f, -0.051f, 0.090f)); }

glm::vec3 mouthUp() {
  const glm::vec3 a = mouthAxis();
  return glm::normalize(glm::vec3(0, 1, 0) - a * a.y);
}

glm::vec3 mouthCentre() { return surfacePoint(mouthAxis()); }

glm::vec3 directionFromParam(glm::vec2 p) {
  const float theta = glm::length(p);
  if (theta < 1e-9f) return mouthAxis();
  const glm::vec2 dir = p / theta;
  const glm::vec3 side = glm::vec3(1, 0, 0) * dir.x + mouthUp() * dir.y;
  return glm::normalize(mouthAxis() * std::cos(theta) + side * std::sin(theta));
}

glm::vec2 faceUv(glm::vec2 p) {
  const float rho = glm::length(p);
  if (rho < 1e-9f) return {0.5f, 0.5f};
  const float k = kFaceInnerRadius / kFaceCompressAt;
  const float r = rho <= kFaceCompressAt
                      ? rho * k
                      : kFaceInnerRadius + (rho - kFaceCompressAt) *
                                               (kFaceDiskRadius - kFaceInnerRadius) /
                                               (3.14159265f - kFaceCompressAt);
  const glm::vec2 q = p / rho * r;
  return {0.5f + q.x, 0.5f - q.y};
}

glm::vec2 paramFromFaceUv(glm::vec2 uv) {
  const glm::vec2 q(uv.x - 0.5f, 0.5f - uv.y);
  const float r = glm::length(q);
  if (r < 1e-9f) return {0.0f, 0.0f};
  const float k = kFaceInnerRadius / kFaceCompressAt;
  const float rho = r <= kFaceInnerRadius
                        ? r / k
                        : kFaceCompressAt + (r - kFaceInnerRadius) *
                                                (3.14159265f - kFaceCompressAt) /
                                                (kFaceDiskRadius - kFaceInnerRadius);
  return q / r * rho;
}

}  // namespace sc::avatar::head
