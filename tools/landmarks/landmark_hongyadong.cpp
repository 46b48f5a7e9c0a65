// Hongyadong (洪崖洞): stilted diaojiaolou (吊脚楼) buildings stacked 11 storeys up the cliff above
// the Jialing River: dark timber and white plaster, tiers of grey-tiled upturned eaves, red
// lanterns and warm windows (emissive) for the night view, the riverside road at the foot and the
// city on the clifftop.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

namespace {

constexpr float kStorey = 4.2f;
constexpr float kRoadY = 8.0f;      // riverside road level above the river surface (y = 0)
constexpr float kBaseY = 13.0f;     // first timber storey, above the stilts
constexpr float kClifftop = 59.0f;  // the top storey opens onto the clifftop street
constexpr float kBackZ = -52.0f;    // buildings run into the cliff up to here

float terrainHeight(float x, float z, const TileNoise& n) {
  float u = (x + 400.0f) / 800.0f, v = (z + 400.0f) / 800.0f;
  float rough = n.fbm(u, v, 8, 4) - 0.5f;
  if (z > 44.0f) return -6.0f;                        // riverbed under the water plane
  if (z > 40.0f) return kRoadY - (z - 40.0f) * 3.5f;  // embankment
  if (z > 12.0f) return kRoadY;                       // riverside road
  if (z > kBackZ) {                                   // the cliff
    float t = (12.0f - z) / (12.0f - kBackZ);
    return kRoadY + (kClifftop - 1.0f - kRoadY) * std::pow(t, 0.8f) + rough * 4.0f * t * (1 - t) * 4;
  }
  return kClifftop - 1.0f + (kBackZ - z) * 0.06f + rough * 6.0f;
}

}  // namespace

