#include "head_parts.hpp"

#include <algorithm>
#include <cmath>

#include "head_shape.hpp"
#include "shapes.hpp"

namespace sc::avatar {
namespace {

constexpr float kPi = 3.14159265f;
constexpr float kDeg = kPi / 180.0f;

// Per head vertex: which side of the mouth slit it belongs to (the ring-0 edges share positions).
struct FaceVertexInfo {
  bool lower = false;
  bool movable = false;  // part of the skin surface (lids, teeth and cavity stay out)
};

const VisemeShape kVisemes[5] = {
    {0.0160f, 0.0030f, 0.06f, 0.000f, 0.0000f},   // aa: jaw wide open
    {0.0050f, 0.0015f, 0.12f, 0.000f, 0.0015f},   // ih: slightly open, spread
    {0.0040f, 0.0020f, -0.36f, 0.007f, 0.0000f},  // ou: rounded, pursed forwards
    {0.0045f, 0.0015f, 0.18f, 0.000f, 0.0030f},   // ee: spread, smile-like
    {0.0110f, 0.0030f, -0.22f, 0.004f, 0.0000f}}; // oh: rounded and open

// Displacement of one skin vertex for a viseme. Everything fades to exactly zero within 6 cm of
// the mouth centre, so visemes never move the eyes, nose bridge or hairline.
glm::vec3 visemeDelta(const VisemeShape& s, const glm::vec3& p, bool lower) {
  const glm::vec3 m = head::mouthCentre();
  const float dist = glm::length(p - m);
  if (dist >= 0.06f) return glm::vec3(0.0f);
  const float x = p.x;
  glm::vec3 d(0.0f);
  if (lower) {
    const float depth = std::max(0.0f, m.y - p.y);
    const float xc = 0.024f + 0.9f * depth;
    const float g = std::clamp(1.0f - (x / xc) * (x / xc), 0.0f, 1.0f);
    const float fall = 1.0f - smoothstep(0.03f, 0.058f, dist);
    const float open = s.lowerOpen * g * fall;
    d += glm::vec3(0.0f, -open, -0.25f * open);
  } else {
    const float g = std::clamp(1.0f - (x / 0.024f) * (x / 0.024f), 0.0f, 1.0f);
    const float fall = (1.0f - smoothstep(0.004f, 0.018f, std::max(0.0f, p.y - m.y))) *
                       (1.0f - smoothstep(0.02f, 0.035f, dist));
    d.y += s.upperOpen * g * fall;
  }
  // Lip shaping fades out above the upper lip so the nose never moves.
  const float belowNose = 1.0f - smoothstep(0.006f, 0.02f, p.y - m.y);
  const float lips = (1.0f - smoothstep(0.012f, 0.04f, dist)) * belowNose;
  d.x += s.spread * x * lips;
  d.z += s.protrude * (1.0f - smoothstep(0.006f, 0.026f, dist)) * belowNose;
  const float corner = std::min((x / 0.024f) * (x / 0.024f), 1.5f);
  d.y += s.cornerLift * corner * (1.0f - smoothstep(0.012f, 0.035f, dist)) * belowNose;
  return d;
}

// The face skin: rings of the elliptic mouth parameterisation, closed by a vertex at the back.
void buildFaceSkin(Primitive& face, std::vector<FaceVertexInfo>& info) {
  constexpr int kSegments = 48;  // around the mouth; even, so phi = 0 and pi are the corners
  const float a0 = head::kMouthHalfAngle;
  std::vector<float> bs = {0.0f, 0.010f, 0.024f, 0.042f, 0.064f, 0.09f};
  while (a0 * std::cosh(std::asinh(bs.back() / a0)) < 3.06f) bs.push_back(bs.back() + 0.062f);
  const int cols = kSegments + 1;
  const std::uint32_t first = std::uint32_t(face.vertices.size());
  for (float b : bs) {
    const float mu = std::asinh(b / a0);
    for (int j = 0; j < cols; ++j) {
      const float phi = 2.0f * kPi * float(j) / float(kSegments);
      const glm::vec2 p(a0 * std::cosh(mu) * std::cos(phi), a0 * std::sinh(mu) * std::sin(phi));
      Vertex v;
      v.position = head::surfacePoint(head::directionFromParam(p));
      v.uv = head::faceUv(p);
      face.vertices.push_back(v);
      // phi in (pi, 2 pi) is the lower half; the corners (0, pi) count as upper.
      info.push_back({j > kSegments / 2 && j < kSegments, true});
    }
  }
  // Orientation: p grows outwards with the ring index and phi turns counter-clockwise seen
  // from in front, so (ring i, j) (ring i+1, j) (ring i, j+1) faces outwards (towards +Z).
  for (std::size_t i = 0; i + 1 < bs.size(); ++i) {
    for (int j = 0; j < kSegments; ++j) {
      const std::uint32_t a = first + std::uint32_t(i * cols + j), b = a + 1;
      const std::uint32_t c = a + std::uint32_t(cols), d = c + 1;
      face.indices.insert(face.indices.end(), {a, c, b, b, c, d});
    }
  }
  Vertex back;
  back.position = head::surfacePoint(-head::mouthAxis());
  back.uv = head::faceUv(glm::vec2(0.0f, kPi));
  face.vertices.push_back(back);
  info.push_back({false, true});
  const std::uint32_t pole = std::uint32_t(face.vertices.size() - 1);
  const std::uint32_t last = first + std::uint32_t((bs.size() - 1) * cols);
  for (int j = 0; j < kSegments; ++j) {
    face.indices.insert(face.indices.end(), {last + j, pole, last + j + 1});
  }
  // Welded normals: the closed lips (ring 0, two vertices per place) shade as one surface.
  computeNormals(face, first, true);
}

// Upper eyelid of one eye: a shell over the eyeball from above down to its lash line.
void buildLid(Primitive& face, std::vector<FaceVertexInfo>& info, const glm::vec3& eye,
              float outward, std::vector<glm::vec3>& blinkDelta) {
  constexpr int kCols = 16, kRows = 8;
  const float topB = 80.0f * kDeg, restEdge = 21.0f * kDeg, blinkEdge = -42.0f * kDeg;
  const std::uint32_t first = std::uint32_t(face.vertices.size());
  auto point = [&](float alpha, float beta) {
    return eye + head::kLidRadius * glm::vec3(std::cos(beta) * std::sin(alpha), std::sin(beta),
                                              std::cos(beta) * std::cos(alpha));
  };
  for (int j = 0; j <= kRows; ++j) {
    const float t = float(j) / float(kRows);
    for (int i = 0; i <= kCols; ++i) {
      const float s = float(i) / float(kCols);
      // Outer corner droops a little, inner corner sits higher: a soft, friendly eye shape.
      const float alpha = (-72.0f + 144.0f * s) * kDeg;
      const float tilt = -4.0f * kDeg * (alpha * outward) / (72.0f * kDeg);
      const float restB = topB + (restEdge + tilt - topB) * t;
      const float blinkB = topB + (blinkEdge - topB) * t;
      Vertex v;
      v.position = point(alpha, restB);
      v.uv = {head::kLidUv0.x + (head::kLidUv1.x - head::kLidUv0.x) * s,
              head::kLidUv0.y + (head::kLidUv1.y - head::kLidUv0.y) * t};
      face.vertices.push_back(v);
      info.push_back({false, false});
      blinkDelta.resize(face.vertices.size(), glm::vec3(0.0f));
      blinkDelta.back() = point(alpha, blinkB) - v.position;
    }
  }
  const int cols = kCols + 1;
  for (int j = 0; j < kRows; ++j) {
    for (int i = 0; i < kCols; ++i) {
      const std::uint32_t a = first + std::uint32_t(j * cols + i), b = a + 1;
      const std::uint32_t c = a + std::uint32_t(cols), d = c + 1;
      face.indices.insert(face.indices.end(), {a, c, b, b, c, d});
    }
  }
  computeNormals(face, first, false);
}

// Mouth cavity (an inward-facing bag behind the lips) and the upper teeth.
void buildMouthInside(Primitive& face, std::vector<FaceVertexInfo>& info) {
  const glm::vec3 m = head::mouthCentre();
  Primitive bag;
  ellipsoid(bag, m + glm::vec3(0.0f, -0.007f, -0.024f), {0.022f, 0.021f, 0.020f},
            glm::mat3(1.0f), 16, 10, head::kMouthInsideUv, head::kMouthInsideUv);
  for (std::size_t t = 0; t + 2 < bag.indices.size(); t += 3) {
    std::swap(bag.indices[t + 1], bag.indices[t + 2]);  // visible from inside
  }
  computeNormals(bag, 0, true);
  const std::uint32_t base = std::uint32_t(face.vertices.size());
  for (const Vertex& v : bag.vertices) {
    face.vertices.push_back(v);
    info.push_back({false, false});
  }
  for (std::uint32_t i : bag.indices) face.indices.push_back(base + i);

  constexpr int kCols = 12;
  const std::uint32_t t0 = std::uint32_t(face.vertices.size());
  for (int r = 0; r < 2; ++r) {
    for (int i = 0; i <= kCols; ++i) {
      const float x = -0.0125f + 0.025f * float(i) / float(kCols);
      Vertex v;
      v.position = {x, m.y + (r == 0 ? 0.0035f : -0.0025f), m.z - 0.0055f - 22.0f * x * x};
      v.uv = head::kTeethUv;
      face.vertices.push_back(v);
      info.push_back({false, false});
    }
  }
  for (int i = 0; i < kCols; ++i) {
    const std::uint32_t a = t0 + std::uint32_t(i), b = a + 1, c = a + kCols + 1, d = c + 1;
    face.indices.insert(face.indices.end(), {a, c, b, b, c, d});
  }
  computeNormals(face, t0, false);
}

// Hair: a shell over the skull from the crown down to a hairline that runs across the forehead
// (a side-swept fringe on the wearer's right), above the ears and down to the nape.
float hairlineDegrees(float azimuth) {
  struct K {
    float az, theta;
  };
  static const K keys[] = {{0, 50}, {30, 54}, {55, 66}, {80, 80},
                           {100, 88}, {125, 108}, {150, 122}, {180, 126}};
  const float a = std::abs(azimuth) / kDeg;
  float theta = keys[7].theta;
  for (int i = 0; i + 1 < 8; ++i) {
    if (a <= keys[i + 1].az) {
      const float t = smoothstep(keys[i].az, keys[i + 1].az, a);
      theta = keys[i].theta + (keys[i + 1].theta - keys[i].theta) * t;
      break;
    }
  }
  // Fringe swept to the wearer's right (-X, negative azimuth).
  const float fringe = std::exp(-0.5f * std::pow((azimuth / kDeg + 20.0f) / 17.0f, 2.0f));
  const float swept = std::exp(-0.5f * std::pow((azimuth / kDeg - 22.0f) / 14.0f, 2.0f));
  return theta + 11.0f * fringe - 5.0f * swept;
}

void buildHair(Primitive& hair) {
  constexpr int kCols = 64, kRows = 20;
  const std::uint32_t first = std::uint32_t(hair.vertices.size());
  for (int j = 0; j <= kRows; ++j) {
    const float t = float(j) / float(kRows);
    for (int i = 0; i <= kCols; ++i) {
      const float az = -kPi + 2.0f * kPi * float(i) / float(kCols);  // seam at the back
      const float theta = hairlineDegrees(az) * kDeg * std::max(t, 0.0001f);
      const glm::vec3 d(std::sin(theta) * std::sin(az), std::cos(theta),
                        std::sin(theta) * std::cos(az));
      // Volume on the crown, hugging the skin at the hairline; a little fuller at the back.
      const float back = std::max(0.0f, -d.z);
      // A side parting above the wearer's left eye: a shallow groove from the crown forwards.
      const float part = std::exp(-0.5f * std::pow((az / kDeg - 28.0f) / 5.0f, 2.0f)) *
                         smoothstep(0.15f, 0.35f, t) * (1.0f - smoothstep(0.75f, 0.95f, t));
      const float thick = 0.0045f + 0.0075f * std::sqrt(1.0f - t) + 0.004f * back * (1.0f - t) -
                          0.0035f * part;
      Vertex v;
      v.position = head::kCentre + d * (head::skullRadius(d) + thick);
      v.uv = {4.0f * float(i) / float(kCols), t};
      hair.vertices.push_back(v);
    }
  }
  const int cols = kCols + 1;
  // Rows run from the crown downwards and columns eastwards seen from above: (j,i) (j+1,i)
  // (j,i+1) faces outwards.
  for (int j = 0; j < kRows; ++j) {
    for (int i = 0; i < kCols; ++i) {
      const std::uint32_t a = first + std::uint32_t(j * cols + i), b = a + 1;
      const std::uint32_t c = a + std::uint32_t(cols), d = c + 1;
      if (j > 0) hair.indices.insert(hair.indices.end(), {a, c, b});
      hair.indices.insert(hair.indices.end(), {b, c, d});
    }
  }
  computeNormals(hair, first, true);
  // Low bun at the back.
  const std::uint32_t b0 = std::uint32_t(hair.vertices.size());
  const glm::vec3 tilt = glm::normalize(glm::vec3(0.0f, 0.85f, -0.5f));
  const glm::vec3 bz = glm::normalize(glm::cross(glm::vec3(1, 0, 0), tilt));
  ellipsoid(hair, {0.0f, 1.582f, -0.108f}, {0.044f, 0.034f, 0.036f},
            glm::mat3(glm::vec3(1, 0, 0), tilt, bz), 28, 16, {0.0f, 0.0f}, {3.0f, 1.0f});
  computeNormals(hair, b0, true);
}

}  // namespace

const VisemeShape& visemeShape(int index) { return kVisemes[index]; }

void buildHead(const RigJoints& rig, const HeadMaterials& m, Mesh& faceMesh, Mesh& eyesMesh,
               Mesh& body) {
  // Face: skin, lids, mouth inside, then ears; morph targets filled afterwards.
  Primitive face;
  face.material = m.face;
  std::vector<FaceVertexInfo> info;
  buildFaceSkin(face, info);
  std::vector<glm::vec3> blink;
  buildLid(face, info, head::kLeftEye, 1.0f, blink);
  buildLid(face, info, head::kRightEye, -1.0f, blink);
  buildMouthInside(face, info);
  for (float side : {-1.0f, 1.0f}) {
    const std::uint32_t e0 = std::uint32_t(face.vertices.size());
    const glm::vec3 up = glm::normalize(glm::vec3(0.0f, 1.0f, -0.18f));
    const glm::vec3 x(1.0f, 0.0f, 0.0f);
    const glm::vec3 fwd = glm::normalize(glm::cross(x, up));
    ellipsoid(face, {side * 0.0765f, 1.598f, -0.006f}, {0.009f, 0.025f, 0.015f},
              glm::mat3(x, up, fwd), 14, 10, head::kPlainSkinUv, head::kPlainSkinUv);
    computeNormals(face, e0, true);
    info.resize(face.vertices.size(), {false, false});
  }
  blink.resize(face.vertices.size(), glm::vec3(0.0f));
  for (Vertex& v : face.vertices) Influences{}.finish(v, rig.head);
  face.morphDeltas.assign(kFaceTargetNames.size(), {});
  for (int t = 0; t < 5; ++t) {
    auto& deltas = face.morphDeltas[t];
    deltas.resize(face.vertices.size(), glm::vec3(0.0f));
    for (std::size_t i = 0; i < face.vertices.size(); ++i) {
      if (info[i].movable) deltas[i] = visemeDelta(kVisemes[t], face.vertices[i].position, info[i].lower);
    }
  }
  face.morphDeltas[5] = blink;
  faceMesh.name = "guide_face";
  faceMesh.targetNames.assign(kFaceTargetNames.begin(), kFaceTargetNames.end());
  faceMesh.primitives.push_back(std::move(face));

  // Eyeballs: each rotates about its own joint; iris texture by a front projection.
  Primitive eyes;
  eyes.material = m.eyes;
  for (int side = 0; side < 2; ++side) {
    const glm::vec3 c = side == 0 ? head::kLeftEye : head::kRightEye;
    const std::uint32_t e0 = std::uint32_t(eyes.vertices.size());
    // Poles along +-Y so the iris (at +Z) sits on an evenly tessellated band.
    ellipsoid(eyes, c, glm::vec3(head::kEyeRadius), glm::mat3(1.0f), 28, 18);
    computeNormals(eyes, e0, true);
    for (std::size_t i = e0; i < eyes.vertices.size(); ++i) {
      Vertex& v = eyes.vertices[i];
      const glm::vec3 l = (v.position - c) / head::kEyeRadius;
      v.uv = {0.5f + 0.5f * l.x, 0.5f - 0.5f * l.y};
      Influences in;
      in.add(side == 0 ? rig.leftEye : rig.rightEye, 1.0f);
      in.finish(v);
    }
  }
  eyesMesh.name = "guide_eyes";
  eyesMesh.primitives.push_back(std::move(eyes));

  // Hair, hairpin, earrings: into the body mesh, all following the head.
  auto partFor = [&](int material) -> Primitive& {
    for (Primitive& p : body.primitives) {
      if (p.material == material) return p;
    }
    body.primitives.push_back(Primitive{});
    body.primitives.back().material = material;
    return body.primitives.back();
  };
  auto headOnly = [&](Primitive& p, std::uint32_t first) {
    applyWeights(p, first, [&](const glm::vec3&) {
      Influences in;
      in.add(rig.head, 1.0f);
      return in;
    });
  };
  {
    Primitive& hair = partFor(m.hair);
    const std::uint32_t h0 = std::uint32_t(hair.vertices.size());
    buildHair(hair);
    headOnly(hair, h0);
  }
  {
    Primitive& trim = partFor(m.trim);
    const std::uint32_t p0 = std::uint32_t(trim.vertices.size());
    const glm::vec3 a(-0.058f, 1.606f, -0.118f), b(0.060f, 1.566f, -0.124f);
    const glm::vec3 axis = glm::normalize(b - a);
    const glm::vec3 side = glm::normalize(glm::cross(axis, glm::vec3(0, 0, 1)));
    ellipsoid(trim, 0.5f * (a + b), {0.0026f, 0.5f * glm::length(b - a), 0.0026f},
              glm::mat3(glm::cross(axis, side), axis, side), 10, 12);
    computeNormals(trim, p0, true);
    headOnly(trim, p0);
  }
  {
    Primitive& jade = partFor(m.jade);
    const std::uint32_t j0 = std::uint32_t(jade.vertices.size());
    ellipsoid(jade, {-0.062f, 1.608f, -0.119f}, glm::vec3(0.0065f), glm::mat3(1.0f), 12, 8);
    for (float side : {-1.0f, 1.0f}) {
      ellipsoid(jade, {side * 0.080f, 1.566f, -0.004f}, {0.0045f, 0.0065f, 0.0045f},
                glm::mat3(1.0f), 12, 8);
    }
    computeNormals(jade, j0, false);
    headOnly(jade, j0);
  }
}

}  // namespace sc::avatar
