// `shancheng xr` with the app's face (engine/app/xr_face.hpp) against Monado: the visitor stands
// on the scene's ground at the XR spawn point, and the world-space panel shows the guide's
// subtitles once the guide speaks (more text pixels than the panel before it speaks), and the
// stop's POI panorama surrounds the visitor while the guide presents it.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/image_io.hpp"
#include "monado_env.hpp"
#include "support/example_scene.hpp"

namespace fs = std::filesystem;

namespace {

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
  std::string cmd = std::string("cd '") + SC_SOURCE_DIR + "' && timeout 90 '" + SC_SHANCHENG_EXE +
                    "' xr '" + scene + "' --no-fallback --no-validation --msaa 1"
                    " --max-eye-width 320 --shadow-map-size 512 --frames " + std::to_string(frames) +
                    " --readback-frame " + std::to_string(readbackFrame) + " --readback-dir '" + dir.string() +
                    "' > '" + (dir / "log.txt").string() + "' 2>&1";
  // A stalled run (once seen here: no frame for 132 s under a loaded machine) fails the test
  // instead of hanging it: timeout's exit status 124.
  run.rc = std::system(cmd.c_str());
  run.early = sc::xrtest::readReport(dir / "xr-face.txt");
  run.speaking = sc::xrtest::readReport(dir / "xr-face-speaking.txt");
  if (auto panel = sc::readPng(dir / "xr-face-panel.png")) run.earlyText = textPixels(*panel);
  if (auto panel = sc::readPng(dir / "xr-face-panel-speaking.png")) run.speakingText = textPixels(*panel);
  return run;
}

}  // namespace

TEST(XrFace, OnTheGroundSubtitlesOnThePanelPanoramaAtTheStop) {
  std::string json = sc::xrtest::monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built (tools/build-monado.sh)";
  fs::path dir = sc::xrtest::freshDir("xr-face");
  sc::xrtest::useMonado(json, dir / "xr-validation.txt");
  setenv("SC_VALIDATION", "0", 1);

  // The example scene, its POI with a panorama (a 2:1 checker of green and magenta).
  ASSERT_TRUE(sc::test::writeCheckerPanorama(dir / "pano.png"));
  std::string scene = sc::test::writeExampleScene(dir, "pano.scene.json", {sc::test::examplePanoramaEdit("pano.png")});
  ASSERT_FALSE(scene.empty());

  // The example tour walks for about 4 s of display time, then speaks: 160 frames reach it at
  // Monado's 10-20 Hz null-compositor pace.
  XrRun run = runXr(dir, scene, SC_XR_FACE_FRAMES, 2);
  ASSERT_EQ(run.rc, 0) << "see " << (dir / "log.txt");

  // Frame 2: the visitor stands at spawn.xr (0, 0, 1) of the example scene, the eye a standing
  // height above the ground; the guide has not spoken yet.
  ASSERT_TRUE(run.early.count("eyeHeight")) << "no report; see " << (dir / "log.txt");
  double eyeHeight = std::stod(run.early["eyeHeight"]);
  EXPECT_GT(eyeHeight, 1.2) << "the visitor's eye is too low above the ground";
  EXPECT_LT(eyeHeight, 2.1) << "the visitor floats above the ground";
  EXPECT_EQ(run.early["spawn"], "0.000 0.000 1.000");
  EXPECT_EQ(run.early["subtitleRows"], "0");
  EXPECT_EQ(run.early["phase"], "walk");
  EXPECT_EQ(run.early["panorama"], "-") << "the stop's panorama shows while the guide walks";
  EXPECT_EQ(run.early["panoramaLayer"], "0");

  // Then the guide speaks: zh and en rows on the panel, drawn as text pixels.
  ASSERT_TRUE(run.speaking.count("subtitleRows")) << "the guide did not speak within " << SC_XR_FACE_FRAMES
                                                  << " frames; see " << (dir / "log.txt");
  EXPECT_EQ(run.speaking["subtitleRows"], "2");
  EXPECT_EQ(run.speaking["poi"], "marker");
  EXPECT_EQ(run.speaking["panorama"], "marker") << "the stop's panorama is not shown while it is presented";
  // Monado offers equirect2: the stop's panorama goes through the layer, under the eyes.
  EXPECT_EQ(run.speaking["panoramaLayer"], "1");
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
  std::string scene = sc::test::writeExampleScene(dir, "raised.scene.json",
                                                  {{"\"translation\": [0, 0, -3],", "\"translation\": [-5, 0.8, 10],"},
                                                   {"\"rotationDegrees\": [0, 30, 0],", "\"rotationDegrees\": [-90, 0, 0],"},
                                                   {"\"scale\": 2", "\"scale\": 20"}});
  ASSERT_FALSE(scene.empty());
  XrRun run = runXr(dir, scene, 6, 4);
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
