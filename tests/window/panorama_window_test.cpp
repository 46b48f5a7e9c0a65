// A POI's 360-degree panorama in the desktop tour (Xvfb, lavapipe, validation layer, xdotool):
// the example scene with a green / magenta checker panorama on its POI. O enters it (the
// triangle gives way to the checker), the right arrow turns the view, Esc leaves it (the same
// picture as before), then the card's 360° button does the same.
#include <regex>
#include <sstream>

#include "support/example_scene.hpp"
#include "window_test_support.hpp"

namespace sc::test {
namespace {

// The example scene copied into `dir` with `pano.png` on its POI (content roots made relative
// enough to find the triangle and the shared assets); `height` != 64 makes the image not 2:1.
std::string exampleWithPanorama(const fs::path& dir, std::uint32_t height = 64) {
  if (!writeCheckerPanorama(dir / "pano.png", 128, height)) return {};
  return writeExampleScene(dir, "pano.scene.json", {examplePanoramaEdit("pano.png")});
}

bool isRed(const std::uint8_t* p) { return p[0] > p[1] + 40 && p[0] > p[2] + 40; }
bool isGreen(const std::uint8_t* p) { return p[1] > p[0] + 30 && p[1] > p[2] + 30; }
bool isMagenta(const std::uint8_t* p) { return p[0] > p[1] + 30 && p[2] > p[1] + 30; }

struct Colours {
  std::size_t red = 0, green = 0, magenta = 0;
};

// Over the upper 70% of the picture (the tour controls sit below).
Colours countColours(const ImageRgba8& image) {
  Colours c;
  for (std::uint32_t y = 0; y < image.height * 7 / 10; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      c.red += isRed(p);
      c.green += isGreen(p);
      c.magenta += isMagenta(p);
    }
  }
  return c;
}

TEST(PanoramaWindow, KeyEntersTurnsAndEscLeavesTheViewAsItWas) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  fs::path dir = outputDir("panorama");
  std::string scene = exampleWithPanorama(dir);
  ASSERT_FALSE(scene.empty());
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$3"; log="$out/log.txt"
"$exe" -v tour "$scene" --no-guide --validation --size 480x300 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
waitlog() { i=0; while [ "$(grep -c "$1" "$log")" -lt "${2:-1}" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
point() { grep "$1" "$log" | tail -1 | sed "s/.*$1 (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/"; }
press() { xdotool mousemove --window "$id" $1; sleep 0.4; xdotool mousedown 1; sleep 0.3; xdotool mouseup 1; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
waitlog "marker at window point"
xdotool mousemove --window "$id" 5 5; sleep 1.5; shot 1
xdotool key o; waitlog "panorama of POI marker (pano.png): in"; sleep 1; shot 2
xdotool keydown Right; sleep 0.6; xdotool keyup Right; sleep 0.5; shot 3
xdotool key Escape; waitlog "panorama of POI marker: out"; sleep 1; shot 4
# The card's button: select the POI (its card opens), then 360° in and Back out.
press "$(point "POI marker marker at window point")"
waitlog "panorama button at window point"; sleep 2.5
press "$(point "panorama button at window point")"
waitlog ": in" 2; sleep 1; xdotool mousemove --window "$id" 5 5; sleep 0.5; shot 5
press "$(point "panorama button at window point")"
waitlog ": out" 2; sleep 1
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + scene);
  std::string log = readText(dir / "log.txt");
  ASSERT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  std::size_t in = log.find("panorama of POI marker (pano.png): in");
  ASSERT_NE(in, std::string::npos) << log;
  std::size_t out = findAfter(log, "panorama of POI marker: out", in);
  EXPECT_NE(out, std::string::npos) << "Esc did not leave the panorama\n" << log;
  std::size_t button = findAfter(log, "ui: toggle-panorama", out);
  EXPECT_NE(button, std::string::npos) << "the card's 360° button was not clicked\n" << log;
  std::size_t in2 = findAfter(log, "panorama of POI marker (pano.png): in", button);
  EXPECT_NE(in2, std::string::npos) << log;
  EXPECT_NE(findAfter(log, "panorama of POI marker: out", in2), std::string::npos) << "Back did not leave\n" << log;

  auto before = readPng(dir / "screenshot-0001.png");
  auto inside = readPng(dir / "screenshot-0002.png");
  auto turned = readPng(dir / "screenshot-0003.png");
  auto after = readPng(dir / "screenshot-0004.png");
  auto viaButton = readPng(dir / "screenshot-0005.png");
  ASSERT_TRUE(before && inside && turned && after && viaButton) << log;
  ASSERT_EQ(before->width, 480u);

  // Before: the red triangle and no checker.
  Colours b = countColours(*before);
  EXPECT_GT(b.red, 500u) << "the red triangle is not in the start view";
  EXPECT_LT(b.green + b.magenta, 200u);
  // Inside: where the triangle was, the checker; the whole view green and magenta squares.
  std::size_t triangle = 0, checkered = 0;
  for (std::uint32_t y = 0; y < before->height * 7 / 10; ++y) {
    for (std::uint32_t x = 0; x < before->width; ++x) {
      if (!isRed(before->at(x, y))) continue;
      ++triangle;
      checkered += isGreen(inside->at(x, y)) || isMagenta(inside->at(x, y));
    }
  }
  EXPECT_GT(checkered, triangle * 9 / 10) << checkered << " of the triangle's " << triangle << " pixels show the panorama";
  std::size_t area = std::size_t(inside->width) * (inside->height * 7 / 10);
  Colours i = countColours(*inside);
  EXPECT_EQ(i.red, 0u) << "the landmark shows through the panorama";
  EXPECT_GT(i.green, area / 8) << "green squares";
  EXPECT_GT(i.magenta, area / 8) << "magenta squares";
  EXPECT_GT(i.green + i.magenta, area * 9 / 10);
  // Turned: still inside the checker, but the squares moved.
  Colours t = countColours(*turned);
  EXPECT_GT(t.green + t.magenta, area * 9 / 10);
  EXPECT_GT(meanAbsDifference(*inside, *turned), 20.0) << "the right arrow did not turn the view";
  // After Esc: the landmark view as before (markers bob a little).
  EXPECT_LT(meanAbsDifference(*before, *after), 2.0) << "the view after leaving differs from the one before";
  Colours a = countColours(*after);
  EXPECT_NEAR(double(a.red), double(b.red), double(b.red) * 0.05);
  // The button, from the POI's viewpoint: the checker again.
  Colours v = countColours(*viaButton);
  EXPECT_EQ(v.red, 0u);
  EXPECT_GT(v.green + v.magenta, area * 4 / 10) << "the card's button did not show the panorama";
}

// A square image is refused with one message, on screen (the error panel) and in the log; the
// landmark view stays and the run goes on.
TEST(PanoramaWindow, ASquareImageGivesOneMessageAndNoPanorama) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  fs::path dir = outputDir("panorama_square");
  std::string scene = exampleWithPanorama(dir, 128);
  ASSERT_FALSE(scene.empty());
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$3"; log="$out/log.txt"
"$exe" -v tour "$scene" --no-guide --validation --size 480x300 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
waitlog() { i=0; while ! grep -q "$1" "$log" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
waitlog "marker at window point"
xdotool mousemove --window "$id" 5 5
xdotool key o; waitlog "panorama: "; sleep 1; shot 1
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + scene);
  std::string log = readText(dir / "log.txt");
  ASSERT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  EXPECT_EQ(count(log, "panorama: "), 1) << log;
  EXPECT_NE(log.find("the image is 128x128; a 360-degree panorama must be twice as wide"), std::string::npos) << log;
  EXPECT_EQ(log.find(": in, radius"), std::string::npos) << "a square image was shown\n" << log;
  auto shot = readPng(dir / "screenshot-0001.png");
  ASSERT_TRUE(shot) << log;
  Colours c = countColours(*shot);
  EXPECT_LT(c.green + c.magenta, 200u) << "the square image is on screen";
  // The error panel: a large dark box in the middle of the picture, where the sky was light.
  std::size_t dark = 0;
  for (std::uint32_t y = shot->height / 3; y < shot->height / 2; ++y) {
    for (std::uint32_t x = shot->width / 4; x < shot->width * 3 / 4; ++x) {
      const std::uint8_t* p = shot->at(x, y);
      dark += p[0] + p[1] + p[2] < 200;
    }
  }
  EXPECT_GT(dark, std::size_t(shot->width / 2) * (shot->height / 6) / 2) << "no error panel on screen";
}

}  // namespace
}  // namespace sc::test
