#include "texture_patterns.hpp"

#include <algorithm>
#include <cmath>

#include "rng.hpp"

namespace sc::landmarks {

namespace {

constexpr float kPi = 3.14159265358979f;

float fract(float v) { return v - std::floor(v); }
glm::vec3 mix3(glm::vec3 a, glm::vec3 b, float t) { return a + (b - a) * t; }
float sstep(float e0, float e1, float x) {
  float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

// Calls fn(x, y, u, v, index) for every pixel.
template <typename Fn>
void forEach(Canvas& c, Fn fn) {
  for (int y = 0; y < c.size; ++y)
    for (int x = 0; x < c.size; ++x) {
      float u = (float(x) + 0.5f) / float(c.size), v = (float(y) + 0.5f) / float(c.size);
      fn(x, y, u, v, std::size_t(y) * c.size + x);
    }
}

// Per-cell random value in 0..1 (for brick/slab tints).
float cellRand(std::uint64_t seed, int a, int b) {
  Rng r(deriveSeed(seed, std::to_string(a) + ":" + std::to_string(b)));
  return r.uniform();
}

}  // namespace

SurfaceMaps brickWall(std::uint64_t seed, int size, glm::vec3 brick) {
  Canvas c(size);
  TileNoise noise(seed);
  const int courses = 30, perRow = 8;  // ~6.7 cm courses, 25 cm bricks over 2 m
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float row = v * courses;
    int ri = int(std::floor(row));
    float col = u * perRow + ((ri & 1) ? 0.5f : 0.0f);
    int ci = int(std::floor(col)) % perRow;
    float fx = fract(col), fy = fract(row);
    float edge = std::min(std::min(fx, 1.0f - fx) * 3.75f, std::min(fy, 1.0f - fy));
    float mortar = 1.0f - sstep(0.06f, 0.12f, edge);
    float n = noise.fbm(u, v, 16, 4);
    float t = cellRand(seed, ri, ci);
    glm::vec3 b = brick * (0.78f + 0.38f * t) * (0.85f + 0.3f * n);
    if (t > 0.9f) b = mix3(b, glm::vec3(0.25f, 0.18f, 0.15f), 0.5f);  // over-fired bricks
    glm::vec3 m(0.62f, 0.6f, 0.56f);
    c.color[i] = mix3(b, m * (0.8f + 0.3f * n), mortar);
    c.height[i] = (1.0f - mortar) * (0.8f + 0.2f * n);
    c.roughness[i] = 0.85f + 0.1f * mortar;
  });
  return finishCanvas(c, 3.0f, size / 2, 64);
}

SurfaceMaps timberFacade(std::uint64_t seed, int size) {
  Canvas c(size);
  TileNoise noise(seed);
  glm::vec3 timber(0.24f, 0.15f, 0.09f), plaster(0.86f, 0.84f, 0.78f);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 4), grain = noise.fbm(u * 0.2f, v, 32, 2);
    float X = u * 4.0f, Y = (1.0f - v) * 3.6f;  // metres within the bay, Y up
    bool post = X < 0.22f || X > 3.78f;
    bool rail = (Y < 0.25f) || (Y > 3.3f) || std::abs(Y - 1.0f) < 0.08f;
    bool window = X > 0.6f && X < 3.4f && Y > 1.15f && Y < 2.95f;
    glm::vec3 col = plaster * (0.88f + 0.15f * n);
    float h = 0.6f, rough = 0.9f;
    glm::vec3 emit(0.0f);
    if (window) {
      // Lattice: mullions every 0.35 m, transom every 0.45 m.
      float mx = fract((X - 0.6f) / 0.35f), my = fract((Y - 1.15f) / 0.45f);
      bool bar = mx < 0.14f || my < 0.12f;
      if (bar) {
        col = timber * 0.9f;
        h = 0.7f;
      } else {
        col = glm::vec3(0.95f, 0.72f, 0.4f) * (0.8f + 0.2f * n);
        emit = glm::vec3(1.0f, 0.68f, 0.32f) * (0.75f + 0.25f * n);
        h = 0.3f;
        rough = 0.4f;
      }
    } else if (post || rail || (X > 0.5f && X < 0.6f) || (X > 3.4f && X < 3.5f)) {
      col = timber * (0.75f + 0.5f * grain);
      h = 0.85f;
      rough = 0.7f;
    } else if (Y < 1.0f) {
      // Timber boarding below the sill.
      col = timber * (1.1f + 0.4f * grain) * (fract(X / 0.25f) < 0.06f ? 0.6f : 1.0f);
      h = 0.7f;
    }
    c.color[i] = col;
    c.height[i] = h + 0.05f * n;
    c.roughness[i] = rough;
    c.emissive[i] = emit;
  });
  return finishCanvas(c, 4.0f, size / 2, 64);
}

