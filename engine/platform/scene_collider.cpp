#include "platform/scene_collider.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <spdlog/spdlog.h>

namespace sc::platform {

void SceneCollider::addTriangles(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices,
                                 const glm::mat4& transform) {
  for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
    if (triangles_.size() >= kMaxColliderTriangles) {
      if (!dropped_) spdlog::warn("walk collider: more than {} triangles, the rest are ignored", kMaxColliderTriangles);
      dropped_ = true;
      return;
    }
    std::uint32_t ia = indices[i], ib = indices[i + 1], ic = indices[i + 2];
    if (ia >= positions.size() || ib >= positions.size() || ic >= positions.size()) continue;
    glm::vec3 a = glm::vec3(transform * glm::vec4(positions[ia], 1.0f));
    glm::vec3 b = glm::vec3(transform * glm::vec4(positions[ib], 1.0f));
    glm::vec3 c = glm::vec3(transform * glm::vec4(positions[ic], 1.0f));
    glm::vec3 e1 = b - a, e2 = c - a;
    if (glm::length(glm::cross(e1, e2)) < 1e-10f) continue;  // degenerate: no area to hit
    triangles_.push_back({a, e1, e2});
    bounds_.add(a);
    bounds_.add(b);
    bounds_.add(c);
  }
}

void SceneCollider::addModel(const assets::Model& model, const glm::mat4& transform) {
  std::vector<glm::mat4> world = model.worldMatrices();
  std::vector<glm::vec3> positions;
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    const assets::Node& node = model.nodes[n];
    if (node.mesh < 0 || std::size_t(node.mesh) >= model.meshes.size() || node.skin >= 0) continue;
    glm::mat4 placed = transform * world[n];
    for (const auto& primitive : model.meshes[std::size_t(node.mesh)].primitives) {
      if (!primitive.skin.empty()) continue;
      positions.resize(primitive.vertices.size());
      for (std::size_t v = 0; v < positions.size(); ++v) positions[v] = primitive.vertices[v].position;
      addTriangles(positions, primitive.indices, placed);
    }
  }
}

void SceneCollider::build() {
  cellStart_.clear();
  cellTriangles_.clear();
  cellsX_ = cellsZ_ = 0;
  if (triangles_.empty()) return;
  // About eight triangles per cell on average, cells no smaller than 25 cm.
  glm::vec2 size{bounds_.max.x - bounds_.min.x, bounds_.max.z - bounds_.min.z};
  float area = std::max(size.x, 0.01f) * std::max(size.y, 0.01f);
  float cells = std::max(1.0f, float(triangles_.size()) / 8.0f);
  cellSize_ = std::max(0.25f, std::sqrt(area / cells));
  cellSize_ = std::max({cellSize_, size.x / float(kMaxColliderCells), size.y / float(kMaxColliderCells)});
  gridOrigin_ = {bounds_.min.x, bounds_.min.z};
  cellsX_ = std::clamp(std::uint32_t(std::floor(size.x / cellSize_)) + 1, 1u, kMaxColliderCells);
  cellsZ_ = std::clamp(std::uint32_t(std::floor(size.y / cellSize_)) + 1, 1u, kMaxColliderCells);

  auto cellRange = [&](const Triangle& t, std::uint32_t& x0, std::uint32_t& x1, std::uint32_t& z0, std::uint32_t& z1) {
    glm::vec3 b = t.a + t.edge1, c = t.a + t.edge2;
    auto cellOf = [&](float v, float origin, std::uint32_t count) {
      return std::min(count - 1, std::uint32_t(std::max(0.0f, (v - origin) / cellSize_)));
    };
    x0 = cellOf(std::min({t.a.x, b.x, c.x}), gridOrigin_.x, cellsX_);
    x1 = cellOf(std::max({t.a.x, b.x, c.x}), gridOrigin_.x, cellsX_);
    z0 = cellOf(std::min({t.a.z, b.z, c.z}), gridOrigin_.y, cellsZ_);
    z1 = cellOf(std::max({t.a.z, b.z, c.z}), gridOrigin_.y, cellsZ_);
  };
  // Two passes (count, then fill) keep the grid in two flat arrays.
  std::vector<std::uint32_t> counts(std::size_t(cellsX_) * cellsZ_ + 1, 0);
  for (const auto& t : triangles_) {
    std::uint32_t x0, x1, z0, z1;
    cellRange(t, x0, x1, z0, z1);
    for (std::uint32_t z = z0; z <= z1; ++z)
      for (std::uint32_t x = x0; x <= x1; ++x) ++counts[std::size_t(z) * cellsX_ + x];
  }
  cellStart_.assign(counts.size(), 0);
  for (std::size_t c = 1; c < counts.size(); ++c) cellStart_[c] = cellStart_[c - 1] + counts[c - 1];
  cellTriangles_.resize(cellStart_.back());
  std::vector<std::uint32_t> fill(cellStart_.begin(), cellStart_.end() - 1);
  for (std::uint32_t i = 0; i < triangles_.size(); ++i) {
    std::uint32_t x0, x1, z0, z1;
    cellRange(triangles_[i], x0, x1, z0, z1);
    for (std::uint32_t z = z0; z <= z1; ++z)
      for (std::uint32_t x = x0; x <= x1; ++x) cellTriangles_[fill[std::size_t(z) * cellsX_ + x]++] = i;
  }
}

