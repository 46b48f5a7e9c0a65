// Chaotianmen (朝天门): the peninsula tip where the greener Jialing meets the brown Yangtze, the
// stepped square at the tip, and Raffles City: a row of four ~250 m towers carrying the
// horizontal skybridge "The Crystal" (about 300 m long), two taller towers towards the tip and
// two more at the back, on a shopping podium.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kLandY = 22.0f;  // general peninsula level above the rivers (y = 0)

// Half width of the peninsula at x (tip at x = 0 pointing +X).
float halfWidth(float x) { return x > 15.0f ? 0.0f : 15.0f + (15.0f - x) * 0.42f; }
// Half width of the ground above the embankments (the ground model stops at +-300 m).
float shoreWidth(float x) { return std::min(halfWidth(x) - 6.0f, 300.0f); }

// Chaotianmen square: five terraces stepping down towards the tip, each a flat 20 m yard and
// then a flight of steps 8 m long down 4 m; the viewing point at the very tip is at kTipY.
constexpr float kSquareX0 = -150.0f, kTerrace = 28.0f, kYard = 20.0f, kTipY = 4.3f;
constexpr int kTerraces = 5;
float terraceTop(int k) { return kLandY + 2.0f - float(k) * 4.0f; }
// Height of the paving at x on the square's axis (the upper plaza behind it is kLandY + 2).
float squareTop(float x) {
  if (x < kSquareX0) return kLandY + 2.0f;
  int k = int((x - kSquareX0) / kTerrace);
  if (k >= kTerraces) return kTipY;
  float f = x - kSquareX0 - float(k) * kTerrace;
  if (f <= kYard) return terraceTop(k);
  return terraceTop(k) - 4.0f * (f - kYard) / (kTerrace - kYard);
}

// The ground above the embankments (|z| <= shoreWidth): the hillside up to the general level,
// and on the square the paving level minus 0.6 m (the terrace and step boxes stand on it, and
// it shows as paved ramps beside them). The embankments (drawn separately) go from the ground's
// edge down to the river bed.
constexpr float kSquareBack = kSquareX0 - 25.0f;  // back edge of the upper plaza
float landHeight(float x, float z, const TileNoise& n) {
  if (x >= kSquareBack) return squareTop(x) - 0.6f;
  float d = halfWidth(x) - std::abs(z);
  float u = (x + 1000.0f) / 2000.0f, v = (z + 1000.0f) / 2000.0f;
  float inland = std::clamp(-x / 600.0f, 0.0f, 1.0f) * 18.0f;
  float top = kLandY + inland + 6.0f * (n.fbm(u, v, 8, 3) - 0.5f);
  return 4.0f + std::clamp((d - 6.0f) / 19.0f, 0.0f, 1.0f) * (top - 4.0f);
}

// A sail-like tower: lens-shaped plan (semi-axes a along local X, c along Z), slightly tapering
// and leaning, built as stacked rings mapped as a facade (12 m x 16 m tiles).
void sailTower(MeshBuilder& b, glm::vec3 base, float a, float c, float height, float yaw, float lean) {
  const int ring = 20, levels = 10;
  b.setPlacement(base, yaw);
  auto point = [&](int i, int l) {
    float t = float(l) / float(levels);
    float ang = 2.0f * kPi * float(i) / float(ring);
    float s = 1.0f - 0.12f * t;
    // |cos|^0.7 sharpens the lens towards its ends.
    float cx = std::cos(ang), sz = std::sin(ang);
    float px = a * s * (cx >= 0 ? 1.0f : -1.0f) * std::pow(std::abs(cx), 0.8f);
    float pz = -c * s * sz;
    return glm::vec3(px + lean * t * t * height, t * height, pz);
  };
  float perim = 0.0f;
  for (int i = 0; i < ring; ++i) perim += glm::length(point(i + 1, 0) - point(i, 0));
  std::vector<std::uint32_t> ids;
  for (int l = 0; l <= levels; ++l) {
    float u = 0.0f;
    for (int i = 0; i <= ring; ++i) {
      glm::vec3 p = point(i, l);
      glm::vec3 tangent = point(i + 1, l) - point(i == 0 ? ring - 1 : i - 1, l);
      glm::vec3 n = glm::normalize(glm::cross(tangent, glm::vec3(0, 1, 0)));
      ids.push_back(b.addVertex({p, n, {u / 12.0f, -p.y / 16.0f}}));
      if (i < ring) u += glm::length(point(i + 1, l) - p);
    }
  }
  for (int l = 0; l < levels; ++l)
    for (int i = 0; i < ring; ++i) {
      std::uint32_t i0 = ids[l * (ring + 1) + i], i1 = ids[l * (ring + 1) + i + 1];
      std::uint32_t i2 = ids[(l + 1) * (ring + 1) + i + 1], i3 = ids[(l + 1) * (ring + 1) + i];
      b.addTriangle(i0, i1, i2);
      b.addTriangle(i0, i2, i3);
    }
  glm::vec3 top(lean * height, height, 0);
  std::uint32_t centre = b.addVertex({top, {0, 1, 0}, {0, 0}});
  for (int i = 0; i < ring; ++i) {
    std::uint32_t a0 = b.addVertex({point(i, levels), {0, 1, 0}, {0.02f, 0.02f}});
    std::uint32_t a1 = b.addVertex({point(i + 1, levels), {0, 1, 0}, {0.02f, 0.02f}});
    b.addTriangle(centre, a0, a1);
  }
  (void)perim;
  b.resetTransform();
}

}  // namespace

