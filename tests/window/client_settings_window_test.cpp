// The desktop client's remembered settings and HiDPI in a real window (Xvfb, lavapipe, the
// validation layer, xdotool):
//  - the quality preset picked in the settings panel is saved to $XDG_CONFIG_HOME/shancheng/
//    settings.json and the next `shancheng tour` starts with it; --quality wins for a run without
//    being written back; a damaged file is one warning and the defaults.
//  - Xft.dpi: 192 in the root window's RESOURCE_MANAGER gives GLFW a content scale of 2: the UI is
//    the 96 dpi UI drawn twice as large (the screenshot halved matches the 96 dpi one) and clicks
//    in window coordinates still hit its buttons.
#include <regex>

#include "window_test_support.hpp"

namespace sc::test {
namespace {

// Xvfb must not reset when its last client leaves: xrdb's resources would go with the reset.
const char* kXvfbNoReset = "timeout 300 xvfb-run -a -s '-screen 0 1280x800x24 -noreset' ";

// Shell helpers shared by the scripts below: wait for a log line, read a window point from the
// UI's debug line, press a button slowly (ImGui fires on a release in a later frame), F12.
const char* kHelpers = R"SH(
waitlog() { i=0; while ! grep -q "$2" "$1" && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done; }
point() { grep "$2" "$1" | tail -1 | sed "s/.*$2 (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/"; }
press() { xdotool mousemove --window "$1" $2; sleep 0.4; xdotool mousedown 1; sleep 0.3; xdotool mouseup 1; }
shot() { xdotool key F12; i=0; while [ ! -s "$1" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
window() { timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng' | head -1; }
)SH";

// The last "<what> (x, y)" window point in the log ((-1, -1) when absent).
glm::vec2 logPoint(const std::string& log, const std::string& what) {
  glm::vec2 point(-1.0f);
  std::regex pattern(what + R"( \(([0-9-]+), ([0-9-]+)\))");
  for (std::sregex_iterator it(log.begin(), log.end(), pattern), end; it != end; ++it) {
    point = {std::stof((*it)[1].str()), std::stof((*it)[2].str())};
  }
  return point;
}

// Share of the 24x16 pixels around `centre` in the UI's accent red (a selected button).
double redShare(const ImageRgba8& image, glm::vec2 centre) {
  int red = 0, all = 0;
  for (int dy = -8; dy < 8; ++dy) {
    for (int dx = -12; dx < 12; ++dx) {
      int x = int(centre.x) + dx, y = int(centre.y) + dy;
      if (x < 0 || y < 0 || x >= int(image.width) || y >= int(image.height)) continue;
      const std::uint8_t* p = image.at(std::uint32_t(x), std::uint32_t(y));
      red += p[0] > 150 && p[1] < 110 && p[2] < 110;
      ++all;
    }
  }
  return all ? double(red) / all : 0.0;
}

TEST(ClientSettingsWindow, TheQualityPresetPickedInTheUiIsThereAtTheNextStart) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  fs::path dir = outputDir("client_settings");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << kHelpers << R"SH(
exe="$1"; out="$2"
export XDG_CONFIG_HOME="$out/config"
run="$exe -v tour builtin:default --no-guide --validation --size 480x300"
# 1: no file yet; the visitor opens the settings and picks High, then quits with Esc.
$run > "$out/log1.txt" 2>&1 &
pid=$!
id=$(window); if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
xdotool mousemove --window "$id" 5 5
waitlog "$out/log1.txt" "settings button at window point"
sleep 1
press "$id" "$(point "$out/log1.txt" "settings button at window point")"
waitlog "$out/log1.txt" "high at ("
sleep 1
press "$id" "$(point "$out/log1.txt" "high at")"
waitlog "$out/log1.txt" "renderer: shadow map 4096"
sleep 0.3
xdotool key Escape
wait $pid; echo "exit1 $?"
cp "$out/config/shancheng/settings.json" "$out/after1.json"
# 2: starts with high; the settings panel shows it (screenshot).
$run --screenshot-dir "$out/shots" > "$out/log2.txt" 2>&1 &
pid=$!
id=$(window); if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 91; fi
xdotool mousemove --window "$id" 5 5
waitlog "$out/log2.txt" "settings button at window point"
sleep 1
press "$id" "$(point "$out/log2.txt" "settings button at window point")"
waitlog "$out/log2.txt" "high at ("
sleep 0.3; xdotool mousemove --window "$id" 5 5; sleep 1
shot "$out/shots/screenshot-0001.png"
xdotool key Escape
wait $pid; echo "exit2 $?"
# 3: --quality low wins for this run and is not written back.
$run --quality low --frames 5 > "$out/log3.txt" 2>&1; echo "exit3 $?"
# 4: a damaged file: one warning naming it, the defaults, exit 0.
printf '{"quality": "high", "volume": ' > "$out/config/shancheng/settings.json"
$run --frames 5 > "$out/log4.txt" 2>&1; echo "exit4 $?"
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log1 = readText(dir / "log1.txt"), log2 = readText(dir / "log2.txt");
  std::string log3 = readText(dir / "log3.txt"), log4 = readText(dir / "log4.txt");
  // The script's own exit lines, not xvfb-run's status (it turns into 5 when xvfb-run cannot remove
  // its temporary folder under a parallel ctest).
  ASSERT_NE(run.output.find("exit4 "), std::string::npos) << run.output << log1 << log2;
  for (const char* code : {"exit1 0", "exit2 0", "exit3 0", "exit4 0"}) EXPECT_NE(run.output.find(code), std::string::npos) << run.output;
  std::string file = (dir / "config" / "shancheng" / "settings.json").string();
  // 1: defaults (no file, no warning), the click, the save.
  EXPECT_NE(log1.find("settings: " + file + " not there yet, defaults (quality medium"), std::string::npos) << log1;
  EXPECT_NE(log1.find("renderer: quality medium"), std::string::npos) << log1;
  EXPECT_NE(log1.find("ui: set-quality(high)"), std::string::npos) << log1;
  EXPECT_NE(log1.find("settings: saved " + file + " (quality high"), std::string::npos) << log1;
  EXPECT_EQ(count(log1, "[warning]") + count(log1, "[error]"), 0) << log1;
  EXPECT_NE(readText(dir / "after1.json").find("\"quality\": \"high\""), std::string::npos) << readText(dir / "after1.json");
  // 2: read back, the renderer starts at high, and the panel shows High selected.
  EXPECT_NE(log2.find("settings: " + file + " read (quality high"), std::string::npos) << log2;
  EXPECT_NE(log2.find("renderer: quality high: shadow map 4096"), std::string::npos) << log2;
  EXPECT_EQ(count(log2, "settings: saved"), 0) << "nothing changed, nothing written\n" << log2;
  auto panel = readPng(dir / "shots" / "screenshot-0001.png");
  ASSERT_TRUE(panel) << log2;
  // The selected preset's button is drawn in the accent red, the others are not.
  glm::vec2 high = logPoint(log2, "high at"), medium = logPoint(log2, "medium at");
  EXPECT_GT(redShare(*panel, high), 0.3) << "High is not shown selected at " << high.x << ", " << high.y;
  EXPECT_LT(redShare(*panel, medium), 0.05) << "Medium is shown selected";
  // 3: the command line wins, the file keeps high.
  EXPECT_NE(log3.find("--quality low wins"), std::string::npos) << log3;
  EXPECT_NE(log3.find("renderer: quality low"), std::string::npos) << log3;
  EXPECT_EQ(count(log3, "settings: saved"), 0) << log3;
  // 4: the damaged file: one warning naming it, medium, no crash.
  EXPECT_EQ(count(log4, "[warning] settings file " + file + ": not valid JSON"), 1) << log4;
  EXPECT_NE(log4.find("renderer: quality medium"), std::string::npos) << log4;
}

// The settings button's size in window units from the UI's debug line (0x0 when absent).
glm::vec2 settingsButtonSize(const std::string& log) {
  std::smatch m;
  static const std::regex line(R"(settings button at window point \([0-9-]+, [0-9-]+\) size ([0-9]+)x([0-9]+))");
  if (!std::regex_search(log, m, line)) return glm::vec2(0.0f);
  return {std::stof(m[1].str()), std::stof(m[2].str())};
}

// Image halved by averaging 2x2 blocks.
ImageRgba8 halve(const ImageRgba8& image) {
  ImageRgba8 out;
  out.width = image.width / 2;
  out.height = image.height / 2;
  out.pixels.resize(std::size_t(out.width) * out.height * 4);
  for (std::uint32_t y = 0; y < out.height; ++y) {
    for (std::uint32_t x = 0; x < out.width; ++x) {
      for (int c = 0; c < 4; ++c) {
        int sum = image.at(2 * x, 2 * y)[c] + image.at(2 * x + 1, 2 * y)[c] + image.at(2 * x, 2 * y + 1)[c] +
                  image.at(2 * x + 1, 2 * y + 1)[c];
        out.at(x, y)[c] = std::uint8_t((sum + 2) / 4);
      }
    }
  }
  return out;
}

// Rows from the bottom edge up whose pixel in column x is dark (the UI's panel background over
// the light floor: about 90/255 against 180), until the first light one. A few light rows at the
// very bottom (the panel's rounded corner) are skipped first.
int darkRowsFromBottom(const ImageRgba8& image, std::uint32_t x) {
  auto dark = [&](std::uint32_t y) {
    const std::uint8_t* p = image.at(x, y);
    return int(p[0]) + p[1] + p[2] < 3 * 125;
  };
  std::uint32_t y = image.height;
  while (y > image.height - 8 && !dark(y - 1)) --y;
  int rows = 0;
  for (; y > 0 && dark(y - 1); --y) ++rows;
  return rows;
}

// Mean absolute difference over rows [y0, y1).
double bandDifference(const ImageRgba8& a, const ImageRgba8& b, std::uint32_t y0, std::uint32_t y1) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::uint32_t y = y0; y < y1; ++y) {
    for (std::uint32_t x = 0; x < a.width; ++x) {
      for (int c = 0; c < 3; ++c) sum += std::abs(a.at(x, y)[c] - b.at(x, y)[c]);
      n += 3;
    }
  }
  return n ? sum / double(n) : 0.0;
}

TEST(ClientSettingsWindow, HiDpiScreenDrawsTheUiTwiceAsLargeAndClicksStillHit) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  if (!haveTool("xrdb") || !haveTool("xprop")) GTEST_SKIP() << "xrdb / xprop (x11-xserver-utils, x11-utils) missing";
  fs::path dir = outputDir("client_hidpi");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << kHelpers << R"SH(
exe="$1"; out="$2"
export XDG_CONFIG_HOME="$out/config"
run="$exe -v tour builtin:default --no-guide --validation --size 480x300"
start() {  # $1: name
  $run --screenshot-dir "$out/$1" > "$out/$1.txt" 2>&1 &
  pid=$!
  id=$(window); if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
  xdotool mousemove --window "$id" 5 5
  waitlog "$out/$1.txt" "settings button at window point"
  sleep 2
  shot "$out/$1/screenshot-0001.png"
}
# 96 dpi (no Xft.dpi): the reference.
start dpi96
xdotool key Escape; wait $pid; echo "exit96 $?"
# 192 dpi: -nocpp (no C preprocessor needed); Xvfb runs with -noreset so the property stays.
printf 'Xft.dpi: 192\n' > "$out/xresources"
xrdb -nocpp -merge "$out/xresources"
xprop -root RESOURCE_MANAGER > "$out/xprop.txt"
start dpi192
xdotool getwindowgeometry "$id" > "$out/geometry.txt"
press "$id" "$(point "$out/dpi192.txt" "settings button at window point")"
waitlog "$out/dpi192.txt" "high at ("
sleep 1
press "$id" "$(point "$out/dpi192.txt" "high at")"
waitlog "$out/dpi192.txt" "renderer: shadow map 4096"
xdotool key Escape; wait $pid; echo "exit192 $?"
)SH";
  RunResult run =
      runShell(std::string(kXvfbNoReset) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log96 = readText(dir / "dpi96.txt"), log192 = readText(dir / "dpi192.txt");
  ASSERT_NE(run.output.find("exit192 "), std::string::npos) << run.output << log96 << log192;
  EXPECT_NE(run.output.find("exit96 0"), std::string::npos) << run.output << log96;
  EXPECT_NE(run.output.find("exit192 0"), std::string::npos) << run.output << log192;
  EXPECT_NE(readText(dir / "xprop.txt").find("Xft.dpi:\\t192"), std::string::npos) << readText(dir / "xprop.txt");
  EXPECT_NE(log96.find("window: content scale 1.00, UI scale 1.00 (window 480x300"), std::string::npos) << log96;
  // GLFW_SCALE_TO_MONITOR: the 480x300 point window is 960x600 pixels at 2x.
  EXPECT_NE(log192.find("window: content scale 2.00, UI scale 2.00 (window 960x600, framebuffer 960x600 px)"),
            std::string::npos) << log192;
  // The touch target is twice as large in pixels (ImGui rounds: within 2 px).
  glm::vec2 button96 = settingsButtonSize(log96), button192 = settingsButtonSize(log192);
  EXPECT_GE(button96.x, 28.0f) << log96;
  EXPECT_NEAR(button192.x, 2.0f * button96.x, 2.0f) << log192;
  EXPECT_NEAR(button192.y, 2.0f * button96.y, 2.0f) << log192;
  // The click at the window point of the settings button and then of High hit them.
  std::size_t opened = log192.find("ui: open-settings");
  EXPECT_NE(opened, std::string::npos) << log192;
  EXPECT_NE(findAfter(log192, "ui: set-quality(high)", opened), std::string::npos) << log192;
  EXPECT_EQ(count(log192, "[error]"), 0) << log192;
  auto shot96 = readPng(dir / "dpi96" / "screenshot-0001.png");
  auto shot192 = readPng(dir / "dpi192" / "screenshot-0001.png");
  ASSERT_TRUE(shot96 && shot192) << log96 << log192;
  ASSERT_EQ(shot96->width, 480u);
  ASSERT_EQ(shot192->width, 960u);
  ASSERT_EQ(shot192->height, 600u);
  // The tour controls' bar (dark, along the bottom edge) is twice as tall in pixels: counted in
  // the column just left of the first button, inside the bar's padding.
  int bar96 = darkRowsFromBottom(*shot96, 8);
  int bar192 = darkRowsFromBottom(*shot192, 16);
  EXPECT_GE(bar96, 40) << "no controls bar at the bottom of the 96 dpi picture";
  EXPECT_NEAR(bar192, 2 * bar96, 4) << "controls bar " << bar192 << " px at 192 dpi, " << bar96 << " px at 96 dpi";
  // The scene above it is the same view: the 192 dpi picture halved matches the 96 dpi one there.
  ImageRgba8 halved = halve(*shot192);
  (void)writePng(dir / "dpi192_halved.png", halved);
  double scene = bandDifference(halved, *shot96, 0, shot96->height - std::uint32_t(bar96) - 4);
  EXPECT_LT(scene, 6.0) << "the scene differs between 96 and 192 dpi";
  std::printf("controls bar %d px at 96 dpi, %d px at 192 dpi; settings button %.0fx%.0f vs %.0fx%.0f; scene difference %.2f/255\n",
              bar96, bar192, button96.x, button96.y, button192.x, button192.y, scene);
}

