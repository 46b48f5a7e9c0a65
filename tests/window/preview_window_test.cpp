// `shancheng preview` in a real window: Xvfb (xvfb-run), GLFW, a Vulkan swapchain on lavapipe
// with the validation layer, xdotool for keys. The scene file is edited while the preview runs
// (sed -i: a temporary file renamed over the original, as editors save): the picture changes
// without a restart, a broken edit keeps the window and the last good picture, and Ctrl+S writes
// the camera into the selected POI's viewpoint with a .bak of the original.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/image_io.hpp"

namespace fs = std::filesystem;

namespace {

const char* const kXvfb = "xvfb-run -a -s '-screen 0 1024x768x24' ";

struct RunResult {
  int exitCode = -1;
  std::string output;
};

RunResult runShell(const std::string& command) {
  RunResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof(buffer), pipe)) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool haveTool(const char* tool) { return runShell(std::string("command -v ") + tool).exitCode == 0; }

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

double meanAbsDifference(const sc::ImageRgba8& a, const sc::ImageRgba8& b) {
  if (a.width != b.width || a.height != b.height) return 1e9;
  double sum = 0.0;
  for (std::uint32_t y = 0; y < a.height; ++y) {
    for (std::uint32_t x = 0; x < a.width; ++x) {
      for (int c = 0; c < 3; ++c) sum += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
    }
  }
  return sum / (double(a.width) * a.height * 3.0);
}

// A copy of the example scene in its own folder (the preview edits it).
fs::path makeScene(const std::string& name) {
  fs::path dir = fs::path(SC_TEST_OUTPUT_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "scene");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json", dir / "scene/example.scene.json");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/triangle.gltf", dir / "scene/triangle.gltf");
  return dir;
}

bool canRun() { return haveTool("xvfb-run") && haveTool("xdotool"); }

// The preview's shared script head: start it, wait for its window, helpers to wait for log lines
// and take F12 screenshots.
const char* const kScriptHead = R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$out/scene/example.scene.json"; log="$out/log.txt"
"$exe" preview "$scene" --validation --size 640x400 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng preview' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
xdotool mousemove --window "$id" 5 5
waitlog() { i=0; while ! grep -q "$1" "$log" && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
sleep 2
)SH";

TEST(PreviewWindow, StartsAndRendersTheScene) {
  if (!haveTool("xvfb-run")) GTEST_SKIP() << "xvfb-run is not installed";
  fs::path dir = makeScene("preview_starts");
  RunResult run = runShell(std::string(kXvfb) + SC_SHANCHENG_EXE + " preview " +
                           (dir / "scene/example.scene.json").string() + " --validation --size 320x200 --frames 10");
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("preview: 10 frames"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("watching with inotify"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("[error]"), std::string::npos) << run.output;
}

TEST(PreviewWindow, SceneEditsShowWithoutRestartAndABrokenEditKeepsTheLastGoodScene) {
  if (!canRun()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
  fs::path dir = makeScene("preview_edit");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << kScriptHead << R"SH(
shot 1
sed -i 's/"timeOfDay": "19:30"/"timeOfDay": "12:00"/; s/"rotationDegrees": \[0, 30, 0\]/"rotationDegrees": [0, 75, 0]/' "$scene"
waitlog "preview: reloaded"
sleep 1; shot 2
sed -i 's/"formatVersion": 1,/"formatVersion": 1/' "$scene"
waitlog "the edit was not applied"
sleep 1; shot 3
sleep 0.6; xdotool getwindowname "$id" > "$out/title.txt"
kill -0 $pid && echo "alive after the broken edit" > "$out/alive.txt"
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_TRUE(fs::exists(dir / "alive.txt")) << log;
  EXPECT_NE(log.find("hot reload: scene re-read, 0 model(s) swapped"), std::string::npos) << log;
  EXPECT_NE(log.find("environment changed"), std::string::npos) << log;
  EXPECT_NE(log.find("the last good scene stays on screen"), std::string::npos) << log;
  EXPECT_EQ(log.find("validation layer reported"), std::string::npos) << log;
  auto dusk = sc::readPng(dir / "screenshot-0001.png");
  auto noon = sc::readPng(dir / "screenshot-0002.png");
  auto kept = sc::readPng(dir / "screenshot-0003.png");
  ASSERT_TRUE(dusk && noon && kept) << log;
  EXPECT_GT(meanAbsDifference(*dusk, *noon), 20.0) << "the 12:00 edit did not change the picture";
  // The error panel is shown over the last good scene: around the panel, the picture is the
  // 12:00 one; inside, it differs.
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  auto at = log.rfind("error panel at (");
  ASSERT_NE(at, std::string::npos) << log;
  ASSERT_EQ(std::sscanf(log.c_str() + at, "error panel at (%d, %d)-(%d, %d)", &x0, &y0, &x1, &y1), 4) << log;
  EXPECT_GT(meanAbsDifference(*noon, *kept), 5.0) << "no error panel was drawn";
  double outside = 0.0;
  std::size_t count = 0;
  for (std::uint32_t y = 0; y < kept->height; ++y) {
    for (std::uint32_t x = 0; x < kept->width; ++x) {
      if (int(x) >= x0 - 2 && int(x) <= x1 + 2 && int(y) >= y0 - 2 && int(y) <= y1 + 2) continue;
      for (int c = 0; c < 3; ++c) outside += std::abs(int(noon->at(x, y)[c]) - int(kept->at(x, y)[c]));
      ++count;
    }
  }
  ASSERT_GT(count, kept->width * kept->height / 10) << "the panel covers almost everything";
  EXPECT_LT(outside / double(count * 3), 1.0) << "the broken edit changed the scene around the panel";
  std::string title = readText(dir / "title.txt");
  EXPECT_NE(title.find("EDIT REJECTED"), std::string::npos) << title;
}

TEST(PreviewWindow, CtrlSSavesTheCameraAsThePoiViewpoint) {
  if (!canRun()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
  fs::path dir = makeScene("preview_save");
  const std::string original = readText(dir / "scene/example.scene.json");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << kScriptHead << R"SH(
xdotool key 1
waitlog "POI 1/1 marker"
sleep 1.5
xdotool keydown e; sleep 0.6; xdotool keyup e
xdotool key ctrl+s
waitlog "saved the desktop viewpoint"
waitlog "preview: reloaded"
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_NE(log.find("saved the desktop viewpoint of POI 'marker'"), std::string::npos) << log;
  EXPECT_EQ(readText(dir / "scene/example.scene.json.bak"), original);
  const std::string saved = readText(dir / "scene/example.scene.json");
  EXPECT_NE(saved, original);
  // Only the POI's desktop eye and target changed: the old line is gone, its neighbours stay.
  EXPECT_EQ(saved.find("\"desktop\": { \"eye\": [0, 1.6, 1], \"target\": [0.5, 1, -3] }"), std::string::npos) << saved;
  EXPECT_NE(saved.find("\"xr\": { \"position\": [0, 0, 0], \"yawDeg\": 0 }"), std::string::npos) << saved;
  std::size_t head = 0;
  while (head < saved.size() && head < original.size() && saved[head] == original[head]) ++head;
  std::size_t tail = 0;
  while (tail + head < saved.size() && tail + head < original.size() &&
         saved[saved.size() - 1 - tail] == original[original.size() - 1 - tail]) {
    ++tail;
  }
  EXPECT_LT(saved.size() - head - tail, 80u) << saved;
}

}  // namespace
