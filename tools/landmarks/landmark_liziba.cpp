// Liziba (李子坝): a 19-storey residential building on a hillside with Chongqing Rail Transit
// Line 2's monorail passing through it at its 6th-8th floors (the station is inside), the track
// beams on concrete piers, a red-and-white train (animated through the building) and the viewing
// platform across the road below.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

namespace {

constexpr float kStorey = 3.0f;
constexpr float kTrackTop = 20.0f;  // top of the track beams
constexpr float kHoleLo = 5 * kStorey, kHoleHi = 8 * kStorey;  // floors 6-8 (1-based)
constexpr float kHoleHalf = 6.5f;  // half width of the opening across the track (z)

float slope(float x, float z, const TileNoise& n) {
  float u = (x + 500.0f) / 1000.0f, v = (z + 500.0f) / 1000.0f;
  float h = std::max(0.0f, (25.0f - z) * 0.32f);
  if (z > 45.0f) h = std::max(-2.0f, -(z - 45.0f) * 0.05f);
  return h + 5.0f * (n.fbm(u, v, 8, 3) - 0.5f) * std::clamp((25.0f - std::abs(z - 35.0f)) / -20.0f, 0.0f, 1.0f);
}

}  // namespace

Model buildLiziba(const GenerateOptions& o) {
  Model m;
  m.name = "liziba";
  const int ts = o.textureSize;
  int facade = m.addSurface("residential_facade", residentialFacade(seedFor(o, "facade"), ts, {0.82f, 0.76f, 0.66f}),
                            {1.0f, 0.85f, 0.6f}, 1.5f);
  int facadeB = m.addSurface("neighbour_facade", residentialFacade(seedFor(o, "facadeB"), ts / 2, {0.7f, 0.72f, 0.74f}),
                             {1.0f, 0.85f, 0.6f}, 1.5f);
  int conc = m.addSurface("track_concrete", concrete(seedFor(o, "concrete"), ts / 2, {0.68f, 0.67f, 0.64f}));
  int hill = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 2));
  int road = m.addSurface("road", concrete(seedFor(o, "road"), ts / 4, {0.33f, 0.33f, 0.34f}));
  int white = m.addPlain("train_white", {0.92f, 0.93f, 0.93f}, 0.3f, 0.35f);
  int red = m.addPlain("train_red", {0.78f, 0.1f, 0.1f}, 0.3f, 0.35f);
  int windows = m.addPlain("train_windows", {0.08f, 0.1f, 0.12f}, 0.5f, 0.1f, {0.9f, 0.95f, 1.0f}, 0.6f);
  int rail = m.addPlain("railing_steel", {0.3f, 0.32f, 0.33f}, 0.9f, 0.4f);
  // The station inside is dark against the sunlit facade (so the opening reads from outside),
  // with light strips under its ceiling.
  int inside = m.addPlain("station_interior", {0.1f, 0.1f, 0.11f}, 0.0f, 0.85f);
  int lights = m.addPlain("station_lights", {0.9f, 0.9f, 0.85f}, 0.0f, 0.5f, {1.0f, 0.97f, 0.9f}, 3.0f);

  int terrain = m.addObject("terrain");
  int building = m.addObject("building");
  int track = m.addObject("track");
  int train = m.addObject("monorail_train");

  TileNoise noise(seedFor(o, "terrain"));
  {
    MeshBuilder t = m.builder(terrain, hill);
    t.heightfield(-400, -300, 400, 200, 64, 50, [&](float x, float z) { return slope(x, z, noise); }, 32.0f);
    MeshBuilder r = m.builder(terrain, road);
    r.box({-400, -0.4f, 25}, {400, 0.06f, 43}, 4.0f);
    // Viewing platform across the road, reaching west so visitors see the end of the building
    // where the track goes in.
    MeshBuilder c = m.builder(terrain, conc);
    c.box({-85, -3.0f, 43}, {-5, 0.05f, 58}, 4.0f);
    MeshBuilder rl = m.builder(terrain, rail);
    rl.box({-85, 0.05f, 57.8f}, {-5, 1.1f, 58.0f}, 1.0f);
  }

  // The building: 19 storeys; floors 6-8 open from end to end where the track runs through
  // (|z| < kHoleHalf), with a dark station inside (side platforms, lit ceiling) and a concrete
  // portal frame round the opening at both ends.
  {
    MeshBuilder f = m.builder(building, facade);
    const float x0 = -18, x1 = 18, z0 = -12, z1 = 12, top = 19 * kStorey;
    f.facadeBox({x0, -2, z0}, {x1, kHoleLo, z1}, 7.2f, 6.0f, false);
    f.facadeBox({x0, kHoleLo, z0}, {x1, kHoleHi, -kHoleHalf}, 7.2f, 6.0f, false);
    f.facadeBox({x0, kHoleLo, kHoleHalf}, {x1, kHoleHi, z1}, 7.2f, 6.0f, false);
    f.facadeBox({x0, kHoleHi, z0}, {x1, top, z1}, 7.2f, 6.0f, true);
    MeshBuilder in = m.builder(building, inside);
    const float ix0 = x0 + 0.05f, ix1 = x1 - 0.05f, platformTop = kTrackTop - 0.05f;
    in.box({ix0, kHoleHi - 0.7f, -kHoleHalf}, {ix1, kHoleHi - 0.05f, kHoleHalf}, 4.0f, true);  // ceiling
    in.box({ix0, kHoleLo - 0.05f, -kHoleHalf + 0.05f}, {ix1, kHoleLo + 0.3f, kHoleHalf - 0.05f}, 4.0f);  // floor
    for (float side : {-1.0f, 1.0f}) {
      // Inner wall lining and a side platform along it, level with the train's floor.
      float zw = side * (kHoleHalf - 0.05f), zp = side * 3.9f;
      in.box({ix0, kHoleLo, std::min(zw, zw - side * 0.1f)}, {ix1, kHoleHi, std::max(zw, zw - side * 0.1f)}, 4.0f);
      in.box({ix0, kHoleLo, std::min(zp, zw)}, {ix1, platformTop, std::max(zp, zw)}, 4.0f);
    }
    MeshBuilder li = m.builder(building, lights);
    for (float z : {-5.0f, 0.0f, 5.0f}) li.box({ix0 + 1.0f, kHoleHi - 0.85f, z - 0.25f}, {ix1 - 1.0f, kHoleHi - 0.7f, z + 0.25f}, 1.0f, true);
    MeshBuilder c = m.builder(building, conc);
    for (float xe : {x0, x1}) {
      float a = std::min(xe, xe + (xe < 0 ? -0.7f : 0.7f)), b = std::max(xe, xe + (xe < 0 ? -0.7f : 0.7f));
      c.box({a, kHoleHi, -kHoleHalf - 1.2f}, {b, kHoleHi + 1.2f, kHoleHalf + 1.2f}, 4.0f, true);  // lintel
      c.box({a, kHoleLo - 0.8f, -kHoleHalf - 1.2f}, {b, kHoleLo, kHoleHalf + 1.2f}, 4.0f, true);  // sill
      for (float side : {-1.0f, 1.0f}) {
        float za = side * kHoleHalf, zb = side * (kHoleHalf + 1.2f);
        c.box({a, kHoleLo, std::min(za, zb)}, {b, kHoleHi, std::max(za, zb)}, 4.0f, true);  // jambs
      }
    }
    c.box({-5, top, -5}, {5, top + 3.5f, 5}, 4.0f);  // lift machine room
    // Neighbouring blocks on the slope.
    MeshBuilder n = m.builder(building, facadeB);
    Rng rng(seedFor(o, "neighbours"));
    for (int i = 0; i < 10; ++i) {
      float bx = -230.0f + float(i) * 50.0f + rng.range(-8, 8);
      if (std::abs(bx) < 45.0f) continue;
      float bz = rng.chance(0.5f) ? rng.range(-60, -30) : rng.range(-130, -90);
      float base = slope(bx, bz + 10.0f, noise) - 2.0f;
      float h = float(rng.rangeInt(8, 26)) * kStorey;
      n.facadeBox({bx - 14, base, bz - 9}, {bx + 14, base + h, bz + 9}, 7.2f, 6.0f, true);
    }
  }

  // Track: two beams on T-shaped piers every 30 m outside the building.
  {
    MeshBuilder c = m.builder(track, conc);
    const float zA = -2.3f, zB = 2.3f;
    for (float z : {zA, zB}) c.beam({-420, kTrackTop - 0.75f, z}, {420, kTrackTop - 0.75f, z}, 0.85f, 1.5f, 4.0f);
    for (float x = -405.0f; x <= 405.0f; x += 30.0f) {
      if (std::abs(x) < 24.0f) continue;
      float g = slope(x, 0.0f, noise) - 1.0f;
      c.box({x - 0.9f, g, -0.9f}, {x + 0.9f, kTrackTop - 2.3f, 0.9f}, 4.0f);
      c.box({x - 1.1f, kTrackTop - 2.3f, -3.4f}, {x + 1.1f, kTrackTop - 1.5f, 3.4f}, 4.0f);
    }
  }

  // The train: four cars straddling the beam at z = +2.3, modelled around the origin and moved
  // by the animation (stopping in the station inside the building).
  {
    MeshBuilder w = m.builder(train, white);
    MeshBuilder r = m.builder(train, red);
    MeshBuilder g = m.builder(train, windows);
    const float z = 2.3f, carLen = 14.8f, gap = 0.6f, halfW = 1.45f;
    const float bottom = kTrackTop - 1.1f;  // skirts straddle the beam
    for (int k = 0; k < 4; ++k) {
      float cx0 = -31.0f + float(k) * (carLen + gap), cx1 = cx0 + carLen;
      r.box({cx0, bottom, z - halfW}, {cx1, bottom + 1.2f, z + halfW}, 1.0f, true);
      w.box({cx0, bottom + 1.2f, z - halfW}, {cx1, bottom + 1.8f, z + halfW}, 1.0f);
      g.box({cx0 + 0.3f, bottom + 1.8f, z - halfW - 0.02f}, {cx1 - 0.3f, bottom + 2.9f, z + halfW + 0.02f}, 1.0f);
      w.box({cx0, bottom + 2.9f, z - halfW}, {cx1, bottom + 3.5f, z + halfW}, 1.0f);
      if (k == 0 || k == 3) {  // sloped driver's cab at each end
        float dir = k == 0 ? -1.0f : 1.0f, xe = k == 0 ? cx0 : cx1;
        glm::vec3 a(xe, bottom + 1.2f, 0), b(xe + dir * 1.6f, bottom + 1.2f, 0);
        r.box({std::min(xe, xe + dir * 1.6f), bottom, z - halfW + 0.2f}, {std::max(xe, xe + dir * 1.6f), bottom + 1.2f, z + halfW - 0.2f}, 1.0f);
        g.box({std::min(xe, xe + dir * 1.0f), bottom + 1.2f, z - halfW + 0.2f}, {std::max(xe, xe + dir * 1.0f), bottom + 3.1f, z + halfW - 0.2f}, 1.0f);
        (void)a;
        (void)b;
      }
    }
    TranslationAnimation anim;
    anim.name = "monorail_through_building";
    anim.times = {0.0f, 14.0f, 20.0f, 30.0f, 36.0f, 50.0f};
    anim.translations = {{-300, 0, 0}, {-45, 0, 0}, {0, 0, 0}, {0, 0, 0}, {45, 0, 0}, {300, 0, 0}};
    m.objects[train].animation = anim;
  }

  m.overviewEye = {-70, 12, 110};
  m.overviewTarget = {0, 22, 0};
  m.pois = {
      makePoi("through_building", "The monorail passes through the building", "轻轨穿楼", {0, kTrackTop, 0},
              {-75, 14, 30}, {-18, 19, 0}, {-25, 0.05f, 52}),
      makePoi("viewing_platform", "Liziba viewing platform", "李子坝观景平台", {-40, 0, 46}, {-75, 6, 62},
              {-25, 14, 10}, {-60, 0.05f, 50}),
      makePoi("station", "Liziba station inside the building", "楼内的李子坝站", {0, kHoleLo + 3, 0}, {48, 21, 20},
              {18, 20, 0}, {15, 0.05f, 34}),
      makePoi("track", "Monorail track on its piers", "单轨轨道梁与桥墩", {-90, 12, 0}, {-120, 6, 40}, {-80, 16, 0},
              {-110, 0.05f, 34}),
      makePoi("residential", "A nineteen-storey home on the slope", "十九层的居民楼", {0, 40, 0}, {40, 30, 70},
              {0, 35, 0}, {30, 0.05f, 38}),
  };
  return m;
}

}  // namespace sc::landmarks
