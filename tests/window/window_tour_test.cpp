// `shancheng tour` in a real window: Xvfb (through xvfb-run), GLFW, a Vulkan swapchain on
// lavapipe, the validation layer with synchronisation validation, and xdotool for input.
#include <regex>

#include "window_test_support.hpp"

namespace sc::test {
namespace {

glm::vec3 meanColour(const ImageRgba8& image, std::uint32_t y0, std::uint32_t y1) {
  glm::dvec3 sum(0.0);
  for (std::uint32_t y = y0; y < y1; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      sum += glm::dvec3(p[0], p[1], p[2]);
    }
  }
  return glm::vec3(sum / double(std::size_t(y1 - y0) * image.width));
}

// The default scene from its camera: sky at the top (blue over red), a grey paved ground at
// the bottom, and detail (not one flat clear colour, not black).
void expectSceneVisible(const ImageRgba8& image) {
  glm::vec3 top = meanColour(image, 0, image.height / 10);
  glm::vec3 bottom = meanColour(image, image.height * 8 / 10, image.height);
  EXPECT_GT(top.b, top.r + 15.0f) << "the top should be sky blue, is " << top.r << "," << top.g << "," << top.b;
  EXPECT_GT(top.b, 100.0f);
  EXPECT_LT(std::abs(bottom.b - bottom.r), 20.0f) << "the bottom should be grey ground";
  EXPECT_GT(bottom.r + bottom.g + bottom.b, 150.0f) << "the ground should be lit, not black";
  std::size_t differing = 0;
  const std::uint8_t* first = image.at(0, image.height / 2);
  for (std::uint32_t x = 0; x < image.width; ++x) {
    const std::uint8_t* p = image.at(x, image.height / 2);
    differing += (std::abs(p[0] - first[0]) + std::abs(p[1] - first[1]) + std::abs(p[2] - first[2])) > 30;
  }
  EXPECT_GT(differing, image.width / 10) << "the middle row is one flat colour: no scene was drawn";
}

TEST(WindowTour, ScreenshotAfterFramesShowsTheScene) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started (install xvfb: tools/install-deps.sh)";
  fs::path dir = outputDir("screenshot_after");
  fs::path shot = dir / "frame10.png";
  RunResult run = runShell(std::string(kXvfb) + SC_SHANCHENG_EXE +
                           " tour builtin:default --validation --size 480x300 --screenshot-after 10 " + shot.string());
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_EQ(count(run.output, "[error]"), 0) << run.output;
  EXPECT_NE(run.output.find("window swapchain: 480x300"), std::string::npos) << run.output;
  // --screenshot-after counts frames of the loaded scene (a loading frame may come first).
  std::smatch frames;
  ASSERT_TRUE(std::regex_search(run.output, frames, std::regex(R"(window tour: (\d+) frames)"))) << run.output;
  EXPECT_GE(std::stoi(frames[1]), 10) << run.output;
  EXPECT_LE(std::stoi(frames[1]), 12) << run.output;
  auto image = readPng(shot);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 480u);
  EXPECT_EQ(image->height, 300u);
  expectSceneVisible(*image);
}

TEST(WindowTour, HeadlessFlagKeepsTheOffscreenTour) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  fs::path dir = outputDir("headless_flag");
  RunResult run = runShell(std::string(kXvfb) + SC_SHANCHENG_EXE + " tour builtin:default --headless --size 64x40 --out " +
                           dir.string());
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_TRUE(fs::exists(dir / "noon.png")) << run.output;
  EXPECT_EQ(run.output.find("window swapchain"), std::string::npos) << run.output;
}

