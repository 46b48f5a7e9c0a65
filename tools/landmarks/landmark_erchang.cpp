// Eling Er Chang (鹅岭贰厂): the old printing factory turned creative park: red-brick factory
// halls of four to six storeys stepping down a hillside, sawtooth-roofed workshops, and big
// painted characters on the walls and a rooftop sign.
#include <algorithm>
#include <cmath>

#include "common_parts.hpp"

namespace sc::landmarks {

Model buildErchang(const GenerateOptions& o) {
  Model m;
  m.name = "erchang";
  const int ts = o.textureSize;
  int facade = m.addSurface("factory_brick_facade", factoryFacade(seedFor(o, "facade"), ts), {1.0f, 0.85f, 0.6f}, 1.5f);
  int brick = m.addSurface("red_brick", brickWall(seedFor(o, "brick"), ts / 2, {0.6f, 0.24f, 0.16f}));
  int roof = m.addSurface("factory_roof", roofTiles(seedFor(o, "roof"), ts / 4, {0.35f, 0.33f, 0.32f}, 0.7f));
  int conc = m.addSurface("old_concrete", concrete(seedFor(o, "concrete"), ts / 4, {0.62f, 0.6f, 0.56f}));
  int hill = m.addSurface("hillside", hillside(seedFor(o, "hill"), ts / 2));
  int sign = m.addSurface("sign_erchang", signPanel("贰厂", {0.62f, 0.25f, 0.17f}, {0.96f, 0.94f, 0.88f}, 2.0f, ts / 2,
                                                   false, o.fontPath));
  int roofSign = m.addSurface("rooftop_sign", signPanel("印制二厂", {0.1f, 0.1f, 0.1f}, {0.95f, 0.15f, 0.1f}, 4.0f,
                                                       ts / 2, true, o.fontPath),
                              {1.0f, 0.3f, 0.2f}, 3.0f);
  int steel = m.addPlain("steel_frame", {0.2f, 0.2f, 0.21f}, 0.9f, 0.5f);

  int terrain = m.addObject("terrain");
  int halls = m.addObject("factory_halls");
  int signs = m.addObject("signs");

  TileNoise noise(seedFor(o, "terrain"));
  auto ground = [&](float x, float z) {
    float u = (x + 400) / 800, v = (z + 400) / 800;
    return std::clamp(-z * 0.22f, -20.0f, 60.0f) + 3.0f * (noise.fbm(u, v, 8, 3) - 0.5f) + 0.0f * x;
  };
  {
    MeshBuilder t = m.builder(terrain, hill);
    t.heightfield(-300, -300, 300, 300, 48, 48, ground, 32.0f);
  }
  // Terraced yards stepping down the slope (-Z is uphill), one hall row per terrace.
  MeshBuilder f = m.builder(halls, facade);
  MeshBuilder b = m.builder(halls, brick);
  MeshBuilder r = m.builder(halls, roof);
  MeshBuilder c = m.builder(halls, conc);
  MeshBuilder s = m.builder(halls, steel);
  Rng rng(seedFor(o, "halls"));
  struct Hall {
    glm::vec3 lo, hi;
  };
  std::vector<Hall> placed;
  const float rows[] = {40.0f, 0.0f, -40.0f, -80.0f};
  for (int row = 0; row < 4; ++row) {
    float z = rows[row], yard = std::max(0.0f, -z * 0.22f);
    c.box({-110, yard - 6.0f, z - 20}, {110, yard, z + 20}, 4.0f);  // yard slab and retaining wall
    float x = -100.0f;
    while (x < 90.0f) {
      float w = rng.range(30, 48), d = rng.range(16, 22);
      int storeys = rng.rangeInt(2, 6);
      float h = float(storeys) * 4.5f;
      glm::vec3 lo(x, yard, z - d / 2), hi(std::min(100.0f, x + w), yard + h, z + d / 2);
      f.facadeBox(lo, hi, 6.0f, 4.5f, false);
      b.box({lo.x - 0.3f, hi.y, lo.z - 0.3f}, {hi.x + 0.3f, hi.y + 1.0f, hi.z + 0.3f}, 2.0f);  // parapet
      if (storeys <= 3) {
        // Sawtooth workshop roof: north-light teeth across the hall.
        for (float tx = lo.x; tx < hi.x - 1.0f; tx += 6.0f) {
          float tw = std::min(6.0f, hi.x - tx);
          glm::vec3 p0(tx, hi.y + 1.0f, lo.z), p1(tx, hi.y + 1.0f, hi.z);
          glm::vec3 q0(tx + tw, hi.y + 4.0f, lo.z), q1(tx + tw, hi.y + 4.0f, hi.z);
          r.quad(p1, p0, q0, q1, 2.0f, 2.0f);
          s.quad({tx + tw, hi.y + 1.0f, hi.z}, {tx + tw, hi.y + 1.0f, lo.z}, q0, q1, 2.0f, 2.0f);
          s.quad({tx + tw, hi.y + 1.0f, lo.z}, {tx + tw, hi.y + 1.0f, hi.z}, q1, q0, 2.0f, 2.0f);
        }
      } else {
        r.curvedRoof({0.5f * (lo.x + hi.x), hi.y + 1.0f, 0.5f * (lo.z + hi.z)}, hi.x - lo.x, hi.z - lo.z, 4.0f,
                     0.8f, 0.0f, false, 2.0f);
      }
      placed.push_back({lo, hi});
      x = hi.x + rng.range(5, 12);
    }
  }
  // Painted characters on the front (downhill) wall of the tallest hall, and a rooftop sign on
  // the hall most visible from the entrance.
  std::size_t tallest = 0;
  for (std::size_t i = 1; i < placed.size(); ++i)
    if (placed[i].hi.y - placed[i].lo.y > placed[tallest].hi.y - placed[tallest].lo.y) tallest = i;
  const Hall& th = placed[tallest];
  {
    MeshBuilder sg = m.builder(signs, sign);
    float cx = 0.5f * (th.lo.x + th.hi.x), z = th.hi.z + 0.06f;
    float w = std::min(24.0f, th.hi.x - th.lo.x - 4.0f), h = w / 2.0f;
    float y0 = th.hi.y - h - 1.0f;
    sg.quad({cx - w / 2, y0, z}, {cx + w / 2, y0, z}, {cx + w / 2, y0 + h, z}, {cx - w / 2, y0 + h, z}, w, h);
    const Hall& front = placed[0];
    MeshBuilder rs = m.builder(signs, roofSign);
    float fx = 0.5f * (front.lo.x + front.hi.x), fz = 0.5f * (front.lo.z + front.hi.z);
    float sw = 20.0f, sh = 5.0f, sy = front.hi.y + 6.0f;
    rs.quad({fx - sw / 2, sy, fz}, {fx + sw / 2, sy, fz}, {fx + sw / 2, sy + sh, fz}, {fx - sw / 2, sy + sh, fz}, sw, sh);
    s.box({fx - sw / 2, front.hi.y, fz - 0.4f}, {fx + sw / 2, sy, fz - 0.1f}, 1.0f);
    s.box({fx - sw / 2 - 0.2f, front.hi.y, fz - 0.5f}, {fx - sw / 2, sy + sh, fz}, 1.0f);
    s.box({fx + sw / 2, front.hi.y, fz - 0.5f}, {fx + sw / 2 + 0.2f, sy + sh, fz}, 1.0f);
    m.pois.push_back(makePoi("painted_letters", "Painted characters on the factory wall", "墙上的大字",
                             {cx, y0 + h / 2, z}, {cx + 10, y0 * 0.6f + 4, z + 38}, {cx, y0 + h / 2, z},
                             {cx + 6, std::max(0.0f, -(z + 30) * 0.22f), z + 28}));
    m.pois.push_back(makePoi("rooftop_sign", "Rooftop sign of the old printing works", "屋顶招牌",
                             {fx, sy + sh / 2, fz}, {fx - 20, sy + 4, fz + 70}, {fx, sy + sh / 2, fz},
                             {fx - 10, 0, fz + 45}));
  }
  m.overviewEye = {-150, 90, 170};
  m.overviewTarget = {0, 10, -20};
  m.pois.push_back(makePoi("halls", "Red-brick factory halls", "红砖厂房", {0, 15, 0}, {-60, 25, 75}, {0, 12, 0},
                           {-30, 0, 62}));
  m.pois.push_back(makePoi("sawtooth", "Sawtooth workshop roofs", "锯齿形厂房屋顶", {-40, 20, -40},
                           {-90, 45, 20}, {-40, 15, -40}, {-40, 8.8f, -20}));
  m.pois.push_back(makePoi("terraces", "Factory yards stepping down the hill", "依山而建的厂区", {0, 10, -40},
                           {120, 50, 60}, {0, 8, -40}, {40, 0, 20}));
  return m;
}

}  // namespace sc::landmarks