Model buildChaotianmen(const GenerateOptions& o) {
  Model m;
  m.name = "chaotianmen";
  const int ts = o.textureSize;
  int hill = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 2));
  // Water is smooth (roughness 0.06) so it mirrors the sky and reads as water, not as a plain;
  // the Jialing is the greener river, the Yangtze the muddy brown one.
  int jialing = m.addSurface("jialing_water", water(seedFor(o, "jialing"), ts / 2, {0.18f, 0.36f, 0.34f}), {}, 1.0f,
                             0.0f, 0.06f);
  int yangtze = m.addSurface("yangtze_water", water(seedFor(o, "yangtze"), ts / 2, {0.36f, 0.27f, 0.17f}), {}, 1.0f,
                             0.0f, 0.06f);
  int pave = m.addSurface("square_paving", paving(seedFor(o, "paving"), ts / 2, {0.7f, 0.68f, 0.63f}));
  int bankStone = m.addSurface("embankment_stone", stoneBlocks(seedFor(o, "embankment"), ts / 4, {0.62f, 0.6f, 0.55f}, 3, 4));
  int towerGlass = m.addSurface("tower_glass", glassCurtain(seedFor(o, "glass"), ts, 4, 4, {0.55f, 0.65f, 0.72f}, 0.2f),
                                {1.0f, 1.0f, 1.0f}, 0.5f);  // daytime: lit windows only faintly
  int crystal = m.addSurface("crystal_glass", glassCurtain(seedFor(o, "crystal"), ts / 2, 8, 3, {0.5f, 0.6f, 0.68f}, 0.4f),
                             {0.8f, 0.9f, 1.0f}, 1.0f);
  int podium = m.addSurface("podium_stone", stoneBlocks(seedFor(o, "podium"), ts / 2, {0.78f, 0.76f, 0.72f}, 2, 4));
  int city = m.addSurface("bank_city", glassCurtain(seedFor(o, "city"), ts / 4, 4, 4, {0.5f, 0.52f, 0.55f}, 0.15f));
  int cityBase = m.addSurface("bank_concrete", concrete(seedFor(o, "concrete"), ts / 4, {0.6f, 0.6f, 0.58f}));

  int terrain = m.addObject("terrain");
  int rivers = m.addObject("rivers");
  int raffles = m.addObject("raffles_city");
  int banks = m.addObject("far_banks");

  TileNoise noise(seedFor(o, "terrain"));
  {
    MeshBuilder t = m.builder(terrain, hill);
    // The peninsula: grids that follow the shore (rows along x, columns across between the
    // shores), the hillside and, finer, the square; stone embankments from each row's edge down
    // to the river bed, so the shore reads clearly and meets the ground exactly.
    MeshBuilder sq = m.builder(terrain, pave);
    MeshBuilder e = m.builder(terrain, bankStone);
    auto ground = [&](MeshBuilder& b, float xa, float xb, int rows) {
      const int cols = 60;
      auto h = [&](float x, float z) { return landHeight(x, z, noise); };
      std::vector<std::uint32_t> id;
      for (int i = 0; i <= rows; ++i) {
        float x = xa + (xb - xa) * float(i) / float(rows), w = shoreWidth(x);
        for (int j = 0; j <= cols; ++j) {
          float z = -w + 2.0f * w * float(j) / float(cols);
          glm::vec3 n(h(x - 1.0f, z) - h(x + 1.0f, z), 2.0f, h(x, z - 1.0f) - h(x, z + 1.0f));
          id.push_back(b.addVertex({{x, h(x, z), z}, glm::normalize(n), {x / 32.0f, z / 32.0f}}));
        }
      }
      for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) {
          std::uint32_t a = id[i * (cols + 1) + j], bb = id[i * (cols + 1) + j + 1];
          std::uint32_t c = id[(i + 1) * (cols + 1) + j + 1], d = id[(i + 1) * (cols + 1) + j];
          b.addTriangle(a, bb, c);  // (x, z) -> (x, z+) -> (x+, z+) faces up
          b.addTriangle(a, c, d);
        }
        float x0 = xa + (xb - xa) * float(i) / float(rows), x1 = xa + (xb - xa) * float(i + 1) / float(rows);
        if (x0 < -680.0f) continue;  // beyond this the ground model is cut at |z| = 300
        for (float side : {-1.0f, 1.0f}) {
          auto top = [&](float x) { return glm::vec3(x, h(x, side * shoreWidth(x)), side * shoreWidth(x)); };
          auto bed = [&](float x) { return glm::vec3(x, -8.0f, side * (halfWidth(x) + 1.0f)); };
          if (side > 0) e.quad(top(x1), top(x0), bed(x0), bed(x1), 4.0f, 4.0f);
          else e.quad(top(x0), top(x1), bed(x1), bed(x0), 4.0f, 4.0f);
        }
      }
    };
    ground(t, -900.0f, kSquareBack, 73);
    ground(sq, kSquareBack, 14.0f, 95);
    // The far banks: Jiangbei to the north of the Jialing, Nan'an south of the Yangtze.
    auto bank = [&](float sign) {
      return [&, sign](float x, float z) {
        float d = std::abs(z) - 520.0f - 0.08f * x;
        float u = (x + 1200) / 2400, v = (z + 1200) / 2400;
        return -8.0f + std::clamp(d / 60.0f, 0.0f, 1.0f) * (30.0f + 120.0f * noise.fbm(u, v, 4, 4) *
                                                              std::clamp(d / 500.0f, 0.0f, 1.0f));
      };
    };
    t.heightfield(-1200, -1300, 1400, -420, 52, 22, bank(-1.0f), 32.0f);
    t.heightfield(-1200, 420, 1400, 1300, 52, 22, bank(1.0f), 32.0f);
    // The rivers only reach as far as the far banks rise above them (|z| ~ 640 m at most).
    MeshBuilder w = m.builder(rivers, jialing);
    w.heightfield(-1200, -660, 1400, 0, 1, 1, [](float, float) { return 0.0f; }, 32.0f);
    MeshBuilder y = m.builder(rivers, yangtze);
    y.heightfield(-1200, 0, 1400, 660, 1, 1, [](float, float) { return 0.0f; }, 32.0f);
  }

  // A stone base under the viewing point at the very tip.
  {
    MeshBuilder e = m.builder(terrain, bankStone);
    const float hw = halfWidth(14.0f) - 1.0f;
    e.box({-10, -8.0f, -hw}, {17, kTipY - 0.1f, hw}, 4.0f);
  }

  // Chaotianmen square: terraces and flights of steps down to the tip.
  {
    MeshBuilder p = m.builder(terrain, pave);
    p.box({kSquareBack, -2.0f, -(shoreWidth(kSquareX0) - 0.5f)},
          {kSquareX0, kLandY + 2.0f, shoreWidth(kSquareX0) - 0.5f}, 6.0f);  // upper plaza
    for (int k = 0; k < kTerraces; ++k) {
      float x0 = kSquareX0 + float(k) * kTerrace, top = terraceTop(k);
      float hw = shoreWidth(x0 + kTerrace) - 0.5f;
      p.box({x0, -2.0f, -hw}, {x0 + kYard, top, hw}, 6.0f);
      const int steps = 13;
      for (int s = 0; s < steps; ++s) {
        float sx = x0 + kYard + (kTerrace - kYard) * float(s) / steps;
        float sy = top - 4.0f * float(s + 1) / float(steps + 1);
        p.box({sx, -2.0f, -hw}, {sx + (kTerrace - kYard) / steps, sy, hw}, 6.0f);
      }
    }
    p.box({-10, kTipY - 0.1f, -halfWidth(14.0f) + 1.0f}, {17, kTipY, halfWidth(14.0f) - 1.0f}, 6.0f);  // the tip
  }

  // Raffles City podium and towers.
  Rng rng(seedFor(o, "raffles"));
  MeshBuilder pod = m.builder(raffles, podium);
  float podiumTop = kLandY + 40.0f;
  std::vector<glm::vec2> plan;
  for (float x : {-175.0f, -560.0f}) {
    float hw = halfWidth(x) - 30.0f;
    plan.push_back({x, x > -200 ? hw : hw});
  }
  plan = {{-175, halfWidth(-175) - 30}, {-175, -(halfWidth(-175) - 30)}, {-560, -(halfWidth(-560) - 60)},
          {-560, halfWidth(-560) - 60}};
  pod.extrude(plan, kLandY - 5.0f, podiumTop, 6.0f, 4.0f, true);
  MeshBuilder g = m.builder(raffles, towerGlass);
  const float rowX[4] = {-235.0f, -310.0f, -385.0f, -460.0f};
  for (float x : rowX) sailTower(g, {x, podiumTop - 1, 0}, 24.0f, 17.0f, 250.0f - podiumTop, 0.0f, 0.0f);
  sailTower(g, {-200, podiumTop - 1, -62}, 26.0f, 18.0f, 350.0f - podiumTop, 0.35f, 0.03f);
  sailTower(g, {-200, podiumTop - 1, 62}, 26.0f, 18.0f, 350.0f - podiumTop, -0.35f, 0.03f);
  sailTower(g, {-520, podiumTop - 1, -75}, 22.0f, 16.0f, 230.0f - podiumTop, -0.2f, 0.0f);
  sailTower(g, {-520, podiumTop - 1, 75}, 22.0f, 16.0f, 230.0f - podiumTop, 0.2f, 0.0f);
  // The Crystal: a horizontal glass tube lying across the tops of the four middle towers.
  MeshBuilder cr = m.builder(raffles, crystal);
  float crystalY = 250.0f - 14.0f;
  glm::mat4 tube(1.0f);
  tube[0] = glm::vec4(0, -1, 0, 0);   // local +X (radius) -> -Y ... frustum axis +Y -> +X
  tube[1] = glm::vec4(1, 0, 0, 0);
  tube[2] = glm::vec4(0, 0, 1.0f, 0);
  tube[3] = glm::vec4(-498.0f, crystalY + 13.0f, 0, 1);
  cr.setTransform(tube);
  cr.frustum({0, 0, 0}, 17.0f, 17.0f, 300.0f, 8, false, true, true, 12.0f, 16.0f, kPi / 8);
  cr.resetTransform();
  (void)rng;

  // Hint of the city on the far banks.
  Rng cityRng(seedFor(o, "banks"));
  for (int i = 0; i < 26; ++i) {
    float side = (i & 1) ? 1.0f : -1.0f;
    float x = -900.0f + float(i / 2) * 150.0f + cityRng.range(-30, 30);
    float z = side * (640.0f + 0.08f * x + cityRng.range(20, 260));
    addGlassTower(m, banks, city, cityBase, {x, 20.0f, z}, cityRng.range(25, 40), cityRng.range(20, 35),
                  cityRng.range(60, 180), 0.0f, cityRng);
  }

  m.overviewEye = {420, 180, 520};
  m.overviewTarget = {-250, 120, 0};
  m.pois = {
      makePoi("confluence", "Where the Jialing meets the Yangtze", "两江交汇", {80, 0, 0}, {-20, 40, -60}, {180, 0, 30},
              {2, kTipY, 0}),
      makePoi("square", "Chaotianmen Square", "朝天门广场", {-90, terraceTop(2), 0}, {60, 38, 70}, {-90, 14, 0},
              {-30, terraceTop(4), 17}),
      makePoi("crystal", "The Crystal skybridge", "水晶连廊", {-348, crystalY + 13, 0}, {-40, 160, 380},
              {-348, crystalY, 0}, {-120, terraceTop(1), 25}),
      makePoi("raffles", "Raffles City towers", "来福士", {-300, 150, 0}, {200, 90, 420}, {-320, 170, 0},
              {-60, terraceTop(3), 25}),
      makePoi("yangtze", "The Yangtze River", "长江", {20, 0, 160}, {250, 40, 320}, {-100, 30, 60},
              {-85, terraceTop(2), 34}),
      makePoi("jialing", "The Jialing River", "嘉陵江", {-200, 0, -250}, {-60, 25, -100}, {-300, 5, -300},
              {-80, terraceTop(2), -35}),
  };
  return m;
}

}  // namespace sc::landmarks
