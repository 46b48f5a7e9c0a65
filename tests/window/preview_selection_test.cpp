// Model selection in `shancheng preview` (Xvfb, lavapipe, validation layer): a scene with two
// models at known places; F1 logs where each model is on screen; a click there selects that model
// (log line, yellow bounds in the view, its transform in the inspector); a click on empty sky
// clears the selection; a click on a model's line of the inspector's scene tree selects it.
#include <regex>

#include "window_test_support.hpp"

namespace sc::test {
namespace {

// The example scene with its one model replaced by two triangles placed apart.
fs::path makeScene(const fs::path& dir) {
  fs::create_directories(dir / "scene");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/triangle.gltf", dir / "scene/triangle.gltf");
  std::string text = readText(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json");
  std::size_t from = text.find("\"models\"");
  std::size_t to = text.find("\"environment\"");
  EXPECT_TRUE(from != std::string::npos && to != std::string::npos && from < to);
  text.replace(from, to - from, R"("models": [
    { "id": "left", "path": "triangle.gltf",
      "transform": { "translation": [-1.4, 0.4, -1], "rotationDegrees": [0, 30, 0], "scale": 1.5 } },
    { "id": "right", "path": "triangle.gltf",
      "transform": { "translation": [0.9, 0.6, -1.5], "rotationDegrees": [10, -45, 20] } }
  ],
  )");
  fs::path scene = dir / "scene/two.scene.json";
  std::ofstream(scene) << text;
  return scene;
}

std::size_t yellowPixels(const ImageRgba8& image) {
  std::size_t n = 0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      n += p[0] > 200 && p[1] > 170 && p[2] < 110;
    }
  }
  return n;
}

TEST(PreviewSelection, ClickingAModelOrItsSceneTreeLineSelectsItAndTheSkyClearsIt) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  fs::path dir = outputDir("preview_selection");
  fs::path scene = makeScene(dir);
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; scene="$3"; log="$out/log.txt"
"$exe" preview "$scene" --validation --size 640x400 --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng preview' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
xdotool mousemove --window "$id" 5 5
waitlog() { i=0; while [ "$(grep -c "$1" "$log")" -lt "${2:-1}" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
click() { xdotool mousemove --window "$id" $1 $2; sleep 0.3; xdotool click 1; }
sleep 2
xdotool key F1; waitlog "model 'right' on screen at window point"
xdotool key F1; sleep 0.3
at=$(grep "model 'right' on screen at window point" "$log" | head -1 | sed 's/.*window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
click $at; waitlog "selected model 'right'"
xdotool mousemove --window "$id" 5 5; sleep 0.5; shot 1
xdotool key F1; sleep 1; shot 2
xdotool key F1; sleep 0.3
click 320 12; waitlog "selection cleared"
sleep 0.5; shot 3
xdotool key F1; waitlog "preview inspector:" 5; sleep 0.5
# The scene tree line of 'left' in the inspector text the F1 press logged: text line i is drawn at
# y = 10 + 18 i pixels (one point per pixel under Xvfb).
line=$(awk '/preview inspector:/{n=0; s=1; next} s{ if ($0 ~ /^  left triangle.gltf at/) l=n; n++ } END{print l}' "$log")
click 40 $((10 + 18 * line + 9)); waitlog "selected model 'left'"
xdotool mousemove --window "$id" 5 5; sleep 1; shot 4
xdotool key F1; sleep 1; shot 5
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + scene.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  // The first frame with the F1 panels once made the validation layer report a garbage viewport:
  // the UI overlay read its target's size through a reference into the texture table, which the
  // panels' new images had grown (render/ui_overlay.cpp now copies the description).
  EXPECT_EQ(count(log, "[error]"), 0) << log;

  // Clicked 'right' in the view, then the sky, then 'left' on the scene tree, in that order.
  std::size_t right = log.find("preview: selected model 'right' (triangle.gltf) at (0.90, 0.60, -1.50)");
  std::size_t cleared = findAfter(log, "preview: selection cleared", right);
  std::size_t left = findAfter(log, "preview: selected model 'left' (triangle.gltf) at (-1.40, 0.40, -1.00)", cleared);
  EXPECT_NE(right, std::string::npos) << log;
  EXPECT_NE(cleared, std::string::npos) << log;
  EXPECT_NE(left, std::string::npos) << log;
  EXPECT_EQ(count(log, "preview: selected model"), 2) << log;
  // The inspector (logged on F1) shows the selected model's transform and material.
  EXPECT_NE(log.find("rotation (10.0, -45.0, 20.0) deg  scale (1.00, 1.00, 1.00)"), std::string::npos) << log;
  EXPECT_NE(log.find("rotation (0.0, 30.0, 0.0) deg  scale (1.50, 1.50, 1.50)"), std::string::npos) << log;
  EXPECT_NE(log.find("material 'red': base colour (0.80, 0.10, 0.10, 1.00), metallic 0.00, roughness 0.80"),
            std::string::npos) << log;

  // The selection's bounds are drawn in yellow; none once it is cleared.
  auto selected = readPng(dir / "screenshot-0001.png");
  auto inspector = readPng(dir / "screenshot-0002.png");
  auto none = readPng(dir / "screenshot-0003.png");
  auto fromTree = readPng(dir / "screenshot-0005.png");  // 0004: the same under the panels
  ASSERT_TRUE(selected && inspector && none && fromTree) << log;
  EXPECT_GT(yellowPixels(*selected), 200u);
  EXPECT_LT(yellowPixels(*none), 20u);
  EXPECT_GT(yellowPixels(*fromTree), 200u);
  // The inspector panel darkens the top left of the view.
  EXPECT_GT(meanAbsDifference(*selected, *inspector), 2.0);
}

}  // namespace
}  // namespace sc::test