TEST(ClientSettingsWindow, TheKioskNeitherReadsNorWritesTheVisitorSettings) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  fs::path dir = outputDir("client_settings_kiosk");
  fs::create_directories(dir / "config" / "shancheng");
  const std::string saved = "{\"quality\": \"high\", \"language\": \"en\", \"textScale\": 2}\n";
  std::ofstream(dir / "config" / "shancheng" / "settings.json") << saved;
  std::ofstream(dir / "kiosk.toml") << "[log]\nfile = \"" << (dir / "kiosk.log").string() << "\"\n";
  // The kiosk runs a few frames, then a simulated device loss ends it (exit 6): no PIN needed.
  RunResult run = runShell(std::string(kXvfb) + "sh -c 'XDG_CONFIG_HOME=\"$0\" \"$1\" -v kiosk --config \"$2\" " +
                           "--scene \"$3\" --windowed --size 320x200 --test-device-loss-after 8; echo \"exit=$?\"' " +
                           (dir / "config").string() + " " + SC_SHANCHENG_EXE + " " + (dir / "kiosk.toml").string() +
                           " " + (fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json").string() + " 2>&1");
  EXPECT_NE(run.output.find("exit=6"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("window: content scale"), std::string::npos) << "the UI never ran\n" << run.output;
  EXPECT_EQ(count(run.output, "settings: "), 0) << run.output;
  EXPECT_EQ(count(run.output, "settings file"), 0) << run.output;
  EXPECT_NE(run.output.find("renderer: quality medium"), std::string::npos) << "the kiosk took the visitor's quality\n"
                                                                           << run.output;
  EXPECT_EQ(readText(dir / "config" / "shancheng" / "settings.json"), saved);
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "config" / "shancheng")) ++entries;
  EXPECT_EQ(entries, 1) << "the kiosk wrote beside the settings file";
}

}  // namespace
}  // namespace sc::test
