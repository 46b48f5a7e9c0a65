// Picking a point of interest in the world with the laser (engine/app/xr_face.hpp,
// app/poi_ray_pick.hpp): Monado's remote driver (see xr_face_pointer_test.cpp) first points the
// right controller away from every POI and clicks the trigger (nothing is picked), then aims it
// at a second POI of the example scene, a lantern up and to the right, and clicks again: the POI
// is selected and the guide leaves its tour stop for it (a detour to that POI). Both eyes of a
// frame after the pick are read back: the laser reaches the lantern's marker, drawn enlarged, and
// is cut to end there.
// Its own executable: Monado reads its configuration once per process.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/xr_face.hpp"
#include "core/image_io.hpp"
#include "monado_env.hpp"
#include "remote_driven_run.hpp"
#include "support/example_scene.hpp"
#include "xr/xr_command.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;

// The example scene's XR spawn (0, 0, 1) facing -Z on flat ground: the tracking space's floor
// origin is there, unturned, so a controller at tracking p is at world kSpawn + p.
const glm::vec3 kSpawn{0.0f, 0.0f, 1.0f};
// The added POI: at the example's lantern light, above the panel's top edge seen from the hand.
const glm::vec3 kLantern{1.0f, 2.5f, -2.0f};
const glm::vec3 kHand{0.25f, 1.5f, -0.3f};  // tracking space, above the panel (top edge 1.45 m)
constexpr std::uint32_t kAimAt = 18;         // frames before: pointing left, away from every POI
constexpr std::uint32_t kFirstClick = 8, kSecondClick = 30;
constexpr std::uint32_t kFrames = 56, kReadback = 48;

// The orientation that turns the aim pose's forward (-Z) to `dir`: pitch about X, then yaw
// about Y.
WirePose aimAlong(const glm::vec3& position, const glm::vec3& dir) {
  glm::vec3 d = glm::normalize(dir);
  float yaw = std::atan2(-d.x, -d.z);
  float pitch = std::asin(d.y);
  glm::quat q = glm::angleAxis(yaw, glm::vec3(0, 1, 0)) * glm::angleAxis(pitch, glm::vec3(1, 0, 0));
  WirePose p;
  p.qx = q.x, p.qy = q.y, p.qz = q.z, p.qw = q.w;
  p.x = position.x, p.y = position.y, p.z = position.z;
  return p;
}

WireData scripted(std::uint32_t k) {
  WireData d;
  d.header = wireHeader();
  d.head.center.y = 1.6f;
  d.left.active = d.right.active = true;
  d.left.pose.x = -0.4f, d.left.pose.y = 0.8f, d.left.pose.z = -0.3f;
  glm::vec3 aim = k < kAimAt ? glm::vec3(-1.0f, 0.0f, 0.0f) : kLantern - (kSpawn + kHand);
  d.right.pose = aimAlong(kHand, aim);
  bool click = k == kFirstClick || k == kFirstClick + 1 || k == kSecondClick || k == kSecondClick + 1;
  if (click) d.right.triggerClick = true, d.right.trigger = 1.0f;
  return d;
}

// The example scene in `dir` with a second POI, "lantern", that no tour stop visits.
std::string sceneWithLantern(const fs::path& dir) {
  std::string lantern = fmt::format(
      "    }},\n    {{\n      \"id\": \"lantern\",\n"
      "      \"name\": {{ \"zh-CN\": \"灯笼\", \"en\": \"The lantern\" }},\n"
      "      \"narration\": {{ \"zh-CN\": {{ \"short\": \"这是一盏灯笼。\" }}, \"en\": {{ \"short\": \"This is a lantern.\" }} }},\n"
      "      \"anchor\": [{}, {}, {}],\n"
      "      \"viewpoints\": {{\n        \"desktop\": {{ \"eye\": [0, 1.6, 1], \"target\": [1, 2.5, -2] }},\n"
      "        \"xr\": {{ \"position\": [0, 0, 0], \"yawDeg\": 0 }}\n      }}\n    }}\n  ],\n  \"tours\": [",
      kLantern.x, kLantern.y, kLantern.z);
  return sc::test::writeExampleScene(dir, "lantern.scene.json", {{"    }\n  ],\n  \"tours\": [", lantern}});
}

// The lantern's marker in a read-back eye: the pale gold pixels in the sky (the top 40 % of
// rows: the lantern is up and ahead, nothing else there is that colour; stars are white), and
// the laser's near-white pixels near it.
struct MarkerInEye {
  std::size_t pixels = 0;
  int minX = 1 << 30, maxX = -1, minY = 1 << 30, maxY = -1;
  std::size_t beamBelowRight = 0;  // beam pixels within 20 px below or right of the marker
  std::size_t beamBeyond = 0;      // beam line pixels in the 12 rows above the marker (past it)
};

