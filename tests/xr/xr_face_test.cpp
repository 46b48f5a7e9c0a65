// `shancheng xr` with the app's face (engine/app/xr_face.hpp) against Monado: the visitor stands
// on the scene's ground at the XR spawn point, and the world-space panel shows the guide's
// subtitles once the guide speaks (more text pixels than the panel before it speaks).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "core/image_io.hpp"
#include "monado_env.hpp"

namespace fs = std::filesystem;

namespace {

// The face's read-back report: "key value..." lines.
std::map<std::string, std::string> readReport(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto space = line.find(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

// Pixels bright and grey enough to be panel text (white/near-white glyphs on the dark card).
std::size_t textPixels(const sc::ImageRgba8& image) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
    int r = image.pixels[i], g = image.pixels[i + 1], b = image.pixels[i + 2];
    if (r > 170 && g > 170 && b > 150) ++n;
  }
  return n;
}

struct XrRun {
  int rc = -1;
  std::map<std::string, std::string> early, speaking;  // the face's reports
  std::size_t earlyText = 0, speakingText = 0;        // text pixels of its panels
};

// Runs a scene's tour in the simulated headset; the face writes its panel and report at
// frame `readbackFrame` and when the guide's first words reach the panel.
XrRun runXr(const fs::path& dir, const std::string& scene, unsigned frames, unsigned readbackFrame) {
  XrRun run;
  fs::create_directories(dir);
  std::string cmd = std::string("cd '") + SC_SOURCE_DIR + "' && '" + SC_SHANCHENG_EXE +
                    "' xr '" + scene + "' --no-fallback --no-validation --msaa 1"
                    " --max-eye-width 320 --shadow-map-size 512 --frames " + std::to_string(frames) +
                    " --readback-frame " + std::to_string(readbackFrame) + " --readback-dir '" + dir.string() +
                    "' > '" + (dir / "log.txt").string() + "' 2>&1";
  run.rc = std::system(cmd.c_str());
  run.early = readReport(dir / "xr-face.txt");
  run.speaking = readReport(dir / "xr-face-speaking.txt");
  if (auto panel = sc::readPng(dir / "xr-face-panel.png")) run.earlyText = textPixels(*panel);
  if (auto panel = sc::readPng(dir / "xr-face-panel-speaking.png")) run.speakingText = textPixels(*panel);
  return run;
}

}  // namespace

TEST(XrFace, VisitorOnTheGroundAndSubtitlesOnThePanel) {
  std::string json = sc::xrtest::monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built (tools/build-monado.sh)";
  fs::path dir = sc::xrtest::freshDir("xr-face");
  sc::xrtest::useMonado(json, dir / "xr-validation.txt");
  setenv("SC_VALIDATION", "0", 1);

  // The example tour walks for about 4 s of display time, then speaks: 160 frames reach it at
  // Monado's 10-20 Hz null-compositor pace.
  XrRun run = runXr(dir, "scenes/example/example.scene.json", SC_XR_FACE_FRAMES, 2);
  ASSERT_EQ(run.rc, 0) << "see " << (dir / "log.txt");

  // Frame 2: the visitor stands at spawn.xr (0, 0, 1) of the example scene, the eye a standing
  // height above the ground; the guide has not spoken yet.
  ASSERT_TRUE(run.early.count("eyeHeight")) << "no report; see " << (dir / "log.txt");
  double eyeHeight = std::stod(run.early["eyeHeight"]);
  EXPECT_GT(eyeHeight, 1.2) << "the visitor's eye is too low above the ground";
  EXPECT_LT(eyeHeight, 2.1) << "the visitor floats above the ground";
  EXPECT_EQ(run.early["spawn"], "0.000 0.000 1.000");
  EXPECT_EQ(run.early["subtitleRows"], "0");

  // Then the guide speaks: zh and en rows on the panel, drawn as text pixels.
  ASSERT_TRUE(run.speaking.count("subtitleRows")) << "the guide did not speak within " << SC_XR_FACE_FRAMES
                                                  << " frames; see " << (dir / "log.txt");
  EXPECT_EQ(run.speaking["subtitleRows"], "2");
  EXPECT_EQ(run.speaking["poi"], "marker");
  EXPECT_GT(run.earlyText, 500u) << "the panel before the guide speaks shows no card or controls";
  EXPECT_GT(run.speakingText, run.earlyText + 300) << "subtitle text is not on the panel (" << run.speakingText
                                                   << " text pixels vs " << run.earlyText << " before)";
  std::printf("eye height %.3f m; panel text pixels %zu before the guide speaks, %zu at frame %s while it speaks\n",
              eyeHeight, run.earlyText, run.speakingText, run.speaking["frame"].c_str());
  sc::xrtest::cleanUp(dir);
}

// A spawn point without height (y = 0) over raised ground: the visitor is put on the ground,
// not under it. The example scene with its triangle laid flat, 20 m wide, 0.8 m up, under the
// spawn point (0, 0, 1).
TEST(XrFace, SpawnWithoutHeightStandsOnTheGround) {
  std::string json = sc::xrtest::monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built (tools/build-monado.sh)";
  fs::path dir = sc::xrtest::freshDir("xr-face-raised");
  sc::xrtest::useMonado(json, dir / "xr-validation.txt");
  setenv("SC_VALIDATION", "0", 1);
  fs::path example = fs::path(SC_SOURCE_DIR) / "scenes" / "example";
  std::ifstream in(example / "example.scene.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string scene = text.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = scene.find(from);
    ASSERT_NE(at, std::string::npos) << from << " is no longer in the example scene";
    scene.replace(at, from.size(), to);
  };
  replace("\"contentRoots\": [\"../../assets\"]",
          "\"contentRoots\": [\"" + fs::relative(example, dir).generic_string() + "\", \"" +
              fs::relative(fs::path(SC_SOURCE_DIR) / "assets", dir).generic_string() + "\"]");
  replace("\"translation\": [0, 0, -3],", "\"translation\": [-5, 0.8, 10],");
  replace("\"rotationDegrees\": [0, 30, 0],", "\"rotationDegrees\": [-90, 0, 0],");
  replace("\"scale\": 2", "\"scale\": 20");
  replace("\"$schema\": \"../schema/scene.schema.json\",", "");
  std::ofstream(dir / "raised.scene.json") << scene;

  XrRun run = runXr(dir, (dir / "raised.scene.json").string(), 6, 4);
  ASSERT_EQ(run.rc, 0) << "see " << (dir / "log.txt");
  ASSERT_TRUE(run.early.count("eyeHeight")) << "no report; see " << (dir / "log.txt");
  EXPECT_EQ(run.early["spawn"], "0.000 0.800 1.000") << "the floor origin is not on the raised ground";
  EXPECT_EQ(run.early["ground"], "mesh");
  double eyeHeight = std::stod(run.early["eyeHeight"]);
  EXPECT_GT(eyeHeight, 1.2);
  EXPECT_LT(eyeHeight, 2.1);
  std::printf("raised ground: floor origin %s, eye %s, %.3f m above the ground\n", run.early["spawn"].c_str(),
              run.early["eye"].c_str(), eyeHeight);
  sc::xrtest::cleanUp(dir);
}
