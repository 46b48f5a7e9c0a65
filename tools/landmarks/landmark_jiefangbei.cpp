// Jiefangbei (解放碑): the octagonal monument (27.5 m) with its clock, on the pedestrian plaza at
// the crossing of the shopping streets, ringed by commercial towers.
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

namespace {
constexpr float kPi = 3.14159265358979f;
}

Model buildJiefangbei(const GenerateOptions& o) {
  Model m;
  m.name = "jiefangbei";
  const int ts = o.textureSize;
  int pave = m.addSurface("paving", paving(seedFor(o, "paving"), ts / 2, {0.72f, 0.68f, 0.62f}));
  int monumentStone = m.addSurface("monument_stone",
                                   stoneBlocks(seedFor(o, "monument"), ts / 2, {0.86f, 0.85f, 0.8f}, 3, 6));
  int granite = m.addSurface("granite", stoneBlocks(seedFor(o, "granite"), ts / 4, {0.42f, 0.42f, 0.44f}, 2, 4));
  int clock = m.addSurface("clock_face", clockFace(ts / 2), {1.0f, 1.0f, 0.9f}, 1.0f, 0.0f, 0.4f);
  int roofCap = m.addPlain("monument_cap", {0.28f, 0.3f, 0.3f}, 0.2f, 0.5f);
  int glassA = m.addSurface("glass_blue", glassCurtain(seedFor(o, "glassA"), ts, 4, 4, {0.35f, 0.5f, 0.62f}, 0.25f),
                            {1.0f, 1.0f, 1.0f}, 1.5f);
  int glassB = m.addSurface("glass_bronze", glassCurtain(seedFor(o, "glassB"), ts, 4, 4, {0.55f, 0.5f, 0.42f}, 0.3f),
                            {1.0f, 1.0f, 1.0f}, 1.5f);
  int podium = m.addSurface("podium_stone", stoneBlocks(seedFor(o, "podium"), ts / 4, {0.75f, 0.72f, 0.66f}, 2, 3));
  int asphalt = m.addSurface("asphalt", concrete(seedFor(o, "asphalt"), ts / 4, {0.3f, 0.3f, 0.31f}));
  int planter = m.addPlain("planter_green", {0.2f, 0.38f, 0.15f}, 0.0f, 0.95f);
  int lamp = m.addPlain("street_lamp", {0.15f, 0.15f, 0.16f}, 0.8f, 0.4f, {1.0f, 0.85f, 0.6f}, 4.0f);

  int ground = m.addObject("ground");
  int monument = m.addObject("monument");
  int towers = m.addObject("towers");

  // Plaza and streets: the crossing of two pedestrian streets (X and Z axes), 30 m wide.
  {
    MeshBuilder b = m.builder(ground, pave);
    b.box({-70, -0.3f, -70}, {70, 0, 70}, 6.0f);
    b.box({-260, -0.3f, -15}, {-70, 0, 15}, 6.0f);
    b.box({70, -0.3f, -15}, {260, 0, 15}, 6.0f);
    b.box({-15, -0.3f, -260}, {15, 0, -70}, 6.0f);
    b.box({-15, -0.3f, 70}, {15, 0, 260}, 6.0f);
    MeshBuilder a = m.builder(ground, asphalt);
    a.box({-400, -0.6f, -400}, {400, -0.3f, 400}, 4.0f);
    // Raised granite ring and planters around the monument.
    MeshBuilder g = m.builder(ground, granite);
    g.frustum({0, 0, 0}, 14.0f, 14.0f, 0.5f, 48, true, false, true, 4.0f, 4.0f);
    MeshBuilder p = m.builder(ground, planter);
    for (int i = 0; i < 8; ++i) {
      float a0 = kPi / 8 + float(i) * kPi / 4;
      glm::vec3 c(std::cos(a0) * 24.0f, 0, -std::sin(a0) * 24.0f);
      g.frustum(c, 3.2f, 3.2f, 0.7f, 16, true, false, false, 4.0f, 4.0f);
      p.frustum(c + glm::vec3(0, 0.7f, 0), 3.0f, 2.2f, 0.8f, 16, true, false, true, 4.0f, 4.0f);
    }
    MeshBuilder l = m.builder(ground, lamp);
    for (int i = 0; i < 12; ++i) {
      float a0 = float(i) * kPi / 6;
      glm::vec3 c(std::cos(a0) * 40.0f, 0, -std::sin(a0) * 40.0f);
      l.frustum(c, 0.12f, 0.1f, 5.0f, 6, false, false, false, 1, 1);
      l.frustum(c + glm::vec3(0, 5.0f, 0), 0.35f, 0.35f, 0.6f, 8, true, true, true, 1, 1);
    }
  }

  // The monument: stepped octagonal base, shaft, clock stage, cornice, top room and cap.
  {
    const float a0 = -kPi / 8;  // flat faces towards +X, -Z, -X, +Z
    MeshBuilder s = m.builder(monument, monumentStone);
    MeshBuilder g = m.builder(monument, granite);
    g.frustum({0, 0.5f, 0}, 9.0f, 9.0f, 0.6f, 8, false, false, true, 4, 4, a0);
    g.frustum({0, 1.1f, 0}, 7.5f, 7.5f, 0.6f, 8, false, false, true, 4, 4, a0);
    s.frustum({0, 1.7f, 0}, 5.0f, 4.6f, 3.0f, 8, false, false, true, 4, 4, a0);
    s.frustum({0, 4.7f, 0}, 3.1f, 2.9f, 16.3f, 8, false, false, false, 4, 4, a0);
    for (int k = 0; k < 8; ++k) {  // corner ribs make the octagon read at a distance
      float a = a0 + float(k) * kPi / 4;
      glm::vec3 c(3.0f * std::cos(a), 0, -3.0f * std::sin(a));
      s.beam(c + glm::vec3(0, 4.7f, 0), c + glm::vec3(0, 21.0f, 0), 0.45f, 0.45f, 4.0f);
    }
    s.frustum({0, 21.0f, 0}, 3.35f, 3.35f, 3.4f, 8, false, true, true, 4, 4, a0);
    s.frustum({0, 24.4f, 0}, 3.9f, 3.9f, 0.5f, 8, false, true, true, 4, 4, a0);
    s.frustum({0, 24.9f, 0}, 2.7f, 2.6f, 1.6f, 8, false, false, true, 4, 4, a0);
    MeshBuilder c = m.builder(monument, roofCap);
    c.frustum({0, 26.5f, 0}, 3.1f, 0.6f, 0.7f, 8, false, true, false, 2, 2, a0);
    c.frustum({0, 27.2f, 0}, 0.25f, 0.0f, 0.3f, 8, false, false, false, 1, 1, a0);
    // Four clock dials on the stage faces towards +X, -Z, -X, +Z.
    MeshBuilder d = m.builder(monument, clock);
    float apothem = 3.35f * std::cos(kPi / 8) + 0.04f, half = 1.1f, yc = 22.7f;
    for (int k = 0; k < 4; ++k) {
      d.setPlacement({0, 0, 0}, float(k) * kPi / 2);
      d.quad({apothem, yc - half, half}, {apothem, yc - half, -half}, {apothem, yc + half, -half},
             {apothem, yc + half, half}, 2 * half, 2 * half);
    }
  }

  // Towers in four quadrants, leaving the two street axes open.
  Rng rng(seedFor(o, "towers"));
  for (int quadrant = 0; quadrant < 4; ++quadrant) {
    float sx = (quadrant & 1) ? 1.0f : -1.0f, sz = (quadrant & 2) ? 1.0f : -1.0f;
    glm::vec2 slots[4] = {{68, 66}, {125, 52}, {55, 125}, {130, 130}};
    for (int k = 0; k < 4; ++k) {
      glm::vec2 s = slots[k] + glm::vec2(rng.range(-6, 6), rng.range(-6, 6));
      float w = rng.range(26, 38), d = rng.range(24, 34);
      float h = k == 0 ? rng.range(90, 150) : rng.range(110, 240);
      int glass = rng.chance(0.5f) ? glassA : glassB;
      addGlassTower(m, towers, glass, podium, {sx * s.x, 0, sz * s.y}, w, d, h, 0.0f, rng);
    }
  }

  m.overviewEye = {25, 45, 175};
  m.overviewTarget = {0, 18, 0};
  m.pois = {
      makePoi("monument", "Jiefangbei monument", "解放碑", {0, 14, 0}, {22, 6, 30}, {0, 15, 0},
              {12, 0, 17}),
      makePoi("clock", "The monument's clock", "解放碑钟楼", {3.4f, 22.7f, 0}, {16, 14, 6}, {3.4f, 22.7f, 0},
              {10, 0, 4}),
      makePoi("plaza", "The pedestrian plaza", "解放碑步行街广场", {0, 0, 40}, {40, 14, 80}, {0, 4, 0},
              {8, 0, 45}),
      makePoi("street", "Shopping street towards the plaza", "商业步行街", {0, 0, 150}, {6, 2, 190},
              {0, 10, 0}, {4, 0, 180}),
      makePoi("skyline", "Towers around the plaza", "解放碑商圈", {60, 80, -60}, {-30, 40, 70},
              {60, 90, -70}, {-10, 0, 30}),
  };
  return m;
}

}  // namespace sc::landmarks