SurfaceMaps roofTiles(std::uint64_t seed, int size, glm::vec3 tint, float roughness) {
  Canvas c(size);
  TileNoise noise(seed);
  const int columns = 10, rows = 12;  // 20 cm channels, ~17 cm courses over 2 m
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 4);
    float cx = fract(u * columns), cy = fract(v * rows);
    float arch = std::sin(cx * kPi);  // convex tile across the channel
    float lap = 1.0f - 0.35f * cy;   // each course overlaps the next
    float gutter = 1.0f - sstep(0.0f, 0.12f, std::min(cx, 1.0f - cx));
    float t = cellRand(seed, int(u * columns), int(v * rows));
    c.color[i] = tint * (0.7f + 0.35f * arch * lap) * (0.85f + 0.2f * n + 0.1f * t) *
                 (1.0f - 0.45f * gutter);
    c.height[i] = 0.6f * arch * lap + 0.1f * n;
    c.roughness[i] = roughness + 0.15f * n;
  });
  return finishCanvas(c, 5.0f, size / 2, 64);
}

SurfaceMaps stoneBlocks(std::uint64_t seed, int size, glm::vec3 tint, int bx, int by) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 16, 5);
    int ry = int(v * by);
    float sx = u * bx + ((ry & 1) ? 0.5f : 0.0f);
    float fx = fract(sx), fy = fract(v * by);
    float edge = std::min(std::min(fx, 1.0f - fx) * float(by) / float(bx) * 0.5f + 0.5f *
                          std::min(fx, 1.0f - fx), std::min(fy, 1.0f - fy));
    float joint = 1.0f - sstep(0.015f, 0.04f, edge);
    float t = cellRand(seed, ry, int(std::floor(sx)));
    c.color[i] = tint * (0.88f + 0.12f * t) * (0.85f + 0.25f * n) * (1.0f - 0.35f * joint);
    c.height[i] = (1.0f - joint) * (0.8f + 0.2f * n);
    c.roughness[i] = 0.75f + 0.15f * n;
  });
  return finishCanvas(c, 2.5f, size / 2, 64);
}

SurfaceMaps glassCurtain(std::uint64_t seed, int size, int baysX, int floorsY, glm::vec3 tint,
                         float litFraction) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float bx = u * baysX, fy = v * floorsY;
    int ix = int(bx), iy = int(fy);
    float fx = fract(bx), fz = fract(fy);
    bool mullion = fx < 0.05f || fx > 0.95f;
    bool spandrel = fz > 0.8f;
    float sky = 0.6f + 0.4f * (1.0f - v) + 0.1f * noise.fbm(u, v, 4, 3);
    float t = cellRand(seed, ix, iy);
    glm::vec3 col = tint * sky * (0.85f + 0.3f * t);
    glm::vec3 emit(0.0f);
    float rough = 0.08f, metal = 0.7f, h = 0.4f;
    if (mullion || spandrel) {
      col = glm::vec3(0.55f, 0.57f, 0.6f) * (spandrel ? 0.7f : 1.0f);
      rough = 0.35f;
      metal = 0.9f;
      h = 0.6f;
    } else if (t < litFraction) {
      float warm = cellRand(seed + 7, ix, iy);
      emit = warm > 0.5f ? glm::vec3(1.0f, 0.85f, 0.6f) : glm::vec3(0.85f, 0.92f, 1.0f);
      emit *= 0.6f + 0.4f * fract(t * 13.0f);
    }
    c.color[i] = col;
    c.roughness[i] = rough;
    c.metallic[i] = metal;
    c.height[i] = h;
    c.emissive[i] = emit;
  });
  return finishCanvas(c, 1.5f, size / 2, 128);
}

