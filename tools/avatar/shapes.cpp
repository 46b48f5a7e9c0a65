#include "shapes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace sc::avatar {

void Influences::add(int joint, float weight) {
  if (!(weight > 0.0f)) return;
  for (Entry& e : entries_) {
    if (e.joint == joint) {
      e.weight += weight;
      return;
    }
  }
  entries_.push_back({joint, weight});
}

void Influences::addScaled(const Influences& other, float scale) {
  for (const Entry& e : other.entries_) add(e.joint, e.weight * scale);
}

void Influences::finish(Vertex& v, int fallbackJoint) const {
  std::vector<Entry> sorted = entries_;
  // Ties broken by joint index so the result never depends on insertion order.
  std::sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.joint < b.joint;
  });
  if (sorted.size() > 4) sorted.resize(4);
  float sum = 0.0f;
  for (const Entry& e : sorted) sum += e.weight;
  v.joints = {0, 0, 0, 0};
  v.weights = glm::vec4(0.0f);
  if (sum <= 1e-8f) {
    v.joints[0] = std::uint16_t(fallbackJoint);
    v.weights[0] = 1.0f;
    return;
  }
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    v.joints[i] = std::uint16_t(sorted[i].joint);
    v.weights[int(i)] = sorted[i].weight / sum;
  }
  // Put the float rounding remainder on the largest weight so the sum is 1 to the last bit
  // that matters (glTF validators check |sum - 1| against a small epsilon).
  const float total = v.weights.x + v.weights.y + v.weights.z + v.weights.w;
  v.weights.x += 1.0f - total;
}

float smoothstep(float e0, float e1, float x) {
  float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

Influences chainInfluences(float s, std::span<const ChainStop> stops) {
  Influences out;
  if (stops.empty()) return out;
  // Weight of each stop's joint: product of "past my start" and "not yet past the next start".
  for (std::size_t i = 0; i < stops.size(); ++i) {
    float in = i == 0 ? 1.0f : smoothstep(stops[i].s - stops[i].blend, stops[i].s + stops[i].blend, s);
    float out_ = 1.0f;
    if (i + 1 < stops.size()) {
      const ChainStop& n = stops[i + 1];
      out_ = 1.0f - smoothstep(n.s - n.blend, n.s + n.blend, s);
    }
    out.add(stops[i].joint, in * out_);
  }
  return out;
}

glm::vec3 ringPoint(const Ring& ring, float a) {
  const float c = std::cos(a), s = std::sin(a);
  const float e = 2.0f / ring.exponent;
  const float cx = std::copysign(std::pow(std::abs(c), e), c);
  const float sy = std::copysign(std::pow(std::abs(s), e), s);
  return ring.centre + ring.u * (ring.ru * cx) + ring.v * (ring.rv * sy);
}

namespace {

void addTriangleIfArea(Primitive& part, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  const glm::vec3& pa = part.vertices[a].position;
  const glm::vec3 n = glm::cross(part.vertices[b].position - pa, part.vertices[c].position - pa);
  if (glm::dot(n, n) < 1e-18f) return;  // degenerate (pole of a sphere, collapsed ring)
  part.indices.insert(part.indices.end(), {a, b, c});
}

std::uint32_t pushVertex(Primitive& part, glm::vec3 p, glm::vec2 uv) {
  Vertex v;
  v.position = p;
  v.uv = uv;
  part.vertices.push_back(v);
  return std::uint32_t(part.vertices.size() - 1);
}

}  // namespace

std::uint32_t loft(Primitive& part, std::span<const Ring> rings, const LoftOptions& o) {
  const std::uint32_t first = std::uint32_t(part.vertices.size());
  const int cols = o.segments + 1;
  for (const Ring& r : rings) {
    for (int j = 0; j < cols; ++j) {
      const float t = float(j) / float(o.segments);
      const float a = o.angle0 + (o.angle1 - o.angle0) * t;
      pushVertex(part, ringPoint(r, a), {o.texU.x + (o.texU.y - o.texU.x) * t, r.texV});
    }
  }
  for (std::size_t i = 0; i + 1 < rings.size(); ++i) {
    for (int j = 0; j < o.segments; ++j) {
      const std::uint32_t a = first + std::uint32_t(i * cols + j);
      const std::uint32_t b = a + 1;
      const std::uint32_t c = a + std::uint32_t(cols);
      const std::uint32_t d = c + 1;
      addTriangleIfArea(part, a, b, c);
      addTriangleIfArea(part, b, d, c);
    }
  }
  auto cap = [&](std::size_t ringIndex, bool start) {
    const Ring& r = rings[ringIndex];
    const std::uint32_t centre = pushVertex(part, r.centre, {0.5f * (o.texU.x + o.texU.y), r.texV});
    const std::uint32_t base = first + std::uint32_t(ringIndex * cols);
    for (int j = 0; j < o.segments; ++j) {
      const std::uint32_t p0 = base + std::uint32_t(j), p1 = p0 + 1;
      if (start) addTriangleIfArea(part, centre, p1, p0);
      else addTriangleIfArea(part, centre, p0, p1);
    }
  };
  if (o.capStart && !rings.empty()) cap(0, true);
  if (o.capEnd && !rings.empty()) cap(rings.size() - 1, false);
  return first;
}

std::uint32_t ellipsoid(Primitive& part, glm::vec3 c, glm::vec3 radii, const glm::mat3& basis,
                        int segments, int ringCount, glm::vec2 uv0, glm::vec2 uv1) {
  std::vector<Ring> rings;
  for (int i = 0; i <= ringCount; ++i) {
    const float t = float(i) / float(ringCount);
    const float theta = 3.14159265f * (1.0f - t);  // from the -pole up to the +pole
    Ring r;
    r.centre = c + basis[1] * (radii.y * std::cos(theta));
    r.u = basis[2];
    r.v = basis[0];
    r.ru = radii.z * std::sin(theta);
    r.rv = radii.x * std::sin(theta);
    r.texV = uv1.y + (uv0.y - uv1.y) * t;
    rings.push_back(r);
  }
  LoftOptions o;
  o.segments = segments;
  o.texU = {uv0.x, uv1.x};
  return loft(part, rings, o);
}

void computeNormals(Primitive& part, std::uint32_t first, bool weld) {
  const std::size_t n = part.vertices.size();
  std::vector<glm::vec3> acc(n, glm::vec3(0.0f));
  for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
    const std::uint32_t a = part.indices[t], b = part.indices[t + 1], c = part.indices[t + 2];
    if (a < first || b < first || c < first) continue;
    const glm::vec3 fn = glm::cross(part.vertices[b].position - part.vertices[a].position,
                                    part.vertices[c].position - part.vertices[a].position);
    acc[a] += fn;
    acc[b] += fn;
    acc[c] += fn;
  }
  if (weld) {
    using Key = std::tuple<long long, long long, long long>;
    std::map<Key, glm::vec3> sums;
    auto key = [](const glm::vec3& p) {
      return Key{std::llround(p.x * 1e5), std::llround(p.y * 1e5), std::llround(p.z * 1e5)};
    };
    for (std::size_t i = first; i < n; ++i) sums[key(part.vertices[i].position)] += acc[i];
    for (std::size_t i = first; i < n; ++i) acc[i] = sums[key(part.vertices[i].position)];
  }
  for (std::size_t i = first; i < n; ++i) {
    const float len = glm::length(acc[i]);
    part.vertices[i].normal = len > 1e-12f ? acc[i] / len : glm::vec3(0.0f, 1.0f, 0.0f);
  }
}

