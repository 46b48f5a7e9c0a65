#pragma once
// PNG reading and writing for renders, goldens and screenshots (stb_image / stb_image_write).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.hpp"

namespace sc {

// 8-bit RGBA pixels, rows top to bottom.
struct ImageRgba8 {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4

  std::uint8_t* at(std::uint32_t x, std::uint32_t y) { return &pixels[(std::size_t(y) * width + x) * 4]; }
  const std::uint8_t* at(std::uint32_t x, std::uint32_t y) const {
    return &pixels[(std::size_t(y) * width + x) * 4];
  }
};

Status writePng(const std::filesystem::path& path, const ImageRgba8& image);
Result<ImageRgba8> readPng(const std::filesystem::path& path);

}  // namespace sc