SurfaceMaps plaster(std::uint64_t seed, int size, glm::vec3 tint) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 5), streak = noise.fbm(u * 1.0f, v * 0.25f, 16, 3);
    float dirt = sstep(0.55f, 0.8f, streak) * 0.25f;
    c.color[i] = tint * (0.92f + 0.1f * n) * (1.0f - dirt);
    c.height[i] = n;
    c.roughness[i] = 0.9f;
  });
  return finishCanvas(c, 0.8f, size / 2, 0);
}

SurfaceMaps concrete(std::uint64_t seed, int size, glm::vec3 tint) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 16, 5);
    float board = fract(v * 8.0f) < 0.02f ? 0.85f : 1.0f;  // formwork lines every 0.5 m
    float pores = noise.value(u, v, 128) > 0.85f ? 0.85f : 1.0f;
    c.color[i] = tint * (0.88f + 0.2f * n) * board * pores;
    c.height[i] = 0.5f * n + (board < 1.0f ? 0.0f : 0.3f);
    c.roughness[i] = 0.85f;
  });
  return finishCanvas(c, 1.5f, size / 2, 0);
}

SurfaceMaps water(std::uint64_t seed, int size, glm::vec3 tint) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float swell = noise.fbm(u, v, 4, 3);
    float ripple = noise.fbm(u * 1.0f, v, 16, 3);
    c.color[i] = tint * (0.85f + 0.25f * swell);
    c.height[i] = 0.6f * swell + 0.4f * ripple;
    c.roughness[i] = 0.06f + 0.08f * ripple;
  });
  return finishCanvas(c, 2.0f, size / 2, 0);
}

SurfaceMaps paving(std::uint64_t seed, int size, glm::vec3 tint) {
  Canvas c(size);
  TileNoise noise(seed);
  const int slabs = 8;
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 16, 4);
    float fx = fract(u * slabs), fy = fract(v * slabs);
    float joint = 1.0f - sstep(0.01f, 0.03f, std::min(std::min(fx, 1 - fx), std::min(fy, 1 - fy)));
    float t = cellRand(seed, int(u * slabs), int(v * slabs));
    c.color[i] = tint * (0.85f + 0.2f * t) * (0.9f + 0.15f * n) * (1.0f - 0.4f * joint);
    c.height[i] = 1.0f - joint;
    c.roughness[i] = 0.7f + 0.2f * n;
  });
  return finishCanvas(c, 2.0f, size / 2, 0);
}

SurfaceMaps hillside(std::uint64_t seed, int size) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 6), m = noise.fbm(u, v, 4, 3);
    glm::vec3 grass(0.26f, 0.38f, 0.16f), shrub(0.14f, 0.26f, 0.1f), soil(0.45f, 0.36f, 0.26f);
    glm::vec3 col = mix3(grass, shrub, sstep(0.45f, 0.6f, n));
    col = mix3(col, soil, sstep(0.62f, 0.72f, m) * 0.8f);
    c.color[i] = col * (0.85f + 0.3f * noise.value(u, v, 64));
    c.height[i] = n;
    c.roughness[i] = 0.95f;
  });
  return finishCanvas(c, 3.0f, size / 2, 0);
}

