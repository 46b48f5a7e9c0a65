#include "mesh_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>

namespace sc::landmarks {

namespace {

constexpr float kPi = 3.14159265358979f;

glm::vec3 ringPoint(glm::vec3 c, float r, float y, float a) {
  // Angle grows from +X towards -Z: rightwards for a viewer outside, so quads built
  // (a_i, a_i+1) bottom-to-top are counter-clockwise from outside.
  return c + glm::vec3(r * std::cos(a), y, -r * std::sin(a));
}

// Builds a (rows x cols) vertex grid whose normals come from central differences of the
// positions; triangles face the side of cross(d/dcol, d/drow) unless flip is set.
template <typename PosFn, typename UvFn>
void gridSurface(MeshBuilder& b, int rows, int cols, PosFn pos, UvFn uv, bool flip,
                 glm::vec3 fallbackNormal) {
  std::vector<glm::vec3> p(std::size_t(rows) * cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) p[std::size_t(i) * cols + j] = pos(i, j);
  auto at = [&](int i, int j) {
    i = std::clamp(i, 0, rows - 1);
    j = std::clamp(j, 0, cols - 1);
    return p[std::size_t(i) * cols + j];
  };
  std::vector<std::uint32_t> id(p.size());
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      glm::vec3 du = at(i, j + 1) - at(i, j - 1);
      glm::vec3 dv = at(i + 1, j) - at(i - 1, j);
      glm::vec3 n = glm::cross(du, dv);
      if (flip) n = -n;
      float len = glm::length(n);
      n = len > 1e-8f ? n / len : fallbackNormal;
      id[std::size_t(i) * cols + j] = b.addVertex(Vertex{at(i, j), n, uv(i, j)});
    }
  }
  for (int i = 0; i + 1 < rows; ++i) {
    for (int j = 0; j + 1 < cols; ++j) {
      std::uint32_t a = id[std::size_t(i) * cols + j], bb = id[std::size_t(i) * cols + j + 1];
      std::uint32_t c = id[std::size_t(i + 1) * cols + j + 1], d = id[std::size_t(i + 1) * cols + j];
      if (!flip) {
        b.addTriangle(a, bb, c);
        b.addTriangle(a, c, d);
      } else {
        b.addTriangle(a, c, bb);
        b.addTriangle(a, d, c);
      }
    }
  }
}

float cross2(glm::vec2 a, glm::vec2 b) { return a.x * b.y - a.y * b.x; }

}  // namespace

void MeshBuilder::setTransform(const glm::mat4& m) {
  m_ = m;
  n_ = glm::transpose(glm::inverse(glm::mat3(m)));
}

void MeshBuilder::setPlacement(glm::vec3 origin, float yawRadians) {
  setTransform(glm::rotate(glm::translate(glm::mat4(1.0f), origin), yawRadians,
                           glm::vec3(0.0f, 1.0f, 0.0f)));
}

std::uint32_t MeshBuilder::addVertex(const Vertex& v) {
  Vertex t = v;
  t.position = glm::vec3(m_ * glm::vec4(v.position, 1.0f));
  glm::vec3 n = n_ * v.normal;
  float len = glm::length(n);
  t.normal = len > 1e-8f ? n / len : glm::vec3(0.0f, 1.0f, 0.0f);
  out_->vertices.push_back(t);
  return std::uint32_t(out_->vertices.size() - 1);
}

void MeshBuilder::addTriangle(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  out_->indices.insert(out_->indices.end(), {a, b, c});
}

void MeshBuilder::triangle(const Vertex& a, const Vertex& b, const Vertex& c) {
  std::uint32_t ia = addVertex(a), ib = addVertex(b), ic = addVertex(c);
  out_->indices.insert(out_->indices.end(), {ia, ib, ic});
}

