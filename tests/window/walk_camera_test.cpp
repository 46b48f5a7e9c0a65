// The walk camera and the scene collider on hand-made geometry: a floor, a wall, a step, a
// ramp, a ledge. Pure math, no window.
#include <cmath>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include "platform/pointer_gestures.hpp"
#include "platform/scene_collider.hpp"
#include "platform/screen_pick.hpp"
#include "platform/walk_camera.hpp"
#include "render/camera.hpp"
#include "render/procedural_shapes.hpp"

namespace sc::platform {
namespace {

// Adds an axis-aligned box (12 triangles) from min to max.
void addBox(SceneCollider& collider, glm::vec3 min, glm::vec3 max) {
  std::vector<glm::vec3> p = {{min.x, min.y, min.z}, {max.x, min.y, min.z}, {max.x, max.y, min.z}, {min.x, max.y, min.z},
                              {min.x, min.y, max.z}, {max.x, min.y, max.z}, {max.x, max.y, max.z}, {min.x, max.y, max.z}};
  std::vector<std::uint32_t> i = {0, 1, 2, 0, 2, 3, 4, 6, 5, 4, 7, 6, 0, 4, 5, 0, 5, 1,
                                  3, 2, 6, 3, 6, 7, 0, 3, 7, 0, 7, 4, 1, 5, 6, 1, 6, 2};
  collider.addTriangles(p, i, glm::mat4(1.0f));
}

// A 40 x 40 m floor at y = 0 from x,z = -20..20.
void addFloor(SceneCollider& collider) { addBox(collider, {-20, -0.2f, -20}, {20, 0, 20}); }

TEST(SceneCollider, RaysHitTheNearestTriangleFromAnyDirection) {
  SceneCollider collider;
  addFloor(collider);
  addBox(collider, {-1, 0, -6}, {1, 3, -5});  // a wall 5 m ahead (-Z)
  collider.build();
  EXPECT_EQ(collider.triangleCount(), 24u);
  auto down = collider.raycast({3, 5, 3}, {0, -1, 0}, 100.0f);
  ASSERT_TRUE(down);
  EXPECT_NEAR(down->distance, 5.0f, 1e-4f);
  EXPECT_NEAR(down->normal.y, 1.0f, 1e-4f);
  auto ahead = collider.raycast({0, 1, 0}, {0, 0, -2}, 100.0f);  // direction need not be unit
  ASSERT_TRUE(ahead);
  EXPECT_NEAR(ahead->distance, 5.0f, 1e-4f);
  EXPECT_NEAR(ahead->normal.z, 1.0f, 1e-4f);  // facing the ray's origin
  EXPECT_FALSE(collider.raycast({0, 1, 0}, {0, 0, -1}, 4.0f)) << "beyond maxDistance";
  EXPECT_FALSE(collider.raycast({0, 1, 0}, {0, 0, 1}, 100.0f).has_value() &&
               collider.raycast({0, 1, 0}, {0, 0, 1}, 100.0f)->distance < 19.0f)
      << "nothing behind but the floor's far edge";
  // A slanted ray from outside the grid still finds the wall.
  auto slanted = collider.raycast({-30, 1.5f, 20}, glm::vec3(30, 0, -25.5f), 100.0f);
  ASSERT_TRUE(slanted);
  EXPECT_NEAR(slanted->point.z, -5.0f, 0.05f);
  EXPECT_FALSE(collider.raycast({0, 1, 0}, {0, 0, 0}, 10.0f)) << "a zero direction hits nothing";
  auto height = collider.heightBelow({0, 10, -5.5f}, 50.0f);
  ASSERT_TRUE(height);
  EXPECT_NEAR(*height, 3.0f, 1e-4f);  // the wall's top
}

TEST(SceneCollider, ModelsArePlacedByTheirNodesAndTransform) {
  assets::Model model;
  model.materials.emplace_back();
  render::addPrimitiveNode(model, render::makeBox({1, 1, 1}), 0, {0, 1, 0}, "box");
  SceneCollider collider;
  collider.addModel(model, glm::translate(glm::mat4(1.0f), glm::vec3(10, 0, 0)));
  collider.build();
  EXPECT_EQ(collider.triangleCount(), 12u);
  auto top = collider.heightBelow({10, 5, 0}, 10.0f);
  ASSERT_TRUE(top);
  EXPECT_NEAR(*top, 2.0f, 1e-4f);
  EXPECT_FALSE(collider.heightBelow({0, 5, 0}, 10.0f)) << "nothing at the origin";
}

TEST(WalkCamera, FollowsTheFloorAndStopsAtAWall) {
  SceneCollider collider;
  addFloor(collider);
  addBox(collider, {-5, 0, -6}, {5, 3, -5});  // wall from z = -6 to -5
  collider.build();
  WalkCamera walk = WalkCamera::fromPose({{0, 4, 0}, {0, 4, -1}}, collider);
  EXPECT_NEAR(walk.feet.y, 0.0f, 1e-4f) << "stands on the floor below the eye";
  EXPECT_NEAR(walk.pose().eye.y, walk.eyeHeight, 1e-4f);
  for (int i = 0; i < 200; ++i) walk.walk({0, 1}, 1.0f / 30.0f, collider, true);  // 26 m of walking
  EXPECT_GT(walk.feet.z, -5.0f) << "walked through the wall";
  EXPECT_NEAR(walk.feet.z, -5.0f + walk.radius, 0.05f) << "stops one radius before it";
  EXPECT_NEAR(walk.feet.y, 0.0f, 1e-4f);
}

TEST(WalkCamera, SlidesAlongAWallHitAtAnAngle) {
  SceneCollider collider;
  addFloor(collider);
  addBox(collider, {-15, 0, -6}, {15, 3, -5});
  collider.build();
  WalkCamera walk = WalkCamera::fromPose({{0, 1.6f, 0}, {1, 1.6f, -1}}, collider);  // 45 degrees right
  for (int i = 0; i < 120; ++i) walk.walk({0, 1}, 1.0f / 30.0f, collider);
  EXPECT_GT(walk.feet.z, -5.0f);
  EXPECT_GT(walk.feet.x, 3.5f) << "kept moving sideways along the wall";
}

TEST(WalkCamera, ClimbsAStepAndARampButNotAHighLedge) {
  SceneCollider collider;
  addFloor(collider);
  addBox(collider, {-1, 0, -4}, {1, 0.3f, -2});   // a 30 cm step ahead
  addBox(collider, {4, 0, -8}, {6, 1.2f, -6});    // a 1.2 m block ahead of x = 5
  // A ramp rising 1 m over 4 m along -Z at x = 10.
  std::vector<glm::vec3> ramp = {{9, 0, 0}, {11, 0, 0}, {11, 1, -4}, {9, 1, -4}};
  std::vector<std::uint32_t> rampIndices = {0, 1, 2, 0, 2, 3};
  collider.addTriangles(ramp, rampIndices, glm::mat4(1.0f));
  collider.build();

  WalkCamera step = WalkCamera::fromPose({{0, 1.6f, 0}, {0, 1.6f, -1}}, collider);
  for (int i = 0; i < 19; ++i) step.walk({0, 1}, 0.1f, collider);  // 3 m: onto the step
  EXPECT_NEAR(step.feet.z, -3.04f, 0.02f);
  EXPECT_NEAR(step.feet.y, 0.3f, 1e-4f) << "did not get onto the step";
  for (int i = 0; i < 19; ++i) step.walk({0, 1}, 0.1f, collider);  // and down again behind it
  EXPECT_NEAR(step.feet.y, 0.0f, 1e-4f);

  WalkCamera rampWalker = WalkCamera::fromPose({{10, 1.6f, 1}, {10, 1.6f, 0}}, collider);
  float before = rampWalker.feet.y;
  for (int i = 0; i < 20; ++i) rampWalker.walk({0, 1}, 0.1f, collider);  // 3.2 m: onto the ramp
  EXPECT_NEAR(before, 0.0f, 1e-4f);
  EXPECT_GT(rampWalker.feet.y, 0.4f) << "follows the ramp up";
  EXPECT_NEAR(rampWalker.feet.y, -rampWalker.feet.z / 4.0f, 0.05f);

  WalkCamera ledge = WalkCamera::fromPose({{5, 1.6f, -2}, {5, 1.6f, -3}}, collider);
  for (int i = 0; i < 40; ++i) ledge.walk({0, 1}, 0.1f, collider);
  EXPECT_GT(ledge.feet.z, -6.0f) << "walked into the 1.2 m block";
  EXPECT_NEAR(ledge.feet.y, 0.0f, 1e-4f);
}

TEST(WalkCamera, FallsOffALedgeAndRefusesTheEdgeOfTheWorld) {
  SceneCollider collider;
  addFloor(collider);
  addBox(collider, {-2, 0, -2}, {2, 2, 2});  // a 2 m platform
  collider.build();
  WalkCamera walk = WalkCamera::fromPose({{0, 4, 0}, {0, 4, -1}}, collider);
  EXPECT_NEAR(walk.feet.y, 2.0f, 1e-4f);
  for (int i = 0; i < 60; ++i) walk.walk({0, 1}, 0.05f, collider);  // off the platform's edge
  EXPECT_LT(walk.feet.z, -2.0f);
  EXPECT_NEAR(walk.feet.y, 0.0f, 1e-3f) << "fell to the floor";
  WalkCamera edge = WalkCamera::fromPose({{0, 1.6f, -18}, {0, 1.6f, -19}}, collider);
  for (int i = 0; i < 100; ++i) edge.walk({0, 1}, 0.1f, collider);
  EXPECT_GE(edge.feet.z, -20.0f - 1e-3f) << "walked off the world";
  EXPECT_NEAR(edge.feet.y, 0.0f, 1e-4f);
}

TEST(ScreenPick, PicksTheNearestVisibleMarker) {
  render::Camera camera;
  camera.eye = {0, 1.6f, 5};
  camera.target = {0, 1.6f, 0};
  glm::vec2 window(800, 600);
  glm::mat4 vp = camera.projection(window.x / window.y) * camera.view();
  std::vector<glm::vec3> points = {{0, 1.6f, 0}, {1, 1.6f, 0}, {0, 1.6f, 10}};
  auto centre = projectToWindow(vp, points[0], window);
  ASSERT_TRUE(centre);
  EXPECT_NEAR(centre->x, 400.0f, 0.5f);
  EXPECT_NEAR(centre->y, 300.0f, 0.5f);
  auto right = projectToWindow(vp, points[1], window);
  ASSERT_TRUE(right);
  EXPECT_GT(right->x, 450.0f);
  EXPECT_FALSE(projectToWindow(vp, points[2], window)) << "behind the camera";
  EXPECT_EQ(pickPoint(points, vp, window, {405, 298}, 24.0f, camera.eye, nullptr), 0);
  EXPECT_EQ(pickPoint(points, vp, window, *right + glm::vec2(3, 3), 24.0f, camera.eye, nullptr), 1);
  EXPECT_EQ(pickPoint(points, vp, window, {100, 100}, 24.0f, camera.eye, nullptr), -1);
  SceneCollider wall;
  addBox(wall, {-0.5f, 0, 2}, {0.5f, 3, 2.2f});  // hides the first point only
  wall.build();
  EXPECT_EQ(pickPoint(points, vp, window, {405, 298}, 24.0f, camera.eye, &wall), -1);
  EXPECT_EQ(pickPoint(points, vp, window, *right, 24.0f, camera.eye, &wall), 1);
}

TEST(PointerGestures, ATapIsAShortStillPressAndADragIsNot) {
  PointerGestures gestures;
  InputState in;
  in.cursor = {100, 100};
  in.buttonsDown.set(0);
  in.buttonsPressed.set(0);
  gestures.update(in, 1.0);
  EXPECT_FALSE(gestures.tapped());
  in.beginPoll();
  in.cursor = {103, 101};
  in.buttonsDown.reset(0);
  in.buttonsReleased.set(0);
  gestures.update(in, 1.2);
  EXPECT_TRUE(gestures.tapped());
  EXPECT_EQ(gestures.tapPosition(), glm::vec2(103, 101));

  in.beginPoll();
  in.buttonsDown.set(0);
  in.buttonsPressed.set(0);
  gestures.update(in, 2.0);
  in.beginPoll();
  in.cursor = {140, 101};  // moved 37 points: a drag
  gestures.update(in, 2.1);
  EXPECT_TRUE(gestures.dragging());
  in.beginPoll();
  in.buttonsDown.reset(0);
  in.buttonsReleased.set(0);
  gestures.update(in, 2.2);
  EXPECT_FALSE(gestures.tapped());

  in.beginPoll();
  in.buttonsDown.set(0);
  in.buttonsPressed.set(0);
  gestures.update(in, 3.0);
  in.beginPoll();
  in.buttonsDown.reset(0);
  in.buttonsReleased.set(0);
  gestures.update(in, 4.0);  // held a whole second: a long press, not a tap
  EXPECT_FALSE(gestures.tapped());
}

TEST(InputState, DeadZoneAndActivity) {
  EXPECT_EQ(applyDeadZone({0.1f, 0.1f}), glm::vec2(0.0f));
  glm::vec2 full = applyDeadZone({1.0f, 0.0f});
  EXPECT_NEAR(full.x, 1.0f, 1e-5f);
  InputState in;
  EXPECT_FALSE(in.anyActivity());
  in.gamepad.connected = true;
  in.gamepad.leftStick = {0.05f, 0.0f};
  EXPECT_FALSE(in.anyActivity()) << "a resting stick is not a visitor";
  in.gamepad.leftStick = {0.6f, 0.0f};
  EXPECT_TRUE(in.anyActivity());
}

}  // namespace
}  // namespace sc::platform
