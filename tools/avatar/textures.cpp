#include "textures.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <stb/stb_image_write.h>

#include "guide_layout.hpp"
#include "head_shape.hpp"
#include "shapes.hpp"

namespace sc::avatar {
namespace {

constexpr float kPi = 3.14159265f;

using Rgb = glm::vec3;  // sRGB, 0..1

Rgb rgb(int r, int g, int b) { return Rgb(float(r), float(g), float(b)) / 255.0f; }

// Integer hash (a PCG output permutation) -> [0, 1): the same on every platform.
float hash01(std::uint32_t x, std::uint32_t y, std::uint64_t seed) {
  std::uint64_t s = (std::uint64_t(x) * 0x9E3779B1u) ^ (std::uint64_t(y) * 0x85EBCA77u) ^ seed;
  s = s * 6364136223846793005ULL + 1442695040888963407ULL;
  const auto xorshifted = std::uint32_t(((s >> 18u) ^ s) >> 27u);
  const auto rot = std::uint32_t(s >> 59u);
  const std::uint32_t r = (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  return float(r >> 8) * (1.0f / 16777216.0f);
}

// Periodic value noise on a lattice of `period` cells over [0, 1).
float noise(float u, float v, int period, std::uint64_t seed) {
  const float x = u * float(period), y = v * float(period);
  const int x0 = int(std::floor(x)), y0 = int(std::floor(y));
  const float fx = x - float(x0), fy = y - float(y0);
  auto at = [&](int ix, int iy) {
    ix = ((ix % period) + period) % period;
    iy = ((iy % period) + period) % period;
    return hash01(std::uint32_t(ix), std::uint32_t(iy), seed);
  };
  const float sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
  const float a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
  const float b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
  return a + (b - a) * sy;
}

struct Canvas {
  int w, h;
  std::vector<Rgb> color;
  std::vector<float> height, rough, metal;
  Canvas(int w_, int h_)
      : w(w_), h(h_), color(std::size_t(w_) * h_), height(std::size_t(w_) * h_, 0.0f),
        rough(std::size_t(w_) * h_, 0.7f), metal(std::size_t(w_) * h_, 0.0f) {}
  std::size_t at(int x, int y) const {
    x = ((x % w) + w) % w;
    y = ((y % h) + h) % h;
    return std::size_t(y) * w + x;
  }
};

std::uint8_t toByte(float v) { return std::uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

Image toImage(const Canvas& c) {
  Image img{c.w, c.h, 3, std::vector<std::uint8_t>(std::size_t(c.w) * c.h * 3)};
  for (std::size_t i = 0; i < c.color.size(); ++i) {
    for (int k = 0; k < 3; ++k) img.pixels[i * 3 + k] = toByte(c.color[i][k]);
  }
  return img;
}

// Tangent-space normals from the height field, box-filtered down by `down` (1, 2, 4).
Image normalImage(const Canvas& c, float strength, int down) {
  const int w = c.w / down, h = c.h / down;
  Image img{w, h, 3, std::vector<std::uint8_t>(std::size_t(w) * h * 3)};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      glm::vec3 sum(0.0f);
      for (int dy = 0; dy < down; ++dy) {
        for (int dx = 0; dx < down; ++dx) {
          const int sx = x * down + dx, sy = y * down + dy;
          const float gx = (c.height[c.at(sx + 1, sy)] - c.height[c.at(sx - 1, sy)]) * 0.5f;
          const float gyUp = (c.height[c.at(sx, sy - 1)] - c.height[c.at(sx, sy + 1)]) * 0.5f;
          sum += glm::normalize(glm::vec3(-gx * strength, -gyUp * strength, 1.0f));
        }
      }
      const glm::vec3 n = glm::normalize(sum);
      const std::size_t i = (std::size_t(y) * w + x) * 3;
      for (int k = 0; k < 3; ++k) img.pixels[i + k] = toByte(n[k] * 0.5f + 0.5f);
    }
  }
  return img;
}

Image mrImage(const Canvas& c, int down) {
  const int w = c.w / down, h = c.h / down;
  Image img{w, h, 3, std::vector<std::uint8_t>(std::size_t(w) * h * 3)};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float r = 0.0f, m = 0.0f;
      for (int dy = 0; dy < down; ++dy) {
        for (int dx = 0; dx < down; ++dx) {
          r += c.rough[c.at(x * down + dx, y * down + dy)];
          m += c.metal[c.at(x * down + dx, y * down + dy)];
        }
      }
      const float n = float(down * down);
      const std::size_t i = (std::size_t(y) * w + x) * 3;
      img.pixels[i] = 255;
      img.pixels[i + 1] = toByte(r / n);
      img.pixels[i + 2] = toByte(m / n);
    }
  }
  return img;
}

