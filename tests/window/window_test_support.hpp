#pragma once
// Helpers for the window tests: shell runs (xvfb-run, xdotool scripts), logs, and screenshot
// comparison against goldens in tests/golden/window_*.png with a tolerance for what moves
// between runs (bobbing markers, the exact frame a screenshot lands on).
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include "core/image_io.hpp"
#include "support/run_command.hpp"

namespace sc::test {

namespace fs = std::filesystem;

// A shell command's exit code and output (stdout and stderr together): tests/support's.
inline RunResult runShell(const std::string& command) { return runCommand(command); }

inline bool haveTool(const char* name) {
  return runShell(std::string("command -v ") + name + " >/dev/null").exitCode == 0;
}

// An X server must be startable: xvfb-run and Xvfb are there and a trivial client runs.
inline bool canStartX() {
  static int known = -1;
  if (known < 0) {
    known = haveTool("xvfb-run") && haveTool("Xvfb") &&
            runShell("timeout 30 xvfb-run -a -s '-screen 0 640x480x24' true").exitCode == 0;
  }
  return known == 1;
}

inline const char* kXvfb = "timeout 300 xvfb-run -a -s '-screen 0 1280x800x24' ";

inline fs::path outputDir(const std::string& test) {
  fs::path dir = fs::path(SC_TEST_OUTPUT_DIR) / test;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string readText(const fs::path& file) {
  std::ifstream in(file);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// Position of `what` in `text` after `from`, npos when absent (for "this happened, then that").
inline std::size_t findAfter(const std::string& text, const std::string& what, std::size_t from) {
  if (from == std::string::npos) return std::string::npos;
  return text.find(what, from);
}

inline double meanAbsDifference(const ImageRgba8& a, const ImageRgba8& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / double(a.pixels.size());
}

// Compares with tests/golden/<name>.png: at most 2% of pixels may differ by more than 32/255 in a
// channel and the mean difference stays under 3/255 (window screenshots land on whichever frame
// is presented when the key arrives: markers bob, glides may be a frame further). A failing
// comparison writes <name>.actual.png and <name>.diff.png beside the test output.
// SC_UPDATE_GOLDENS=1 writes the golden instead: look at it before committing it.
inline void expectMatchesWindowGolden(const ImageRgba8& actual, const std::string& name, const fs::path& outDir) {
  fs::path golden = fs::path(SC_GOLDEN_DIR) / (name + ".png");
  if (const char* update = std::getenv("SC_UPDATE_GOLDENS"); update && std::string(update) == "1") {
    ASSERT_TRUE(writePng(golden, actual));
    return;
  }
  auto expected = readPng(golden);
  ASSERT_TRUE(expected) << golden << ": " << expected.error().message
                        << "; create it with SC_UPDATE_GOLDENS=1, look at it, commit it";
  ASSERT_EQ(actual.width, expected->width);
  ASSERT_EQ(actual.height, expected->height);
  ImageRgba8 diff = actual;
  std::size_t bad = 0;
  for (std::uint32_t y = 0; y < actual.height; ++y) {
    for (std::uint32_t x = 0; x < actual.width; ++x) {
      const std::uint8_t* a = actual.at(x, y);
      const std::uint8_t* e = expected->at(x, y);
      int d = std::max({std::abs(a[0] - e[0]), std::abs(a[1] - e[1]), std::abs(a[2] - e[2])});
      std::uint8_t* p = diff.at(x, y);
      p[0] = p[1] = p[2] = std::uint8_t(std::min(255, d * 4));
      p[3] = 255;
      bad += d > 32;
    }
  }
  double fraction = double(bad) / double(std::size_t(actual.width) * actual.height);
  double mean = meanAbsDifference(actual, *expected);
  EXPECT_LE(fraction, 0.02) << name << ": " << fraction * 100 << "% of pixels differ by more than 32/255";
  EXPECT_LE(mean, 3.0) << name << ": mean difference " << mean << "/255";
  if (fraction > 0.02 || mean > 3.0) {
    (void)writePng(outDir / (name + ".actual.png"), actual);
    (void)writePng(outDir / (name + ".diff.png"), diff);
  }
}

}  // namespace sc::test
