// Orbit and fly cameras and the smooth move between tour stops: pure math, no window.
#include <cmath>

#include <gtest/gtest.h>

#include "platform/camera_controller.hpp"

namespace sc::platform {
namespace {

void expectNear(const glm::vec3& a, const glm::vec3& b, float tolerance = 1e-4f) {
  EXPECT_NEAR(a.x, b.x, tolerance);
  EXPECT_NEAR(a.y, b.y, tolerance);
  EXPECT_NEAR(a.z, b.z, tolerance);
}

TEST(CameraController, DirectionConventions) {
  expectNear(directionFromAngles(0.0f, 0.0f), {0, 0, -1});
  expectNear(directionFromAngles(1.5707964f, 0.0f), {1, 0, 0});  // positive yaw turns right
  EXPECT_GT(directionFromAngles(0.0f, 0.5f).y, 0.0f);            // positive pitch looks up
}

TEST(CameraController, OrbitReproducesThePoseItWasMadeFrom) {
  CameraPose pose{{4.8f, 3.4f, 8.6f}, {-0.2f, 1.0f, 0.0f}};
  OrbitCamera orbit = OrbitCamera::fromPose(pose);
  expectNear(orbit.pose().eye, pose.eye);
  expectNear(orbit.pose().target, pose.target);
  EXPECT_NEAR(orbit.distance, glm::length(pose.eye - pose.target), 1e-4f);
}

TEST(CameraController, OrbitRotationKeepsDistanceAndClampsPitch) {
  OrbitCamera orbit = OrbitCamera::fromPose({{0, 2, 10}, {0, 0, 0}});
  float distance = orbit.distance;
  orbit.rotate(300.0f, 0.0f);
  EXPECT_NEAR(glm::length(orbit.pose().eye - orbit.target), distance, 1e-3f);
  EXPECT_GT(std::abs(orbit.pose().eye.x), 1.0f);  // it went around
  orbit.rotate(0.0f, -100000.0f);                 // drag far down: looks up from below, clamped
  EXPECT_LE(orbit.pitch, kMaxPitch);
  orbit.rotate(0.0f, 100000.0f);
  EXPECT_GE(orbit.pitch, -kMaxPitch);
  EXPECT_TRUE(std::isfinite(orbit.pose().eye.x));
}

TEST(CameraController, OrbitZoomStaysWithinLimits) {
  OrbitCamera orbit = OrbitCamera::fromPose({{0, 0, 10}, {0, 0, 0}});
  orbit.zoom(1.0f);
  EXPECT_NEAR(orbit.distance, 9.0f, 1e-4f);
  orbit.zoom(1000.0f);
  EXPECT_FLOAT_EQ(orbit.distance, orbit.minDistance);
  orbit.zoom(-100000.0f);
  EXPECT_FLOAT_EQ(orbit.distance, orbit.maxDistance);
}

TEST(CameraController, OrbitPanMovesTargetSideways) {
  OrbitCamera orbit = OrbitCamera::fromPose({{0, 0, 10}, {0, 0, 0}});
  orbit.pan(100.0f, 0.0f);
  // Dragging right moves the scene right, so the target goes left (-X) for a camera looking -Z.
  EXPECT_LT(orbit.target.x, -0.5f);
  EXPECT_NEAR(orbit.target.y, 0.0f, 1e-4f);
  EXPECT_NEAR(orbit.distance, 10.0f, 1e-4f);
}

TEST(CameraController, FlyMovesAlongTheViewAndLooks) {
  FlyCamera fly = FlyCamera::fromPose({{0, 1, 0}, {0, 1, -5}});
  fly.speed = 2.0f;
  fly.fly({0, 0, 1}, 0.5f);  // forward, 1 m
  expectNear(fly.position, {0, 1, -1});
  fly.fly({1, 0, 0}, 0.5f, true);  // right, fast: 4 m
  expectNear(fly.position, {4, 1, -1});
  fly.fly({0, 1, 0}, 0.5f);  // up
  expectNear(fly.position, {4, 2, -1});
  fly.fly({0, 0, 0}, 1.0f);  // nothing
  expectNear(fly.position, {4, 2, -1});
  fly.look(0.0f, -10000.0f);
  EXPECT_FLOAT_EQ(fly.pitch, kMaxPitch);
  EXPECT_NEAR(glm::length(fly.pose().target - fly.pose().eye), 1.0f, 1e-4f);
}

TEST(CameraController, TransitionEasesFromStartToEnd) {
  CameraTransition move{{{0, 0, 0}, {0, 0, -1}}, {{10, 0, 0}, {10, 0, -1}}, 2.0f, 0.0f};
  CameraPose quarter = move.advance(0.5f);
  CameraPose half = move.advance(0.5f);
  EXPECT_GT(quarter.eye.x, 0.0f);
  EXPECT_LT(quarter.eye.x, 2.5f);  // eased in: slower than linear at the start
  EXPECT_NEAR(half.eye.x, 5.0f, 1e-4f);
  EXPECT_FALSE(move.done());
  CameraPose end = move.advance(5.0f);
  EXPECT_TRUE(move.done());
  expectNear(end.eye, {10, 0, 0});
  expectNear(end.target, {10, 0, -1});
}

}  // namespace
}  // namespace sc::platform
