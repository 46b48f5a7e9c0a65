#include "tour_test_scene.hpp"

#include <gtest/gtest.h>

#include "anim/humanoid.hpp"

namespace sc::tour::test {

namespace {

scene::PointOfInterest poi(std::string id, glm::vec3 anchor, glm::vec3 xrFeet, std::string zh, std::string en) {
  scene::PointOfInterest p;
  p.id = std::move(id);
  p.name = {p.id, p.id};
  p.anchor = anchor;
  p.xrView.position = xrFeet;
  p.desktopView.eye = xrFeet + glm::vec3(0.0f, 1.7f, 4.0f);
  p.desktopView.target = anchor;
  p.narration.shortText = {std::move(zh), std::move(en)};
  return p;
}

}  // namespace

std::shared_ptr<const scene::SceneDocument> makeTestScene() {
  auto doc = std::make_shared<scene::SceneDocument>();
  doc->title = {"测试", "Test"};
  doc->spawn.xr.position = {0.0f, 0.0f, 5.0f};
  doc->pois.push_back(poi("gate", {0.0f, 3.0f, -6.0f}, {0.0f, 0.0f, 0.0f}, "这是城门。", "This is the gate."));
  doc->pois.push_back(poi("tower", {8.0f, 6.0f, -4.0f}, {6.0f, 0.0f, 0.0f}, "这是塔。", "This is the tower."));
  doc->pois.push_back(poi("river", {-8.0f, 0.0f, 4.0f}, {-4.0f, 0.0f, 2.0f}, "这是江。", "This is the river."));
  doc->pois.push_back(poi("bell", {2.0f, 2.0f, 8.0f}, {2.0f, 0.0f, 6.0f}, "这是钟。", "This is the bell."));
  scene::Tour tour;
  tour.id = "walk";
  tour.title = {"散步", "A walk"};
  scene::TourStop a;
  a.poi = "gate";
  a.guideWaypoints = {{2.0f, 0.0f, 3.0f}, {1.5f, 0.0f, 0.0f}};
  a.gesture = scene::Gesture::Point;
  a.dwellSeconds = 1.0f;
  scene::TourStop b;
  b.poi = "tower";
  b.gesture = scene::Gesture::Wave;
  b.dwellSeconds = 0.5f;
  scene::TourStop c;
  c.poi = "river";
  c.guideWaypoints = {{-3.0f, 0.0f, 3.0f}};
  c.gesture = scene::Gesture::Present;
  c.dwellSeconds = 0.5f;
  tour.stops = {a, b, c};
  doc->tours.push_back(tour);
  return doc;
}

std::shared_ptr<const GuideAvatar> referenceAvatar() {
  static std::shared_ptr<const GuideAvatar> avatar = [] {
    auto a = makeGuideAvatar(anim::makeReferenceHumanoid());
    EXPECT_TRUE(a) << (a ? "" : a.error().message);
    return a ? std::make_shared<const GuideAvatar>(std::move(a.value())) : nullptr;
  }();
  return avatar;
}

std::unique_ptr<TourDirector> makeSilentDirector(TourDirectorOptions options) {
  options.synthesis = SynthesisMode::Inline;
  auto d = TourDirector::create(makeTestScene(), referenceAvatar(), nullptr, options);
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return d ? std::move(d.value()) : nullptr;
}

}  // namespace sc::tour::test
