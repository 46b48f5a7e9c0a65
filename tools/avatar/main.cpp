// sc_avatar: regenerates the default digital-human guide.
//   sc_avatar --out assets/guide [--seed N]
// Same seed => byte-identical output (guide.gltf, guide.bin, PNG textures).
#include <charconv>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <string>
#include <vector>

#include "gltf_export.hpp"
#include "guide_builder.hpp"
#include "preview_pose.hpp"

namespace {

void usage() {
  std::fprintf(stderr,
               "usage: sc_avatar --out DIR [--seed N] [--morph NAME=WEIGHT]... [--clip NAME@SECONDS]\n"
               "Writes DIR/guide.gltf, DIR/guide.bin and its PNG textures: a skinned guide with\n"
               "VRM humanoid bone names and the morph targets aa, ih, ou, ee, oh and blink.\n"
               "--morph / --clip bake a morph target or a frame of a procedural clip (idle, talk,\n"
               "wave, point) into the vertices: previews for rest-pose renderers, not assets.\n");
}

}  // namespace

int main(int argc, char** argv) {
  sc::avatar::GuideOptions options;
  std::string out;
  struct Preview {
    bool clip;
    std::string name;
    float value;
  };
  std::vector<Preview> previews;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--out" || a == "--seed" || a == "--morph" || a == "--clip") && i + 1 >= argc) {
      std::fprintf(stderr, "sc_avatar: %s needs a value\n", a.c_str());
      return 2;
    }
    if (a == "--out") {
      out = argv[++i];
    } else if (a == "--seed") {
      const char* s = argv[++i];
      auto r = std::from_chars(s, s + std::strlen(s), options.seed);
      if (r.ec != std::errc() || *r.ptr != '\0') {
        std::fprintf(stderr, "sc_avatar: --seed wants a non-negative integer, got '%s'\n", s);
        return 2;
      }
    } else if (a == "--morph" || a == "--clip") {
      const std::string v = argv[++i];
      const auto sep = v.find(a == "--morph" ? '=' : '@');
      if (sep == std::string::npos) {
        std::fprintf(stderr, "sc_avatar: %s wants %s, got '%s'\n", a.c_str(),
                     a == "--morph" ? "NAME=WEIGHT" : "NAME@SECONDS", v.c_str());
        return 2;
      }
      previews.push_back({a == "--clip", v.substr(0, sep), std::strtof(v.c_str() + sep + 1, nullptr)});
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else {
      std::fprintf(stderr, "sc_avatar: unknown argument '%s'\n", a.c_str());
      usage();
      return 2;
    }
  }
  if (out.empty()) {
    usage();
    return 2;
  }
  sc::avatar::GuideModel model = sc::avatar::buildGuide(options);
  // Morphs first (they are deltas in the rest pose), then the clip's skinning.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Preview& p : previews) {
      if (p.clip != (pass == 1)) continue;
      const sc::Status s = p.clip ? sc::avatar::bakeClip(model, p.name, p.value)
                                  : sc::avatar::bakeMorph(model, p.name, p.value);
      if (!s.ok()) {
        std::fprintf(stderr, "sc_avatar: %s\n", s.error().message.c_str());
        return 2;
      }
    }
  }
  auto stats = sc::avatar::writeGuideGltf(model, out);
  if (!stats.ok()) {
    std::fprintf(stderr, "sc_avatar: %s\n", stats.error().message.c_str());
    return 1;
  }
  std::printf("sc_avatar: wrote %s/guide.gltf: %zu triangles, %zu vertices, %zu joints, %llu bytes\n",
              out.c_str(), stats->triangles, stats->vertices, model.joints.size(),
              static_cast<unsigned long long>(stats->bytes));
  return 0;
}
