// Shader hot reload in `shancheng preview` (Xvfb, lavapipe, validation layer): the preview
// watches a copy of shaders/; an edit to pbr.frag that tints every surface green is compiled at
// run time and the renderer rebuilds its pipelines (Renderer::reloadPipelines), so the next
// screenshot shows green surfaces; a broken pbr.frag is reported (log and error panel) while the
// window keeps running and the picture stays the last good one (around the panel, and all of it
// once the panel is closed).
#include "window_test_support.hpp"

namespace sc::test {
namespace {

// Copies of the example scene and of the GLSL sources (the preview edits neither original).
fs::path makeWorkspace(const std::string& name) {
  fs::path dir = outputDir(name);
  fs::create_directories(dir / "scene");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json", dir / "scene/example.scene.json");
  fs::copy_file(fs::path(SC_SOURCE_DIR) / "scenes/example/triangle.gltf", dir / "scene/triangle.gltf");
  fs::create_directories(dir / "shaders");
  for (const auto& entry : fs::directory_iterator(fs::path(SC_SOURCE_DIR) / "shaders")) {
    fs::copy_file(entry.path(), dir / "shaders" / entry.path().filename());
  }
  return dir;
}

bool greenDominant(const std::uint8_t* p) { return p[1] > p[0] + 20 && p[1] > p[2] + 20; }

TEST(PreviewShaderReload, AnEditedShaderChangesThePictureAndABrokenOneKeepsTheLastGood) {
  if (!canStartX()) GTEST_SKIP() << "no X server can be started";
  if (!haveTool("xdotool")) GTEST_SKIP() << "xdotool is not installed";
  if (!haveTool("glslc")) GTEST_SKIP() << "glslc is not installed (shaderc): no run-time shader compiler";
  fs::path dir = makeWorkspace("preview_shader_reload");
  fs::path script = dir / "drive.sh";
  std::ofstream(script) << R"SH(#!/bin/sh
exe="$1"; out="$2"; log="$out/log.txt"; frag="$out/shaders/pbr.frag"
"$exe" preview "$out/scene/example.scene.json" --shaders "$out/shaders" --validation --size 480x300 \
  --screenshot-dir "$out" > "$log" 2>&1 &
pid=$!
id=$(timeout 60 xdotool search --sync --onlyvisible --name '^Shancheng preview' | head -1)
if [ -z "$id" ]; then kill $pid; echo "no window appeared"; exit 90; fi
xdotool mousemove --window "$id" 5 5
waitlog() { i=0; while ! grep -q "$1" "$log" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
shot() { xdotool key F12; i=0; while [ ! -s "$out/screenshot-000$1.png" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; }
sleep 2; shot 1
sed -i 's|^  outColor = vec4(color \* baseColor.a, baseColor.a);.*|  outColor = vec4(color * vec3(0.0, 1.0, 0.0) * baseColor.a, baseColor.a);|' "$frag"
waitlog "shaders recompiled and applied: .*pbr.frag.spv"
sleep 1; shot 2
printf 'this is not GLSL\n' >> "$frag"
waitlog "shader pbr.frag.spv does not compile"
sleep 1.5; shot 3
kill -0 $pid && echo "alive after the broken shader" > "$out/alive.txt"
close=$(grep "its Close button at window point" "$log" | tail -1 | sed 's/.*window point (\([0-9-]*\), \([0-9-]*\)).*/\1 \2/')
xdotool mousemove --window "$id" $close; sleep 0.4; xdotool mousedown 1; sleep 0.3; xdotool mouseup 1
sleep 0.5; xdotool mousemove --window "$id" 5 5; sleep 1; shot 4
xdotool key Escape
wait $pid
)SH";
  RunResult run = runShell(std::string(kXvfb) + "sh " + script.string() + " " + SC_SHANCHENG_EXE + " " + dir.string());
  std::string log = readText(dir / "log.txt");
  EXPECT_EQ(run.exitCode, 0) << run.output << log;
  EXPECT_TRUE(fs::exists(dir / "alive.txt")) << log;
  // sed -i writes a temporary file beside pbr.frag, which the preview takes for an include: every
  // stage may be compiled again, pbr.frag among them.
  std::size_t applied = log.find("shaders recompiled and applied: ");
  ASSERT_NE(applied, std::string::npos) << log;
  EXPECT_NE(log.substr(applied, log.find('\n', applied) - applied).find("pbr.frag.spv"), std::string::npos) << log;
  EXPECT_NE(log.find("shader pbr.frag.spv does not compile"), std::string::npos) << log;
  EXPECT_EQ(log.find("validation layer reported"), std::string::npos) << log;
  auto before = readPng(dir / "screenshot-0001.png");
  auto tinted = readPng(dir / "screenshot-0002.png");
  auto kept = readPng(dir / "screenshot-0003.png");
  auto closed = readPng(dir / "screenshot-0004.png");
  ASSERT_TRUE(before && tinted && kept && closed) << log;
  ASSERT_EQ(before->width, tinted->width);
  ASSERT_EQ(before->height, tinted->height);

  // The surfaces pbr.frag shades changed, and to green; the sky (sky.frag) did not.
  std::size_t changed = 0, green = 0, greenBefore = 0;
  for (std::uint32_t y = 0; y < before->height; ++y) {
    for (std::uint32_t x = 0; x < before->width; ++x) {
      const std::uint8_t* a = before->at(x, y);
      const std::uint8_t* b = tinted->at(x, y);
      if (std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]) <= 30) continue;
      ++changed;
      green += greenDominant(b);
      greenBefore += greenDominant(a);
    }
  }
  std::size_t pixels = std::size_t(before->width) * before->height;
  EXPECT_GT(changed, pixels / 50) << "the shader edit did not change the picture";
  EXPECT_LT(changed, pixels * 9 / 10) << "more than the shaded surfaces changed";
  EXPECT_GT(green, changed * 9 / 10) << green << " of " << changed << " changed pixels are green";
  EXPECT_LT(greenBefore, changed / 10) << "the surfaces were green before the edit";

  // The broken shader: an error panel over the last good (green) picture.
  auto at = log.rfind("error panel at (");
  ASSERT_NE(at, std::string::npos) << log;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  ASSERT_EQ(std::sscanf(log.c_str() + at, "error panel at (%d, %d)-(%d, %d)", &x0, &y0, &x1, &y1), 4) << log;
  double outside = 0.0;
  std::size_t count = 0;
  for (std::uint32_t y = 0; y < kept->height; ++y) {
    for (std::uint32_t x = 0; x < kept->width; ++x) {
      if (int(x) >= x0 - 2 && int(x) <= x1 + 2 && int(y) >= y0 - 2 && int(y) <= y1 + 2) continue;
      for (int c = 0; c < 3; ++c) outside += std::abs(int(tinted->at(x, y)[c]) - int(kept->at(x, y)[c]));
      ++count;
    }
  }
  ASSERT_GT(count, pixels / 20) << "the panel covers almost everything";
  EXPECT_LT(outside / double(count * 3), 1.0) << "the picture around the panel is not the last good one";
  EXPECT_GT(meanAbsDifference(*tinted, *kept), 1.0) << "no error panel was drawn";
  // With the panel closed, the whole picture is the last good one (green surfaces included).
  EXPECT_LT(meanAbsDifference(*tinted, *closed), 1.0) << "after Close the picture is not the last good one";
}

}  // namespace
}  // namespace sc::test
