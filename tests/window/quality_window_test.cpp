// Quality presets in a real window (Xvfb, lavapipe, validation layer): `tour --quality low`
// starts with low's renderer options; a click on High in the settings panel applies high's at
// run time (Renderer::setOptions), and the picture gets visibly sharper (low draws the scene at
// 75% size and scales it up; high has a 16x larger shadow atlas).
#include <regex>

#include "window_test_support.hpp"

namespace sc::test {
namespace {

// Mean absolute difference between horizontal and vertical neighbours over a band of rows:
// an upscaled (blurred) picture has weaker edges.
double edgeEnergy(const ImageRgba8& image, std::uint32_t y0, std::uint32_t y1) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::uint32_t y = y0; y + 1 < y1; ++y) {
    for (std::uint32_t x = 0; x + 1 < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      const std::uint8_t* r = image.at(x + 1, y);
      const std::uint8_t* d = image.at(x, y + 1);
      for (int c = 0; c < 3; ++c) sum += std::abs(p[c] - r[c]) + std::abs(p[c] - d[c]);
      ++n;
    }
  }
  return n ? sum / double(n) : 0.0;
}

TEST(QualityWindow, ThePresetSetsTheRendererAndTheSettingsPanelChangesItLive) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  fs::path dir = outputDir("quality");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; log="$out/log.txt"
export XDG_CONFIG_HOME="$out/config"  # the click on High is saved there (app/user_settings.hpp)
"$exe" -v tour builtin:default --no-guide --quality low --validation --size 480x300 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
waitlog() { i=0; while ! grep -q "$1" "$log" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
point() { grep "$1" "$log" | tail -1 | sed "s/.*$1 (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/"; }
# ImGui buttons fire on a release in a later frame than the press: move, then press and release slowly.
press() { xdotool mousemove --window "$id" $1; sleep 0.4; xdotool mousedown 1; sleep 0.3; xdotool mouseup 1; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
xdotool mousemove --window "$id" 5 5
waitlog "settings button at window point"
sleep 2; shot 1
press "$(point "settings button at window point")"
waitlog "high at ("
sleep 1
press "$(point "high at")"
waitlog "renderer: shadow map 4096"
sleep 0.5
press "$(point "close at")"
sleep 0.5; xdotool mousemove --window "$id" 5 5
sleep 2; shot 2
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  // lavapipe is a CPU rasteriser: MSAA stays 1 at every level.
  std::size_t low = log.find("renderer: quality low: shadow map 1024 px x 4 cascades, MSAA 1, render scale 0.75");
  EXPECT_NE(low, std::string::npos) << log;
  std::size_t clicked = findAfter(log, "ui: set-quality(high)", low);
  EXPECT_NE(clicked, std::string::npos) << log;
  EXPECT_NE(findAfter(log, "renderer: shadow map 4096 px x 4 cascades, MSAA 1, render scale 1.00", clicked),
            std::string::npos) << log;
  auto lowShot = readPng(dir / "screenshot-0001.png");
  auto highShot = readPng(dir / "screenshot-0002.png");
  ASSERT_TRUE(lowShot && highShot) << log;
  ASSERT_EQ(lowShot->width, 480u);
  ASSERT_EQ(highShot->width, 480u);
  // The same view: similar on the whole, sharper at high (the upper part: the scene, above the
  // tour controls).
  double difference = meanAbsDifference(*lowShot, *highShot);
  EXPECT_GT(difference, 0.5) << "low and high look the same";
  EXPECT_LT(difference, 20.0) << "not the same view";
  double lowEdges = edgeEnergy(*lowShot, 0, lowShot->height * 2 / 3);
  double highEdges = edgeEnergy(*highShot, 0, highShot->height * 2 / 3);
  EXPECT_GT(highEdges, lowEdges * 1.1) << "high is not sharper: edge energy " << highEdges << " vs " << lowEdges;
}

TEST(QualityWindow, AnUnknownPresetIsAUsageError) {
  RunResult run = runShell(std::string(SC_SHANCHENG_EXE) + " tour builtin:default --quality ultra --frames 1");
  EXPECT_NE(run.exitCode, 0) << run.output;  // CLI11's validation error, before any window
  EXPECT_NE(run.output.find("ultra"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace sc::test