float gauss(glm::vec2 q, glm::vec2 c, glm::vec2 sigma) {
  const glm::vec2 d = (q - c) / sigma;
  return std::exp(-0.5f * glm::dot(d, d));
}

// 1 inside a line of half-width hw around distance 0, with a soft edge of `soft`.
float line(float dist, float hw, float soft) { return 1.0f - smoothstep(hw, hw + soft, dist); }

float segmentDistance(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 ab = b - a;
  const float t = std::clamp(glm::dot(p - a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
  return glm::length(p - (a + ab * t));
}

void mixTo(Rgb& c, const Rgb& target, float alpha) { c += (target - c) * std::clamp(alpha, 0.0f, 1.0f); }

// ---- face -------------------------------------------------------------------------------

Rgb paintFaceTexel(glm::vec2 uv, std::uint64_t seed) {
  const Rgb skin = rgb(kSkinSrgb[0], kSkinSrgb[1], kSkinSrgb[2]);
  const glm::vec2 q(uv.x - 0.5f, uv.y - 0.5f);
  if (glm::length(q) > head::kFaceDiskRadius) {
    // Corners: mouth cavity, teeth, eyelids, plain skin.
    if (uv.x < 0.5f && uv.y < 0.5f) return rgb(92, 30, 36);
    if (uv.x >= 0.5f && uv.y < 0.5f) return rgb(246, 243, 236);
    if (uv.x < 0.5f && uv.y >= 0.5f) {
      const float t = (uv.y - head::kLidUv0.y) / (head::kLidUv1.y - head::kLidUv0.y);
      Rgb c = skin;
      mixTo(c, rgb(214, 160, 150), smoothstep(0.2f, 0.75f, t) * 0.55f);  // soft eye shadow
      mixTo(c, rgb(38, 24, 24), smoothstep(0.70f, 0.80f, t));            // lash line
      return c;
    }
    return skin;
  }
  const glm::vec2 p = head::paramFromFaceUv(uv);
  const glm::vec3 d = head::directionFromParam(p);
  const glm::vec3 b = head::surfacePoint(d);
  Rgb c = skin;
  // A touch of variation so the skin is not plastic-flat (very low amplitude).
  c *= 0.985f + 0.03f * noise(uv.x, uv.y, 64, seed);
  if (d.z < 0.2f) return c;
  const glm::vec2 xy(b.x, b.y);
  for (float side : {-1.0f, 1.0f}) {
    // Cheeks: soft blush.
    mixTo(c, rgb(238, 150, 150), 0.40f * gauss(xy, {side * 0.046f, 1.576f}, {0.013f, 0.009f}));
    // Eye: warm socket shading and a lower lash line where the eyeball meets the skin.
    const glm::vec3 eye = side > 0 ? head::kLeftEye : head::kRightEye;
    mixTo(c, rgb(214, 168, 150), 0.30f * gauss(xy, {eye.x, eye.y}, {0.014f, 0.012f}));
    const float r = glm::length(b - eye);
    const float outer = smoothstep(0.0f, 0.012f, side * (b.x - eye.x));
    const float lower = smoothstep(eye.y + 0.004f, eye.y - 0.002f, b.y);
    mixTo(c, rgb(70, 45, 40), line(std::abs(r - head::kEyeRadius - 0.0004f), 0.0005f, 0.0006f) *
                                  (0.35f * lower + 0.6f * outer));
    // Eyebrow: a soft arch, thick at the inner end, tapering outwards.
    const float xb = side * b.x;
    const float t = (xb - 0.013f) / 0.040f;
    if (t > -0.1f && t < 1.1f) {
      const float tc = std::clamp(t, 0.0f, 1.0f);
      const float yb = 1.6495f + 0.0052f * std::sin(kPi * std::pow(tc, 0.75f)) - 0.0015f * tc;
      const float hw = 0.0021f * (1.0f - 0.55f * tc) + 0.0005f;
      const float ends = smoothstep(-0.08f, 0.04f, t) * (1.0f - smoothstep(0.92f, 1.06f, t));
      mixTo(c, rgb(72, 46, 36), 0.92f * ends * line(std::abs(b.y - yb), hw * 0.7f, hw * 0.45f));
    }
    // Nostrils.
    mixTo(c, rgb(170, 110, 100), 0.45f * gauss(xy, {side * 0.0062f, 1.5785f}, {0.0018f, 0.0012f}));
  }
  // Lips in the mouth parameter: upper lip thinner, a darker line where they meet.
  const float a0 = head::kMouthHalfAngle;
  const float lipH = p.y >= 0.0f ? 0.050f * (1.0f - 0.18f * std::exp(-std::pow(p.x / 0.035f, 2.0f)))
                                 : 0.068f;
  const float e = std::pow(p.x / (a0 * 1.04f), 2.0f) + std::pow(p.y / lipH, 2.0f);
  const float lips = 1.0f - smoothstep(0.75f, 1.0f, e);
  mixTo(c, p.y >= 0.0f ? rgb(196, 88, 96) : rgb(210, 104, 110), lips * 0.9f);
  mixTo(c, rgb(140, 55, 62), lips * line(std::abs(p.y), 0.004f, 0.006f));
  return c;
}

// ---- jacket -----------------------------------------------------------------------------

struct JacketTexel {
  Rgb color;
  float height, rough, metal;
};

JacketTexel paintJacketTexel(float u, float v, std::uint64_t seed) {
  const Rgb red = rgb(150, 20, 32);
  const Rgb gold = rgb(214, 168, 70);
  JacketTexel t{red, 0.0f, 0.74f, 0.0f};
  const float weave = noise(u * 4.0f, v * 4.0f, 256, seed) * 0.6f + noise(u, v, 64, seed + 1) * 0.4f;
  t.height = 0.25f * weave;
  t.color *= 0.95f + 0.08f * weave;
  auto goldThread = [&](float a) {
    if (a <= 0.0f) return;
    mixTo(t.color, gold, a);
    t.height = std::max(t.height, 0.25f + 0.75f * a);
    t.rough += (0.38f - t.rough) * a;
    t.metal += (0.45f - t.metal) * a;
  };
  if (v >= kJacketBodyV) {
    // Trim band: gold piping top and bottom, a chain of small lozenges between.
    const float b = (v - kJacketBodyV) / (1.0f - kJacketBodyV);
    goldThread(line(std::abs(b - 0.12f), 0.035f, 0.02f));
    goldThread(line(std::abs(b - 0.88f), 0.035f, 0.02f));
    const float cell = std::fmod(u * 64.0f, 1.0f) - 0.5f;
    const float diamond = std::abs(cell) * 2.0f + std::abs(b - 0.5f) / 0.22f;
    goldThread(line(std::abs(diamond - 0.75f), 0.08f, 0.08f) * 0.85f);
    return t;
  }
  // Body: u around (0.5 = front), y from the collar line down to the hem.
  const float y = kJacketTopY - v / kJacketBodyV * (kJacketTopY - kJacketHemY);
  const float angle = (u - 0.5f) * 2.0f * kPi;
  const float s = angle * 0.145f;  // metres around the body (roughly)
  // Tone-on-tone brocade: small mountain peaks over ripples, in staggered rows.
  {
    const float row = std::floor(y / 0.05f);
    const float sx = s + (std::fmod(row, 2.0f) != 0.0f ? 0.025f : 0.0f);
    const float cx = std::fmod(sx, 0.05f);
    const float lx = (cx < 0.0f ? cx + 0.05f : cx) - 0.025f;
    const float ly = y - row * 0.05f - 0.012f;
    const float peak = 0.022f - std::abs(lx) * 0.9f;
    const float a = line(std::abs(ly - peak), 0.0011f, 0.0008f) * (ly > 0.0f ? 1.0f : 0.0f) *
                    (peak > 0.0f ? 1.0f : 0.0f);
    const float ripple = line(std::abs(ly - 0.0015f * std::sin(lx * 260.0f)), 0.0008f, 0.0007f) *
                         (1.0f - smoothstep(0.012f, 0.02f, std::abs(lx)));
    mixTo(t.color, rgb(176, 42, 50), 0.55f * std::max(a, ripple));
    t.height = std::max(t.height, 0.45f * std::max(a, ripple));
  }
  // Hem: sea waves and cliffs (haishui jiangya), the river city's edge, in gold and coral.
  if (y < 0.985f) {
    for (int i = 0; i < 5; ++i) {
      const float yi = 0.852f + float(i) * 0.021f + 0.005f * std::sin(s / 0.06f * 2.0f * kPi + float(i) * 1.7f);
      goldThread(line(std::abs(y - yi), 0.0012f, 0.0008f) * 0.9f);
      if (y < yi && y > yi - 0.021f && (i % 2 == 0)) mixTo(t.color, rgb(178, 38, 44), 0.5f);
    }
    // Mountain peaks rising from the waves on the front and the left side.
    for (float pc : {-0.10f, 0.0f, 0.085f, 0.17f}) {
      const float dx = s - pc;
      const float top = 0.968f - std::abs(dx) * 1.4f;
      if (std::abs(dx) < 0.06f && y > 0.90f) {
        const float inside = y < top ? 1.0f : 0.0f;
        if (inside > 0.0f) mixTo(t.color, rgb(120, 14, 26), 0.6f);
        goldThread(line(std::abs(y - top), 0.0013f, 0.0008f));
      }
    }
  }
  // The placket: gold piping along the qipao opening, with the overlap's shadow below it.
  {
    float dist = 1e9f;
    for (std::size_t i = 0; i + 1 < kPlacket.size(); ++i) {
      const glm::vec2 a(kPlacket[i].x * 0.145f, kPlacket[i].y);
      const glm::vec2 b(kPlacket[i + 1].x * 0.145f, kPlacket[i + 1].y);
      dist = std::min(dist, segmentDistance({s, y}, a, b));
    }
    mixTo(t.color, rgb(84, 8, 16), line(std::abs(dist - 0.0042f), 0.0012f, 0.001f) * 0.7f);
    goldThread(line(dist, 0.0026f, 0.0008f));
  }
  return t;
}

// ---- sash -------------------------------------------------------------------------------

Rgb paintSashTexel(float u, float v) {
  const Rgb ground = rgb(20, 78, 76);
  Rgb c = ground;
  // Edges: gold bands with a thin red line.
  const float edge = std::min(v, 1.0f - v);
  if (edge < 0.10f) return rgb(206, 160, 64);
  if (edge < 0.14f) return rgb(176, 34, 40);
  const float vv = (v - 0.14f) / 0.72f;
  const float cu = std::fmod(u * 2.0f, 1.0f) - 0.5f;  // two diamonds per tile
  const float dd = std::abs(cu) * 2.0f + std::abs(vv - 0.5f) * 2.0f;  // 0 centre, 1 tip
  if (dd < 1.0f) {
    const float band = dd * 5.0f;
    const Rgb ringColors[5] = {rgb(246, 232, 200), rgb(236, 150, 48), rgb(190, 36, 40),
                               rgb(246, 232, 200), rgb(214, 168, 70)};
    c = ringColors[std::min(int(band), 4)];
  } else {
    // Hooks between the diamonds (the xilankapu "gou" motif), small and cream.
    const float hx = std::abs(std::abs(cu) - 0.5f), hy = std::abs(vv - 0.5f);
    if (hx < 0.12f && hy < 0.12f && (hx > 0.06f || hy > 0.06f)) c = rgb(236, 150, 48);
  }
  return c;
}

}  // namespace

float srgbToLinear(std::uint8_t value) {
  const float c = float(value) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

Image paintFace(std::uint64_t seed, int size) {
  Canvas c(size, size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      c.color[c.at(x, y)] = paintFaceTexel({(float(x) + 0.5f) / float(size),
                                            (float(y) + 0.5f) / float(size)}, seed);
    }
  }
  return toImage(c);
}

JacketMaps paintJacket(std::uint64_t seed, int size) {
  Canvas c(size, size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const JacketTexel t = paintJacketTexel((float(x) + 0.5f) / float(size),
                                             (float(y) + 0.5f) / float(size), seed);
      const std::size_t i = c.at(x, y);
      c.color[i] = t.color;
      c.height[i] = t.height;
      c.rough[i] = t.rough;
      c.metal[i] = t.metal;
    }
  }
  return {toImage(c), normalImage(c, 2.5f, 2), mrImage(c, 2)};
}