void MeshBuilder::quad(glm::vec3 p0, glm::vec3 p1, glm::vec3 p2, glm::vec3 p3, float su,
                       float sv) {
  glm::vec3 n = glm::cross(p1 - p0, p2 - p0);
  float len = glm::length(n);
  if (len < 1e-10f) return;
  n /= len;
  float lu = glm::length(p1 - p0) / su;
  float lv = glm::length(p3 - p0) / sv;
  std::uint32_t i0 = addVertex({p0, n, {0.0f, 0.0f}});
  std::uint32_t i1 = addVertex({p1, n, {lu, 0.0f}});
  std::uint32_t i2 = addVertex({p2, n, {lu, -lv}});
  std::uint32_t i3 = addVertex({p3, n, {0.0f, -lv}});
  out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
}

void MeshBuilder::box(glm::vec3 lo, glm::vec3 hi, float s, bool withBottom) {
  auto face = [&](glm::vec3 n, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec2 ua,
                  glm::vec2 ub, glm::vec2 uc, glm::vec2 ud) {
    std::uint32_t i0 = addVertex({a, n, ua / s}), i1 = addVertex({b, n, ub / s});
    std::uint32_t i2 = addVertex({c, n, uc / s}), i3 = addVertex({d, n, ud / s});
    out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
  };
  float x0 = lo.x, y0 = lo.y, z0 = lo.z, x1 = hi.x, y1 = hi.y, z1 = hi.z;
  // Walls: u runs rightwards for a viewer outside, v = -y (image top at the top).
  face({0, 0, 1}, {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, {x0, -y0}, {x1, -y0},
       {x1, -y1}, {x0, -y1});
  face({0, 0, -1}, {x1, y0, z0}, {x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, {-x1, -y0}, {-x0, -y0},
       {-x0, -y1}, {-x1, -y1});
  face({1, 0, 0}, {x1, y0, z1}, {x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {-z1, -y0}, {-z0, -y0},
       {-z0, -y1}, {-z1, -y1});
  face({-1, 0, 0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {x0, y1, z0}, {z0, -y0}, {z1, -y0},
       {z1, -y1}, {z0, -y1});
  face({0, 1, 0}, {x0, y1, z1}, {x1, y1, z1}, {x1, y1, z0}, {x0, y1, z0}, {x0, z1}, {x1, z1},
       {x1, z0}, {x0, z0});
  if (withBottom)
    face({0, -1, 0}, {x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}, {x0, z0}, {x1, z0},
         {x1, z1}, {x0, z1});
}

void MeshBuilder::facadeBox(glm::vec3 lo, glm::vec3 hi, float tw, float th, bool withTop) {
  auto face = [&](glm::vec3 n, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, float w,
                  float h) {
    std::uint32_t i0 = addVertex({a, n, {0.0f, 0.0f}}), i1 = addVertex({b, n, {w / tw, 0.0f}});
    std::uint32_t i2 = addVertex({c, n, {w / tw, -h / th}}), i3 = addVertex({d, n, {0.0f, -h / th}});
    out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
  };
  float x0 = lo.x, y0 = lo.y, z0 = lo.z, x1 = hi.x, y1 = hi.y, z1 = hi.z;
  float w = x1 - x0, d = z1 - z0, h = y1 - y0;
  face({0, 0, 1}, {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, w, h);
  face({0, 0, -1}, {x1, y0, z0}, {x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, w, h);
  face({1, 0, 0}, {x1, y0, z1}, {x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, d, h);
  face({-1, 0, 0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {x0, y1, z0}, d, h);
  if (withTop) {
    // The roof takes the texture's top-left corner region only: a dark/neutral band.
    std::uint32_t i0 = addVertex({{x0, y1, z1}, {0, 1, 0}, {0.02f, 0.02f}});
    std::uint32_t i1 = addVertex({{x1, y1, z1}, {0, 1, 0}, {0.03f, 0.02f}});
    std::uint32_t i2 = addVertex({{x1, y1, z0}, {0, 1, 0}, {0.03f, 0.03f}});
    std::uint32_t i3 = addVertex({{x0, y1, z0}, {0, 1, 0}, {0.02f, 0.03f}});
    out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
  }
}

void MeshBuilder::frustum(glm::vec3 c, float r0, float r1, float h, int sides, bool smooth,
                          bool capBottom, bool capTop, float su, float sv, float angle0) {
  float rAvg = 0.5f * (r0 + r1);
  for (int i = 0; i < sides; ++i) {
    float a0 = angle0 + 2.0f * kPi * float(i) / float(sides);
    float a1 = angle0 + 2.0f * kPi * float(i + 1) / float(sides);
    glm::vec3 p0 = ringPoint(c, r0, 0.0f, a0), p1 = ringPoint(c, r0, 0.0f, a1);
    glm::vec3 p2 = ringPoint(c, r1, h, a1), p3 = ringPoint(c, r1, h, a0);
    float u0 = rAvg * (a0 - angle0) / su, u1 = rAvg * (a1 - angle0) / su;
    if (smooth) {
      auto nrm = [&](float a) {
        return glm::normalize(glm::vec3(std::cos(a) * h, r0 - r1, -std::sin(a) * h));
      };
      glm::vec3 n0 = nrm(a0), n1 = nrm(a1);
      std::uint32_t i0 = addVertex({p0, n0, {u0, 0}}), i1 = addVertex({p1, n1, {u1, 0}});
      std::uint32_t i2 = addVertex({p2, n1, {u1, -h / sv}}), i3 = addVertex({p3, n0, {u0, -h / sv}});
      out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
    } else {
      glm::vec3 n = glm::normalize(glm::cross(p1 - p0, p2 - p0));
      if (glm::length(p2 - p3) < 1e-6f) n = glm::normalize(glm::cross(p1 - p0, p3 - p0));
      std::uint32_t i0 = addVertex({p0, n, {0, 0}}), i1 = addVertex({p1, n, {(u1 - u0), 0}});
      std::uint32_t i2 = addVertex({p2, n, {(u1 - u0), -h / sv}}), i3 = addVertex({p3, n, {0, -h / sv}});
      out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
    }
    if (capTop && r1 > 0.0f) {
      glm::vec3 ct = c + glm::vec3(0, h, 0);
      triangle({ct, {0, 1, 0}, {0, 0}}, {p3, {0, 1, 0}, glm::vec2(p3.x - c.x, p3.z - c.z) / su},
               {p2, {0, 1, 0}, glm::vec2(p2.x - c.x, p2.z - c.z) / su});
    }
    if (capBottom && r0 > 0.0f) {
      triangle({c, {0, -1, 0}, {0, 0}}, {p1, {0, -1, 0}, glm::vec2(p1.x - c.x, p1.z - c.z) / su},
               {p0, {0, -1, 0}, glm::vec2(p0.x - c.x, p0.z - c.z) / su});
    }
  }
}

void MeshBuilder::beam(glm::vec3 a, glm::vec3 b, float width, float height, float s) {
  glm::vec3 d = b - a;
  float len = glm::length(d);
  if (len < 1e-6f) return;
  glm::vec3 f = d / len;
  glm::vec3 r = glm::cross(f, glm::vec3(0, 1, 0));
  r = glm::length(r) < 1e-6f ? glm::vec3(1, 0, 0) : glm::normalize(r);
  glm::vec3 u = glm::normalize(glm::cross(r, f));
  glm::vec3 hw = r * (0.5f * width), hh = u * (0.5f * height);
  // Corners at each end: (-r,-u), (+r,-u), (+r,+u), (-r,+u).
  glm::vec3 A[4] = {a - hw - hh, a + hw - hh, a + hw + hh, a - hw + hh};
  glm::vec3 B[4] = {b - hw - hh, b + hw - hh, b + hw + hh, b - hw + hh};
  for (int k = 0; k < 4; ++k) {
    int k1 = (k + 1) % 4;
    quad(A[k1], B[k1], B[k], A[k], s, s);
  }
  quad(A[0], A[3], A[2], A[1], s, s);
  quad(B[0], B[1], B[2], B[3], s, s);
}

void MeshBuilder::ringRoof(glm::vec3 c, float rOut, float rIn, float y0, float y1, float upturn,
                           int sides, float s) {
  const int rows = 6;
  auto profile = [&](int i, float dy) {
    float t = float(i) / float(rows - 1);
    float r = rOut + (rIn - rOut) * t;
    float y = y0 + (y1 - y0) * std::pow(t, 1.5f) + upturn * std::pow(1.0f - t, 4.0f) + dy;
    return glm::vec2(r, y);
  };
  auto pos = [&](float dy) {
    return [&, dy](int i, int j) {
      glm::vec2 ry = profile(i, dy);
      return ringPoint(c, ry.x, ry.y, 2.0f * kPi * float(j) / float(sides));
    };
  };
  auto uv = [&](int i, int j) {
    float a = 2.0f * kPi * float(j) / float(sides);
    return glm::vec2(a * rOut / s, -float(i) * (rOut - rIn + (y1 - y0)) / float(rows - 1) / s);
  };
  gridSurface(*this, rows, sides + 1, pos(0.0f), uv, false, {0, 1, 0});
  gridSurface(*this, rows, sides + 1, pos(-0.35f), uv, true, {0, -1, 0});
}

void MeshBuilder::curvedRoof(glm::vec3 centre, float length, float width, float rise,
                             float overhang, float upturn, bool hip, float s) {
  const int cols = 12, rows = 8;  // rows even so a vertex row lies on the ridge
  float hx = 0.5f * length + overhang, hz = 0.5f * width + overhang;
  auto height = [&](float x, float z) {
    float sz = std::abs(z) / hz;
    float sx = hip ? std::max(0.0f, std::abs(x) - (hx - hz)) / hz : 0.0f;
    float sm = std::min(1.0f, std::max(sz, sx));
    float q = std::abs(x) / hx;
    float lift = upturn * std::pow(sm, 5.0f) * (0.25f + 0.75f * std::pow(q, 6.0f));
    return rise * std::pow(1.0f - sm, 1.4f) + lift;
  };
  auto pos = [&](float dy) {
    return [&, dy](int i, int j) {
      float x = -hx + 2.0f * hx * float(j) / float(cols - 1);
      float z = -hz + 2.0f * hz * float(i) / float(rows - 1);
      return centre + glm::vec3(x, height(x, z) + dy, z);
    };
  };
  auto uv = [&](int i, int j) {
    float x = -hx + 2.0f * hx * float(j) / float(cols - 1);
    float z = -hz + 2.0f * hz * float(i) / float(rows - 1);
    return glm::vec2(x / s, z * 1.25f / s);
  };
  gridSurface(*this, rows, cols, pos(0.0f), uv, true, {0, 1, 0});
  gridSurface(*this, rows, cols, pos(-0.3f), uv, false, {0, -1, 0});
}

void MeshBuilder::heightfield(float x0, float z0, float x1, float z1, int nx, int nz,
                              const std::function<float(float, float)>& height, float s) {
  // Cells no larger than kMaxGroundCell keep every edge (diagonals included) under ~20 m: CPU
  // rasterisers (lavapipe) slow down badly on huge triangles that cross the screen edge.
  nx = std::max(nx, int(std::ceil(std::abs(x1 - x0) / kMaxGroundCell)));
  nz = std::max(nz, int(std::ceil(std::abs(z1 - z0) / kMaxGroundCell)));
  auto pos = [&](int i, int j) {
    float x = x0 + (x1 - x0) * float(j) / float(nx);
    float z = z0 + (z1 - z0) * float(i) / float(nz);
    return glm::vec3(x, height(x, z), z);
  };
  auto uv = [&](int i, int j) {
    glm::vec3 p = pos(i, j);
    return glm::vec2(p.x / s, p.z / s);
  };
  gridSurface(*this, nz + 1, nx + 1, pos, uv, true, {0, 1, 0});
}

void MeshBuilder::extrude(const std::vector<glm::vec2>& polyIn, float y0, float y1, float tw,
                          float th, bool capTop) {
  if (polyIn.size() < 3) return;
  // Work in (x, -z), where "counter-clockwise seen from above" is the usual positive area.
  std::vector<glm::vec2> poly = polyIn;
  double area = 0.0;
  for (std::size_t i = 0; i < poly.size(); ++i) {
    glm::vec2 a(poly[i].x, -poly[i].y), b(poly[(i + 1) % poly.size()].x,
                                          -poly[(i + 1) % poly.size()].y);
    area += double(cross2(a, b));
  }
  if (area < 0.0) std::reverse(poly.begin(), poly.end());
  float u = 0.0f;
  for (std::size_t i = 0; i < poly.size(); ++i) {
    glm::vec2 a = poly[i], b = poly[(i + 1) % poly.size()];
    glm::vec3 p0(a.x, y0, a.y), p1(b.x, y0, b.y), p2(b.x, y1, b.y), p3(a.x, y1, a.y);
    glm::vec3 n = glm::cross(p1 - p0, p2 - p0);
    if (glm::length(n) < 1e-8f) continue;
    n = glm::normalize(n);
    float len = glm::length(b - a);
    std::uint32_t i0 = addVertex({p0, n, {u / tw, 0}}), i1 = addVertex({p1, n, {(u + len) / tw, 0}});
    std::uint32_t i2 = addVertex({p2, n, {(u + len) / tw, -(y1 - y0) / th}});
    std::uint32_t i3 = addVertex({p3, n, {u / tw, -(y1 - y0) / th}});
    out_->indices.insert(out_->indices.end(), {i0, i1, i2, i0, i2, i3});
    u += len;
  }
  if (!capTop) return;
  // Ear clipping in (x, -z) space; O(n^2) is fine for the small outlines used here.
  std::vector<int> idx(poly.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = int(i);
  auto P = [&](int i) { return glm::vec2(poly[i].x, -poly[i].y); };
  auto vert = [&](int i) {
    return Vertex{{poly[i].x, y1, poly[i].y}, {0, 1, 0}, glm::vec2(poly[i].x, poly[i].y) / tw};
  };
  int guard = 0;
  while (idx.size() > 3 && guard++ < 10000) {
    bool clipped = false;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      int ia = idx[(k + idx.size() - 1) % idx.size()], ib = idx[k], ic = idx[(k + 1) % idx.size()];
      glm::vec2 a = P(ia), b = P(ib), c = P(ic);
      if (cross2(b - a, c - b) <= 0.0f) continue;
      bool inside = false;
      for (int other : idx) {
        if (other == ia || other == ib || other == ic) continue;
        glm::vec2 p = P(other);
        if (cross2(b - a, p - a) > 0 && cross2(c - b, p - b) > 0 && cross2(a - c, p - c) > 0) {
          inside = true;
          break;
        }
      }
      if (inside) continue;
      triangle(vert(ia), vert(ib), vert(ic));
      idx.erase(idx.begin() + std::ptrdiff_t(k));
      clipped = true;
      break;
    }
    if (!clipped) break;
  }
  if (idx.size() == 3) triangle(vert(idx[0]), vert(idx[1]), vert(idx[2]));
}

void MeshBuilder::arcWall(glm::vec3 c, float radius, float t, float a0, float a1, float y0,
                          float y1, int segments, float tw, float th) {
  float ro = radius + 0.5f * t, ri = radius - 0.5f * t;
  for (int i = 0; i < segments; ++i) {
    float b0 = a0 + (a1 - a0) * float(i) / float(segments);
    float b1 = a0 + (a1 - a0) * float(i + 1) / float(segments);
    glm::vec3 o0 = ringPoint(c, ro, y0, b0), o1 = ringPoint(c, ro, y0, b1);
    glm::vec3 i0 = ringPoint(c, ri, y0, b0), i1 = ringPoint(c, ri, y0, b1);
    glm::vec3 up(0, y1 - y0, 0);
    float uo0 = ro * (b0 - a0), uo1 = ro * (b1 - a0);
    auto wall = [&](glm::vec3 p0, glm::vec3 p1, float ua, float ub) {
      glm::vec3 n = glm::normalize(glm::cross(p1 - p0, up));
      std::uint32_t k0 = addVertex({p0, n, {ua / tw, 0}}), k1 = addVertex({p1, n, {ub / tw, 0}});
      std::uint32_t k2 = addVertex({p1 + up, n, {ub / tw, -(y1 - y0) / th}});
      std::uint32_t k3 = addVertex({p0 + up, n, {ua / tw, -(y1 - y0) / th}});
      out_->indices.insert(out_->indices.end(), {k0, k1, k2, k0, k2, k3});
    };
    wall(o0, o1, uo0, uo1);
    wall(i1, i0, -ri * (b1 - a0), -ri * (b0 - a0));
    quad(o0 + up, o1 + up, i1 + up, i0 + up, tw, tw);
  }
  glm::vec3 up(0, y1 - y0, 0);
  glm::vec3 s0o = ringPoint(c, ro, y0, a0), s0i = ringPoint(c, ri, y0, a0);
  glm::vec3 s1o = ringPoint(c, ro, y0, a1), s1i = ringPoint(c, ri, y0, a1);
  quad(s0i, s0o, s0o + up, s0i + up, tw, th);
  quad(s1o, s1i, s1i + up, s1o + up, tw, th);
}

void MeshBuilder::dome(glm::vec3 c, float r, float h, int sides, int rings, float s) {
  auto pos = [&](int i, int j) {
    float phi = 0.5f * kPi * float(i) / float(rings);
    float a = 2.0f * kPi * float(j) / float(sides);
    return ringPoint(c, r * std::cos(phi), h * std::sin(phi), a);
  };
  auto uv = [&](int i, int j) {
    return glm::vec2(2.0f * kPi * r * float(j) / float(sides) / s,
                     -0.5f * kPi * r * float(i) / float(rings) / s);
  };
  gridSurface(*this, rings + 1, sides + 1, pos, uv, false, {0, 1, 0});
}

void splitLongEdges(MeshPart& part, float maxEdge) {
  if (part.indices.empty() || !(maxEdge > 0.0f)) return;
  const float max2 = maxEdge * maxEdge;
  // One midpoint per welded edge, so triangles sharing an edge share its new vertices.
  std::unordered_map<std::uint64_t, std::uint32_t> midpoints;
  auto midpoint = [&](std::uint32_t a, std::uint32_t b) {
    std::uint64_t key = (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
    auto it = midpoints.find(key);
    if (it != midpoints.end()) return it->second;
    const Vertex va = part.vertices[a], vb = part.vertices[b];
    Vertex m;
    m.position = (va.position + vb.position) * 0.5f;
    glm::vec3 n = va.normal + vb.normal;
    float len = glm::length(n);
    m.normal = len > 1e-6f ? n / len : va.normal;
    m.uv = (va.uv + vb.uv) * 0.5f;
    part.vertices.push_back(m);
    auto id = std::uint32_t(part.vertices.size() - 1);
    midpoints.emplace(key, id);
    return id;
  };
  std::vector<std::uint32_t> out;
  out.reserve(part.indices.size());
  std::vector<std::array<std::uint32_t, 3>> work;
  for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
    work.push_back({part.indices[t], part.indices[t + 1], part.indices[t + 2]});
    while (!work.empty()) {
      std::array<std::uint32_t, 3> tri = work.back();
      work.pop_back();
      int longest = -1;
      float best = max2;
      for (int e = 0; e < 3; ++e) {
        glm::vec3 d = part.vertices[tri[(e + 1) % 3]].position - part.vertices[tri[e]].position;
        float l2 = glm::dot(d, d);
        if (l2 > best) {
          best = l2;
          longest = e;
        }
      }
      if (longest < 0) {
        out.insert(out.end(), tri.begin(), tri.end());
        continue;
      }
      // Bisect the longest edge (a, b) opposite c, keeping the winding. Every edge longer than
      // maxEdge is eventually halved at its exact midpoint whatever the order, so neighbours
      // end up with the same vertices along shared edges (no T-junction cracks).
      std::uint32_t a = tri[longest], b = tri[(longest + 1) % 3], c = tri[(longest + 2) % 3];
      std::uint32_t m = midpoint(a, b);
      work.push_back({m, b, c});
      work.push_back({a, m, c});
    }
  }
  part.indices = std::move(out);
}

}  // namespace sc::landmarks
