#include "texture_gen.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>

namespace sc::landmarks {

namespace {

std::uint8_t toByte(float v) { return std::uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); }

std::uint32_t hash3(std::uint32_t x, std::uint32_t y, std::uint32_t s) {
  std::uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u ^ s * 0xcb1ab31fu;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return h;
}

float smooth(float t) { return t * t * (3.0f - 2.0f * t); }

// Box-downsamples a square float buffer by an integer factor.
template <typename T>
std::vector<T> downsample(const std::vector<T>& src, int size, int factor) {
  int n = size / factor;
  std::vector<T> out(std::size_t(n) * n, T{});
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      T sum{};
      for (int j = 0; j < factor; ++j)
        for (int i = 0; i < factor; ++i) sum += src[std::size_t(y * factor + j) * size + x * factor + i];
      out[std::size_t(y) * n + x] = sum / float(factor * factor);
    }
  return out;
}

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  auto* bytes = static_cast<std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

// Decodes one UTF-8 code point; advances i. Invalid bytes become U+FFFD.
std::uint32_t nextCodepoint(const std::string& s, std::size_t& i) {
  auto c = std::uint8_t(s[i++]);
  if (c < 0x80) return c;
  int extra = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  std::uint32_t cp = c & (0x3Fu >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size()) return 0xFFFD;
    cp = (cp << 6) | (std::uint8_t(s[i++]) & 0x3Fu);
  }
  return cp;
}

}  // namespace

Canvas::Canvas(int n)
    : size(n),
      color(std::size_t(n) * n, glm::vec3(0.5f)),
      height(std::size_t(n) * n, 0.5f),
      roughness(std::size_t(n) * n, 0.8f),
      metallic(std::size_t(n) * n, 0.0f),
      emissive(std::size_t(n) * n, glm::vec3(0.0f)) {}

TileNoise::TileNoise(std::uint64_t seed) : seed_(std::uint32_t(seed ^ (seed >> 32))) {}

float TileNoise::lattice(int x, int y, int period) const {
  x = ((x % period) + period) % period;
  y = ((y % period) + period) % period;
  return float(hash3(std::uint32_t(x), std::uint32_t(y), seed_ + std::uint32_t(period)) & 0xFFFFu) /
         65535.0f;
}

float TileNoise::value(float u, float v, int period) const {
  float x = u * float(period), y = v * float(period);
  float fx = std::floor(x), fy = std::floor(y);
  int ix = int(fx), iy = int(fy);
  float tx = smooth(x - fx), ty = smooth(y - fy);
  float a = lattice(ix, iy, period), b = lattice(ix + 1, iy, period);
  float c = lattice(ix, iy + 1, period), d = lattice(ix + 1, iy + 1, period);
  return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
}

float TileNoise::fbm(float u, float v, int period, int octaves) const {
  float sum = 0.0f, amp = 0.5f, norm = 0.0f;
  for (int o = 0; o < octaves; ++o) {
    sum += amp * value(u, v, period << o);
    norm += amp;
    amp *= 0.5f;
  }
  return sum / norm;
}

SurfaceMaps finishCanvas(const Canvas& c, float normalStrength, int normalSize, int mrSize) {
  SurfaceMaps maps;
  const int n = c.size;
  maps.baseColor = Image{n, n, 3, std::vector<std::uint8_t>(std::size_t(n) * n * 3)};
  bool anyEmissive = false;
  for (std::size_t i = 0; i < c.color.size(); ++i) {
    // Canvas colours are already sRGB values; the low two bits are dropped because they only
    // add entropy (bigger PNGs) that nobody can see.
    for (int k = 0; k < 3; ++k)
      maps.baseColor.pixels[i * 3 + k] = toByte(c.color[i][k]) & 0xFCu;
    if (c.emissive[i] != glm::vec3(0.0f)) anyEmissive = true;
  }
  if (normalSize > 0) {
    int f = std::max(1, n / normalSize);
    std::vector<float> h = downsample(c.height, n, f);
    int m = n / f;
    maps.normal = Image{m, m, 3, std::vector<std::uint8_t>(std::size_t(m) * m * 3)};
    for (int y = 0; y < m; ++y)
      for (int x = 0; x < m; ++x) {
        auto H = [&](int xx, int yy) {
          xx = (xx + m) % m;
          yy = (yy + m) % m;
          return h[std::size_t(yy) * m + xx];
        };
        // Image y grows downwards while tangent-space +Y (bitangent) points up the texture.
        float dx = (H(x + 1, y) - H(x - 1, y)) * normalStrength * float(m) / 256.0f;
        float dy = (H(x, y - 1) - H(x, y + 1)) * normalStrength * float(m) / 256.0f;
        glm::vec3 nrm = glm::normalize(glm::vec3(-dx, -dy, 1.0f));
        std::size_t o = (std::size_t(y) * m + x) * 3;
        maps.normal.pixels[o + 0] = toByte(nrm.x * 0.5f + 0.5f);
        maps.normal.pixels[o + 1] = toByte(nrm.y * 0.5f + 0.5f);
        maps.normal.pixels[o + 2] = toByte(nrm.z * 0.5f + 0.5f);
      }
  }
  if (mrSize > 0) {
    int f = std::max(1, n / mrSize);
    std::vector<float> r = downsample(c.roughness, n, f);
    std::vector<float> mt = downsample(c.metallic, n, f);
    int m = n / f;
    maps.metallicRoughness = Image{m, m, 3, std::vector<std::uint8_t>(std::size_t(m) * m * 3)};
    for (std::size_t i = 0; i < r.size(); ++i) {
      maps.metallicRoughness.pixels[i * 3 + 0] = 255;
      maps.metallicRoughness.pixels[i * 3 + 1] = toByte(r[i]) & 0xF8u;
      maps.metallicRoughness.pixels[i * 3 + 2] = toByte(mt[i]) & 0xF8u;
    }
  }
  if (anyEmissive) {
    maps.emissive = Image{n, n, 3, std::vector<std::uint8_t>(std::size_t(n) * n * 3)};
    for (std::size_t i = 0; i < c.emissive.size(); ++i)
      for (int k = 0; k < 3; ++k) maps.emissive.pixels[i * 3 + k] = toByte(c.emissive[i][k]) & 0xF8u;
  }
  return maps;
}