// Synthetic input: F12, the key '2' (the second stop: the camera moves a quarter around), F12
// again, a resize by the window system, F12, Esc. Both the screenshots and the title follow.
TEST(WindowTour, KeysMoveToStopsAndTheSwapchainFollowsResizes) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  fs::path dir = outputDir("keys");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"
"$exe" tour builtin:default --validation --size 480x300 --screenshot-dir "$out" > "$out/log.txt" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
xdotool mousemove --window "$id" 20 20
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
sleep 2; shot 1
xdotool key 2; sleep 4; shot 2
xdotool getwindowname "$id" > "$out/title.txt"
xdotool windowsize "$id" 360 240; sleep 2; shot 3
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::ifstream logFile(dir / "log.txt");
  std::string log((std::istreambuf_iterator<char>(logFile)), std::istreambuf_iterator<char>());
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  auto stop1 = readPng(dir / "screenshot-0001.png");
  auto stop2 = readPng(dir / "screenshot-0002.png");
  auto resized = readPng(dir / "screenshot-0003.png");
  ASSERT_TRUE(stop1 && stop2 && resized) << log;
  expectSceneVisible(*stop1);
  ASSERT_EQ(stop1->width, stop2->width);
  EXPECT_GT(meanAbsDifference(*stop1, *stop2), 10.0) << "stop 2 looks like stop 1";
  EXPECT_NE(log.find("stop 2/4: side"), std::string::npos) << log;
  std::ifstream titleFile(dir / "title.txt");
  std::string title((std::istreambuf_iterator<char>(titleFile)), std::istreambuf_iterator<char>());
  EXPECT_NE(title.find("2/4: side"), std::string::npos) << title;
  EXPECT_EQ(resized->width, 360u);
  EXPECT_EQ(resized->height, 240u);
  EXPECT_EQ(log.find("swapchain rebuilt 0 times"), std::string::npos) << log;
}

// Minimise and restore through a window manager (twm: Xvfb alone has none, and without one a
// window cannot be iconified): no frames while minimised, the picture back after restoring.
TEST(WindowTour, MinimisedWindowDrawsNothingUntilRestored) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  if (!haveTool("twm")) GTEST_SKIP() << "twm is not installed (tools/install-deps.sh installs it)";
  fs::path dir = outputDir("minimise");
  // Xvfb has only the "fixed" font; twm quits at start without fonts it can open.
  std::ofstream(dir / "twmrc") << "RandomPlacement\nUsePPosition \"on\"\nNoTitle\n"
                                  "TitleFont \"fixed\"\nResizeFont \"fixed\"\nMenuFont \"fixed\"\n"
                                  "IconFont \"fixed\"\nIconManagerFont \"fixed\"\n";
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; log="$out/log.txt"
twm -f "$out/twmrc" > /dev/null 2>&1 &  # warns about every missing charset
wm=$!
sleep 1
"$exe" tour builtin:default --validation --size 480x300 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid $wm; echo "no window appeared"; exit 90; fi
sleep 2
xdotool windowminimize "$id"
i=0; while ! grep -q "window minimised" "$log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
sleep 3
xdotool windowmap "$id"; xdotool windowactivate "$id" 2>/dev/null
i=0; while ! grep -q "window restored" "$log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
xdotool mousemove --window "$id" 20 20; sleep 1
xdotool key --window "$id" F12
i=0; while [ ! -s "$out/screenshot-0001.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
xdotool key --window "$id" Escape
wait $pid
kill $wm
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  std::smatch restored;
  ASSERT_TRUE(std::regex_search(log, restored, std::regex(R"(window restored after ([0-9.]+) s minimised \((\d+) frames drawn meanwhile\))")))
      << "the window was not minimised and restored through twm\n" << log;
  EXPECT_GE(std::stod(restored[1]), 2.5) << log;  // it stayed minimised for the script's 3 s
  EXPECT_EQ(restored[2], "0") << "frames were drawn while minimised\n" << log;
  auto shot = readPng(dir / "screenshot-0001.png");
  ASSERT_TRUE(shot) << log;
  EXPECT_EQ(shot->width, 480u);
  expectSceneVisible(*shot);
}

