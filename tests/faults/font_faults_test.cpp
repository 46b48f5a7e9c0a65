// The UI's Chinese font missing (fonts-wqy-microhei not installed, or SC_UI_FONT pointing at a
// file that is not there), met through the real executable: `shancheng render --tour` and
// `shancheng tour --headless` of the example scene with Chinese subtitles. What a kiosk
// operator wants: the tour keeps going (exit 0, every frame) in ImGui's built-in Latin font,
// and the log holds exactly one warning naming the font file, the Debian package to install and
// that Chinese subtitles cannot be shown. The subtitle band of a frame where the guide speaks
// must differ from the same frame rendered with the font (the glyphs are not the CJK ones), and
// the scene above it must not (the 3D picture does not depend on the font).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/image_io.hpp"
#include "fault_support.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;

class FontFaults : public ::testing::Test {
 protected:
  TempDir dir_{"font_faults"};
};

// Mean absolute difference per channel of two images' rows [rowFrom, rowTo).
double meanDifference(const ImageRgba8& a, const ImageRgba8& b, std::uint32_t rowFrom, std::uint32_t rowTo) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::uint32_t y = rowFrom; y < rowTo; ++y) {
    for (std::uint32_t x = 0; x < a.width; ++x) {
      const std::size_t i = (std::size_t(y) * a.width + x) * 4;
      for (int c = 0; c < 3; ++c, ++n) sum += std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c]));
    }
  }
  return n ? sum / double(n) : 0.0;
}

// Subtitle text pixels: warm (the subtitles are drawn in a light yellow on a neutral grey card;
// the ground and card are grey, the sky blue) in the middle half of the columns, rows from
// 3/4 of the height down (below the scene's red triangle).
std::size_t textPixels(const ImageRgba8& image) {
  std::size_t n = 0;
  for (std::uint32_t y = image.height * 3 / 4; y < image.height; ++y) {
    for (std::uint32_t x = image.width / 4; x < image.width * 3 / 4; ++x) {
      const std::size_t i = (std::size_t(y) * image.width + x) * 4;
      if (image.pixels[i] > 150 && int(image.pixels[i]) - int(image.pixels[i + 2]) > 40) ++n;
    }
  }
  return n;
}

TEST_F(FontFaults, TourWithoutTheChineseFontKeepsGoingInTheLatinFontWithOneWarning) {
  const std::string exe = shanchengExe();
  if (exe.empty()) GTEST_SKIP() << "no shancheng executable in this build";
  if (!fs::exists("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")) {
    GTEST_SKIP() << "the control run needs fonts-wqy-microhei (tools/install-deps.sh)";
  }
  const fs::path missing = dir_.path() / "no-such-fonts" / "wqy-microhei.ttc";
  // The example scene's first 9 s with Chinese subtitles (the narration starts at about 5.7 s):
  // frames at 0, 2, 4, 6 and 8 s.
  const auto renderTour = [&](const std::string& environment, const std::string& name) {
    return runShell(environment + shellQuoted(exe) + " render --tour " +
                    shellQuoted(std::string(SC_SOURCE_DIR) + "/scenes/example/example.scene.json") +
                    " --lang zh --seconds 9 --fps 0.5 --size 320x180 --msaa 1 --audio-out " +
                    shellQuoted((dir_.path() / (name + ".wav")).string()) + " --out " +
                    shellQuoted((dir_.path() / name).string()));
  };
  const RunResult control = renderTour("", "control");
  ASSERT_EQ(control.exitCode, 0) << control.output;
  EXPECT_EQ(occurrences(control.output, "fonts-wqy-microhei"), 0) << control.output;

  const RunResult fallback = renderTour("SC_UI_FONT=" + shellQuoted(missing.string()) + " ", "fallback");
  EXPECT_EQ(fallback.signal, 0) << fallback.output;
  ASSERT_EQ(fallback.exitCode, 0) << fallback.output;
  // One message: which font, what is lost, which package.
  EXPECT_EQ(occurrences(fallback.output, "fonts-wqy-microhei"), 1) << fallback.output;
  EXPECT_EQ(occurrences(fallback.output, missing.string()), 1) << fallback.output;
  EXPECT_EQ(occurrences(fallback.output, "Chinese subtitles and labels cannot be shown"), 1) << fallback.output;
  EXPECT_EQ(occurrences(fallback.output, "[warning] UI font "), 1) << fallback.output;
  EXPECT_EQ(occurrences(fallback.output, "[error]"), 0) << fallback.output;

  for (const char* frame : {"frame_00001.png", "frame_00005.png"}) {
    ASSERT_TRUE(fs::exists(dir_.path() / "fallback" / frame)) << frame;
  }
  auto withFont = readPng(dir_.path() / "control/frame_00005.png");
  auto withoutFont = readPng(dir_.path() / "fallback/frame_00005.png");
  ASSERT_TRUE(withFont && withoutFont);
  ASSERT_EQ(withFont->width, withoutFont->width);
  ASSERT_EQ(withFont->height, withoutFont->height);
  const std::uint32_t h = withFont->height;
  // The 3D picture (upper half) does not depend on the font; the subtitle band (lower third) does.
  EXPECT_LT(meanDifference(*withFont, *withoutFont, 0, h / 2), 1.0);
  EXPECT_GT(meanDifference(*withFont, *withoutFont, h * 2 / 3, h), 1.0);
  // Subtitles are still drawn in the fallback font (a '?' per Chinese character), not dropped;
  // the CJK glyphs have more strokes than the question marks.
  const std::size_t cjkText = textPixels(*withFont), fallbackText = textPixels(*withoutFont);
  EXPECT_GT(fallbackText, 60u);
  EXPECT_GT(cjkText, fallbackText);
  std::printf("subtitle text pixels: %zu with the font, %zu in the built-in font\n", cjkText, fallbackText);
}

TEST_F(FontFaults, HeadlessTourWithoutTheChineseFontKeepsGoingWithOneWarning) {
  const std::string exe = shanchengExe();
  if (exe.empty()) GTEST_SKIP() << "no shancheng executable in this build";
  const fs::path missing = dir_.path() / "gone" / "wqy-microhei.ttc";
  const RunResult run = runShell("SC_UI_FONT=" + shellQuoted(missing.string()) + " " + shellQuoted(exe) +
                                 " tour --headless " +
                                 shellQuoted(std::string(SC_SOURCE_DIR) + "/scenes/example/example.scene.json") +
                                 " --size 160x90 --msaa 1 --out " + shellQuoted((dir_.path() / "tour").string()));
  EXPECT_EQ(run.signal, 0) << run.output;
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_EQ(occurrences(run.output, "fonts-wqy-microhei"), 1) << run.output;
  EXPECT_EQ(occurrences(run.output, missing.string()), 1) << run.output;
  // Every key moment of the example tour written (walk, gesture, speak, end).
  EXPECT_TRUE(fs::exists(dir_.path() / "tour" / "003-marker-speak.png")) << run.output;
  EXPECT_TRUE(fs::exists(dir_.path() / "tour" / "004-marker-end.png")) << run.output;
}

}  // namespace
}  // namespace sc::faults
