// People's Square (人民广场): the Great Hall of the People (人民大礼堂) with its green-tiled round
// roof in three tiers (after the Temple of Heaven), red columns and white terraces, facing the
// Three Gorges Museum (三峡博物馆), a long, low, curved grey-stone and glass building, across the
// wide square.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

namespace {
constexpr float kPi = 3.14159265358979f;
constexpr float kHallZ = -200.0f;
constexpr float kTerrace = 9.0f;  // top of the white terraces
}  // namespace

Model buildPeoplesSquare(const GenerateOptions& o) {
  Model m;
  m.name = "peoples_square";
  const int ts = o.textureSize;
  int greenTile = m.addSurface("green_glazed_tile", roofTiles(seedFor(o, "green"), ts / 2, {0.2f, 0.55f, 0.38f}, 0.3f));
  int whiteStone = m.addSurface("white_terrace_stone", stoneBlocks(seedFor(o, "white"), ts / 2, {0.9f, 0.89f, 0.85f}, 2, 4));
  int wall = m.addSurface("hall_wall", plaster(seedFor(o, "wall"), ts / 4, {0.93f, 0.88f, 0.78f}));
  int redLacquer = m.addPlain("red_lacquer", {0.62f, 0.08f, 0.06f}, 0.0f, 0.45f);
  int gold = m.addPlain("gilded_finial", {0.85f, 0.65f, 0.2f}, 1.0f, 0.3f);
  int greyStone = m.addSurface("museum_grey_stone", stoneBlocks(seedFor(o, "grey"), ts / 2, {0.55f, 0.55f, 0.54f}, 2, 5));
  int glass = m.addSurface("museum_glass", glassCurtain(seedFor(o, "glass"), ts / 2, 6, 4, {0.45f, 0.6f, 0.68f}, 0.2f),
                           {1.0f, 1.0f, 1.0f}, 1.2f);
  int pave = m.addSurface("square_paving", paving(seedFor(o, "paving"), ts / 2, {0.78f, 0.75f, 0.7f}));
  int lawn = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 4));

  int ground = m.addObject("square");
  int hall = m.addObject("great_hall");
  int museum = m.addObject("three_gorges_museum");

  TileNoise noise(seedFor(o, "terrain"));
  {
    MeshBuilder p = m.builder(ground, pave);
    p.box({-110, -0.5f, -150}, {110, 0, 125}, 6.0f);
    MeshBuilder l = m.builder(ground, lawn);
    for (float sx : {-1.0f, 1.0f}) l.box({sx * 45 - 12, 0, -110}, {sx * 45 + 12, 0.3f, 80}, 32.0f);
    l.heightfield(-500, -500, 500, 500, 50, 50, [&](float x, float z) {
      float d = std::max(std::abs(x) - 130.0f, std::max(-z - 300.0f, z - 260.0f));
      d = std::max(d, std::abs(x) - 130.0f);
      float u = (x + 500) / 1000, v = (z + 500) / 1000;
      float rise = std::clamp(d / 200.0f, 0.0f, 1.0f) * 60.0f * noise.fbm(u, v, 4, 4);
      return (std::abs(x) < 130 && z > -300 && z < 260) ? -1.0f : -1.0f + rise;
    }, 32.0f);
  }

  // The Great Hall: terraces, central drum with three green roof tiers, wings and end towers.
  {
    MeshBuilder s = m.builder(hall, whiteStone);
    s.box({-130, -0.5f, kHallZ - 70}, {130, 4.5f, kHallZ + 50}, 4.0f);
    s.box({-75, 4.5f, kHallZ - 55}, {75, kTerrace, kHallZ + 38}, 4.0f);
    for (int k = 0; k < 9; ++k) {  // the wide central stair down to the square
      float y = kTerrace - float(k + 1) * 1.0f, z = kHallZ + 38 + float(k) * 1.6f;
      s.box({-24, -0.5f, z}, {24, y + 1.0f, z + 1.6f}, 4.0f);
    }
    for (float y : {4.5f, kTerrace}) {  // balustrades along the terrace fronts
      float hw = y < 5 ? 130.0f : 75.0f, z = y < 5 ? kHallZ + 50 : kHallZ + 38;
      s.box({-hw, y, z - 0.5f}, {-24, y + 1.1f, z}, 1.0f);
      s.box({24, y, z - 0.5f}, {hw, y + 1.1f, z}, 1.0f);
    }
    MeshBuilder w = m.builder(hall, wall);
    MeshBuilder r = m.builder(hall, redLacquer);
    MeshBuilder g = m.builder(hall, greenTile);
    MeshBuilder au = m.builder(hall, gold);
    glm::vec3 c(0, kTerrace, kHallZ);
    w.frustum(c, 22.0f, 22.0f, 17.0f, 48, true, false, false, 4.0f, 4.0f);
    for (int i = 0; i < 32; ++i) {
      float a = 2.0f * kPi * (float(i) + 0.5f) / 32.0f;
      r.frustum(c + glm::vec3(25.0f * std::cos(a), 0, -25.0f * std::sin(a)), 0.75f, 0.7f, 17.0f, 8, true, false,
                false, 1, 1);
    }
    r.frustum(c + glm::vec3(0, 16.0f, 0), 26.0f, 26.0f, 1.5f, 48, true, true, false, 2, 2);  // red lintel ring
    g.ringRoof(c, 30.5f, 19.0f, 17.5f, 24.0f, 1.6f, 48, 2.0f);
    w.frustum(c + glm::vec3(0, 22.5f, 0), 19.0f, 19.0f, 7.5f, 40, true, false, false, 4.0f, 4.0f);
    g.ringRoof(c, 25.0f, 14.0f, 30.0f, 36.0f, 1.4f, 40, 2.0f);
    w.frustum(c + glm::vec3(0, 34.5f, 0), 14.0f, 14.0f, 7.0f, 36, true, false, false, 4.0f, 4.0f);
    g.ringRoof(c, 19.0f, 0.0f, 41.5f, 54.0f, 1.2f, 36, 2.0f);
    au.frustum(c + glm::vec3(0, 53.5f, 0), 1.2f, 1.6f, 1.6f, 12, true, false, false, 1, 1);
    au.dome(c + glm::vec3(0, 55.1f, 0), 1.6f, 1.8f, 12, 4, 1.0f);
    // Wings (three storeys, colonnade towards the square) and end towers with stacked roofs.
    for (float sx : {-1.0f, 1.0f}) {
      float xa = sx * 30.0f, xb = sx * 92.0f;
      float lo = std::min(xa, xb), hi = std::max(xa, xb);
      w.facadeBox({lo, kTerrace, kHallZ - 16}, {hi, kTerrace + 13, kHallZ + 14}, 4.0f, 4.0f, false);
      for (float x = lo + 3; x < hi; x += 5.0f)
        r.frustum({x, kTerrace, kHallZ + 16.5f}, 0.55f, 0.5f, 13.0f, 8, true, false, false, 1, 1);
      g.curvedRoof({0.5f * (lo + hi), kTerrace + 13, kHallZ}, hi - lo, 34.0f, 6.0f, 2.5f, 1.2f, true, 2.0f);
      float tx = sx * 100.0f;
      w.facadeBox({tx - 10, kTerrace, kHallZ - 12}, {tx + 10, kTerrace + 22, kHallZ + 12}, 4.0f, 4.0f, false);
      for (int k = 0; k < 4; ++k) {
        float x = tx - 7.5f + float(k) * 5.0f;
        r.frustum({x, kTerrace, kHallZ + 14.0f}, 0.6f, 0.55f, 22.0f, 8, true, false, false, 1, 1);
      }
      g.curvedRoof({tx, kTerrace + 22, kHallZ}, 20.0f, 24.0f, 4.0f, 2.5f, 1.4f, true, 2.0f);
      w.facadeBox({tx - 6, kTerrace + 25, kHallZ - 7}, {tx + 6, kTerrace + 31, kHallZ + 7}, 4.0f, 4.0f, false);
      g.curvedRoof({tx, kTerrace + 31, kHallZ}, 12.0f, 14.0f, 4.5f, 2.2f, 1.4f, true, 2.0f);
      au.frustum({tx, kTerrace + 35.4f, kHallZ}, 0.5f, 0.0f, 2.0f, 8, true, false, false, 1, 1);
    }
  }

  // The museum: a long, low, gently curved stone building embracing the square, with a glazed
  // central section.
  {
    MeshBuilder s = m.builder(museum, greyStone);
    MeshBuilder gl = m.builder(museum, glass);
    glm::vec3 centre(0, 0, -200.0f);
    const float radius = 340.0f, depth = 40.0f, span = 0.27f, mid = -kPi / 2;
    s.arcWall(centre, radius, depth, mid - span, mid - 0.055f, -0.5f, 24.0f, 12, 4.0f, 4.0f);
    s.arcWall(centre, radius, depth, mid + 0.055f, mid + span, -0.5f, 24.0f, 12, 4.0f, 4.0f);
    gl.arcWall(centre, radius - 4.0f, depth - 8.0f, mid - 0.06f, mid + 0.06f, -0.5f, 30.0f, 8, 12.0f, 16.0f);
    s.arcWall(centre, radius - depth * 0.5f - 1.5f, 3.0f, mid - span, mid + span, -0.5f, 5.0f, 24, 4.0f, 4.0f);
    // Entrance steps across the central section.
    for (int k = 0; k < 4; ++k)
      s.arcWall(centre, radius - depth * 0.5f - 3.0f - float(k) * 1.2f, 1.2f, mid - 0.06f, mid + 0.06f, -0.5f,
                1.2f - float(k) * 0.3f, 8, 4.0f, 4.0f);
  }

  const float museumFrontZ = -200.0f + 340.0f - 20.0f;
  m.overviewEye = {230, 110, 60};
  m.overviewTarget = {0, 10, -40};
  m.pois = {
      makePoi("great_hall", "Great Hall of the People", "人民大礼堂", {0, kTerrace + 40, kHallZ}, {40, 25, kHallZ + 130},
              {0, kTerrace + 28, kHallZ}, {10, 0, kHallZ + 110}),
      makePoi("terraces", "White terraces and the grand stair", "白色台阶与栏杆", {0, 5, kHallZ + 45},
              {-30, 6, kHallZ + 80}, {0, 6, kHallZ + 40}, {-20, 0, kHallZ + 75}),
      makePoi("colonnade", "Red columns under green eaves", "红柱与绿琉璃瓦", {25, kTerrace + 8, kHallZ + 15},
              {45, kTerrace + 3, kHallZ + 34}, {20, kTerrace + 8, kHallZ + 10}, {40, kTerrace, kHallZ + 32}),
      makePoi("square", "People's Square", "人民广场", {0, 0, 0}, {-60, 30, 80}, {0, 5, -60}, {-10, 0, 20}),
      makePoi("museum", "Chongqing China Three Gorges Museum", "重庆中国三峡博物馆", {0, 15, museumFrontZ},
              {-50, 14, museumFrontZ - 110}, {0, 14, museumFrontZ}, {-15, 0, museumFrontZ - 60}),
      makePoi("axis", "Facing each other across the square", "隔广场相望", {0, 20, 0}, {0, 12, museumFrontZ - 30},
              {0, 22, kHallZ}, {0, 0, museumFrontZ - 30}),
  };
  return m;
}

}  // namespace sc::landmarks