HairMaps paintHair(std::uint64_t seed, int size) {
  Canvas c(size, size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const float u = (float(x) + 0.5f) / float(size), v = (float(y) + 0.5f) / float(size);
      // Strands run along v: noise stretched across u.
      const float strands = 0.6f * noise(u, v * 0.02f, 96, seed) + 0.4f * noise(u, v * 0.05f, 48, seed + 7);
      Rgb col = rgb(34, 24, 22);
      mixTo(col, rgb(84, 60, 48), strands * 0.75f);
      // Soft highlight band (reads as a sheen at a distance).
      mixTo(col, rgb(112, 86, 70), 0.5f * gauss({0.0f, v}, {0.0f, 0.38f}, {1.0f, 0.07f}) * strands);
      const std::size_t i = c.at(x, y);
      c.color[i] = col;
      c.height[i] = strands;
    }
  }
  return {toImage(c), normalImage(c, 6.0f, 1)};
}

Image paintEye(int size) {
  Canvas c(size, size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const glm::vec2 q((float(x) + 0.5f) / float(size) - 0.5f, (float(y) + 0.5f) / float(size) - 0.5f);
      const float r = glm::length(q);
      Rgb col = rgb(246, 244, 240);
      mixTo(col, rgb(214, 212, 220), smoothstep(0.30f, 0.5f, r));
      const float iris = 0.29f;
      if (r < iris + 0.01f) {
        const float a = std::atan2(q.y, q.x);
        const float fibres = 0.5f + 0.5f * std::sin(a * 23.0f) * std::sin(a * 7.0f + r * 40.0f);
        Rgb ic = rgb(112, 66, 38);
        mixTo(ic, rgb(150, 98, 52), smoothstep(0.06f, 0.24f, r) * 0.5f * fibres);
        mixTo(ic, rgb(52, 30, 20), smoothstep(0.21f, 0.29f, r));  // limbal ring
        mixTo(ic, rgb(18, 12, 12), 1.0f - smoothstep(0.115f, 0.13f, r));  // pupil
        mixTo(col, ic, 1.0f - smoothstep(iris - 0.01f, iris + 0.01f, r));
      }
      // Catch lights (upper left as seen from the front, a smaller one lower right).
      mixTo(col, rgb(255, 255, 255), 1.0f - smoothstep(0.045f, 0.06f, glm::length(q - glm::vec2(-0.09f, -0.10f))));
      mixTo(col, rgb(255, 255, 255), 0.8f * (1.0f - smoothstep(0.018f, 0.028f, glm::length(q - glm::vec2(0.08f, 0.09f)))));
      c.color[c.at(x, y)] = col;
    }
  }
  return toImage(c);
}

Image paintSash(std::uint64_t seed, int width, int height) {
  (void)seed;  // the brocade is a fixed pattern; the seed is kept for a future variation
  Canvas c(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      c.color[c.at(x, y)] = paintSashTexel((float(x) + 0.5f) / float(width),
                                           (float(y) + 0.5f) / float(height));
    }
  }
  return toImage(c);
}

std::vector<std::uint8_t> encodePng(const Image& image) {
  std::vector<std::uint8_t> out;
  stbi_write_png_compression_level = 9;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        const auto* b = static_cast<const std::uint8_t*>(data);
        v->insert(v->end(), b, b + size);
      },
      &out, image.width, image.height, image.channels, image.pixels.data(),
      image.width * image.channels);
  return out;
}

}  // namespace sc::avatar
