#pragma once
// Texture decoding for the importer: PNG/JPEG/TGA/BMP/... bytes (stb_image, from memory) or raw
// RGBA pixels, checked against ImportOptions limits, converted to RGBA8 and given a full mip
// chain (2x2 box filter down to 1x1; sRGB textures are filtered in linear light, alpha and
// linear textures as stored).
//
// Limits: a side larger than ImportOptions::maxTextureSize is refused before any pixel is
// decoded (the size is read from the header first); width * height * 4 is computed in 64 bits
// and refused above 4 GiB. When ImportOptions::downscaleAbove is non-zero, larger images are
// halved (box filter) until both sides fit.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "assets/importer.hpp"
#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

// Decodes an encoded image (any format stb_image reads). `name` is used in messages.
Result<Texture> decodeTexture(std::span<const std::uint8_t> encoded, const std::string& name,
                              bool srgb, const ImportOptions& options);

// Wraps already-decoded RGBA8 pixels (rows top to bottom), applying the same limits and mips.
Result<Texture> textureFromRgba8(std::vector<std::uint8_t> pixels, std::uint32_t width,
                                 std::uint32_t height, const std::string& name, bool srgb,
                                 const ImportOptions& options);

// One 2x2 box-filter step: (w, h) RGBA8 -> (max(1, w/2), max(1, h/2)). Odd sides clamp the
// last row/column. sRGB colour channels are averaged in linear light.
std::vector<std::uint8_t> downsampleRgba8(const std::vector<std::uint8_t>& src,
                                          std::uint32_t width, std::uint32_t height, bool srgb);

// Number of levels of a full chain down to 1x1: floor(log2(max(w, h))) + 1.
std::uint32_t mipLevelCount(std::uint32_t width, std::uint32_t height);

}  // namespace sc::assets
