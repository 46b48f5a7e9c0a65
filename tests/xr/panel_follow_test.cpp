// Lazy gaze following of UI panels, without a runtime.
#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

#include "xr/panel_follow.hpp"

namespace {

using namespace sc::xr;

Pose headLooking(float yawDegrees, glm::vec3 position = {0.0f, 1.6f, 0.0f}) {
  Pose head;
  head.position = position;
  head.orientation = glm::angleAxis(glm::radians(yawDegrees), glm::vec3(0, 1, 0));
  return head;
}

TEST(PanelFollow, StartsInFrontFacingTheHeadAndIgnoresSmallGlances) {
  PanelFollow follow;
  Pose panel = follow.update(headLooking(0.0f), 0.016);
  EXPECT_NEAR(panel.position.z, -1.4f, 1e-5f);
  EXPECT_NEAR(panel.position.y, 1.6f - 0.35f, 1e-5f);
  glm::vec3 facing = panel.orientation * glm::vec3(0, 0, 1);
  EXPECT_NEAR(glm::dot(facing, glm::vec3(0, 0, 1)), 1.0f, 1e-5f);  // +Z towards the head
  for (int i = 0; i < 60; ++i) panel = follow.update(headLooking(20.0f), 0.016);  // a glance
  EXPECT_NEAR(panel.position.z, -1.4f, 1e-5f);
  EXPECT_FALSE(follow.gliding());
}

TEST(PanelFollow, GlidesAfterTheGazeLeavesAndSettlesInFront) {
  PanelFollow follow;
  follow.update(headLooking(0.0f), 0.016);
  Pose panel = follow.update(headLooking(90.0f), 0.016);  // looked left (yaw +90: -Z -> -X)
  EXPECT_TRUE(follow.gliding());
  EXPECT_GT(panel.position.z, -1.4f - 1e-5f);
  EXPECT_GT(panel.position.x, -0.3f);  // not there yet: no jump
  for (int i = 0; i < 60; ++i) panel = follow.update(headLooking(90.0f), 0.016);  // ~1 s
  EXPECT_FALSE(follow.gliding());
  EXPECT_NEAR(panel.position.x, -1.4f, 1e-3f);
  EXPECT_NEAR(panel.position.z, 0.0f, 1e-3f);
  glm::vec3 facing = panel.orientation * glm::vec3(0, 0, 1);
  EXPECT_NEAR(facing.x, 1.0f, 1e-3f);  // towards the head at the origin
}

TEST(PanelFollow, FollowsWhenTheVisitorWalksAway) {
  PanelFollow follow;
  follow.update(headLooking(0.0f), 0.016);
  Pose panel;
  for (int i = 0; i < 90; ++i) panel = follow.update(headLooking(0.0f, {2.0f, 1.6f, 0.0f}), 0.016);
  EXPECT_NEAR(panel.position.x, 2.0f, 1e-3f);
}

TEST(PanelFollow, LaserPointerHitsThePanelInUiCoordinates) {
  Pose panel;  // at (0, 1.2, -1.4), facing +Z (the visitor at the origin)
  panel.position = {0.0f, 1.2f, -1.4f};
  glm::vec2 size(0.8f, 0.4f);
  float distance = 0.0f;
  auto centre = pointOnPanel({0.0f, 1.2f, 0.0f}, {0.0f, 0.0f, -2.0f}, panel, size, &distance);
  ASSERT_TRUE(centre);
  EXPECT_NEAR(centre->x, 0.5f, 1e-5f);
  EXPECT_NEAR(centre->y, 0.5f, 1e-5f);
  EXPECT_NEAR(distance, 1.4f, 1e-5f);
  // Up and to the right of the centre: u grows to the right, v grows downwards (UI pixels).
  auto upperRight = pointOnPanel({0.3f, 1.35f, 0.0f}, {0.0f, 0.0f, -1.0f}, panel, size);
  ASSERT_TRUE(upperRight);
  EXPECT_NEAR(upperRight->x, 0.5f + 0.3f / 0.8f, 1e-5f);
  EXPECT_NEAR(upperRight->y, 0.5f - 0.15f / 0.4f, 1e-5f);
  EXPECT_FALSE(pointOnPanel({0.5f, 1.2f, 0.0f}, {0.0f, 0.0f, -1.0f}, panel, size));  // beside it
  EXPECT_FALSE(pointOnPanel({0.0f, 1.2f, 0.0f}, {0.0f, 0.0f, 1.0f}, panel, size));   // away from it
  EXPECT_FALSE(pointOnPanel({0.0f, 1.2f, -2.0f}, {0.0f, 0.0f, 1.0f}, panel, size));  // from behind
  // A turned panel (the follow's pose after the visitor looked left).
  PanelFollow follow;
  follow.update(headLooking(90.0f), 0.016);
  auto side = pointOnPanel({0.0f, 1.25f, 0.0f}, {-1.0f, 0.0f, 0.0f}, follow.pose(), size);
  ASSERT_TRUE(side);
  EXPECT_NEAR(side->x, 0.5f, 1e-4f);
}

}  // namespace