MarkerInEye findMarker(const ImageRgba8& image) {
  MarkerInEye m;
  auto markerColour = [](const std::uint8_t* p) { return p[0] > 220 && p[1] > 210 && p[2] > 150 && p[2] < 215; };
  auto beamColour = [](const std::uint8_t* p) {
    return p[0] > 225 && p[1] > 225 && p[2] > 225 && std::abs(int(p[0]) - int(p[2])) < 20;
  };
  for (std::uint32_t y = 0; y < image.height * 2 / 5; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x)
      if (markerColour(image.at(x, y))) {
        ++m.pixels;
        m.minX = std::min(m.minX, int(x)), m.maxX = std::max(m.maxX, int(x));
        m.minY = std::min(m.minY, int(y)), m.maxY = std::max(m.maxY, int(y));
      }
  if (m.pixels == 0) return m;
  for (int y = std::max(0, m.minY - 12); y < std::min(int(image.height), m.maxY + 20); ++y)
    for (int x = m.minX; x < std::min(int(image.width), m.maxX + 20); ++x) {
      if (!beamColour(image.at(std::uint32_t(x), std::uint32_t(y)))) continue;
      // Past the marker the beam would be a line; a star is a lone pixel.
      bool line = false;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          int nx = x + dx, ny = y + dy;
          if ((dx || dy) && nx >= 0 && ny >= 0 && nx < int(image.width) && ny < int(image.height))
            line = line || beamColour(image.at(std::uint32_t(nx), std::uint32_t(ny)));
        }
      if (y < m.minY && x <= m.maxX && line) ++m.beamBeyond;
      else if (y > (m.minY + m.maxY) / 2) ++m.beamBelowRight;
    }
  return m;
}

std::vector<std::map<std::string, std::string>> readClicks(const fs::path& file) {
  std::vector<std::map<std::string, std::string>> clicks;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::map<std::string, std::string> click;
    std::string key, value;
    while (words >> key >> value) click[key] = value;
    clicks.push_back(click);
  }
  return clicks;
}

TEST(XrFacePoiPick, LaserAndTriggerPickAPoiInTheWorld) {
  std::string json = monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh";
  fs::path dir = freshDir("xr-face-poi-pick");
  useMonado(json, dir / "core_validation.txt");
  int port = useRemoteDriver(dir);

  xr::XrRequest request = quickRequest(kFrames);
  request.validation = false;
  request.maxEyeWidth = 256;
  request.input = sceneWithLantern(dir);
  ASSERT_FALSE(request.input.empty());
  request.readbackDir = dir.string();
  request.readbackFrame = kReadback;
  app::XrFace face(request.input);
  face.wire(request);
  auto driven = runWithRemoteControllers(request, port, scripted);
  auto& run = driven.run;
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_TRUE(driven.connected);
  EXPECT_TRUE(driven.layoutOk);
  EXPECT_FALSE(driven.sendFailed);
  ASSERT_EQ(run->sessions.size(), 1u);
  EXPECT_EQ(run->sessions[0].selects, 2u);

  // The first click pointed away: nothing picked, the tour went on; the second picked the lantern.
  auto clicks = readClicks(dir / "xr-face-clicks.txt");
  ASSERT_EQ(clicks.size(), 2u) << "see " << dir;
  EXPECT_EQ(clicks[0]["aimed"], "-");
  EXPECT_EQ(clicks[0]["selected"], "-") << "a click aimed away picked a POI";
  EXPECT_EQ(clicks[0]["panel"], "0");
  EXPECT_EQ(clicks[1]["aimed"], "lantern");
  EXPECT_EQ(clicks[1]["selected"], "lantern");

  // After the pick: the laser still on the lantern, the guide's destination is the lantern (a
  // detour, not the tour's stop "marker"), its card on the panel.
  auto report = readReport(dir / "xr-face.txt");
  ASSERT_TRUE(report.count("selected")) << "no report in " << dir;
  std::printf("laser %s; aimed %s, selected %s, guide on the way to %s (detour %s, phase %s) at %s\n",
              report["laser"].c_str(), report["aimed"].c_str(), report["selected"].c_str(), report["poi"].c_str(),
              report["detour"].c_str(), report["phase"].c_str(), report["guide"].c_str());
  EXPECT_EQ(report["selected"], "lantern");
  EXPECT_EQ(report["aimed"], "lantern");
  EXPECT_EQ(report["poi"], "lantern") << "the guide does not go to the picked POI";
  EXPECT_EQ(report["detour"], "1");
  EXPECT_EQ(report["paused"], "0") << "the click went to the panel";
  ASSERT_TRUE(report.count("laserStop"));
  float stop = std::stof(report["laserStop"]);
  glm::vec3 hand = kSpawn + kHand;
  EXPECT_NEAR(stop, glm::dot(kLantern - hand, glm::normalize(kLantern - hand)), 0.1f)
      << "the laser does not end at the marker";

  // Both eyes read back after the pick, with the laser reaching up to the lantern's marker.
  auto left = filesEndingIn(run->readbackFiles, "-left.png");
  ASSERT_FALSE(left.empty());
  auto eye = readPng(left.back());
  ASSERT_TRUE(eye.ok()) << eye.error().message;
  EXPECT_GT(describe(*eye).variedShare, 0.05);
  MarkerInEye marker = findMarker(*eye);
  std::printf("lantern marker: %zu pixels in x %d-%d, y %d-%d; laser pixels %zu reaching it, %zu past it\n",
              marker.pixels, marker.minX, marker.maxX, marker.minY, marker.maxY, marker.beamBelowRight,
              marker.beamBeyond);
  // Aimed at, the marker is drawn 1.6 times its size (about 300 pixels here; 115 expected
  // unhighlighted), the laser comes up to it from the hand below right and stops there.
  EXPECT_GT(marker.pixels, 200u) << "the aimed marker is not highlighted; see " << left.back();
  EXPECT_LT(marker.maxX - marker.minX, 60) << "more than the marker is gold in the sky";
  EXPECT_GE(marker.beamBelowRight, 3u) << "the laser does not reach the marker";
  // Seen from the eye the laser runs almost straight away from it here, so where it ends is
  // hidden behind the marker: the length handed to engine/xr is checked in the report instead.
  EXPECT_EQ(marker.beamBeyond, 0u);
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
