// Editing the selected model's transform in `shancheng preview` (Xvfb, lavapipe, validation
// layer): a scene with two triangles; the test clicks 'right', moves, lifts, turns and scales it
// with the keys (the picture changes, the scene file does not, the title says UNSAVED), undoes
// one step with Ctrl+Z, saves with Ctrl+Shift+S (only the model's transform changes in the file,
// a .bak holds the original; the hot reload that follows neither resets nor repeats the edit: the
// picture stays), then with the panels on turns it again and clicks the transform panel's Save
// button (a second save, whose .bak is the first), drags the position's X field (the model moves,
// the camera does not) and saves a third time, then double-clicks the field, types 1.25 and Enter
// (the typed digits reach the field, not the preview's keys) and saves a fourth time.
#include <regex>

#include "window_test_support.hpp"

namespace sc::test {
namespace {

const char* const kModels = R"("models": [
    { "id": "left", "path": "triangle.gltf",
      "transform": { "translation": [-1.4, 0.4, -1], "rotationDegrees": [0, 30, 0], "scale": 1.5 } },
    { "id": "right", "path": "triangle.gltf",
      "transform": { "translation": [0.9, 0.6, -1.5], "rotationDegrees": [10, -45, 20] } }
  ],
  )";

// The example scene with its one model replaced by two triangles placed apart.
fs::path makeScene(const fs::path& dir) {
  fs::create_directories(dir / "scene");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/triangle.gltf", dir / "scene/triangle.gltf");
  std::string text = readText(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json");
  std::size_t from = text.find("\"models\"");
  std::size_t to = text.find("\"environment\"");
  EXPECT_TRUE(from != std::string::npos && to != std::string::npos && from < to);
  text.replace(from, to - from, kModels);
  fs::path scene = dir / "scene/two.scene.json";
  std::ofstream(scene) << text;
  return scene;
}

std::string replaced(std::string text, const std::string& what, const std::string& with) {
  std::size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

// Mean absolute difference of the pixels in [from, to).
double regionDifference(const ImageRgba8& a, const ImageRgba8& b, glm::uvec2 from, glm::uvec2 to) {
  if (a.width != b.width || a.height != b.height || to.x > a.width || to.y > a.height) return 1e9;
  double sum = 0.0;
  for (std::uint32_t y = from.y; y < to.y; ++y) {
    for (std::uint32_t x = from.x; x < to.x; ++x) {
      for (int c = 0; c < 3; ++c) sum += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
    }
  }
  return sum / (double(to.x - from.x) * double(to.y - from.y) * 3.0);
}

TEST(PreviewTransformEdit, KeysMoveTheSelectedModelAndSavingWritesOnlyItsTransform) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  fs::path dir = outputDir("preview_transform_edit");
  fs::path scene = makeScene(dir);
  const std::string original = readText(scene);
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
key() { xdotool key "$1"; sleep 0.25; }
sleep 2
xdotool key F1; waitlog "model 'right' on screen at window point"
xdotool key F1; sleep 0.3
at=$(grep "model 'right' on screen at window point" "$log" | head -1 | sed 's/.*window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
click $at; waitlog "selected model 'right'"
xdotool mousemove --window "$id" 5 5; sleep 0.5; shot 1
# Left x5: x -0.5; Alt+Up x3: y +0.3; R: +15 degrees about Y; G twice: x1.21; Ctrl+Z: back to x1.1.
for k in Left Left Left Left Left alt+Up alt+Up alt+Up r g g; do key $k; done
waitlog "model 'right' now at" 11
key ctrl+z; waitlog "undo: model 'right'"
sleep 1; shot 2
xdotool getwindowname "$id" > "$out/title-unsaved.txt"
cp "$scene" "$out/before-save.json"
key ctrl+shift+s; waitlog "saved the transform of 'right'"
cp "$scene.bak" "$out/bak-1.json"
waitlog "preview: reloaded in"
sleep 1; shot 3
xdotool getwindowname "$id" > "$out/title-saved.txt"
# The panels: turn once more and save with the transform panel's button.
xdotool key F1; sleep 0.5; key r; waitlog "transform panel at"
sleep 0.5; shot 4
save=$(grep "its Save button at window point" "$log" | tail -1 | sed 's/.*Save button at window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
click $save; waitlog "saved the transform of 'right'" 2
waitlog "preview: reloaded in" 2
sleep 1; shot 5
# Drag the position's X field 40 points to the right (0.01 m a point), panels off, save again.
x=$(grep "its position X field at window point" "$log" | tail -1 | sed 's/.*X field at window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
xdotool mousemove --window "$id" $x; sleep 0.3
xdotool mousedown 1; sleep 0.3
for s in 1 2 3 4; do xdotool mousemove_relative 10 0; sleep 0.2; done
xdotool mouseup 1; sleep 0.3
xdotool mousemove --window "$id" 5 5
xdotool key F1; sleep 1; shot 6
key ctrl+shift+s; waitlog "saved the transform of 'right'" 3
waitlog "preview: reloaded in" 3
# Panels on again: double-click the X field, type 1.25 and Enter (the typed "1" must not go to
# POI 1), save a fourth time.
xdotool key F1; sleep 1
x=$(grep "its position X field at window point" "$log" | tail -1 | sed 's/.*X field at window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
xdotool mousemove --window "$id" $x; sleep 0.3
xdotool click --repeat 2 --delay 150 1; sleep 0.5
xdotool key ctrl+a; sleep 0.2; xdotool type --delay 120 "1.25"; sleep 0.3; xdotool key Return; sleep 0.5
xdotool mousemove --window "$id" 5 5; sleep 0.3
key ctrl+shift+s; waitlog "saved the transform of 'right'" 4
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string() +
                           " " + scene.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_EQ(count(log, "[error]"), 0) << log;

  // Every step shows in the log, in order; the undo took the second G back.
  std::size_t moved = log.find("preview: model 'right' now at position (0.40, 0.90, -1.50) rotation (10.0, -30.0, 20.0) "
                               "scale (1.210, 1.210, 1.210) (unsaved");
  std::size_t undone = findAfter(log, "preview: undo: model 'right' back to position (0.40, 0.90, -1.50) rotation "
                                      "(10.0, -30.0, 20.0) scale (1.100, 1.100, 1.100)", moved);
  std::size_t saved = findAfter(log, "preview: saved the transform of 'right' position (0.40, 0.90, -1.50)", undone);
  EXPECT_NE(moved, std::string::npos) << log;
  EXPECT_NE(undone, std::string::npos) << log;
  EXPECT_NE(saved, std::string::npos) << log;
  // The hot reload of the saved file changed no model (the transform it read is the one shown).
  EXPECT_EQ(count(log, "unsaved edit is dropped"), 0) << log;

  // Unsaved: the file is as it was and the title says so; after saving the mark is gone.
  EXPECT_EQ(readText(dir / "before-save.json"), original);
  EXPECT_NE(readText(dir / "title-unsaved.txt").find("UNSAVED model edits"), std::string::npos);
  EXPECT_EQ(readText(dir / "title-saved.txt").find("UNSAVED"), std::string::npos);
  // The first save: only the model's transform changed; the .bak is the original.
  const std::string before = R"("transform": { "translation": [0.9, 0.6, -1.5], "rotationDegrees": [10, -45, 20] })";
  EXPECT_EQ(readText(dir / "bak-1.json"), original);
  const std::string first = replaced(
      original, before, R"("transform": { "translation": [0.4, 0.9, -1.5], "rotationDegrees": [10, -30, 20], "scale": 1.1 })");
  // The second save (the panel's button after R): only the angle changed. The third (after the
  // drag) and the fourth (a typed X): only the X of the translation; the .bak is the third.
  const std::string second =
      replaced(first, "\"rotationDegrees\": [10, -30, 20]", "\"rotationDegrees\": [10, -15, 20]");
  const std::string bak = readText(fs::path(scene.string() + ".bak"));
  std::smatch x;
  ASSERT_TRUE(std::regex_search(bak, x, std::regex(R"("translation": \[([0-9.]+), 0\.9, -1\.5\])"))) << bak;
  const std::string translation = "\"translation\": [0.4, 0.9, -1.5]";
  EXPECT_EQ(bak, replaced(second, translation, "\"translation\": [" + x[1].str() + ", 0.9, -1.5]"));
  EXPECT_EQ(readText(scene), replaced(second, translation, "\"translation\": [1.25, 0.9, -1.5]"));

  auto selected = readPng(dir / "screenshot-0001.png");
  auto edited = readPng(dir / "screenshot-0002.png");
  auto reloaded = readPng(dir / "screenshot-0003.png");
  auto panel = readPng(dir / "screenshot-0004.png");
  auto savedAgain = readPng(dir / "screenshot-0005.png");
  ASSERT_TRUE(selected && edited && reloaded && panel && savedAgain) << log;
  // The edit shows at once; the reload of the saved file leaves the picture as it was.
  EXPECT_GT(meanAbsDifference(*selected, *edited), 1.0);
  EXPECT_LT(meanAbsDifference(*edited, *reloaded), 0.3);
  // The panel is drawn at the top right (the view there is sky in the other pictures).
  EXPECT_GT(meanAbsDifference(*reloaded, *panel), 2.0);

  // The drag moved the model along X only (the field's speed: 0.01 m a point; ImGui drops the
  // first few points of a drag) and did not turn the camera: 'left' is where it was.
  std::smatch dragged;
  ASSERT_EQ(count(log, "preview: saved the transform of 'right'"), 4) << log;
  const std::size_t fourthAt = log.rfind("preview: saved the transform of 'right'");
  const std::size_t thirdAt = log.rfind("preview: saved the transform of 'right'", fourthAt - 1);
  std::string third = log.substr(thirdAt, fourthAt - thirdAt);
  ASSERT_TRUE(std::regex_search(third, dragged, std::regex(R"(saved the transform of 'right' position \(([0-9.]+), 0\.90, -1\.50\) rotation \(10\.0, -15\.0, 20\.0\))")))
      << log;
  EXPECT_GT(std::stod(dragged[1]), 0.6);
  EXPECT_LT(std::stod(dragged[1]), 0.85);
  auto afterDrag = readPng(dir / "screenshot-0006.png");
  ASSERT_TRUE(afterDrag);
  EXPECT_LT(regionDifference(*reloaded, *afterDrag, {150, 110}, {300, 290}), 0.5);
  EXPECT_GT(meanAbsDifference(*reloaded, *afterDrag), 0.5);

  // The typed value: X is 1.25 exactly, the rest as it was; the typed digits went to the field
  // only (no POI was selected).
  EXPECT_NE(log.find("saved the transform of 'right' position (1.25, 0.90, -1.50) rotation (10.0, -15.0, 20.0)",
                     fourthAt), std::string::npos) << log;
  EXPECT_EQ(count(log, "preview: POI "), 0) << log;
}

}  // namespace
}  // namespace sc::test
