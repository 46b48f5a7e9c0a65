// Checks on the shipped scenes (scenes/*/*.scene.json), not on the parser: the files are found
// when the test runs, so every scene added later is checked the same way.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <glm/geometric.hpp>
#include <gtest/gtest.h>

#include "scene/scene_loader.hpp"

namespace {

namespace fs = std::filesystem;
using sc::scene::LoadedScene;
using sc::scene::SceneDocument;

const fs::path kScenes = fs::path(SC_SOURCE_DIR) / "scenes";

std::vector<fs::path> sceneFiles(bool landmarksOnly) {
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(kScenes)) {
    if (!dir.is_directory()) continue;
    const std::string name = dir.path().filename().string();
    if (landmarksOnly && (name == "example" || name == "hub" || name == "schema")) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      const std::string file = f.path().filename().string();
      if (file.size() > 11 && file.ends_with(".scene.json")) files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Loads a scene and fails the current test with every diagnostic when it is not clean.
std::optional<LoadedScene> loadClean(const fs::path& file) {
  sc::scene::ValidationReport report;
  auto loaded = sc::scene::loadSceneDocument(file, {}, report);
  EXPECT_EQ(report.errorCount(), 0u) << report.format();
  EXPECT_EQ(report.warningCount(), 0u) << report.format();
  if (!loaded) return std::nullopt;
  return std::move(loaded.value());
}

float angleDeg(glm::vec3 a, glm::vec3 b) {
  float c = glm::dot(glm::normalize(a), glm::normalize(b));
  return glm::degrees(std::acos(std::clamp(c, -1.0f, 1.0f)));
}

TEST(SceneContent, FindsTheLandmarkScenesAndTheHub) {
  const auto landmarks = sceneFiles(true);
  EXPECT_GE(landmarks.size(), 7u) << "expected a scene for each of the seven landmarks";
  EXPECT_TRUE(fs::exists(kScenes / "hub" / "hub.scene.json"));
}

TEST(SceneContent, EverySceneValidatesWithoutErrorsOrWarnings) {
  const auto files = sceneFiles(false);
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    sc::scene::ValidationReport report = sc::scene::validateSceneFile(file, std::vector<fs::path>{});
    EXPECT_EQ(report.errorCount(), 0u) << report.format();
    EXPECT_EQ(report.warningCount(), 0u) << report.format();
  }
}

TEST(SceneContent, EveryTourStopNamesAPoiOfItsScene) {
  for (const auto& file : sceneFiles(false)) {
    SCOPED_TRACE(file.string());
    auto scene = loadClean(file);
    ASSERT_TRUE(scene.has_value());
    for (const auto& tour : scene->doc.tours) {
      for (const auto& stop : tour.stops) {
        EXPECT_NE(scene->doc.findPoi(stop.poi), nullptr) << "tour " << tour.id << " stops at unknown POI " << stop.poi;
      }
    }
    if (scene->doc.kiosk) {
      EXPECT_NE(scene->doc.findTour(scene->doc.kiosk->attractTour), nullptr);
    }
  }
}

TEST(SceneContent, EveryPoiSpeaksBothLanguages) {
  for (const auto& file : sceneFiles(false)) {
    SCOPED_TRACE(file.string());
    auto scene = loadClean(file);
    ASSERT_TRUE(scene.has_value());
    for (const auto& poi : scene->doc.pois) {
      SCOPED_TRACE(poi.id);
      EXPECT_FALSE(poi.name.zh.empty());
      EXPECT_FALSE(poi.name.en.empty());
      EXPECT_FALSE(poi.narration.shortText.zh.empty());
      EXPECT_FALSE(poi.narration.shortText.en.empty());
      // Long narration is optional, but never in one language only.
      EXPECT_EQ(poi.narration.longText.zh.empty(), poi.narration.longText.en.empty());
      // The Chinese text is Chinese: at least one byte outside ASCII (a CJK character).
      EXPECT_TRUE(std::any_of(poi.narration.shortText.zh.begin(), poi.narration.shortText.zh.end(),
                              [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
          << poi.narration.shortText.zh;
    }
  }
}

// What the issue asks of a landmark visit: five or more POIs with long narration, a guided
// tour through them, a kiosk attract tour, and the guide's voices.
TEST(SceneContent, LandmarkScenesAreCompleteVisits) {
  for (const auto& file : sceneFiles(true)) {
    SCOPED_TRACE(file.string());
    auto scene = loadClean(file);
    ASSERT_TRUE(scene.has_value());
    const SceneDocument& doc = scene->doc;
    EXPECT_GE(doc.pois.size(), 5u);
    for (const auto& poi : doc.pois) EXPECT_FALSE(poi.narration.longText.en.empty()) << poi.id;
    ASSERT_FALSE(doc.tours.empty());
    std::set<std::string> visited;
    for (const auto& stop : doc.tours.front().stops) {
      visited.insert(stop.poi);
      EXPECT_FALSE(stop.guideWaypoints.empty()) << stop.poi;
    }
    EXPECT_EQ(visited.size(), doc.pois.size()) << "the first tour should visit every POI";
    ASSERT_TRUE(doc.kiosk.has_value());
    ASSERT_TRUE(doc.guide.has_value());
    EXPECT_EQ(doc.guide->voices.zh, "cmn-latn-pinyin");
    EXPECT_EQ(doc.guide->voices.en, "en-us");
    EXPECT_FALSE(doc.guide->pinyinLexicon.empty());
  }
}

// A viewpoint that does not look at its POI shows the visitor the wrong thing.
TEST(SceneContent, ViewpointsFaceTheirPoi) {
  for (const auto& file : sceneFiles(false)) {
    SCOPED_TRACE(file.string());
    auto scene = loadClean(file);
    ASSERT_TRUE(scene.has_value());
    for (const auto& poi : scene->doc.pois) {
      SCOPED_TRACE(poi.id);
      const auto& view = poi.desktopView;
      // The anchor is inside the desktop camera's view cone (about 60 degrees across).
      EXPECT_LT(angleDeg(view.target - view.eye, poi.anchor - view.eye), 30.0f);
      // The headset user faces the anchor (yaw 0 looks towards -Z, 90 towards -X).
      const float yaw = glm::radians(poi.xrView.yawDeg);
      const glm::vec3 forward{-std::sin(yaw), 0.0f, -std::cos(yaw)};
      glm::vec3 toAnchor = poi.anchor - poi.xrView.position;
      toAnchor.y = 0.0f;
      if (glm::length(toAnchor) > 0.5f) {
        EXPECT_LT(angleDeg(forward, toAnchor), 45.0f);
      }
    }
  }
}

}  // namespace
