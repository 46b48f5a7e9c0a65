// libFuzzer target for the cooked-model cache reader (sc::assets::decodeCookedFile).
//
// Build (only with -DSC_BUILD_FUZZ=ON and clang), in tests/fuzz/CMakeLists.txt:
//   add_executable(cooked_cache_fuzz cooked_cache_fuzz.cpp)
//   target_compile_options(cooked_cache_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
//   target_link_options(cooked_cache_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
//   target_link_libraries(cooked_cache_fuzz PRIVATE sc_assets)
// (sc_assets and sc_core should then be compiled with -fsanitize=fuzzer-no-link,address,undefined
// for coverage feedback inside the reader.)
// Run, bounded, with the seed corpus (a copy: libFuzzer writes new inputs into its first folder):
//   cp -r tests/fuzz/cooked_corpus /tmp/cooked_corpus
//   ./cooked_cache_fuzz /tmp/cooked_corpus -max_len=1048576 -max_total_time=60 -timeout=5 -rss_limit_mb=2048
// The seeds are small valid cache files of assimp-testmodels (textures downscaled to 4x4);
// sc_cook_tests checks they still decode and rewrites them when SC_WRITE_COOKED_CORPUS names
// this folder (needed after kCookedFormatVersion changes).
//
// Each input is decoded twice: as it is (the size and checksum checks must reject almost all
// of it) and after sealCookedFile fixes its sizes and checksums, so that mutations reach the
// payload decoder and the consistency checks. Beyond "no crash, no sanitizer report, no huge
// allocation": whatever decodes must encode back to exactly the same bytes (the format has one
// encoding per model, so a decoder that accepted something it misread would show up here).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "assets/cooked_format.hpp"

namespace {

void checkRoundTrip(const sc::assets::CookedFile& file, const std::vector<std::uint8_t>& bytes) {
  const auto again = sc::assets::encodeCookedFile(file.model, file.header.key, file.header.sourceBytes,
                                                  file.dependencies, file.header.flags, file.source);
  if (again != bytes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> bytes(data, data + size);
  auto raw = sc::assets::decodeCookedFile(bytes, "fuzz.sccooked");
  if (raw.ok()) checkRoundTrip(raw.value(), bytes);
  else if (raw.error().message.empty()) std::abort();
  sc::assets::sealCookedFile(bytes);
  auto sealed = sc::assets::decodeCookedFile(bytes, "fuzz.sccooked");
  if (sealed.ok()) checkRoundTrip(sealed.value(), bytes);
  else if (sealed.error().message.empty()) std::abort();
  return 0;
}