void applyWeights(Primitive& part, std::uint32_t first,
                  const std::function<Influences(const glm::vec3&)>& weights) {
  for (std::size_t i = first; i < part.vertices.size(); ++i) {
    weights(part.vertices[i].position).finish(part.vertices[i]);
  }
}

void appendPart(Primitive& dst, const Primitive& src, bool mirror, std::span<const int> jointMap) {
  const std::uint32_t base = std::uint32_t(dst.vertices.size());
  for (Vertex v : src.vertices) {
    if (mirror) {
      v.position.x = -v.position.x;
      v.normal.x = -v.normal.x;
    }
    if (!jointMap.empty()) {
      for (auto& j : v.joints) j = std::uint16_t(jointMap[j]);
    }
    dst.vertices.push_back(v);
  }
  for (std::size_t t = 0; t + 2 < src.indices.size(); t += 3) {
    const std::uint32_t a = src.indices[t] + base, b = src.indices[t + 1] + base,
                        c = src.indices[t + 2] + base;
    if (mirror) dst.indices.insert(dst.indices.end(), {a, c, b});
    else dst.indices.insert(dst.indices.end(), {a, b, c});
  }
  if (!src.morphDeltas.empty()) {
    dst.morphDeltas.resize(src.morphDeltas.size());
    for (std::size_t m = 0; m < src.morphDeltas.size(); ++m) {
      dst.morphDeltas[m].resize(base, glm::vec3(0.0f));
      for (glm::vec3 d : src.morphDeltas[m]) {
        if (mirror) d.x = -d.x;
        dst.morphDeltas[m].push_back(d);
      }
    }
  }
}

}  // namespace sc::avatar