SurfaceMaps residentialFacade(std::uint64_t seed, int size, glm::vec3 wall) {
  Canvas c(size);
  TileNoise noise(seed);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 4);
    float X = fract(u * 2.0f) * 3.6f, Y = (1.0f - fract(v * 2.0f)) * 3.0f;
    int bay = int(u * 2.0f), storey = int((1.0f - v) * 2.0f);
    glm::vec3 col = wall * (0.9f + 0.15f * n);
    // Facade tiles: faint grid every 0.2 m.
    if (fract(X / 0.2f) < 0.06f || fract(Y / 0.1f) < 0.1f) col *= 0.93f;
    float h = 0.7f, rough = 0.7f;
    glm::vec3 emit(0.0f);
    bool window = X > 0.6f && X < 3.0f && Y > 0.9f && Y < 2.5f;
    bool slab = Y < 0.18f;
    if (slab) {
      col = glm::vec3(0.75f, 0.74f, 0.7f);
      h = 0.9f;
    } else if (window) {
      bool frame = X < 0.68f || X > 2.92f || Y < 0.98f || Y > 2.42f || std::abs(X - 1.8f) < 0.04f;
      if (frame) {
        col = glm::vec3(0.8f, 0.8f, 0.78f);
      } else {
        float t = cellRand(seed, bay, storey);
        col = glm::vec3(0.22f, 0.28f, 0.32f) + 0.15f * (1.0f - v * 0.0f) * n;
        rough = 0.1f;
        h = 0.3f;
        if (t < 0.35f) emit = glm::vec3(1.0f, 0.8f, 0.55f) * (0.6f + 0.4f * t / 0.35f);
      }
    }
    c.color[i] = col;
    c.height[i] = h;
    c.roughness[i] = rough;
    c.emissive[i] = emit;
  });
  return finishCanvas(c, 2.0f, size / 2, 64);
}

