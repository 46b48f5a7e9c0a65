// Locomotion math without a runtime: teleport arcs, validity, landing marker, snap turns, the
// rig, and the controller fed with action states frame by frame.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "xr/locomotion.hpp"

namespace {

using namespace sc::xr;

SegmentCast bigFloor() { return flatGround(0.0f, {-100.0f, -100.0f}, {100.0f, 100.0f}); }

// A ramp rising along -Z at `degrees`, starting at z = zStart (everything beyond is the ramp).
SegmentCast rampAt(float zStart, float degrees) {
  float slope = std::tan(glm::radians(degrees));
  glm::vec3 normal = glm::normalize(glm::vec3(0.0f, 1.0f, slope));
  return [=](const glm::vec3& a, const glm::vec3& b) -> std::optional<GroundHit> {
    auto height = [&](const glm::vec3& p) { return p.z < zStart ? (zStart - p.z) * slope : 0.0f; };
    float da = a.y - height(a), db = b.y - height(b);
    if (!(da >= 0.0f && db < 0.0f)) return std::nullopt;
    glm::vec3 p = a + (b - a) * (da / (da - db));
    return GroundHit{glm::vec3(p.x, height(p), p.z), p.z < zStart ? normal : glm::vec3(0, 1, 0)};
  };
}

glm::vec3 aimDown(float degrees) {  // forward (-Z), tilted down by `degrees`
  return {0.0f, -std::sin(glm::radians(degrees)), -std::cos(glm::radians(degrees))};
}

TEST(Locomotion, FlatGroundHitsFromAboveInsideItsBoundsOnly) {
  SegmentCast ground = flatGround(1.0f, {0.0f, 0.0f}, {2.0f, 2.0f});
  auto hit = ground({1.0f, 2.0f, 1.0f}, {1.0f, 0.0f, 1.0f});
  ASSERT_TRUE(hit);
  EXPECT_FLOAT_EQ(hit->point.y, 1.0f);
  EXPECT_FALSE(ground({1.0f, 0.0f, 1.0f}, {1.0f, 2.0f, 1.0f}));  // from below
  EXPECT_FALSE(ground({5.0f, 2.0f, 1.0f}, {5.0f, 0.0f, 1.0f}));  // outside
}

TEST(Locomotion, ArcIsAParabolaThatLandsOnTheFloorInFront) {
  TeleportSettings settings;
  TeleportArc arc = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(10.0f), settings, bigFloor());
  ASSERT_EQ(arc.validity, TeleportValidity::Valid) << teleportValidityName(arc.validity);
  EXPECT_NEAR(arc.landing.y, 0.0f, 1e-5f);
  EXPECT_LT(arc.landing.z, -1.0f);  // ahead
  EXPECT_NEAR(arc.landing.x, 0.0f, 1e-5f);
  ASSERT_GE(arc.points.size(), 3u);
  EXPECT_EQ(arc.points.front(), glm::vec3(0.0f, 1.2f, 0.0f));
  EXPECT_EQ(arc.points.back(), arc.landing);
  // Constant horizontal speed, falling ever faster: second differences of y are -g dt^2.
  float dt = settings.timeStep;
  for (std::size_t i = 2; i + 1 < arc.points.size(); ++i) {
    float dd = arc.points[i].y - 2.0f * arc.points[i - 1].y + arc.points[i - 2].y;
    EXPECT_NEAR(dd, -settings.gravity * dt * dt, 1e-4f);
    float dz1 = arc.points[i].z - arc.points[i - 1].z, dz0 = arc.points[i - 1].z - arc.points[i - 2].z;
    EXPECT_NEAR(dz1, dz0, 1e-4f);
  }
  // Aiming higher throws further (below 45 degrees up).
  TeleportArc higher = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(-10.0f), settings, bigFloor());
  EXPECT_LT(higher.landing.z, arc.landing.z);
}

