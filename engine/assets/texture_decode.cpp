#include "assets/texture_decode.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <memory>

#include <stb/stb_image.h>

namespace sc::assets {

namespace {

constexpr std::uint64_t kMaxTextureBytes = 4ull << 30;
constexpr int kLinearToSrgbSteps = 16384;

float srgbToLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float linearToSrgb(float l) {
  return l <= 0.0031308f ? l * 12.92f : 1.055f * std::pow(l, 1.0f / 2.4f) - 0.055f;
}

// Tables built once: pow() per texel would dominate import time for large textures.
struct SrgbTables {
  std::array<float, 256> toLinear{};
  std::vector<std::uint8_t> toSrgb;
  SrgbTables() : toSrgb(kLinearToSrgbSteps + 1) {
    for (int i = 0; i < 256; ++i) toLinear[std::size_t(i)] = srgbToLinear(float(i) / 255.0f);
    for (int i = 0; i <= kLinearToSrgbSteps; ++i) {
      float s = linearToSrgb(float(i) / float(kLinearToSrgbSteps));
      toSrgb[std::size_t(i)] = std::uint8_t(std::clamp(std::lround(s * 255.0f), 0l, 255l));
    }
  }
};

const SrgbTables& srgbTables() {
  static const SrgbTables tables;
  return tables;
}

Status checkSize(std::uint64_t width, std::uint64_t height, const std::string& name,
                 const ImportOptions& options) {
  if (width == 0 || height == 0) {
    return makeError("{}: the image has no pixels ({}x{}); re-export the texture", name, width,
                     height);
  }
  if (width > options.maxTextureSize || height > options.maxTextureSize) {
    return makeError("{}: the image is {}x{}, larger than the limit of {} per side; resize it "
                     "(or raise ImportOptions::maxTextureSize)",
                     name, width, height, options.maxTextureSize);
  }
  if (width * height * 4 > kMaxTextureBytes) {  // 64-bit product of 32-bit sides: no overflow
    return makeError("{}: the image is {}x{}, which needs more than 4 GiB decoded; resize it",
                     name, width, height);
  }
  return okStatus();
}

// PNG sizes are read from IHDR directly: stb_image refuses images over 2^30 bytes with a bare
// "unknown image type", and the user should learn the size instead.
bool pngSize(std::span<const std::uint8_t> bytes, std::uint32_t& width, std::uint32_t& height) {
  static const std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (bytes.size() < 24 || !std::equal(kSignature, kSignature + 8, bytes.begin())) return false;
  if (!std::equal(bytes.begin() + 12, bytes.begin() + 16, "IHDR")) return false;
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t(bytes[at]) << 24) | (std::uint32_t(bytes[at + 1]) << 16) |
           (std::uint32_t(bytes[at + 2]) << 8) | std::uint32_t(bytes[at + 3]);
  };
  width = be32(16);
  height = be32(20);
  return true;
}

}  // namespace

std::uint32_t mipLevelCount(std::uint32_t width, std::uint32_t height) {
  std::uint32_t size = std::max(width, height);
  std::uint32_t levels = 1;
  while (size > 1) {
    size >>= 1;
    ++levels;
  }
  return levels;
}

