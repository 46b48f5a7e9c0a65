// libFuzzer target for the scene-file parser (sc::scene::parseScene).
//
// Build (only with -DSC_BUILD_FUZZ=ON and clang), in tests/fuzz/CMakeLists.txt:
//   add_executable(scene_fuzz scene_fuzz.cpp)
//   target_compile_options(scene_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
//   target_link_options(scene_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
//   target_link_libraries(scene_fuzz PRIVATE sc_scene)
// (sc_scene and sc_core should then be compiled with -fsanitize=fuzzer-no-link,address,undefined
// for coverage feedback inside the parser.)
// Run, bounded, with the seed corpus (a copy: libFuzzer writes new inputs into its first folder):
//   cp -r tests/fuzz/scene_corpus /tmp/scene_corpus
//   ./scene_fuzz /tmp/scene_corpus -max_len=65536 -max_total_time=60 -timeout=5 -rss_limit_mb=2048
//
// Checks beyond "no crash": a failed parse reports at least one error, a successful one none,
// and every diagnostic is placed (line and column >= 1).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scene/scene_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sc::scene::ValidationReport report;
  auto result = sc::scene::parseScene(text, "fuzz.scene.json", report);
  if (result.ok() == report.hasErrors()) std::abort();
  for (const auto& d : report.diagnostics()) {
    if (d.line < 1 || d.column < 1 || d.message.empty()) std::abort();
  }
  (void)report.format();
  return 0;
}
