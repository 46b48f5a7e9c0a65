#include "core/image_io.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "core/file_io.hpp"

namespace sc {

namespace {
void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  auto* bytes = static_cast<std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}
}  // namespace

Status writePng(const std::filesystem::path& path, const ImageRgba8& image) {
  SC_CHECK(image.pixels.size() == std::size_t(image.width) * image.height * 4,
           "image size does not match its pixels");
  std::vector<std::uint8_t> encoded;
  if (!stbi_write_png_to_func(appendBytes, &encoded, int(image.width), int(image.height), 4,
                              image.pixels.data(), int(image.width * 4))) {
    return makeError("{}: PNG encoding failed", path.string());
  }
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  return writeFileAtomic(path, encoded);
}

Result<ImageRgba8> readPng(const std::filesystem::path& path) {
  auto bytes = readFileBytes(path, 512ull << 20);
  if (!bytes) return bytes.error();
  int w = 0, h = 0, channels = 0;
  stbi_uc* decoded = stbi_load_from_memory(bytes->data(), int(bytes->size()), &w, &h, &channels, 4);
  if (!decoded) {
    return makeError("{}: not a readable image: {}", path.string(), stbi_failure_reason());
  }
  ImageRgba8 image;
  image.width = std::uint32_t(w);
  image.height = std::uint32_t(h);
  image.pixels.assign(decoded, decoded + std::size_t(w) * h * 4);
  stbi_image_free(decoded);
  return image;
}

}  // namespace sc