TEST(Locomotion, ArcVerdictsTooFarTooSteepAndNoHit) {
  TeleportSettings settings;
  // 35 degrees up throws about 6 m at 7 m/s; a 3 m limit makes it too far.
  settings.maxDistance = 3.0f;
  TeleportArc far = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(-35.0f), settings, bigFloor());
  EXPECT_EQ(far.validity, TeleportValidity::TooFar);
  EXPECT_GT(glm::length(glm::vec2(far.landing.x, far.landing.z)), 3.0f);

  settings = {};
  TeleportArc steep = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(0.0f), settings, rampAt(-1.0f, 50.0f));
  EXPECT_EQ(steep.validity, TeleportValidity::TooSteep);
  TeleportArc gentle = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(0.0f), settings, rampAt(-1.0f, 15.0f));
  EXPECT_EQ(gentle.validity, TeleportValidity::Valid);
  EXPECT_GT(gentle.landing.y, 0.0f);  // on the ramp

  // Off the edge of a small platform: nothing to land on.
  TeleportArc none = traceTeleportArc({0.0f, 1.2f, 0.0f}, aimDown(0.0f), settings,
                                      flatGround(0.0f, {-0.5f, -0.5f}, {0.5f, 0.5f}));
  EXPECT_EQ(none.validity, TeleportValidity::NoHit);
  EXPECT_GT(none.points.size(), 10u);
  TeleportArc zero = traceTeleportArc({0.0f, 1.2f, 0.0f}, glm::vec3(0.0f), settings, bigFloor());
  EXPECT_EQ(zero.validity, TeleportValidity::NoHit);
  EXPECT_EQ(zero.points.size(), 1u);
}

TEST(Locomotion, LandingMarkerLiesOnTheSurface) {
  TeleportArc arc;
  arc.landing = {1.0f, 2.0f, 3.0f};
  arc.normal = glm::normalize(glm::vec3(0.0f, 1.0f, 1.0f));
  glm::mat4 m = landingMarkerTransform(arc, 0.3f);
  glm::vec3 centre = glm::vec3(m * glm::vec4(0, 0, 0, 1));
  EXPECT_NEAR(glm::distance(centre, arc.landing), 0.01f, 1e-5f);
  glm::vec3 up = glm::normalize(glm::vec3(m * glm::vec4(0, 1, 0, 0)));
  EXPECT_NEAR(glm::dot(up, arc.normal), 1.0f, 1e-5f);
  glm::vec3 rim = glm::vec3(m * glm::vec4(1, 0, 0, 1));
  EXPECT_NEAR(glm::distance(rim, centre), 0.3f, 1e-5f);
}

TEST(Locomotion, SnapTurnStepsOncePerPushWithDeadZoneAndCooldown) {
  SnapTurn snap;
  EXPECT_EQ(snap.update(0.5f, 0.0), 0);    // inside the threshold
  EXPECT_EQ(snap.update(0.8f, 0.1), 1);    // past it: one step right
  for (double t = 0.2; t < 2.0; t += 0.05) EXPECT_EQ(snap.update(1.0f, t), 0);  // held: no more
  EXPECT_EQ(snap.update(0.5f, 2.0), 0);    // between rearm and threshold: still not re-armed
  EXPECT_EQ(snap.update(0.9f, 2.05), 0);
  EXPECT_EQ(snap.update(0.1f, 2.1), 0);    // back in the dead zone: re-armed
  EXPECT_EQ(snap.update(-0.9f, 2.15), -1); // left
  EXPECT_EQ(snap.update(0.0f, 2.2), 0);
  EXPECT_EQ(snap.update(-0.9f, 2.25), 0);  // within the 0.3 s cooldown
  EXPECT_EQ(snap.update(-0.9f, 2.5), -1);  // cooldown over, still armed
}