SurfaceMaps graffitiWall(std::uint64_t seed, int size) {
  Canvas c(size);
  TileNoise noise(seed);
  Rng rng(seed);
  glm::vec3 palette[] = {{0.95f, 0.2f, 0.25f}, {0.98f, 0.8f, 0.1f}, {0.1f, 0.65f, 0.9f},
                         {0.2f, 0.8f, 0.35f},  {0.9f, 0.4f, 0.85f}, {1.0f, 0.55f, 0.1f},
                         {0.1f, 0.2f, 0.55f},  {0.95f, 0.95f, 0.92f}, {0.08f, 0.08f, 0.1f}};
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float n = noise.fbm(u, v, 8, 4);
    c.color[i] = glm::vec3(0.62f, 0.6f, 0.56f) * (0.8f + 0.3f * n);
    c.height[i] = 0.5f + 0.2f * n;
    c.roughness[i] = 0.85f;
  });
  auto paint = [&](auto shape, glm::vec3 col) {
    forEach(c, [&](int, int, float u, float v, std::size_t i) {
      float a = shape(u, v);
      if (a <= 0.0f) return;
      c.color[i] = mix3(c.color[i], col * (0.9f + 0.1f * noise.value(u, v, 64)), std::min(1.0f, a));
      c.roughness[i] = 0.55f;
    });
  };
  // Periodic distance so shapes wrap across tile edges.
  auto wrapDist = [](float a, float b) {
    float d = std::abs(a - b);
    return std::min(d, 1.0f - d);
  };
  // Big colour fields first, then blobs, stripes, eyes and outlined letter-like strokes.
  for (int k = 0; k < 6; ++k) {
    float x0 = rng.uniform(), y0 = rng.uniform(), w = rng.range(0.2f, 0.45f), h = rng.range(0.15f, 0.4f);
    glm::vec3 col = palette[rng.rangeInt(0, 6)];
    paint([&](float u, float v) {
      return (wrapDist(u, x0) < w * 0.5f && wrapDist(v, y0) < h * 0.5f) ? 1.0f : 0.0f;
    }, col);
  }
  for (int k = 0; k < 14; ++k) {
    float x0 = rng.uniform(), y0 = rng.uniform(), r = rng.range(0.04f, 0.14f);
    float wob = rng.range(0.0f, 0.4f);
    glm::vec3 col = palette[rng.rangeInt(0, 7)];
    paint([&](float u, float v) {
      float dx = wrapDist(u, x0), dy = wrapDist(v, y0);
      float d = std::sqrt(dx * dx + dy * dy) / r;
      float edge = 1.0f + wob * (noise.value(u, v, 16) - 0.5f);
      return d < edge ? 1.0f : 0.0f;
    }, col);
    if (rng.chance(0.5f)) {  // a face: two eyes and a smile
      glm::vec3 ink = palette[8];
      paint([&](float u, float v) {
        float dx = wrapDist(u, x0), dy = wrapDist(v, y0);
        float ex = std::abs(dx - r * 0.35f) , ey = v < y0 ? dy - r * 0.25f : 1.0f;
        bool eye = std::sqrt(ex * ex + ey * ey) < r * 0.12f;
        float d = std::sqrt(dx * dx + dy * dy);
        bool smile = v > y0 && std::abs(d - r * 0.55f) < r * 0.06f && dx < r * 0.4f;
        return (eye || smile) ? 1.0f : 0.0f;
      }, ink);
    }
  }
  for (int k = 0; k < 10; ++k) {  // sprayed strokes: thick wavy lines with dark outline
    float y0 = rng.uniform(), x0 = rng.uniform(), len = rng.range(0.2f, 0.5f);
    float amp = rng.range(0.01f, 0.05f), freq = float(rng.rangeInt(2, 6)), th = rng.range(0.008f, 0.02f);
    glm::vec3 col = palette[rng.rangeInt(0, 7)];
    for (int pass = 0; pass < 2; ++pass) {
      float width = pass == 0 ? th * 1.8f : th;
      paint([&](float u, float v) {
        float du = u - x0;
        if (du < 0) du += 1.0f;
        if (du > len) return 0.0f;
        float yc = y0 + amp * std::sin(du / len * freq * kPi);
        return wrapDist(v, fract(yc)) < width ? 1.0f : 0.0f;
      }, pass == 0 ? palette[8] : col);
    }
  }
  for (int k = 0; k < 40; ++k) {  // drips
    float x0 = rng.uniform(), y0 = rng.uniform(), len = rng.range(0.02f, 0.1f);
    glm::vec3 col = palette[rng.rangeInt(0, 7)];
    paint([&](float u, float v) {
      float dv = v - y0;
      if (dv < 0) dv += 1.0f;
      return (wrapDist(u, x0) < 0.0025f && dv < len) ? 0.9f : 0.0f;
    }, col);
  }
  return finishCanvas(c, 1.0f, size / 2, 0);
}

SurfaceMaps factoryFacade(std::uint64_t seed, int size) {
  Canvas c(size);
  TileNoise noise(seed);
  glm::vec3 brick(0.55f, 0.22f, 0.15f);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float X = u * 6.0f, Y = (1.0f - v) * 4.5f;
    float n = noise.fbm(u, v, 8, 4);
    float row = Y / 0.067f;
    int ri = int(row);
    float col = X / 0.25f + ((ri & 1) ? 0.5f : 0.0f);
    float fx = fract(col), fy = fract(row);
    float mortar = (fy < 0.14f || fx < 0.04f) ? 1.0f : 0.0f;
    float t = cellRand(seed, ri, int(col));
    glm::vec3 b = brick * (0.8f + 0.35f * t) * (0.85f + 0.3f * n);
    glm::vec3 cc = mix3(b, glm::vec3(0.6f, 0.58f, 0.54f), mortar);
    float h = 0.8f - 0.4f * mortar, rough = 0.85f;
    glm::vec3 emit(0.0f);
    bool window = X > 1.2f && X < 4.8f && Y > 1.0f && Y < 3.7f;
    if (window) {
      float gx = fract((X - 1.2f) / 0.6f), gy = fract((Y - 1.0f) / 0.45f);
      bool bar = gx < 0.08f || gy < 0.1f;
      cc = bar ? glm::vec3(0.18f, 0.2f, 0.2f) : glm::vec3(0.3f, 0.36f, 0.38f) * (0.8f + 0.3f * n);
      rough = bar ? 0.5f : 0.15f;
      h = bar ? 0.5f : 0.2f;
      if (!bar && cellRand(seed, 1, int(u * 1000) / 200) < 0.3f)
        emit = glm::vec3(0.9f, 0.75f, 0.5f) * 0.6f;
    } else if (Y > 3.7f && Y < 3.95f && X > 1.0f && X < 5.0f) {
      cc = glm::vec3(0.7f, 0.68f, 0.62f);  // concrete lintel
      h = 0.9f;
    }
    c.color[i] = cc;
    c.height[i] = h;
    c.roughness[i] = rough;
    c.emissive[i] = emit;
  });
  return finishCanvas(c, 2.5f, size / 2, 64);
}

