// The laser pointer presses the XR panel's buttons (engine/app/xr_face.hpp): Monado's remote
// driver (see xr_controllers_test.cpp) holds the right controller level, aimed at the panel's
// Pause button, and clicks the trigger once; the face turns that into a UI click and pauses the
// guided tour's director. Its own executable: Monado reads its configuration once per process.
#include <gtest/gtest.h>


#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <thread>

#include "app/xr_face.hpp"
#include "core/image_io.hpp"
#include "monado_env.hpp"
#include "remote_driven_run.hpp"
#include "xr/xr_command.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;


// The panel sits 1.4 m ahead of the eyes (1.6 m up), 0.35 m lower, 0.8 x 0.4 m for 512 x 256
// pixels: a level ray from (x, y) meets pixel ((0.5 + x / 0.8) * 512, (0.5 - (y - 1.25) / 0.4) * 256).
// The Pause button is drawn around pixel (155, 207).
WireData scripted(std::uint32_t k) {
  WireData d;
  d.header = wireHeader();
  d.head.center.y = 1.6f;
  for (WireController* c : {&d.left, &d.right}) {
    c->active = true;
    c->pose.z = -0.3f;
  }
  d.left.pose.x = -0.4f;
  d.left.pose.y = 0.8f;
  d.right.pose.x = (155.0f / 512.0f - 0.5f) * 0.8f;
  d.right.pose.y = 1.25f - (207.0f / 256.0f - 0.5f) * 0.4f;
  if (k >= 20 && k < 22) d.right.triggerClick = true, d.right.trigger = 1.0f;
  return d;
}

TEST(XrFacePointer, LaserAndTriggerPressThePanelsPauseButton) {
  std::string json = monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh";
  fs::path dir = freshDir("xr-face-pointer");
  useMonado(json, dir / "core_validation.txt");
  int port = useRemoteDriver(dir);

  xr::XrRequest request = quickRequest(44);
  request.validation = false;
  request.maxEyeWidth = 256;
  request.input = std::string(SC_SOURCE_DIR) + "/scenes/example/example.scene.json";
  request.readbackDir = dir.string();
  request.readbackFrame = 40;
  app::XrFace face(request.input);
  face.wire(request);
  // The remote controllers follow the script from the face's own hooks.
  auto driven = runWithRemoteControllers(request, port, scripted);
  auto& run = driven.run;
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_TRUE(driven.connected);
  EXPECT_TRUE(driven.layoutOk);
  EXPECT_FALSE(driven.sendFailed);
  ASSERT_EQ(run->sessions.size(), 1u);
  const auto& s = run->sessions[0];
  std::printf("laser on the panel for %u frames, last at (%.1f, %.1f); %u selects\n", s.panelPointerFrames,
              s.lastPanelPointer.x, s.lastPanelPointer.y, s.selects);
  EXPECT_EQ(s.selects, 1u);
  EXPECT_GE(s.panelPointerFrames, 20u);
  EXPECT_NEAR(s.lastPanelPointer.x, 155.0f, 8.0f);
  EXPECT_NEAR(s.lastPanelPointer.y, 207.0f, 8.0f);
  // The click reached the director: the tour is paused before the guide began to present (the
  // director runs on frame time, so on a loaded machine it may already be turning to the visitor).
  auto report = readReport(dir / "xr-face.txt");
  ASSERT_TRUE(report.count("paused")) << "no report in " << dir;
  EXPECT_EQ(report["paused"], "1") << "the Pause button was not pressed";
  EXPECT_TRUE(report["phase"] == "walk" || report["phase"] == "turn") << "phase " << report["phase"];
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