TEST(Locomotion, RigTurnsAboutTheHeadAndTeleportsTheFloorOntoTheGround) {
  Rig rig;
  rig.origin = {1.0f, 0.0f, 2.0f};
  rig.floorOffset = 0.0f;
  glm::vec3 headTracking(0.3f, 1.6f, -0.2f);
  auto headWorld = [&] { return glm::vec3(rig.worldFromTracking() * glm::vec4(headTracking, 1.0f)); };
  glm::vec3 before = headWorld();
  rig.turnAbout(before, glm::radians(-30.0f));
  EXPECT_NEAR(glm::distance(headWorld(), before), 0.0f, 1e-5f);  // the head did not move
  EXPECT_NEAR(rig.yaw, glm::radians(-30.0f), 1e-6f);
  glm::vec3 forward = glm::vec3(rig.worldFromTracking() * glm::vec4(0, 0, -1, 0));
  EXPECT_GT(forward.x, 0.4f);  // turned right: -Z now leans towards +X

  rig.moveHeadTo(headWorld(), {5.0f, 0.5f, -3.0f});
  EXPECT_NEAR(headWorld().x, 5.0f, 1e-5f);
  EXPECT_NEAR(headWorld().z, -3.0f, 1e-5f);
  glm::vec3 floor = glm::vec3(rig.worldFromTracking() * glm::vec4(0, 0, 0, 1));
  EXPECT_NEAR(floor.y, 0.5f, 1e-5f);

  Rig seated;  // LOCAL space: tracking y = 0 is at the eyes' start height
  seated.floorOffset = 1.2f;
  seated.moveHeadTo({0, 1.2f, 0}, {0, 0, 0});
  EXPECT_NEAR(glm::vec3(seated.worldFromTracking() * glm::vec4(0, 0, 0, 1)).y, 1.2f, 1e-5f);
}

// Action states frame by frame, as the XR loop feeds them: forward aims, release teleports,
// sideways snap-turns, trigger selects, menu toggles.
TEST(Locomotion, ControllerWiresStickTriggerAndMenu) {
  LocomotionController controller;
  Rig rig;
  SegmentCast ground = bigFloor();
  LocomotionInput in;
  in.aimValid = true;
  in.aimOrigin = {0.2f, 1.3f, -0.5f};
  in.aimDirection = aimDown(20.0f);
  in.headWorld = {0.0f, 1.6f, 0.0f};
  double t = 0.0;
  auto step = [&](glm::vec2 stick) {
    in.stick = stick;
    in.timeSeconds = (t += 0.05);
    return controller.update(in, ground, rig);
  };
  EXPECT_FALSE(step({0.0f, 0.0f}).arc);
  auto aiming = step({0.0f, 0.9f});
  ASSERT_TRUE(aiming.arc);
  EXPECT_EQ(aiming.arc->validity, TeleportValidity::Valid);
  EXPECT_TRUE(controller.aiming());
  EXPECT_EQ(step({0.9f, 0.5f}).turned, 0);  // no turning while aiming (stick still above release)
  glm::vec3 landing = aiming.arc->landing;
  auto released = step({0.0f, 0.0f});
  EXPECT_TRUE(released.teleported);
  EXPECT_NEAR(released.landing.z, landing.z, 1e-4f);
  glm::vec3 head = glm::vec3(rig.worldFromTracking() * glm::vec4(in.headWorld, 1.0f));
  EXPECT_NEAR(head.x, landing.x, 1e-4f);
  EXPECT_NEAR(head.z, landing.z, 1e-4f);

  // An invalid arc (aimed into the sky over a small platform) does not move the rig on release.
  Rig before = rig;
  ground = flatGround(0.0f, {-0.5f, -0.5f}, {0.5f, 0.5f});
  in.aimDirection = aimDown(-30.0f);
  auto red = step({0.0f, 1.0f});
  ASSERT_TRUE(red.arc);
  EXPECT_NE(red.arc->validity, TeleportValidity::Valid);
  EXPECT_FALSE(step({0.0f, 0.0f}).teleported);
  EXPECT_EQ(rig.origin, before.origin);

  // Snap turns: right then left, 30 degrees each, one per push.
  auto right = step({1.0f, 0.0f});
  EXPECT_EQ(right.turned, 1);
  EXPECT_NEAR(rig.yaw, before.yaw - glm::radians(30.0f), 1e-5f);
  EXPECT_EQ(step({1.0f, 0.0f}).turned, 0);
  step({0.0f, 0.0f});
  t += 1.0;
  EXPECT_EQ(step({-1.0f, 0.0f}).turned, -1);
  EXPECT_NEAR(rig.yaw, before.yaw, 1e-5f);

  in.selectPressed = true;
  EXPECT_TRUE(step({0.0f, 0.0f}).selected);
  in.selectPressed = false;
  in.menuPressed = true;
  EXPECT_TRUE(step({0.0f, 0.0f}).menuToggled);
  EXPECT_TRUE(controller.menuOpen());
  EXPECT_TRUE(step({0.0f, 0.0f}).menuToggled);
  EXPECT_FALSE(controller.menuOpen());
}

}  // namespace
