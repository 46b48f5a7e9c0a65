// A deterministic mutation loop over the example scene: whatever the bytes, parsing returns a
// result and placed diagnostics; it never crashes, throws or hangs. (The libFuzzer harness in
// tests/fuzz/scene_fuzz.cpp does the same open-ended.)
#include <cstdio>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "scene/scene_parser.hpp"
#include "scene_test_util.hpp"

namespace sc::scene::test {
namespace {

std::string mutate(const std::string& original, std::mt19937& rng) {
  std::string s = original;
  auto pick = [&](std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  int rounds = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < rounds && !s.empty(); ++r) {
    switch (pick(6)) {
      case 0:  // bit flips
        for (std::size_t k = 0, n = 1 + pick(8); k < n; ++k) s[pick(s.size())] ^= char(1 << pick(8));
        break;
      case 1:  // truncation
        s.resize(pick(s.size()));
        break;
      case 2: {  // a JSON-significant byte inserted
        const char tokens[] = "{}[]\",:0-eE.\\ntf";
        s.insert(s.begin() + static_cast<long>(pick(s.size() + 1)), tokens[pick(sizeof(tokens) - 1)]);
        break;
      }
      case 3: {  // a slice deleted
        std::size_t at = pick(s.size());
        s.erase(at, pick(64));
        break;
      }
      case 4: {  // a slice duplicated (duplicate keys, repeated elements)
        std::size_t at = pick(s.size());
        std::string slice = s.substr(at, pick(200));
        s.insert(pick(s.size() + 1), slice);
        break;
      }
      default: {  // a digit replaced by a huge exponent
        auto at = s.find_first_of("0123456789", pick(s.size()));
        if (at != std::string::npos) s.replace(at, 1, "9e999");
        break;
      }
    }
  }
  return s;
}

TEST(SceneFuzz, TwoThousandMutationsOfTheExampleNeverCrash) {
  const std::string original = readText(kExampleScene);
  ASSERT_FALSE(original.empty());
  std::mt19937 rng(20240611u);
  int accepted = 0;
  int rejected = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string input = mutate(original, rng);
    ValidationReport report;
    auto result = parseScene(input, "fuzz.scene.json", report);
    if (result.ok()) {
      ++accepted;
      EXPECT_FALSE(report.hasErrors());
    } else {
      ++rejected;
      ASSERT_TRUE(report.hasErrors()) << "iteration " << i;
      EXPECT_FALSE(result.error().message.empty());
    }
    for (const auto& d : report.diagnostics()) {
      // Every problem is placed: syntax errors by byte, the rest by pointer or an ancestor.
      ASSERT_GE(d.line, 1) << "iteration " << i << ": " << formatDiagnostic(d);
      ASSERT_GE(d.column, 1) << "iteration " << i;
      ASSERT_FALSE(d.message.empty());
    }
    (void)report.format();
  }
  std::printf("mutations accepted: %d, rejected: %d\n", accepted, rejected);
  // Both outcomes happen, so the loop really exercises the checks.
  EXPECT_GT(accepted, 20);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace sc::scene::test