Model buildHongyadong(const GenerateOptions& o) {
  Model m;
  m.name = "hongyadong";
  m.night = true;
  const int ts = o.textureSize;
  int facade = m.addSurface("diaojiaolou_facade", timberFacade(seedFor(o, "facade"), ts),
                            {1.0f, 0.75f, 0.45f}, 3.0f);
  int roof = m.addSurface("grey_tile_roof", roofTiles(seedFor(o, "roof"), ts / 2, {0.36f, 0.37f, 0.38f}, 0.6f));
  int timber = m.addPlain("dark_timber", {0.2f, 0.12f, 0.07f}, 0.0f, 0.75f);
  int lantern = m.addPlain("red_lantern", {0.8f, 0.08f, 0.05f}, 0.0f, 0.5f, {1.0f, 0.18f, 0.06f}, 8.0f);
  int eaveLight = m.addPlain("eave_lights", {0.9f, 0.7f, 0.3f}, 0.0f, 0.4f, {1.0f, 0.72f, 0.3f}, 6.0f);
  int stone = m.addSurface("plinth_stone", stoneBlocks(seedFor(o, "stone"), ts / 2, {0.55f, 0.53f, 0.5f}, 3, 5));
  int ground = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 2));
  int road = m.addSurface("road_concrete", concrete(seedFor(o, "road"), ts / 4, {0.42f, 0.42f, 0.43f}));
  int river = m.addSurface("jialing_water", water(seedFor(o, "water"), ts / 2, {0.2f, 0.33f, 0.3f}), {}, 1.0f, 0.0f, 0.1f);
  int glass = m.addSurface("city_glass", glassCurtain(seedFor(o, "glass"), ts / 2, 4, 4, {0.3f, 0.42f, 0.52f}, 0.12f),
                           {1.0f, 1.0f, 1.0f}, 1.0f);
  int podium = m.addSurface("city_podium", concrete(seedFor(o, "podium"), ts / 4, {0.6f, 0.6f, 0.58f}));

  int terrain = m.addObject("terrain");
  int riverObj = m.addObject("river");
  int complex = m.addObject("diaojiaolou");
  int lights = m.addObject("lanterns");
  int city = m.addObject("clifftop_city");

  TileNoise noise(seedFor(o, "terrain"));
  {
    MeshBuilder t = m.builder(terrain, ground);
    t.heightfield(-400, -400, 400, 60, 64, 70, [&](float x, float z) { return terrainHeight(x, z, noise); }, 32.0f);
    // Far (north) bank across the river.
    t.heightfield(-600, 330, 600, 700, 48, 20, [&](float x, float z) {
      float u = (x + 600) / 1200, v = (z - 330) / 370;
      return -4.0f + v * 70.0f + 25.0f * (noise.fbm(u, v, 4, 4) - 0.3f) * v;
    }, 32.0f);
    MeshBuilder r = m.builder(terrain, road);
    r.box({-400, kRoadY - 0.5f, 12}, {400, kRoadY + 0.05f, 38}, 4.0f);       // riverside road
    r.box({-400, 0, 38}, {400, kRoadY + 0.05f, 41}, 4.0f);                   // embankment wall
    r.box({-400, kClifftop - 0.5f, -90}, {400, kClifftop + 0.05f, -60}, 4.0f);  // clifftop street
    MeshBuilder w = m.builder(riverObj, river);
    w.heightfield(-700, 41, 700, 420, 14, 8, [](float, float) { return 0.0f; }, 16.0f);
  }

  Rng rng(seedFor(o, "blocks"));
  MeshBuilder f = m.builder(complex, facade);
  MeshBuilder rf = m.builder(complex, roof);
  MeshBuilder tb = m.builder(complex, timber);
  MeshBuilder st = m.builder(complex, stone);
  MeshBuilder lb = m.builder(lights, lantern);
  MeshBuilder eb = m.builder(lights, eaveLight);
  const int tierStoreys[] = {2, 2, 2, 2, 2, 1};  // 11 storeys
  float x = -165.0f;
  std::vector<float> blockCentres;
  while (x < 165.0f) {
    float w = rng.range(20.0f, 34.0f);
    float x0 = x, x1 = std::min(165.0f, x + w);
    float xc = 0.5f * (x0 + x1), len = x1 - x0;
    blockCentres.push_back(xc);
    // Stone plinth with the stilt storey in front of it.
    st.box({x0, kRoadY, kBackZ}, {x1, kBaseY, 10.0f}, 4.0f);
    float frontPrev = 17.0f + rng.range(-1.0f, 2.0f);
    for (float px = x0 + 1.5f; px < x1 - 0.5f; px += 3.0f) {
      tb.frustum({px, kRoadY, frontPrev - 0.6f}, 0.22f, 0.2f, kBaseY - kRoadY, 6, false, false, false, 1, 1);
    }
    float y = kBaseY;
    for (int k = 0; k < 6; ++k) {
      float h = float(tierStoreys[k]) * kStorey;
      float front = frontPrev;
      float nextFront = k < 5 ? front - rng.range(2.5f, 5.5f) : front;
      f.facadeBox({x0 + 0.3f, y, kBackZ}, {x1 - 0.3f, y + h, front}, 4.0f, kStorey, k == 5);
      // Balcony rail at the foot of each tier, and the tier's eave roof above it.
      tb.box({x0 + 0.3f, y, front}, {x1 - 0.3f, y + 0.25f, front + 1.2f}, 1.0f);
      tb.box({x0 + 0.3f, y + 0.25f, front + 1.1f}, {x1 - 0.3f, y + 1.1f, front + 1.2f}, 1.0f);
      float depth = std::max(3.0f, front - nextFront + 1.0f);
      float zc = front + 1.6f - 0.5f * depth;
      rf.curvedRoof({xc, y + h, zc}, len - 0.6f, depth, 1.3f + 0.15f * depth, 1.4f, 1.1f, k == 5, 2.0f);
      // Light strips outline the eaves at night, as on the real buildings.
      float eaveZ = zc + 0.5f * depth + 1.4f, eaveY = y + h + 0.3f;
      eb.beam({x0 - 1.0f, eaveY, eaveZ}, {x1 + 1.0f, eaveY, eaveZ}, 0.12f, 0.12f, 1.0f);
      // Lanterns hang under the eave's front edge.
      for (float lx = x0 + 1.2f; lx < x1 - 0.8f; lx += 3.0f)
        addLantern(lb, {lx, y + h - 0.2f, front + 2.3f}, 0.32f);
      y += h;
      frontPrev = nextFront;
    }
    // Clifftop pavilions with big upturned hip roofs.
    int pav = rng.rangeInt(1, 2);
    for (int p = 0; p < pav; ++p) {
      float pw = rng.range(7.0f, 10.0f), pd = rng.range(6.0f, 8.0f), ph = rng.range(4.5f, 8.5f);
      float px = x0 + len * (float(p) + 0.5f) / float(pav);
      float pz = frontPrev - pd * 0.5f - rng.range(1.0f, 6.0f);
      f.facadeBox({px - pw / 2, y, pz - pd / 2}, {px + pw / 2, y + ph, pz + pd / 2}, 4.0f, kStorey, true);
      rf.curvedRoof({px, y + ph, pz}, pw, pd, 2.6f, 1.6f, 1.5f, true, 2.0f);
      eb.beam({px - pw / 2 - 1.4f, y + ph + 0.5f, pz + pd / 2 + 1.6f}, {px + pw / 2 + 1.4f, y + ph + 0.5f, pz + pd / 2 + 1.6f},
              0.12f, 0.12f, 1.0f);
      for (int c = 0; c < 4; ++c) {
        float cx = px + ((c & 1) ? 1 : -1) * (pw / 2 + 1.2f), cz = pz + ((c & 2) ? 1 : -1) * (pd / 2 + 1.2f);
        addLantern(lb, {cx, y + ph - 0.1f, cz}, 0.35f);
      }
      if (rng.chance(0.3f)) {  // a second, smaller storey: a small tower
        float th = 4.0f;
        f.facadeBox({px - pw / 3, y + ph + 1.2f, pz - pd / 3}, {px + pw / 3, y + ph + 1.2f + th, pz + pd / 3},
                    4.0f, kStorey, true);
        rf.curvedRoof({px, y + ph + 1.2f + th, pz}, pw * 0.66f, pd * 0.66f, 2.2f, 1.3f, 1.3f, true, 2.0f);
      }
    }
    x = x1 + rng.range(0.0f, 1.5f);
  }

  // Towers of the city on the clifftop behind.
  for (int i = 0; i < 12; ++i) {
    float tx = -260.0f + float(i) * 48.0f + rng.range(-10, 10);
    float tz = -140.0f - rng.range(0, 120);
    addGlassTower(m, city, glass, podium, {tx, kClifftop - 1.0f, tz}, rng.range(24, 36), rng.range(22, 30),
                  rng.range(70, 190), 0.0f, rng);
  }

  m.overviewEye = {-60, 45, 190};
  m.overviewTarget = {0, 34, 0};
  float topY = kBaseY + 11 * kStorey;
  m.pois = {
      makePoi("facade", "Hongyadong from the riverside", "洪崖洞全景", {0, 35, 5}, {-20, 22, 150}, {0, 34, 0},
              {-10, kRoadY, 34}),
      makePoi("lanterns", "Red lanterns under the eaves", "红灯笼与飞檐", {blockCentres[3], kBaseY + 8.4f, 19},
              {blockCentres[3] + 8, kRoadY + 5, 34}, {blockCentres[3], kBaseY + 7, 16},
              {blockCentres[3] + 6, kRoadY, 30}),
      makePoi("stilts", "Stilted base of the diaojiaolou", "吊脚楼的吊脚", {blockCentres[5], kRoadY + 2.5f, 16},
              {blockCentres[5] - 10, kRoadY + 1.7f, 32}, {blockCentres[5], kRoadY + 3, 14},
              {blockCentres[5] - 6, kRoadY, 28}),
      makePoi("clifftop", "Rooftop pavilions at the clifftop street", "崖顶街与楼阁",
              {blockCentres[6], topY + 4, -10}, {blockCentres[6] + 20, topY + 8, -72}, {blockCentres[6], topY + 3, -10},
              {blockCentres[6] + 10, kClifftop, -70}),
      makePoi("jialing", "The Jialing River at the foot of the cliff", "嘉陵江", {0, 0, 150}, {60, 14, 30},
              {-80, 2, 200}, {50, kRoadY, 32}),
      makePoi("tiers", "Eleven storeys climbing the cliff", "十一层吊脚楼", {0, 40, -10}, {15, 12, 36},
              {0, 45, -5}, {12, kRoadY, 33}),
  };
  return m;
}

}  // namespace sc::landmarks
