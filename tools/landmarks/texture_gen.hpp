#pragma once
// Procedural textures for the landmark generator. Every pattern tiles seamlessly (noise is
// periodic over the image) and is deterministic from its seed. Maps follow glTF: base colour in
// sRGB, metallic-roughness with roughness in G and metalness in B, tangent-space normals with +Y
// up in the image (OpenGL convention, as glTF expects), emissive in sRGB.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sc::landmarks {

// 8-bit image, rows top to bottom, 3 (RGB) or 4 (RGBA) channels.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<std::uint8_t> pixels;
  bool empty() const { return pixels.empty(); }
};

// Float working buffers for one surface; converted to Images by finish().
struct Canvas {
  int size = 0;
  std::vector<glm::vec3> color;     // linear-ish 0..1 values written as sRGB bytes
  std::vector<float> height;        // 0..1, drives the normal map
  std::vector<float> roughness;     // 0..1
  std::vector<float> metallic;      // 0..1
  std::vector<glm::vec3> emissive;  // 0..1, all zero means "no emissive map"

  explicit Canvas(int n);
  std::size_t index(int x, int y) const {
    x = ((x % size) + size) % size;
    y = ((y % size) + size) % size;
    return std::size_t(y) * std::size_t(size) + std::size_t(x);
  }
};

// The images of one PBR surface; an empty Image means the map is absent.
struct SurfaceMaps {
  Image baseColor;
  Image metallicRoughness;
  Image normal;
  Image emissive;
};

// Periodic value noise: period is in lattice cells across the unit square [0,1)^2.
class TileNoise {
 public:
  explicit TileNoise(std::uint64_t seed);
  // u, v in [0,1) wrap; returns 0..1.
  float value(float u, float v, int period) const;
  // Fractal sum of octaves, doubling the period each time; returns about 0..1.
  float fbm(float u, float v, int period, int octaves) const;

 private:
  float lattice(int x, int y, int period) const;
  std::uint32_t seed_;
};

// Converts a canvas to images. normalStrength scales height gradients; mrSize/normalSize let the
// secondary maps be smaller than the base colour to keep files small (0 = omit that map).
SurfaceMaps finishCanvas(const Canvas& canvas, float normalStrength, int normalSize, int mrSize);

// Encodes a PNG in memory (deterministic: stb_image_write with a fixed compression level).
std::vector<std::uint8_t> encodePng(const Image& image);

// Average colour of an image (for previews), 0..1 sRGB.
glm::vec3 averageColor(const Image& image);

// Renders text (UTF-8) with a TrueType font into a single-channel coverage mask of size w x h,
// centred; returns an empty vector when the font file cannot be read (callers fall back to a
// plain panel). The result depends only on the font file and the arguments.
std::vector<float> renderTextMask(const std::string& utf8, int w, int h, float pixelHeight,
                                  const std::string& fontPath);

}  // namespace sc::landmarks
