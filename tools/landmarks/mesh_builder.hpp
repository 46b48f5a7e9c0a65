#pragma once
// Geometry primitives for procedural landmarks. Everything is in metres, +Y up, triangles wound
// counter-clockwise seen from outside. Texture coordinates are in metres divided by a tile size
// (uvScale), so a texture repeats every uvScale metres whatever the size of the shape; v grows
// downwards as in glTF, so an image's top row is at the top of a wall.
#include <cstdint>
#include <functional>
#include <vector>

#include <glm/glm.hpp>

namespace sc::landmarks {

// Heightfields never use cells larger than this (metres), so their diagonals stay under 20 m.
inline constexpr float kMaxGroundCell = 14.0f;

struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec2 uv{0.0f};
};

// One material's worth of triangles (becomes one glTF primitive).
struct MeshPart {
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;
  std::size_t triangleCount() const { return indices.size() / 3; }
  bool empty() const { return indices.empty(); }
};

// Appends shapes to a MeshPart through a current local-to-model transform (rotation, translation
// and uniform scale; normals are transformed with the inverse transpose).
class MeshBuilder {
 public:
  explicit MeshBuilder(MeshPart& out) : out_(&out) {}

  void setTransform(const glm::mat4& m);
  // Translation plus rotation about +Y by yawRadians (the common case for buildings).
  void setPlacement(glm::vec3 origin, float yawRadians);
  void resetTransform() { setTransform(glm::mat4(1.0f)); }

  // A planar quad p0..p3 (counter-clockwise seen from the front); uv from the edge lengths.
  void quad(glm::vec3 p0, glm::vec3 p1, glm::vec3 p2, glm::vec3 p3, float uvScaleU = 1.0f,
            float uvScaleV = 1.0f);
  // A triangle with explicit uvs.
  void triangle(const Vertex& a, const Vertex& b, const Vertex& c);
  // Axis-aligned box (in local space); every face mapped in metres / uvScale. withBottom=false
  // leaves the bottom face out (boxes standing on the ground).
  void box(glm::vec3 lo, glm::vec3 hi, float uvScale = 1.0f, bool withBottom = false);
  // Box mapped so one texture tile covers tileW x tileH metres on the four walls (facades whose
  // image holds one bay of one storey); roof and bottom use tileW in both directions.
  void facadeBox(glm::vec3 lo, glm::vec3 hi, float tileW, float tileH, bool withTop = true);
  // Frustum of an n-gon/cylinder along +Y from centre c: radius r0 at the bottom, r1 at the top.
  // smooth=true shares normals around (round), false gives flat faces (prisms).
  void frustum(glm::vec3 c, float r0, float r1, float height, int sides, bool smooth,
               bool capBottom, bool capTop, float uvScaleU = 1.0f, float uvScaleV = 1.0f,
               float angle0 = 0.0f);
  // Box of the given cross-section (width x height) centred on the segment a-b (a beam or track);
  // the cross-section stays level (no roll).
  void beam(glm::vec3 a, glm::vec3 b, float width, float height, float uvScale = 1.0f);
  // Flared ring roof (Temple of Heaven style): from outer radius rOut at height y0 rising to
  // rIn at y1, with the eave lip curving up by upturn metres; top open (inner ring) unless rIn==0.
  void ringRoof(glm::vec3 c, float rOut, float rIn, float y0, float y1, float upturn, int sides,
                float uvScale);
  // Pitched roof over a rectangle (length along local X, width along Z) with overhang, whose
  // eaves and corners curve upwards (Chinese upturned eaves): a surface grid plus an underside.
  // hip=true slopes the ends too (hip roof), false makes a gable roof.
  void curvedRoof(glm::vec3 centre, float length, float width, float rise, float overhang,
                  float upturn, bool hip, float uvScale);
  // Regular grid over [x0,x1]x[z0,z1] with nx*nz cells (more where a cell would be larger than
  // kMaxGroundCell); heights from height(x, z); normals by central differences; uv = (x, z) / uvScale.
  void heightfield(float x0, float z0, float x1, float z1, int nx, int nz,
                   const std::function<float(float, float)>& height, float uvScale);
  // Vertical walls from y0 to y1 around a simple polygon in XZ (counter-clockwise seen from
  // above), plus a flat top cap (ear clipping). uv: u along the perimeter, v downwards.
  void extrude(const std::vector<glm::vec2>& polygonXZ, float y0, float y1, float tileW,
               float tileH, bool capTop);
  // A partial ring wall (arc) of the given thickness, from angle a0 to a1 (radians about +Y,
  // measured from +X towards -Z... standard atan2(-z, x)), used for curved facades.
  void arcWall(glm::vec3 c, float radius, float thickness, float a0, float a1, float y0, float y1,
               int segments, float tileW, float tileH);
  // Dome (spherical cap) of radius r and height h over centre c.
  void dome(glm::vec3 c, float r, float h, int sides, int rings, float uvScale);

  // Low-level: adds one vertex (through the current transform) and returns its index; and a
  // triangle of indices returned by addVertex.
  std::uint32_t addVertex(const Vertex& v);
  void addTriangle(std::uint32_t a, std::uint32_t b, std::uint32_t c);

  MeshPart& part() { return *out_; }

 private:
  MeshPart* out_;
  glm::mat4 m_{1.0f};
  glm::mat3 n_{1.0f};
};

// Bisects every triangle edge longer than maxEdge (metres) until none is, interpolating normals
// and uvs linearly (exact for the planar faces the builders make). Shared welded edges get shared
// midpoints, and the result is crack-free and deterministic. Big ground, water and wall triangles
// that cross the screen edge are very slow on CPU rasterisers with MSAA; this keeps them moderate.
void splitLongEdges(MeshPart& part, float maxEdge);

}  // namespace sc::landmarks