std::vector<std::uint8_t> encodePng(const Image& image) {
  std::vector<std::uint8_t> out;
  stbi_write_png_compression_level = 9;
  stbi_write_png_to_func(appendBytes, &out, image.width, image.height, image.channels,
                         image.pixels.data(), image.width * image.channels);
  return out;
}

glm::vec3 averageColor(const Image& image) {
  if (image.empty()) return glm::vec3(1.0f);
  glm::dvec3 sum(0.0);
  std::size_t count = std::size_t(image.width) * image.height;
  for (std::size_t i = 0; i < count; ++i)
    for (int k = 0; k < 3; ++k) sum[k] += image.pixels[i * image.channels + k];
  return glm::vec3(sum / (255.0 * double(count)));
}

std::vector<float> renderTextMask(const std::string& utf8, int w, int h, float pixelHeight,
                                  const std::string& fontPath) {
  std::ifstream in(fontPath, std::ios::binary);
  if (!in) return {};
  std::vector<unsigned char> font((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (font.size() < 1024) return {};
  stbtt_fontinfo info;
  int offset = stbtt_GetFontOffsetForIndex(font.data(), 0);
  if (offset < 0 || !stbtt_InitFont(&info, font.data(), offset)) return {};
  float scale = stbtt_ScaleForPixelHeight(&info, pixelHeight);
  std::vector<std::uint32_t> cps;
  for (std::size_t i = 0; i < utf8.size();) cps.push_back(nextCodepoint(utf8, i));
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  float total = 0.0f;
  for (std::uint32_t cp : cps) {
    int adv = 0, lsb = 0;
    stbtt_GetCodepointHMetrics(&info, int(cp), &adv, &lsb);
    total += float(adv) * scale;
  }
  std::vector<float> mask(std::size_t(w) * h, 0.0f);
  float penX = 0.5f * (float(w) - total);
  int baseline = int(0.5f * (float(h) + (float(ascent) + float(descent)) * scale));
  for (std::uint32_t cp : cps) {
    int adv = 0, lsb = 0;
    stbtt_GetCodepointHMetrics(&info, int(cp), &adv, &lsb);
    int x0, y0, x1, y1;
    stbtt_GetCodepointBitmapBox(&info, int(cp), scale, scale, &x0, &y0, &x1, &y1);
    int gw = x1 - x0, gh = y1 - y0;
    if (gw > 0 && gh > 0) {
      std::vector<unsigned char> glyph(std::size_t(gw) * gh);
      stbtt_MakeCodepointBitmap(&info, glyph.data(), gw, gh, gw, scale, scale, int(cp));
      for (int y = 0; y < gh; ++y)
        for (int x = 0; x < gw; ++x) {
          int px = int(penX) + x0 + x, py = baseline + y0 + y;
          if (px < 0 || py < 0 || px >= w || py >= h) continue;
          float& m = mask[std::size_t(py) * w + px];
          m = std::max(m, float(glyph[std::size_t(y) * gw + x]) / 255.0f);
        }
    }
    penX += float(adv) * scale;
  }
  return mask;
}

}  // namespace sc::landmarks