// Möller-Trumbore, both faces.
bool SceneCollider::hitTriangle(const Triangle& t, const glm::vec3& origin, const glm::vec3& direction,
                                float maxDistance, RayHit& best) const {
  glm::vec3 p = glm::cross(direction, t.edge2);
  float det = glm::dot(t.edge1, p);
  if (std::abs(det) < 1e-12f) return false;
  float inv = 1.0f / det;
  glm::vec3 s = origin - t.a;
  float u = glm::dot(s, p) * inv;
  if (u < 0.0f || u > 1.0f) return false;
  glm::vec3 q = glm::cross(s, t.edge1);
  float v = glm::dot(direction, q) * inv;
  if (v < 0.0f || u + v > 1.0f) return false;
  float distance = glm::dot(t.edge2, q) * inv;
  if (distance < 0.0f || distance > maxDistance || distance >= best.distance) return false;
  glm::vec3 normal = glm::normalize(glm::cross(t.edge1, t.edge2));
  if (glm::dot(normal, direction) > 0.0f) normal = -normal;
  best = {distance, origin + direction * distance, normal};
  return true;
}

std::optional<RayHit> SceneCollider::raycast(const glm::vec3& origin, const glm::vec3& directionIn,
                                             float maxDistance) const {
  float length = glm::length(directionIn);
  if (cellsX_ == 0 || length < 1e-9f || !(maxDistance > 0.0f)) return std::nullopt;
  glm::vec3 direction = directionIn / length;
  RayHit best;
  best.distance = std::numeric_limits<float>::max();
  bool found = false;

  // Clip the ray's XZ projection to the grid rectangle.
  glm::vec2 o{origin.x, origin.z}, d{direction.x, direction.z};
  glm::vec2 lo = gridOrigin_, hi = gridOrigin_ + glm::vec2(float(cellsX_), float(cellsZ_)) * cellSize_;
  float tEnter = 0.0f, tExit = maxDistance;
  for (int axis = 0; axis < 2; ++axis) {
    if (std::abs(d[axis]) < 1e-9f) {
      if (o[axis] < lo[axis] || o[axis] > hi[axis]) return std::nullopt;
      continue;
    }
    float t0 = (lo[axis] - o[axis]) / d[axis], t1 = (hi[axis] - o[axis]) / d[axis];
    if (t0 > t1) std::swap(t0, t1);
    tEnter = std::max(tEnter, t0);
    tExit = std::min(tExit, t1);
  }
  if (tEnter > tExit) return std::nullopt;

  // Walk the cells (Amanatides-Woo in 2D) from the entry point.
  glm::vec2 start = o + d * tEnter;
  int cx = std::clamp(int((start.x - lo.x) / cellSize_), 0, int(cellsX_) - 1);
  int cz = std::clamp(int((start.y - lo.y) / cellSize_), 0, int(cellsZ_) - 1);
  int stepX = d.x > 0 ? 1 : -1, stepZ = d.y > 0 ? 1 : -1;
  auto boundary = [&](int cell, int step, float lowEdge) {
    return lowEdge + float(cell + (step > 0 ? 1 : 0)) * cellSize_;
  };
  float nextX = std::abs(d.x) < 1e-9f ? std::numeric_limits<float>::max() : (boundary(cx, stepX, lo.x) - o.x) / d.x;
  float nextZ = std::abs(d.y) < 1e-9f ? std::numeric_limits<float>::max() : (boundary(cz, stepZ, lo.y) - o.y) / d.y;
  float deltaX = std::abs(d.x) < 1e-9f ? std::numeric_limits<float>::max() : cellSize_ / std::abs(d.x);
  float deltaZ = std::abs(d.y) < 1e-9f ? std::numeric_limits<float>::max() : cellSize_ / std::abs(d.y);
  for (;;) {
    std::size_t cell = std::size_t(cz) * cellsX_ + std::size_t(cx);
    for (std::uint32_t k = cellStart_[cell]; k < cellStart_[cell + 1]; ++k) {
      found |= hitTriangle(triangles_[cellTriangles_[k]], origin, direction, maxDistance, best);
    }
    float cellExit = std::min(nextX, nextZ);
    // A hit inside this cell (or before its far edge) cannot be beaten by later cells.
    if (found && best.distance <= cellExit) break;
    if (cellExit > tExit) break;
    if (nextX < nextZ) {
      cx += stepX;
      nextX += deltaX;
    } else {
      cz += stepZ;
      nextZ += deltaZ;
    }
    if (cx < 0 || cz < 0 || cx >= int(cellsX_) || cz >= int(cellsZ_)) break;
  }
  if (!found) return std::nullopt;
  return best;
}

std::optional<float> SceneCollider::heightBelow(const glm::vec3& from, float maxDrop) const {
  auto hit = raycast(from, {0.0f, -1.0f, 0.0f}, maxDrop);
  if (!hit) return std::nullopt;
  return hit->point.y;
}

}  // namespace sc::platform