// The example scene: its POI marker is clicked where the log says it is on screen; the camera
// glides to the POI's viewpoint. Then walk mode (G) and W: the eye stays at eye height, and a
// screenshot of the start view is compared with its golden.
TEST(WindowTour, ClickingAPoiMarkerSelectsItAndWalkingKeepsEyeHeight) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  fs::path dir = outputDir("poi_walk");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$3"; log="$out/log.txt"
"$exe" -v tour "$scene" --no-guide --validation --size 320x200 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
i=0; while ! grep -q "marker at window point" "$log" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
xy=$(grep "POI marker marker at window point" "$log" | head -1 | sed 's/.*(\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
xdotool mousemove --window "$id" 5 5; sleep 1; shot 1
xdotool mousemove --window "$id" $xy click 1
i=0; while ! grep -q "selected POI marker" "$log" && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
sleep 4; shot 2
xdotool key g; sleep 0.5
xdotool keydown w; sleep 1.5; xdotool keyup w; sleep 0.5; shot 3
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + (fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json").string());
  std::string log = readText(dir / "log.txt");
  ASSERT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  EXPECT_NE(log.find("selected POI marker (The red triangle)"), std::string::npos) << run.output << log;
  // Screenshot lines carry the camera: the POI's desktop viewpoint is (0, 1.6, 1).
  std::regex eyeLine(R"(screenshot-0002\.png \(320x200\), camera eye \(([-0-9.]+), ([-0-9.]+), ([-0-9.]+)\))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(log, m, eyeLine)) << log;
  EXPECT_NEAR(std::stof(m[1]), 0.0f, 0.05f);
  EXPECT_NEAR(std::stof(m[2]), 1.6f, 0.05f);
  EXPECT_NEAR(std::stof(m[3]), 1.0f, 0.05f);
  EXPECT_NE(log.find("camera: walk"), std::string::npos) << log;
  std::regex walkLine(R"(screenshot-0003\.png \(320x200\), camera eye \(([-0-9.]+), ([-0-9.]+), ([-0-9.]+)\))");
  ASSERT_TRUE(std::regex_search(log, m, walkLine)) << log;
  // No ground under the example's floating triangle: the walker moves level, forward (-Z-ish).
  EXPECT_NEAR(std::stof(m[2]), 1.6f, 0.05f) << "walking changed the eye height";
  EXPECT_LT(std::stof(m[3]), 0.5f) << "W did not walk forward";
  auto start = readPng(dir / "screenshot-0001.png");
  auto poi = readPng(dir / "screenshot-0002.png");
  ASSERT_TRUE(start && poi) << log;
  EXPECT_GT(meanAbsDifference(*start, *poi), 2.0) << "the POI view looks like the start view";
  expectMatchesWindowGolden(*start, "window_tour_example_start", dir);
}

// The guide in the window: the example scene's tour plays (the guide walks to the triangle and
// speaks; subtitles follow the speech), Space pauses and resumes it, N moves on.
TEST(WindowTour, TheGuideWalksSpeaksAndFollowsTheControls) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool)";
  fs::path dir = outputDir("guide");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$3"; log="$out/log.txt"
"$exe" -v tour "$scene" --no-audio --validation --size 480x300 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
i=0; while ! grep -q "subtitles: .*red triangle" "$log" && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done
xdotool mousemove --window "$id" 5 5
xdotool key F12; sleep 1
xdotool key space; sleep 1
xdotool key space; sleep 1
xdotool key n; sleep 1
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + (fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json").string());
  std::string log = readText(dir / "log.txt");
  ASSERT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;
  EXPECT_NE(log.find("guide: tour intro of"), std::string::npos) << log;
  std::size_t spoke = log.find("subtitles: ");
  EXPECT_NE(log.find("red triangle", spoke), std::string::npos) << "the guide never said its line\n" << log;
  std::size_t paused = findAfter(log, "tour paused", spoke);
  std::size_t resumed = findAfter(log, "tour resumed", paused);
  EXPECT_NE(resumed, std::string::npos) << log;
  EXPECT_NE(findAfter(log, "guide: next stop", resumed), std::string::npos) << log;
  auto shot = readPng(dir / "screenshot-0001.png");
  ASSERT_TRUE(shot) << log;
  // Not a flat clear colour: sky, triangle, guide and UI make the luminance vary.
  double sum = 0.0, sumSq = 0.0;
  for (std::uint32_t y = 0; y < shot->height; ++y) {
    for (std::uint32_t x = 0; x < shot->width; ++x) {
      const std::uint8_t* p = shot->at(x, y);
      double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
      sum += l;
      sumSq += l * l;
    }
  }
  double n = double(shot->width) * shot->height;
  EXPECT_GT(std::sqrt(sumSq / n - (sum / n) * (sum / n)), 10.0) << "the window shows one flat colour";
}

}  // namespace
}  // namespace sc::test
