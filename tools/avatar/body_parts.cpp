#include "body_parts.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "shapes.hpp"

namespace sc::avatar {
namespace {

constexpr float kPi = 3.14159265f;

// A profile key: coordinate s and up to four values (radii, offsets, exponent).
struct Key {
  float s;
  glm::vec4 v;
};

// Catmull-Rom through the keys (clamped ends), so lofted outlines have no kinks.
glm::vec4 sampleProfile(const std::vector<Key>& keys, float s) {
  if (s <= keys.front().s) return keys.front().v;
  if (s >= keys.back().s) return keys.back().v;
  std::size_t i = 0;
  while (i + 2 < keys.size() && s > keys[i + 1].s) ++i;
  const float t = (s - keys[i].s) / (keys[i + 1].s - keys[i].s);
  const glm::vec4 p0 = keys[i == 0 ? 0 : i - 1].v, p1 = keys[i].v, p2 = keys[i + 1].v;
  const glm::vec4 p3 = keys[std::min(i + 2, keys.size() - 1)].v;
  const float t2 = t * t, t3 = t2 * t;
  return 0.5f * ((2.0f * p1) + (-p0 + p2) * t + (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * t2 +
                 (-p0 + 3.0f * p1 - 3.0f * p2 + p3) * t3);
}

// Jacket torso outline: y -> (half-width x, half-depth z, z offset, superellipse exponent).
const std::vector<Key>& torsoKeys() {
  static const std::vector<Key> keys = {
      {0.99f, {0.150f, 0.097f, 0.000f, 2.2f}}, {1.04f, {0.142f, 0.092f, 0.000f, 2.2f}},
      {1.10f, {0.132f, 0.088f, 0.000f, 2.2f}}, {1.16f, {0.137f, 0.092f, 0.003f, 2.3f}},
      {1.22f, {0.150f, 0.103f, 0.008f, 2.3f}}, {1.27f, {0.156f, 0.110f, 0.012f, 2.3f}},
      {1.32f, {0.158f, 0.104f, 0.008f, 2.4f}}, {1.36f, {0.163f, 0.094f, 0.000f, 2.6f}},
      {1.40f, {0.165f, 0.085f, -0.005f, 2.6f}}, {1.43f, {0.150f, 0.075f, -0.006f, 2.4f}},
      {1.455f, {0.110f, 0.062f, -0.005f, 2.2f}}, {1.47f, {0.066f, 0.052f, -0.004f, 2.0f}}};
  return keys;
}

Ring torsoRing(float y, float grow = 0.0f) {
  const glm::vec4 k = sampleProfile(torsoKeys(), y);
  Ring r;
  r.centre = {0.0f, y, k.z};
  r.u = {0.0f, 0.0f, 1.0f};
  r.v = {1.0f, 0.0f, 0.0f};
  r.ru = k.y + grow;
  r.rv = k.x + grow;
  r.exponent = k.w;
  r.texV = jacketV(y);
  return r;
}

LoftOptions aroundBody(int segments) {
  LoftOptions o;
  o.segments = segments;
  o.angle0 = kPi;  // seam at the back
  o.angle1 = 3.0f * kPi;
  o.texU = {0.0f, 1.0f};
  return o;
}

struct Weighting {
  const RigJoints& rig;

  Influences arm(float x) const {  // left arm, along +x
    const ChainStop stops[] = {{0.0f, rig.upperChest, 0.0f},
                               {0.075f, rig.leftShoulder, 0.03f},
                               {0.17f, rig.leftUpperArm, 0.05f},
                               {0.45f, rig.leftLowerArm, 0.05f},
                               {0.70f, rig.leftHand, 0.025f}};
    return chainInfluences(x, stops);
  }
  Influences leg(float y) const {  // left leg, along -y
    const ChainStop stops[] = {{-2.0f, rig.hips, 0.0f},
                               {-0.955f, rig.leftUpperLeg, 0.05f},
                               {-0.49f, rig.leftLowerLeg, 0.05f},
                               {-0.08f, rig.leftFoot, 0.03f}};
    return chainInfluences(-y, stops);
  }
  Influences spine(float y) const {
    const ChainStop stops[] = {{0.0f, rig.hips, 0.0f},
                               {1.05f, rig.spine, 0.04f},
                               {1.20f, rig.chest, 0.05f},
                               {1.33f, rig.upperChest, 0.05f},
                               {1.46f, rig.neck, 0.02f},
                               {1.55f, rig.head, 0.03f}};
    return chainInfluences(y, stops);
  }
  // The torso follows the spine; its shoulders hand over to the arms, its pelvis to the legs.
  Influences torso(const glm::vec3& p) const {
    Influences out;
    const float ax = std::abs(p.x);
    const float ws = smoothstep(0.085f, 0.16f, ax) * smoothstep(1.30f, 1.38f, p.y);
    const float wl = smoothstep(0.99f, 0.86f, p.y) * smoothstep(0.015f, 0.10f, ax) * 0.8f;
    out.addScaled(spine(p.y), 1.0f - ws - wl);
    if (ws > 0.0f) {
      Influences a = arm(ax);
      out.addScaled(p.x >= 0.0f ? a : mirrored(a), ws);
    }
    if (wl > 0.0f) {
      Influences l = leg(p.y);
      out.addScaled(p.x >= 0.0f ? l : mirrored(l), wl);
    }
    return out;
  }
  // The hem hangs from the hips and is nudged by the thighs so they do not poke through.
  Influences hem(const glm::vec3& p) const {
    Influences out;
    const float w = smoothstep(1.0f, 0.83f, p.y) * 0.45f;
    const float left = smoothstep(-0.06f, 0.06f, p.x);
    out.add(rig.hips, 1.0f - w);
    out.add(rig.leftUpperLeg, w * left);
    out.add(rig.rightUpperLeg, w * (1.0f - left));
    return out;
  }
  Influences mirrored(const Influences& in) const {
    // Influences has no iteration API on purpose; mirror through a finished vertex instead.
    Vertex v;
    in.finish(v);
    Influences out;
    for (int i = 0; i < 4; ++i) out.add(rig.mirrorMap[v.joints[i]], v.weights[i]);
    return out;
  }
};

void addFrogButton(Primitive& trim, float angle, float y, const Weighting& w) {
  glm::vec3 n;
  const glm::vec3 p = jacketSurface(angle, y, &n);
  const glm::vec3 t = glm::normalize(glm::cross(glm::vec3(0, 1, 0), n));  // around the body
  const glm::vec3 up = glm::normalize(glm::cross(n, t));
  const glm::mat3 basis(t, up, n);
  const std::uint32_t first = std::uint32_t(trim.vertices.size());
  ellipsoid(trim, p + n * 0.004f, {0.0065f, 0.0065f, 0.005f}, basis, 12, 8);
  for (float side : {-1.0f, 1.0f}) {
    // Each loop of the frog: a flat elongated knot either side of the button.
    ellipsoid(trim, p + n * 0.002f + t * (side * 0.014f), {0.012f, 0.0042f, 0.003f}, basis, 12, 6);
    ellipsoid(trim, p + n * 0.0015f + t * (side * 0.014f) + up * 0.006f,
              {0.009f, 0.0025f, 0.0025f}, basis, 10, 5);
    ellipsoid(trim, p + n * 0.0015f + t * (side * 0.014f) - up * 0.006f,
              {0.009f, 0.0025f, 0.0025f}, basis, 10, 5);
  }
  computeNormals(trim, first, false);
  applyWeights(trim, first, [&](const glm::vec3& q) { return w.torso(q); });
}

// Left arm: sleeve with a folded cuff, plus the hand (palm, four fingers, thumb).
void buildLeftArm(const Weighting& w, Primitive& jacket, Primitive& skin) {
  const std::vector<Key> sleeve = {
      {0.07f, {0.050f, 0.050f, 0.0f, 0.0f}}, {0.12f, {0.057f, 0.055f, 0.0f, 0.0f}},
      {0.18f, {0.055f, 0.052f, 0.0f, 0.0f}}, {0.27f, {0.048f, 0.046f, 0.0f, 0.0f}},
      {0.37f, {0.043f, 0.042f, 0.0f, 0.0f}}, {0.45f, {0.040f, 0.040f, 0.0f, 0.0f}},
      {0.55f, {0.040f, 0.039f, 0.0f, 0.0f}}, {0.63f, {0.044f, 0.042f, 0.0f, 0.0f}},
      {0.675f, {0.047f, 0.045f, 0.0f, 0.0f}}};
  std::vector<Ring> rings;
  auto ring = [](float x, float ry, float rz, float v) {
    Ring r;
    r.centre = {x, 1.41f, 0.0f};
    r.u = {0.0f, 1.0f, 0.0f};
    r.v = {0.0f, 0.0f, 1.0f};
    r.ru = ry;
    r.rv = rz;
    r.texV = v;
    return r;
  };
  for (float x = 0.07f; x < 0.6451f; x += 0.0125f) {
    const glm::vec4 k = sampleProfile(sleeve, x);
    rings.push_back(ring(x, k.x, k.y, 0.12f + (x - 0.07f) * 1.1f));
  }
  // Cuff: the trim band of the jacket texture, then folded back inside the sleeve.
  const float xc = 0.645f;
  glm::vec4 k = sampleProfile(sleeve, xc);
  rings.push_back(ring(xc, k.x + 0.0015f, k.y + 0.0015f, kTrimBandV.x));
  rings.push_back(ring(0.675f, 0.0485f, 0.0465f, kTrimBandV.y));
  rings.push_back(ring(0.678f, 0.044f, 0.042f, 0.95f));
  rings.push_back(ring(0.672f, 0.034f, 0.033f, 0.95f));
  rings.push_back(ring(0.64f, 0.033f, 0.032f, 0.95f));
  LoftOptions o;
  o.segments = 28;
  o.texU = {0.03f, 0.23f};
  const std::uint32_t first = loft(jacket, rings, o);
  computeNormals(jacket, first);
  applyWeights(jacket, first, [&](const glm::vec3& p) { return w.arm(p.x); });

  // Hand, palm down, thumb forward (T-pose): a stylised, slightly cupped mitten with fingers.
  const std::uint32_t h0 = std::uint32_t(skin.vertices.size());
  const glm::mat3 id(1.0f);
  std::vector<Ring> wrist;
  for (float x : {0.655f, 0.69f, 0.715f}) {
    Ring r = ring(x, 0.022f + (x - 0.655f) * 0.05f, 0.028f + (x - 0.655f) * 0.2f, 0.5f);
    wrist.push_back(r);
  }
  LoftOptions wo;
  wo.segments = 20;
  loft(skin, wrist, wo);
  ellipsoid(skin, {0.745f, 1.408f, 0.0f}, {0.045f, 0.017f, 0.039f}, id, 20, 12);
  const float fz[4] = {0.026f, 0.009f, -0.008f, -0.024f};    // index .. little finger
  const float len[4] = {0.070f, 0.077f, 0.071f, 0.058f};
  for (int f = 0; f < 4; ++f) {
    const float x0 = 0.775f + (f == 3 ? -0.004f : 0.0f);
    ellipsoid(skin, {x0 + len[f] * 0.5f, 1.405f, fz[f]},
              {len[f] * 0.5f, 0.0095f, 0.0088f - 0.0006f * float(f)},
              glm::mat3(glm::vec3(1, 0, 0), glm::vec3(0, 1, 0), glm::vec3(0, 0, 1)), 10, 10);
  }
  // Thumb: from the palm's front edge, forwards and a little outwards and down.
  const glm::vec3 thumbDir = glm::normalize(glm::vec3(0.55f, -0.18f, 0.82f));
  const glm::vec3 tb = glm::normalize(glm::cross(thumbDir, glm::vec3(0, 1, 0)));
  // Columns (tb x dir, tb, dir) are right-handed in the order ellipsoid() needs.
  ellipsoid(skin, glm::vec3(0.735f, 1.398f, 0.036f) + thumbDir * 0.018f,
            {0.0105f, 0.0100f, 0.030f}, glm::mat3(glm::cross(tb, thumbDir), tb, thumbDir), 10,
            10);
  computeNormals(skin, h0, false);
  applyWeights(skin, h0, [&](const glm::vec3& p) { return w.arm(p.x); });
}

// Left leg: trouser leg with a folded hem, an ankle, and a shoe (ballet-flat style).
void buildLeftLeg(const Weighting& w, Primitive& trousers, Primitive& shoes) {
  const std::vector<Key> leg = {
      {0.10f, {0.056f, 0.0f, 0.0f, 0.0f}}, {0.20f, {0.055f, 0.0f, 0.0f, 0.0f}},
      {0.35f, {0.056f, 0.0f, 0.0f, 0.0f}}, {0.45f, {0.057f, 0.0f, 0.0f, 0.0f}},
      {0.52f, {0.058f, 0.0f, 0.0f, 0.0f}}, {0.62f, {0.063f, 0.0f, 0.0f, 0.0f}},
      {0.75f, {0.069f, 0.0f, 0.0f, 0.0f}}, {0.90f, {0.074f, 0.0f, 0.0f, 0.0f}},
      {1.00f, {0.070f, 0.0f, 0.0f, 0.0f}}};
  auto ring = [](float y, float r, float x) {
    Ring g;
    g.centre = {x, y, 0.0f};
    g.u = {1.0f, 0.0f, 0.0f};  // X x Z = -Y: the loft runs downwards
    g.v = {0.0f, 0.0f, 1.0f};
    g.ru = r;
    g.rv = r;
    g.texV = (1.0f - y) * 2.0f;
    return g;
  };
  std::vector<Ring> rings;
  for (float y = 1.0f; y > 0.1249f; y -= 0.025f) {
    const float x = 0.09f + (y - 0.5f) * 0.0f;
    rings.push_back(ring(y, sampleProfile(leg, y).x, x));
  }
  rings.push_back(ring(0.11f, 0.057f, 0.09f));
  rings.push_back(ring(0.108f, 0.050f, 0.09f));
  rings.push_back(ring(0.12f, 0.040f, 0.09f));
  LoftOptions o;
  o.segments = 24;
  o.angle0 = -kPi * 0.5f;  // seam at the back (-Z)
  o.angle1 = kPi * 1.5f;
  const std::uint32_t first = loft(trousers, rings, o);
  // Ankle (dark stocking) under the hem.
  std::vector<Ring> ankle = {ring(0.16f, 0.036f, 0.09f), ring(0.07f, 0.032f, 0.09f)};
  LoftOptions ao;
  ao.segments = 16;
  loft(trousers, ankle, ao);
  computeNormals(trousers, first);
  applyWeights(trousers, first, [&](const glm::vec3& p) { return w.leg(p.y); });

  // Shoe: rings across the foot from heel to toe (loft along +Z: u = X, v = Y).
  const std::vector<Key> shoe = {
      // z: half-width, bottom y, top y
      {-0.060f, {0.022f, 0.000f, 0.050f, 0.0f}}, {-0.045f, {0.034f, 0.000f, 0.085f, 0.0f}},
      {-0.010f, {0.039f, 0.000f, 0.095f, 0.0f}}, {0.040f, {0.042f, 0.000f, 0.072f, 0.0f}},
      {0.090f, {0.043f, 0.000f, 0.050f, 0.0f}}, {0.140f, {0.037f, 0.001f, 0.040f, 0.0f}},
      {0.170f, {0.022f, 0.004f, 0.031f, 0.0f}}, {0.180f, {0.008f, 0.008f, 0.024f, 0.0f}}};
  std::vector<Ring> srings;
  for (float z = -0.06f; z < 0.1801f; z += 0.012f) {
    const glm::vec4 k = sampleProfile(shoe, z);
    Ring r;
    r.centre = {0.09f, 0.5f * (k.y + k.z), z};
    r.u = {1.0f, 0.0f, 0.0f};
    r.v = {0.0f, 1.0f, 0.0f};
    r.ru = k.x;
    r.rv = 0.5f * (k.z - k.y);
    r.exponent = 2.6f;
    r.texV = z;
    srings.push_back(r);
  }
  LoftOptions so;
  so.segments = 24;
  so.capStart = true;
  so.capEnd = true;
  const std::uint32_t s0 = loft(shoes, srings, so);
  computeNormals(shoes, s0);
  applyWeights(shoes, s0, [&](const glm::vec3& p) {
    const float t = smoothstep(0.085f, 0.135f, p.z);
    Influences in;
    in.addScaled(w.leg(std::min(p.y, 0.09f)), 1.0f - t);
    in.add(w.rig.leftToes, t);
    return in;
  });
}

}  // namespace

glm::vec3 jacketSurface(float angleFromFront, float y, glm::vec3* normal) {
  const Ring r = torsoRing(y);
  const float a = angleFromFront;  // ring angle measured from u (= +Z) towards v (= +X)
  const glm::vec3 p = ringPoint(r, a);
  if (normal != nullptr) {
    const glm::vec3 da = ringPoint(r, a + 0.01f) - ringPoint(r, a - 0.01f);
    const glm::vec3 dy = ringPoint(torsoRing(y + 0.01f), a) - ringPoint(torsoRing(y - 0.01f), a);
    *normal = glm::normalize(glm::cross(da, dy));
  }
  return p;
}

void buildBody(const RigJoints& rig, const BodyMaterials& m, Mesh& mesh) {
  const Weighting w{rig};
  std::map<int, Primitive> parts;
  for (int id : {m.skin, m.jacket, m.trim, m.trousers, m.shoes, m.sash, m.jade}) {
    parts[id].material = id;
  }
  Primitive& jacket = parts[m.jacket];
  Primitive& skin = parts[m.skin];
  Primitive& trim = parts[m.trim];

  // Jacket torso, from the waist up to the neck.
  {
    std::vector<Ring> rings;
    for (float y = 0.99f; y < 1.4701f; y += 0.015f) rings.push_back(torsoRing(y));
    rings.push_back(torsoRing(1.47f));
    LoftOptions o = aroundBody(44);
    o.capEnd = true;
    const std::uint32_t first = loft(jacket, rings, o);
    computeNormals(jacket, first);
    applyWeights(jacket, first, [&](const glm::vec3& p) { return w.torso(p); });
  }
  // Peplum hem flaring over the hips, folded inwards at its lower edge.
  {
    std::vector<Ring> rings;
    const float ys[] = {1.05f, 1.02f, 0.99f, 0.96f, 0.93f, 0.90f, 0.87f, 0.845f};
    for (float y : ys) {
      const float flare = smoothstep(1.05f, 0.84f, y);
      Ring r = torsoRing(std::max(y, 0.99f), 0.004f);
      r.centre.y = y;
      r.rv = 0.148f + flare * 0.052f;
      r.ru = 0.097f + flare * 0.034f;
      r.exponent = 2.2f;
      r.texV = jacketV(y);
      rings.push_back(r);
    }
    // Trim band along the lower edge: the last ring again, mapped to the band's top line.
    Ring bandTop = rings.back();
    bandTop.texV = kTrimBandV.x;
    rings.push_back(bandTop);
    Ring edge = bandTop;
    edge.centre.y = 0.83f;
    edge.texV = kTrimBandV.y;
    rings.push_back(edge);
    Ring inner = edge;
    inner.ru -= 0.006f;
    inner.rv -= 0.006f;
    inner.centre.y = 0.835f;
    rings.push_back(inner);
    inner.centre.y = 0.90f;
    rings.push_back(inner);
    // The hem runs downwards, so its rings swap u and v to keep faces outwards, and the angle
    // and texture u run the other way to match the torso's mapping.
    for (Ring& r : rings) {
      std::swap(r.u, r.v);
      std::swap(r.ru, r.rv);
    }
    LoftOptions o = aroundBody(40);
    o.angle0 = -0.5f * kPi;
    o.angle1 = 1.5f * kPi;
    o.texU = {1.0f, 0.0f};
    const std::uint32_t first = loft(jacket, rings, o);
    computeNormals(jacket, first);
    applyWeights(jacket, first, [&](const glm::vec3& p) { return w.hem(p); });
  }
  // Mandarin collar: a standing band open at the front, folded over its top edge.
  {
    auto ring = [](float y, float rx, float rz, float v) {
      Ring r;
      r.centre = {0.0f, y, -0.004f};
      r.u = {0.0f, 0.0f, 1.0f};
      r.v = {1.0f, 0.0f, 0.0f};
      r.ru = rz;
      r.rv = rx;
      r.texV = v;
      return r;
    };
    const std::vector<Ring> rings = {
        ring(1.440f, 0.070f, 0.066f, kTrimBandV.y), ring(1.500f, 0.063f, 0.060f, kTrimBandV.x),
        ring(1.504f, 0.059f, 0.056f, kTrimBandV.x), ring(1.498f, 0.056f, 0.053f, kTrimBandV.x),
        ring(1.445f, 0.062f, 0.058f, kTrimBandV.y)};
    LoftOptions o;
    o.segments = 40;
    o.angle0 = 0.12f;
    o.angle1 = 2.0f * kPi - 0.12f;
    o.texU = {0.0f, 6.0f};
    const std::uint32_t first = loft(jacket, rings, o);
    computeNormals(jacket, first);
    applyWeights(jacket, first, [&](const glm::vec3& p) { return w.spine(std::min(p.y, 1.47f)); });
  }
  for (const glm::vec2& b : kFrogButtons) addFrogButton(trim, b.x, b.y, w);

  // Embroidered sash at the waist (Ba-Yu style pattern in sash_basecolor.png).
  {
    Primitive& sash = parts[m.sash];
    std::vector<Ring> rings;
    const float ys[] = {1.065f, 1.07f, 1.08f, 1.095f, 1.11f, 1.125f, 1.135f, 1.14f};
    const float grow[] = {0.0f, 0.005f, 0.007f, 0.0075f, 0.0075f, 0.007f, 0.005f, 0.0f};
    for (int i = 0; i < 8; ++i) {
      Ring r = torsoRing(ys[i], grow[i]);
      r.texV = float(i) / 7.0f;
      rings.push_back(r);
    }
    LoftOptions o = aroundBody(48);
    o.texU = {0.0f, 6.0f};
    const std::uint32_t first = loft(sash, rings, o);
    computeNormals(sash, first);
    applyWeights(sash, first, [&](const glm::vec3& p) { return w.torso(p); });
  }
  // Pelvis (trousers), hidden above the hem line by the jacket.
  {
    Primitive& trousers = parts[m.trousers];
    // Kept inside the jacket and its hem everywhere (the hem flares over it).
    const std::vector<Key> keys = {{0.85f, {0.105f, 0.078f, 0, 0}}, {0.88f, {0.140f, 0.094f, 0, 0}},
                                   {0.93f, {0.150f, 0.098f, 0, 0}}, {0.98f, {0.146f, 0.095f, 0, 0}},
                                   {1.03f, {0.132f, 0.086f, 0, 0}}, {1.08f, {0.118f, 0.078f, 0, 0}}};
    std::vector<Ring> rings;
    for (float y = 0.85f; y < 1.0801f; y += 0.0115f) {
      const glm::vec4 k = sampleProfile(keys, y);
      Ring r;
      r.centre = {0.0f, y, 0.0f};
      r.ru = k.y;
      r.rv = k.x;
      r.exponent = 2.2f;
      r.texV = y;
      rings.push_back(r);
    }
    LoftOptions o = aroundBody(40);
    o.capStart = true;
    const std::uint32_t first = loft(trousers, rings, o);
    computeNormals(trousers, first);
    applyWeights(trousers, first, [&](const glm::vec3& p) { return w.torso(p); });
  }
  // Neck.
  {
    std::vector<Ring> rings;
    for (float y : {1.40f, 1.44f, 1.48f, 1.52f, 1.555f, 1.58f}) {
      Ring r;
      r.centre = {0.0f, y, -0.006f + (y - 1.40f) * 0.02f};
      r.ru = 0.052f - (y - 1.40f) * 0.03f;
      r.rv = 0.056f - (y - 1.40f) * 0.05f;
      r.texV = y;
      rings.push_back(r);
    }
    LoftOptions o = aroundBody(28);
    const std::uint32_t first = loft(skin, rings, o);
    computeNormals(skin, first);
    applyWeights(skin, first, [&](const glm::vec3& p) { return w.spine(p.y); });
  }
  // Arms and legs: built on the left, mirrored onto the right.
  {
    Primitive lj, ls, lt, lsh;
    lj.material = m.jacket;
    buildLeftArm(w, lj, ls);
    buildLeftLeg(w, lt, lsh);
    appendPart(jacket, lj, false);
    appendPart(jacket, lj, true, rig.mirrorMap);
    appendPart(skin, ls, false);
    appendPart(skin, ls, true, rig.mirrorMap);
    appendPart(parts[m.trousers], lt, false);
    appendPart(parts[m.trousers], lt, true, rig.mirrorMap);
    appendPart(parts[m.shoes], lsh, false);
    appendPart(parts[m.shoes], lsh, true, rig.mirrorMap);
  }
  mesh.name = "guide_body";
  for (auto& [id, part] : parts) {
    if (!part.indices.empty()) mesh.primitives.push_back(std::move(part));
  }
}

}  // namespace sc::avatar
