// sc_landmarks: regenerates the procedural Chongqing landmark models.
//   sc_landmarks --seed 1 --out assets/landmarks [--only NAME] [--preview DIR] [--texture-size N]
// Same seed and options => byte-identical output.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

#include "gltf_writer.hpp"
#include "landmarks.hpp"
#include "preview.hpp"

namespace {

void usage() {
  std::fprintf(stderr,
               "usage: sc_landmarks --out DIR [--seed N] [--only NAME] [--preview DIR]\n"
               "                    [--texture-size 256|512|1024] [--font FILE]\n"
               "Writes DIR/<name>/<name>.gltf, .bin, PNG textures and <name>.pois.json for each\n"
               "landmark; --preview also renders DIR/<name>.png and one PNG per point of interest\n"
               "with a built-in software rasteriser.\n");
}

bool parseU64(const char* s, std::uint64_t& out) {
  auto r = std::from_chars(s, s + std::strlen(s), out);
  return r.ec == std::errc() && *r.ptr == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sc::landmarks;
  GenerateOptions options;
  std::string outDir, only, previewDir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "sc_landmarks: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--seed") {
      if (!parseU64(value(), options.seed)) {
        std::fprintf(stderr, "sc_landmarks: --seed wants a non-negative integer\n");
        return 2;
      }
    } else if (a == "--out") {
      outDir = value();
    } else if (a == "--only") {
      only = value();
    } else if (a == "--preview") {
      previewDir = value();
    } else if (a == "--font") {
      options.fontPath = value();
    } else if (a == "--texture-size") {
      std::uint64_t n = 0;
      if (!parseU64(value(), n) || (n != 256 && n != 512 && n != 1024)) {
        std::fprintf(stderr, "sc_landmarks: --texture-size must be 256, 512 or 1024\n");
        return 2;
      }
      options.textureSize = int(n);
    } else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else {
      std::fprintf(stderr, "sc_landmarks: unknown argument '%s'\n", a.c_str());
      usage();
      return 2;
    }
  }
  if (outDir.empty()) {
    usage();
    return 2;
  }
  bool found = only.empty();
  for (const auto& entry : allLandmarks()) {
    if (!only.empty() && entry.name != only) continue;
    found = true;
    Model model = entry.build(options);
    // Moderate triangles everywhere (<= 20 m edges): see splitLongEdges.
    model.tessellate(kMaxTriangleEdge);
    auto stats = writeGltf(model, std::filesystem::path(outDir) / model.name);
    if (!stats) {
      std::fprintf(stderr, "sc_landmarks: %s\n", stats.error().message.c_str());
      return 1;
    }
    std::printf("%-14s %7zu triangles %3zu primitives %6zu vertices %3zu materials %8.2f MB\n",
                model.name.c_str(), stats->triangles, stats->primitives, stats->vertices,
                model.materials.size(), double(stats->bytes) / (1024.0 * 1024.0));
    if (!previewDir.empty()) {
      std::filesystem::path dir(previewDir);
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      auto st = renderPreview(model, {model.overviewEye, model.overviewTarget, 50.0f}, model.night,
                              960, 600, dir / (model.name + ".png"));
      for (const auto& poi : model.pois) {
        if (!st) break;
        st = renderPreview(model, {poi.eye, poi.target, 55.0f}, model.night, 640, 400,
                           dir / (model.name + "_" + poi.id + ".png"));
      }
      if (!st) {
        std::fprintf(stderr, "sc_landmarks: preview: %s\n", st.error().message.c_str());
        return 1;
      }
    }
  }
  if (!found) {
    std::fprintf(stderr, "sc_landmarks: no landmark named '%s'\n", only.c_str());
    return 2;
  }
  return 0;
}
