// The headset's POI pick (app/poi_ray_pick.hpp) with synthetic anchors: what a laser aimed from
// a hand hits, misses, prefers, and what the panel and walls in front of it take away.
#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "app/poi_ray_pick.hpp"

namespace {

using sc::app::pickPoiAlongRay;
using sc::app::PoiRayPickOptions;
using sc::app::PoiRayTarget;

const glm::vec3 kHand{0.2f, 1.3f, 0.0f};

TEST(PoiRayPick, AimedAtAnAnchorHitsIt) {
  std::vector<glm::vec3> anchors = {{3.0f, 1.0f, -4.0f}, {0.2f, 2.3f, -5.0f}};
  auto pick = pickPoiAlongRay(kHand, anchors[1] - kHand, anchors);
  EXPECT_EQ(pick.target, PoiRayTarget::Poi);
  EXPECT_EQ(pick.poi, 1);
  EXPECT_NEAR(pick.distance, glm::length(anchors[1] - kHand), 1e-4f);
  // Slightly off (0.2 m beside it at 5 m, inside the 0.35 m sphere): still that POI.
  auto near = pickPoiAlongRay(kHand, anchors[1] + glm::vec3(0.2f, 0.0f, 0.0f) - kHand, anchors);
  EXPECT_EQ(near.poi, 1);
}

TEST(PoiRayPick, AimedAwayMissesEverything) {
  std::vector<glm::vec3> anchors = {{3.0f, 1.0f, -4.0f}, {0.2f, 2.3f, -5.0f}};
  auto pick = pickPoiAlongRay(kHand, {-1.0f, 0.0f, 0.0f}, anchors);
  EXPECT_EQ(pick.target, PoiRayTarget::None);
  EXPECT_EQ(pick.poi, -1);
  // 0.6 m beside an anchor 5 m away: outside both the sphere and the 2 degree tolerance.
  auto beside = pickPoiAlongRay(kHand, anchors[1] + glm::vec3(0.6f, 0.0f, 0.0f) - kHand, anchors);
  EXPECT_EQ(beside.target, PoiRayTarget::None);
  // Nothing to aim at, or no direction.
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, std::span<const glm::vec3>()).target, PoiRayTarget::None);
  EXPECT_EQ(pickPoiAlongRay(kHand, glm::vec3(0.0f), anchors).target, PoiRayTarget::None);
}

TEST(PoiRayPick, NearestOfTwoOnTheRayWins) {
  // Both on the laser's line, the farther one listed first.
  std::vector<glm::vec3> anchors = {{0.2f, 1.3f, -12.0f}, {0.2f, 1.3f, -6.0f}};
  auto pick = pickPoiAlongRay(kHand, {0, 0, -1}, anchors);
  EXPECT_EQ(pick.poi, 1);
  EXPECT_NEAR(pick.distance, 6.0f, 1e-4f);
  // Overlapping spheres: the anchor nearer along the ray wins even when the ray passes closer
  // to the other one's centre.
  std::vector<glm::vec3> overlapping = {{0.2f, 1.3f, -6.4f}, {0.5f, 1.3f, -6.0f}};
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, overlapping).poi, 1);
}

TEST(PoiRayPick, BehindTheOriginIsNeverHit) {
  std::vector<glm::vec3> anchors = {{0.2f, 1.3f, 3.0f}};
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, anchors).target, PoiRayTarget::None);
  // The same anchor ahead when the hand turns round.
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, 1}, anchors).poi, 0);
  // Within its sphere radius of the hand but behind: pointing away does not pick it.
  std::vector<glm::vec3> atHand = {kHand + glm::vec3(0.0f, 0.0f, 0.2f)};
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, atHand).target, PoiRayTarget::None);
}

TEST(PoiRayPick, ThePanelInFrontTakesTheClick) {
  std::vector<glm::vec3> anchors = {{0.2f, 1.3f, -6.0f}};
  // The panel 1.4 m along the laser, the POI 6 m behind it: the panel.
  auto panel = pickPoiAlongRay(kHand, {0, 0, -1}, anchors, {}, 1.4f);
  EXPECT_EQ(panel.target, PoiRayTarget::Panel);
  EXPECT_EQ(panel.poi, -1);
  EXPECT_NEAR(panel.distance, 1.4f, 1e-6f);
  // A POI nearer than the panel keeps it; the panel alone is the panel.
  std::vector<glm::vec3> close = {{0.2f, 1.3f, -0.8f}};
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, close, {}, 1.4f).target, PoiRayTarget::Poi);
  EXPECT_EQ(pickPoiAlongRay(kHand, {1, 0, 0}, anchors, {}, 1.4f).target, PoiRayTarget::Panel);
}

TEST(PoiRayPick, AWallInFrontHidesThePoi) {
  std::vector<glm::vec3> anchors = {{0.2f, 1.3f, -6.0f}, {0.2f, 1.3f, -2.0f}};
  // A wall at 4 m: the POI behind it is hidden, the one before it is not.
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, std::span(anchors).first(1), {}, std::nullopt, 4.0f).target,
            PoiRayTarget::None);
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, anchors, {}, std::nullopt, 4.0f).poi, 1);
}

TEST(PoiRayPick, ToleranceGrowsWithDistance) {
  PoiRayPickOptions options;
  options.radius = 0.35f;
  options.angularToleranceDeg = 2.0f;
  // 1.5 m beside an anchor 60 m away is 1.43 degrees off: hit; 3 m beside (2.9 degrees): miss.
  std::vector<glm::vec3> far = {kHand + glm::vec3(0.0f, 0.0f, -60.0f)};
  EXPECT_EQ(pickPoiAlongRay(kHand, glm::vec3(1.5f, 0.0f, -60.0f), far, options).poi, 0);
  EXPECT_EQ(pickPoiAlongRay(kHand, glm::vec3(3.0f, 0.0f, -60.0f), far, options).target, PoiRayTarget::None);
  EXPECT_NEAR(sc::app::poiPickRadius(2.0f, options), 0.35f, 1e-6f);
  // Beyond maxDistance: not hit.
  options.maxDistance = 50.0f;
  EXPECT_EQ(pickPoiAlongRay(kHand, {0, 0, -1}, far, options).target, PoiRayTarget::None);
}

}  // namespace
