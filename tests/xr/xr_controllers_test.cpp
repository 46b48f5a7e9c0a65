// The locomotion wiring driven by real controllers of a real runtime: Monado's "remote" driver
// (an HMD and two Valve Index controllers whose state a client sends over TCP, the way Monado's
// own remote GUI drives them), null compositor, core validation, lavapipe. The test pushes the
// right thumbstick forward (arc), lets go (teleport), right and left (snap turns), clicks the
// trigger (select) and B (menu), then points level at the UI panel (laser pointer), frame by
// frame from the XR loop's per-frame hook.
//
// Its own executable: Monado reads its configuration (P_OVERRIDE_ACTIVE_CONFIG, the config
// file under XDG_CONFIG_HOME) once per process.
#include <gtest/gtest.h>


#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <thread>

#include "monado_env.hpp"
#include "monado_remote.hpp"
#include "xr/xr_command.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;


// The state to send on the visitor's k-th rendered frame.
WireData scripted(std::uint32_t k) {
  WireData d;
  d.header = wireHeader();
  d.head.center.y = 1.6f;
  for (WireController* c : {&d.left, &d.right}) {
    c->active = true;
    c->pose.y = 1.3f;
    c->pose.z = -0.3f;
    // Pointing ahead and 15 degrees down.
    c->pose.qx = std::sin(-0.5f * 0.2618f);
    c->pose.qw = std::cos(-0.5f * 0.2618f);
  }
  d.left.pose.x = -0.2f;
  d.right.pose.x = 0.2f;
  WireController& r = d.right;
  if (k >= 8 && k < 18) r.thumbstick[1] = 1.0f;  // forward: the arc
  // 18..25 released: teleport
  if (k >= 26 && k < 30) r.thumbstick[0] = 1.0f;  // right: one snap turn
  if (k >= 36 && k < 40) r.thumbstick[0] = -1.0f; // left: one back
  if (k >= 44 && k < 46) r.triggerClick = true, r.trigger = 1.0f;
  if (k >= 50 && k < 52) r.bClick = true;         // B: the tour menu
  if (k >= 54) {                                     // level: the laser meets the UI panel
    r.pose.qx = 0.0f;
    r.pose.qw = 1.0f;
  }
  return d;
}

TEST(XrControllers, ThumbstickTeleportsAndSnapTurnsTriggerSelectsBOpensTheMenu) {
  std::string json = monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh";
  ASSERT_TRUE(coreValidationInstalled()) << "apt-get install openxr-layer-corevalidation";
  fs::path dir = freshDir("controllers");
  fs::path validationFile = dir / "core_validation.txt";
  useMonado(json, validationFile);
  int port = useRemoteDriver(dir);

  xr::XrRequest request = quickRequest(66);
  request.maxEyeWidth = 256;  // the remote HMD recommends 1920x1080-sized eyes
  request.readbackDir = dir.string();
  request.readbackFrame = 15;  // while the stick is forward: the arc is drawn
  RemoteControllers remote;
  bool connected = false, sendFailed = false;
  std::uint32_t frame = 0;
  request.hooks.onStart = [&](render::Renderer&) {
    connected = remote.connect(port);
    if (connected) remote.send(scripted(0));
    return connected ? okStatus() : makeError("could not connect to Monado's remote driver on port {}", port);
  };
  request.hooks.onFrame = [&](render::Renderer&, const xr::XrFrameInfo&) {
    if (!remote.send(scripted(++frame))) sendFailed = true;
  };
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_TRUE(connected);
  EXPECT_TRUE(remote.layoutOk());
  EXPECT_FALSE(sendFailed);
  ASSERT_EQ(run->sessions.size(), 1u);
  const auto& s = run->sessions[0];
  std::printf("system %s; %u frames driven: %u arc frames, %u teleports, %u snap turns, %u selects, %u menu "
              "toggles; rig at (%.2f, %.2f, %.2f) yaw %.1f deg\n",
              run->system.c_str(), frame, s.arcFrames, s.teleports, s.snapTurns, s.selects, s.menuToggles,
              s.finalRigOrigin.x, s.finalRigOrigin.y, s.finalRigOrigin.z, s.finalRigYaw * 57.2958f);
  EXPECT_EQ(s.highestState, xr::SessionState::Focused);
  EXPECT_GE(s.arcFrames, 5u);
  EXPECT_EQ(s.teleports, 1u);
  EXPECT_EQ(s.snapTurns, 2u);
  EXPECT_EQ(s.selects, 1u);
  EXPECT_EQ(s.menuToggles, 1u);
  // The right controller at x = 0.2 m pointing level ahead meets the panel (0.8 m wide, 1.4 m
  // ahead, 1.25 m high) at u = 0.75, v = 0.375: pixel (384, 96) of 512 x 256.
  std::printf("laser on the panel for %u frames, last at (%.1f, %.1f)\n", s.panelPointerFrames, s.lastPanelPointer.x,
              s.lastPanelPointer.y);
  EXPECT_GE(s.panelPointerFrames, 3u);
  EXPECT_NEAR(s.lastPanelPointer.x, 384.0f, 8.0f);
  EXPECT_NEAR(s.lastPanelPointer.y, 96.0f, 8.0f);
  // The builtin content's spawn (2.4, 0, 4.3) faces (-0.2, 1, 0): the teleport went that way,
  // a metre or more, and the two turns cancelled out.
  glm::vec2 moved(s.finalRigOrigin.x - 2.4f, s.finalRigOrigin.z - 4.3f);
  EXPECT_GT(glm::length(moved), 1.0f);
  EXPECT_GT(glm::dot(glm::normalize(moved), glm::normalize(glm::vec2(-2.6f, -4.3f))), 0.8f);
  float initialYaw = std::atan2(2.6f, 4.3f);
  EXPECT_NEAR(s.finalRigYaw, initialYaw, 1e-3f);
  // The arc and its landing disc as the visitor sees them: cyan (valid) pixels in the eyes.
  for (const auto& file : filesEndingIn(run->readbackFiles, "-left.png")) {
    auto eye = readPng(file);
    ASSERT_TRUE(eye.ok());
    std::size_t cyan = 0;
    for (std::size_t i = 0; i < eye->pixels.size(); i += 4)
      if (eye->pixels[i] < 110 && eye->pixels[i + 1] > 150 && eye->pixels[i + 2] > 170) ++cyan;
    std::printf("%s: %zu cyan arc pixels\n", file.c_str(), cyan);
    EXPECT_GT(cyan, 30u) << file;
  }
  EXPECT_EQ(run->vulkanValidationErrors, 0u);
  EXPECT_EQ(run->xrValidationErrors, 0u);
  for (const auto& e : readValidationLog(validationFile).errors) ADD_FAILURE() << "OpenXR core validation: " << e;
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
