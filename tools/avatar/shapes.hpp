#pragma once
// Geometry and skinning helpers for the guide: lofted tubes (rings of superellipses),
// ellipsoids, welded smooth normals, per-vertex weights from a function of the rest position,
// and mirroring a left-side part onto the right side.
#include <functional>
#include <span>
#include <vector>

#include "guide_model.hpp"

namespace sc::avatar {

// Up to 4 (joint, weight) pairs: add() merges repeated joints; finish() keeps the 4 largest and
// normalises them to sum 1 (a vertex with no influence gets `fallbackJoint` at weight 1).
class Influences {
 public:
  void add(int joint, float weight);
  void addScaled(const Influences& other, float scale);
  void finish(Vertex& v, int fallbackJoint = 0) const;

 private:
  struct Entry {
    int joint;
    float weight;
  };
  std::vector<Entry> entries_;
};

// A joint that owns a chain from coordinate `s` on (arm: x, leg: -y, torso: y).
struct ChainStop {
  float s;
  int joint;
  float blend;  // half-width of the smooth hand-over from the previous stop's joint
};
// Smoothstep hand-over between consecutive stops along a 1D coordinate; stops sorted by s.
Influences chainInfluences(float s, std::span<const ChainStop> stops);

float smoothstep(float e0, float e1, float x);

// One cross-section of a loft: centre + u * ru * cx(a) + v * rv * sy(a), where (cx, sy) is a
// superellipse of the given exponent (2 = ellipse) and a runs from angle0 to angle1.
// cross(u, v) should point along the loft (from this ring to the next) so faces wind outwards.
struct Ring {
  glm::vec3 centre{0.0f};
  glm::vec3 u{0.0f, 0.0f, 1.0f};
  glm::vec3 v{1.0f, 0.0f, 0.0f};
  float ru = 1.0f;
  float rv = 1.0f;
  float texV = 0.0f;
  float exponent = 2.0f;
};

struct LoftOptions {
  int segments = 32;
  float angle0 = 0.0f;          // radians; a full loop when angle1 - angle0 == 2 pi
  float angle1 = 6.28318531f;
  bool capStart = false;
  bool capEnd = false;
  glm::vec2 texU{0.0f, 1.0f};   // u at angle0 and angle1
};

// The point of a ring at angle a.
glm::vec3 ringPoint(const Ring& ring, float a);

// Appends a loft to `part`; returns the index of its first vertex.
std::uint32_t loft(Primitive& part, std::span<const Ring> rings, const LoftOptions& options);

// Ellipsoid with radii along basis columns, centred at c; uv = (longitude, latitude) mapped to
// the uv rectangle [uv0, uv1]; the poles lie along basis[1].
std::uint32_t ellipsoid(Primitive& part, glm::vec3 c, glm::vec3 radii, const glm::mat3& basis,
                        int segments, int rings, glm::vec2 uv0 = {0.0f, 0.0f},
                        glm::vec2 uv1 = {1.0f, 1.0f});

// Smooth normals for vertices [first, end): area-weighted face normals, welded across vertices
// at the same position (loft seams, ring-0 of the mouth is NOT welded: pass weld=false there).
void computeNormals(Primitive& part, std::uint32_t first, bool weld = true);

// Sets joints/weights of vertices [first, end) from their rest positions.
void applyWeights(Primitive& part, std::uint32_t first,
                  const std::function<Influences(const glm::vec3&)>& weights);

// Appends `src` to `dst`; with mirror, x is negated (positions and normals), triangle winding
// is flipped to stay outward and joints are renamed through jointMap (index -> index).
void appendPart(Primitive& dst, const Primitive& src, bool mirror,
                std::span<const int> jointMap = {});

}  // namespace sc::avatar
