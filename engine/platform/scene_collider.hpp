#pragma once
// CPU-side geometry queries against a scene's triangles, for the walk camera (ground height,
// walls) and for picking (is a point of interest hidden behind a wall?). Pure math: no GPU, no
// window; tested on hand-made geometry.
//
// The triangles are copied in world space into a uniform grid over the XZ plane (the ground
// plane: +Y is up). A ray walks the grid cells it crosses (2D DDA) and tests the triangles of
// each; a vertical ray tests one cell. Triangles are two-sided (content often has open meshes).
//
// Limits: at most kMaxColliderTriangles triangles are kept (the rest are dropped with a
// warning: a scene above that is too heavy for a kiosk anyway); the grid has at most
// kMaxColliderCells cells per side. Skinned primitives (the guide) are skipped: they move.
// Build cost: about 1 s per million triangles on one core of the 2-core CI machine.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "assets/model.hpp"

namespace sc::platform {

inline constexpr std::size_t kMaxColliderTriangles = 4'000'000;
inline constexpr std::uint32_t kMaxColliderCells = 512;

struct RayHit {
  float distance = 0.0f;  // along the (unit) direction
  glm::vec3 point{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};  // unit, facing the ray's origin
};

class SceneCollider {
 public:
  // Adds a triangle list (`indices` into `positions`, three per triangle; indices out of range
  // and degenerate triangles are skipped) placed by `transform`. Call build() afterwards.
  void addTriangles(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices,
                    const glm::mat4& transform);
  // Every non-skinned mesh primitive of `model`, at its rest pose, placed by `transform`.
  void addModel(const assets::Model& model, const glm::mat4& transform);
  // Sorts the triangles into the grid. Queries before build() see no geometry.
  void build();

  // The nearest triangle along `direction` (need not be unit; a zero vector hits nothing)
  // within `maxDistance` metres of `origin`.
  std::optional<RayHit> raycast(const glm::vec3& origin, const glm::vec3& direction, float maxDistance) const;
  // The height of the first surface straight below `from` (within `maxDrop` metres), e.g. the
  // ground under a walker's knees.
  std::optional<float> heightBelow(const glm::vec3& from, float maxDrop) const;

  std::size_t triangleCount() const { return triangles_.size(); }
  bool empty() const { return triangles_.empty(); }
  // World-space bounds of all triangles (invalid when empty).
  const assets::Bounds& bounds() const { return bounds_; }

 private:
  struct Triangle {
    glm::vec3 a, edge1, edge2;
  };
  std::vector<Triangle> triangles_;
  assets::Bounds bounds_;
  // The grid: cellStart_[c]..cellStart_[c+1] index cellTriangles_ for cell c = z * cellsX_ + x.
  glm::vec2 gridOrigin_{0.0f};
  float cellSize_ = 1.0f;
  std::uint32_t cellsX_ = 0, cellsZ_ = 0;
  std::vector<std::uint32_t> cellStart_;
  std::vector<std::uint32_t> cellTriangles_;
  bool dropped_ = false;

  bool hitTriangle(const Triangle& t, const glm::vec3& origin, const glm::vec3& direction, float maxDistance,
                   RayHit& best) const;
};

}  // namespace sc::platform