SurfaceMaps clockFace(int size) {
  Canvas c(size);
  forEach(c, [&](int, int, float u, float v, std::size_t i) {
    float dx = u - 0.5f, dy = 0.5f - v;
    float r = std::sqrt(dx * dx + dy * dy) * 2.0f;
    float a = std::atan2(dx, dy);  // 0 at twelve, clockwise
    glm::vec3 col(0.93f, 0.92f, 0.86f);
    bool ink = false;
    if (r > 0.96f) col = glm::vec3(0.78f, 0.62f, 0.3f);  // gilded rim
    else if (r > 0.92f) ink = true;
    float hourA = std::fmod(a + 2.0f * kPi, 2.0f * kPi) / (2.0f * kPi) * 12.0f;
    if (r > 0.72f && r < 0.88f && std::abs(hourA - std::round(hourA)) < 0.06f) ink = true;
    auto hand = [&](float angle, float len, float width) {
      glm::vec2 d(std::sin(angle), std::cos(angle));
      glm::vec2 p(dx * 2.0f, dy * 2.0f);
      float t = glm::dot(p, d);
      float off = std::abs(p.x * d.y - p.y * d.x);
      return t > -0.05f && t < len && off < width;
    };
    if (hand(2.0f * kPi * (10.0f + 10.0f / 60.0f) / 12.0f, 0.5f, 0.035f)) ink = true;
    if (hand(2.0f * kPi * 10.0f / 60.0f, 0.78f, 0.022f)) ink = true;
    if (ink) col = glm::vec3(0.08f, 0.08f, 0.1f);
    c.color[i] = col;
    c.roughness[i] = 0.4f;
    c.emissive[i] = r < 0.92f && !ink ? glm::vec3(0.9f, 0.9f, 0.8f) : glm::vec3(0.0f);
  });
  return finishCanvas(c, 0.0f, 0, 0);
}

SurfaceMaps signPanel(const std::string& text, glm::vec3 bg, glm::vec3 ink, float aspect, int size,
                      bool glow, const std::string& fontPath) {
  Canvas c(size);
  int w = std::max(1, int(float(size) * aspect));
  std::vector<float> mask = renderTextMask(text, w, size, float(size) * 0.78f, fontPath);
  forEach(c, [&](int x, int y, float, float, std::size_t i) {
    float m = 0.0f;
    if (!mask.empty()) {
      int sx = std::min(w - 1, int((float(x) + 0.5f) * float(w) / float(size)));
      m = mask[std::size_t(y) * w + sx];
    }
    c.color[i] = mix3(bg, ink, m);
    c.roughness[i] = 0.6f;
    c.emissive[i] = glow ? ink * m : glm::vec3(0.0f);
  });
  return finishCanvas(c, 0.0f, 0, 0);
}

}  // namespace sc::landmarks
