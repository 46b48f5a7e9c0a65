// libFuzzer target for model import through the sandboxed resolver (sc::assets::importModel).
//
// Built by tests/fuzz/CMakeLists.txt (SC_BUILD_FUZZ=ON, clang), linked with sc_assets. Run,
// bounded, on a copy of the seed corpus (libFuzzer writes new inputs into its first folder):
//   tools/fuzz.sh 60            # all targets
//   cp -r tests/fuzz/model_corpus /tmp/model_corpus
//   build/fuzz/fuzz/model_import_fuzz /tmp/model_corpus -max_len=65536 -max_total_time=60 -timeout=10 -rss_limit_mb=2048
//
// Each input becomes the model file <tmp>/root/model.<ext> of a content root, the extension
// picked from the input's first bytes (glTF binary magic -> .glb, '{' -> .gltf, "ply" -> .ply,
// "OFF" -> .off, "solid" -> .stl, '<' -> .dae, "Kaydara FBX" or "; FBX" -> .fbx, else .obj),
// so the seeds are ordinary model files. The root also holds companions the seeds reference:
// buffer.bin (a triangle's positions), texture.png and material.mtl. Outside the root lie
// outside.png and outside.bin, and the root holds a symlink escape.png -> ../outside.png.
//
// Checks beyond "no crash, no sanitizer report, no hang, no huge allocation": a failed import
// has a message naming the model file; a successful one never contains the outside texture's
// pixels (the resolver must refuse every way of reaching it: "../outside.png", absolute paths,
// file: URIs, the symlink) and its textures have the mip sizes model.hpp promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#include "core/image_io.hpp"

namespace {

namespace fs = std::filesystem;

// A colour no seed uses; a 2x2 texture of it lies outside the content root.
constexpr std::uint8_t kOutsideColor[4] = {13, 37, 201, 255};

fs::path gBase;
fs::path gRoot;

void writeBytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
}

void writeSolidPng(const fs::path& path, const std::uint8_t rgba[4]) {
  sc::ImageRgba8 image{2, 2, {}};
  for (int i = 0; i < 4; ++i) image.pixels.insert(image.pixels.end(), rgba, rgba + 4);
  if (!sc::writePng(path, image)) std::abort();
}

void removeBase() {
  std::error_code ec;
  fs::remove_all(gBase, ec);
}

std::string extensionFor(std::string_view data) {
  auto starts = [&](std::string_view prefix) { return data.substr(0, prefix.size()) == prefix; };
  std::size_t first = data.find_first_not_of(" \t\r\n");
  std::string_view trimmed = first == std::string_view::npos ? std::string_view{} : data.substr(first);
  if (starts("glTF")) return ".glb";
  if (!trimmed.empty() && trimmed[0] == '{') return ".gltf";
  if (starts("ply")) return ".ply";
  if (starts("OFF") || starts("NOFF") || starts("COFF")) return ".off";
  if (starts("solid")) return ".stl";
  if (!trimmed.empty() && trimmed[0] == '<') return ".dae";
  if (starts("Kaydara FBX") || starts("; FBX")) return ".fbx";
  return ".obj";
}

bool isOutsideTexture(const sc::assets::Texture& texture) {
  if (texture.mips.empty() || texture.width != 2 || texture.height != 2) return false;
  const auto& base = texture.mips.front();
  if (base.size() != 16) return false;
  for (std::size_t i = 0; i < 16; ++i) {
    if (base[i] != kOutsideColor[i % 4]) return false;
  }
  return true;
}

void checkModel(const sc::assets::Model& model) {
  for (const auto& texture : model.textures) {
    if (isOutsideTexture(texture)) std::abort();  // read through the sandbox
    if (texture.mips.empty() || texture.width == 0 || texture.height == 0) std::abort();
    std::uint32_t w = texture.width, h = texture.height;
    for (const auto& mip : texture.mips) {
      if (mip.size() != std::size_t(w) * h * 4) std::abort();
      w = w > 1 ? w / 2 : 1;
      h = h > 1 ? h / 2 : 1;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // import warnings would drown libFuzzer's output
  std::error_code ec;
  gBase = fs::temp_directory_path(ec) / ("sc-model-fuzz-" + std::to_string(::getpid()));
  gRoot = gBase / "root";
  fs::remove_all(gBase, ec);
  fs::create_directories(gRoot, ec);
  if (ec) std::abort();
  std::atexit(removeBase);

  // A triangle's three float positions (36 bytes), then three uint16 indices and padding.
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  const std::uint16_t indices[4] = {0, 1, 2, 0};
  std::string buffer(sizeof(positions) + sizeof(indices), '\0');
  std::memcpy(buffer.data(), positions, sizeof(positions));
  std::memcpy(buffer.data() + sizeof(positions), indices, sizeof(indices));
  writeBytes(gRoot / "buffer.bin", buffer);
  writeBytes(gBase / "outside.bin", buffer);
  const std::uint8_t inside[4] = {200, 120, 40, 255};
  writeSolidPng(gRoot / "texture.png", inside);
  writeSolidPng(gBase / "outside.png", kOutsideColor);
  writeBytes(gRoot / "material.mtl", "newmtl red\nKd 1 0 0\nmap_Kd texture.png\n");
  fs::create_symlink("../outside.png", gRoot / "escape.png", ec);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const fs::path file = gRoot / ("model" + extensionFor(bytes));
  writeBytes(file, bytes);
  const sc::ContentRoots roots({gRoot});
  sc::assets::ImportOptions options;
  options.maxTextureSize = 4096;  // keeps a fuzzed 4096x4096 PNG inside -rss_limit_mb
  auto model = sc::assets::importModel(file, roots, options);
  if (model.ok()) {
    checkModel(model.value());
  } else if (model.error().message.find("model.") == std::string::npos) {
    std::abort();  // every import error names the file
  }
  std::error_code ec;
  fs::remove(file, ec);
  return 0;
}
