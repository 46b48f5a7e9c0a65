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

}  // namespace
