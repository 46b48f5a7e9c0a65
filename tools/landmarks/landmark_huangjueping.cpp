// Huangjueping (黄桷坪) graffiti street: a gently sloping street whose residential blocks are
// painted from pavement to roof in colourful graffiti.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

Model buildHuangjueping(const GenerateOptions& o) {
  Model m;
  m.name = "huangjueping";
  const int ts = o.textureSize;
  int big = std::min(1024, ts * 2);
  int graffitiA = m.addSurface("graffiti_a", graffitiWall(seedFor(o, "graffitiA"), big));
  int graffitiB = m.addSurface("graffiti_b", graffitiWall(seedFor(o, "graffitiB"), big));
  int road = m.addSurface("street_asphalt", concrete(seedFor(o, "road"), ts / 4, {0.3f, 0.3f, 0.31f}));
  int pave = m.addSurface("pavement", paving(seedFor(o, "paving"), ts / 4, {0.6f, 0.58f, 0.55f}));
  int hill = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 4));
  int window = m.addPlain("window_glass", {0.1f, 0.12f, 0.14f}, 0.5f, 0.15f, {1.0f, 0.8f, 0.55f}, 0.3f);
  int roofConc = m.addSurface("roof_concrete", concrete(seedFor(o, "roofc"), ts / 4, {0.55f, 0.54f, 0.52f}));
  int lamp = m.addPlain("street_lamp", {0.15f, 0.15f, 0.16f}, 0.8f, 0.4f, {1.0f, 0.85f, 0.6f}, 4.0f);

  int street = m.addObject("street");
  int blocks = m.addObject("painted_blocks");
  const float grade = 0.04f;  // the street climbs gently towards +X
  auto streetY = [&](float x) { return x * grade; };
  {
    MeshBuilder r = m.builder(street, road);
    MeshBuilder p = m.builder(street, pave);
    for (float x = -160.0f; x < 160.0f; x += 20.0f) {
      r.box({x, streetY(x) - 0.5f, -5}, {x + 20, streetY(x + 10), 5}, 4.0f);
      p.box({x, streetY(x) - 0.5f, -8}, {x + 20, streetY(x + 10) + 0.15f, -5}, 6.0f);
      p.box({x, streetY(x) - 0.5f, 5}, {x + 20, streetY(x + 10) + 0.15f, 8}, 6.0f);
    }
    TileNoise noise(seedFor(o, "terrain"));
    MeshBuilder h = m.builder(street, hill);
    h.heightfield(-400, -400, 400, 400, 40, 40, [&](float x, float z) {
      float u = (x + 400) / 800, v = (z + 400) / 800;
      return streetY(std::clamp(x, -160.0f, 160.0f)) - 2.0f + std::max(0.0f, std::abs(z) - 40.0f) * 0.15f *
             noise.fbm(u, v, 4, 4) * 2.0f;
    }, 32.0f);
    MeshBuilder l = m.builder(street, lamp);
    for (float x = -150.0f; x < 160.0f; x += 25.0f) {
      float z = (int(x) / 25) % 2 ? 6.8f : -6.8f;
      l.frustum({x, streetY(x), z}, 0.1f, 0.08f, 6.0f, 6, false, false, false, 1, 1);
      l.frustum({x, streetY(x) + 6.0f, z}, 0.3f, 0.3f, 0.5f, 8, true, true, true, 1, 1);
    }
  }
  Rng rng(seedFor(o, "blocks"));
  MeshBuilder gA = m.builder(blocks, graffitiA);
  MeshBuilder gB = m.builder(blocks, graffitiB);
  MeshBuilder w = m.builder(blocks, window);
  MeshBuilder rc = m.builder(blocks, roofConc);
  for (float side : {-1.0f, 1.0f}) {
    float x = -160.0f;
    while (x < 150.0f) {
      float bw = rng.range(14, 26), bd = rng.range(12, 18);
      int storeys = rng.rangeInt(4, 7);
      float h = float(storeys) * 3.0f, base = streetY(x + bw / 2) - 0.5f;
      float z0 = side < 0 ? -8.5f - bd : 8.5f, z1 = z0 + bd;
      MeshBuilder& g = rng.chance(0.5f) ? gA : gB;
      g.facadeBox({x, base, z0}, {x + bw, base + h, z1}, 12.0f, 12.0f, false);
      rc.box({x - 0.2f, base + h, z0 - 0.2f}, {x + bw + 0.2f, base + h + 0.8f, z1 + 0.2f}, 4.0f);
      // Windows on the street face, painted around like the rest of the wall.
      float face = side < 0 ? z1 : z0;
      for (int s = 1; s < storeys; ++s)
        for (float wx = x + 2.0f; wx < x + bw - 2.5f; wx += 4.0f) {
          if (rng.chance(0.35f)) continue;
          float y = base + float(s) * 3.0f + 0.9f;
          w.box({wx, y, face - 0.08f}, {wx + 1.6f, y + 1.5f, face + 0.08f}, 1.0f);
        }
      x += bw + rng.range(0.0f, 4.0f);
    }
  }
  m.overviewEye = {-190, 28, 16};
  m.overviewTarget = {-60, 6, 0};
  m.pois = {
      makePoi("street", "Huangjueping graffiti street", "黄桷坪涂鸦街", {0, 8, 0}, {-70, 3, 2}, {0, 8, 0},
              {-60, streetY(-60), 0}),
      makePoi("north_walls", "Painted walls on the north side", "北侧涂鸦墙", {-20, 8, -10}, {-10, 2, 3},
              {-25, 8, -12}, {-12, streetY(-12), 2}),
      makePoi("south_walls", "Painted walls on the south side", "南侧涂鸦墙", {40, 9, 10}, {30, 2, -3}, {45, 9, 12},
              {32, streetY(32), -2}),
      makePoi("rooftops", "Painted blocks from above", "俯瞰涂鸦楼群", {0, 15, 0}, {-40, 45, 60}, {10, 5, 0},
              {-40, streetY(-40), 6.5f}),
      makePoi("uphill", "Looking up the street", "沿街上行", {120, 10, 0}, {-10, 2.5f, -1}, {100, 8, 0},
              {0, streetY(0), -1}),
  };
  return m;
}

}  // namespace sc::landmarks