std::vector<std::uint8_t> downsampleRgba8(const std::vector<std::uint8_t>& src,
                                          std::uint32_t width, std::uint32_t height, bool srgb) {
  const std::uint32_t dw = std::max(1u, width / 2);
  const std::uint32_t dh = std::max(1u, height / 2);
  std::vector<std::uint8_t> dst(std::size_t(dw) * dh * 4);
  const SrgbTables* tables = srgb ? &srgbTables() : nullptr;
  for (std::uint32_t y = 0; y < dh; ++y) {
    const std::uint32_t y0 = std::min(2 * y, height - 1);
    const std::uint32_t y1 = std::min(2 * y + 1, height - 1);
    for (std::uint32_t x = 0; x < dw; ++x) {
      const std::uint32_t x0 = std::min(2 * x, width - 1);
      const std::uint32_t x1 = std::min(2 * x + 1, width - 1);
      const std::uint8_t* p[4] = {&src[(std::size_t(y0) * width + x0) * 4],
                                  &src[(std::size_t(y0) * width + x1) * 4],
                                  &src[(std::size_t(y1) * width + x0) * 4],
                                  &src[(std::size_t(y1) * width + x1) * 4]};
      std::uint8_t* out = &dst[(std::size_t(y) * dw + x) * 4];
      for (int c = 0; c < 4; ++c) {
        if (tables != nullptr && c < 3) {
          float sum = 0.0f;
          for (const auto* q : p) sum += tables->toLinear[q[c]];
          int index = int(std::lround(sum * 0.25f * float(kLinearToSrgbSteps)));
          out[c] = tables->toSrgb[std::size_t(std::clamp(index, 0, kLinearToSrgbSteps))];
        } else {
          unsigned sum = unsigned(p[0][c]) + p[1][c] + p[2][c] + p[3][c];
          out[c] = std::uint8_t((sum + 2) / 4);
        }
      }
    }
  }
  return dst;
}

Result<Texture> textureFromRgba8(std::vector<std::uint8_t> pixels, std::uint32_t width,
                                 std::uint32_t height, const std::string& name, bool srgb,
                                 const ImportOptions& options) {
  SC_TRY(checkSize(width, height, name, options));
  if (pixels.size() != std::size_t(width) * height * 4) {
    return makeError("{}: {} bytes of pixels for a {}x{} RGBA8 image; the file is corrupt", name,
                     pixels.size(), width, height);
  }
  if (options.downscaleAbove > 0) {
    while (width > options.downscaleAbove || height > options.downscaleAbove) {
      pixels = downsampleRgba8(pixels, width, height, srgb);
      width = std::max(1u, width / 2);
      height = std::max(1u, height / 2);
    }
  }
  Texture texture;
  texture.name = name;
  texture.width = width;
  texture.height = height;
  const std::uint32_t levels = options.generateMips ? mipLevelCount(width, height) : 1;
  std::uint32_t w = width, h = height;
  for (std::uint32_t level = 1; level < levels; ++level) {
    std::vector<std::uint8_t> next = downsampleRgba8(pixels, w, h, srgb);
    texture.mips.push_back(std::move(pixels));
    pixels = std::move(next);
    w = std::max(1u, w / 2);
    h = std::max(1u, h / 2);
  }
  texture.mips.push_back(std::move(pixels));
  return texture;
}

Result<Texture> decodeTexture(std::span<const std::uint8_t> encoded, const std::string& name,
                              bool srgb, const ImportOptions& options) {
  if (encoded.size() > std::size_t(INT_MAX)) {
    return makeError("{}: the encoded image is larger than 2 GiB; resize it", name);
  }
  const int length = int(encoded.size());
  std::uint32_t pngWidth = 0, pngHeight = 0;
  if (pngSize(encoded, pngWidth, pngHeight)) SC_TRY(checkSize(pngWidth, pngHeight, name, options));
  int w = 0, h = 0, channels = 0;
  // Header first: a hostile image claiming 65536x65536 is refused before any allocation.
  if (stbi_info_from_memory(encoded.data(), length, &w, &h, &channels) == 0) {
    return makeError("{}: not a readable image ({}); use PNG or JPEG", name,
                     stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
  }
  SC_TRY(checkSize(std::uint32_t(std::max(w, 0)), std::uint32_t(std::max(h, 0)), name, options));
  std::unique_ptr<stbi_uc, void (*)(void*)> data(
      stbi_load_from_memory(encoded.data(), length, &w, &h, &channels, 4), stbi_image_free);
  if (!data) {
    return makeError("{}: the image could not be decoded ({}); re-export it as PNG or JPEG", name,
                     stbi_failure_reason() ? stbi_failure_reason() : "unknown error");
  }
  std::vector<std::uint8_t> pixels(data.get(), data.get() + std::size_t(w) * std::size_t(h) * 4);
  return textureFromRgba8(std::move(pixels), std::uint32_t(w), std::uint32_t(h), name, srgb,
                          options);
}

}  // namespace sc::assets
