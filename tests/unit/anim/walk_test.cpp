// The walk driven by the WaypointWalker: no foot sliding, stride matched to distance.
#include <gtest/gtest.h>

#include <cstdio>

#include "anim/root_motion.hpp"
#include "anim/walk.hpp"

namespace sc::anim {
namespace {

constexpr float kDt = 1.0f / 60.0f;
// A planted foot may move at most 2 cm/s in the world (0.33 mm per 60 Hz frame).
constexpr float kMaxPlantedSpeed = 0.02f;

struct WalkRun {
  float maxPlantedSpeed = 0.0f;
  float maxStraightCorrection = 0.0f;  // planter correction on straight stretches
  float footTravel[2] = {0.0f, 0.0f};
  int plantedFrames = 0;
  int unreachedFrames = 0;
  float pathLength = 0.0f;
  RootMotion end;
};

WalkRun walkPath(const std::vector<glm::vec3>& waypoints, float speed) {
  const Skeleton skel = makeReferenceHumanoid();
  const HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  const WalkParams walkParams = WalkParams::forSpeed(speed, rig.legLength(Side::Left));
  WalkerParams params;
  params.speed = speed;
  params.stride = walkParams.stride;
  WaypointWalker walker(waypoints, glm::vec3(0.0f), 0.0f, params);
  WalkController walk(rig, walkParams);
  Pose pose = restPose(skel);
  std::vector<glm::mat4> model(skel.jointCount());

  WalkRun run;
  glm::vec3 prevFoot[2];
  bool prevContact[2] = {false, false};
  glm::vec3 prevRoot = walker.state().position;
  for (int frame = 0; frame < 60 * 60 && !walker.state().arrived; ++frame) {
    const float headingBefore = walker.state().heading;
    const RootMotion& root = walker.update(kDt);
    const bool straight = std::abs(wrapAngle(root.heading - headingBefore)) < 1e-6f;
    walk.apply(skel, pose, model, root.matrix(), root.phase);
    run.pathLength += glm::length(root.position - prevRoot);
    prevRoot = root.position;
    for (int s = 0; s < 2; ++s) {
      const Side side = s == 0 ? Side::Left : Side::Right;
      const auto foot = static_cast<std::size_t>(rig.joint(sided(side, HumanoidBone::LeftFoot)));
      const glm::vec3 world(root.matrix() * model[foot][3]);
      const bool contact = walk.inContact(side);
      if (frame > 0) {
        run.footTravel[s] += glm::length(world - prevFoot[s]);
        if (contact && prevContact[s]) {
          run.maxPlantedSpeed =
              std::max(run.maxPlantedSpeed, glm::length(world - prevFoot[s]) / kDt);
          ++run.plantedFrames;
          if (!walk.footReached(side)) ++run.unreachedFrames;
          if (straight) {
            run.maxStraightCorrection =
                std::max(run.maxStraightCorrection, walk.plantCorrection(side));
          }
        }
      }
      prevFoot[s] = world;
      prevContact[s] = contact;
    }
  }
  run.end = walker.state();
  return run;
}

TEST(Walk, PlantedFeetDoNotSlideAlongWaypoints) {
  // Straight, a right-angle corner, a gentle bend and a turn back: 10.5 m in all.
  const std::vector<glm::vec3> path = {{0, 0, 3}, {3, 0, 3}, {5, 0, 4}, {4, 0, 6.5f}};
  const WalkRun run = walkPath(path, 1.1f);
  std::printf("planted frames %d, max planted foot speed %.5f m/s, path %.2f m, feet travelled "
              "%.2f / %.2f m\n",
              run.plantedFrames, run.maxPlantedSpeed, run.pathLength, run.footTravel[0],
              run.footTravel[1]);
  ASSERT_TRUE(run.end.arrived);
  EXPECT_LT(glm::distance(run.end.position, path.back()), 0.03f);
  EXPECT_GT(run.plantedFrames, 300);
  EXPECT_EQ(run.unreachedFrames, 0);
  EXPECT_LT(run.maxPlantedSpeed, kMaxPlantedSpeed);
  // Feet really walk: each covers about the path length (they are not simply nailed down).
  EXPECT_GT(run.footTravel[0], 0.8f * run.pathLength);
  EXPECT_GT(run.footTravel[1], 0.8f * run.pathLength);
}

TEST(Walk, StrideMatchesDistanceOnStraightGround) {
  // Without any help from the planter, the nominal gait already keeps a contact foot still:
  // its root-space target moves back exactly as fast as the root moves forwards.
  const WalkRun run = walkPath({{0, 0, 6}}, 1.3f);
  std::printf("straight 6 m: max planter correction %.6f m, max planted foot speed %.5f m/s\n",
              run.maxStraightCorrection, run.maxPlantedSpeed);
  ASSERT_TRUE(run.end.arrived);
  EXPECT_LT(run.maxStraightCorrection, 0.001f);
  EXPECT_LT(run.maxPlantedSpeed, kMaxPlantedSpeed);
}

TEST(Walk, NominalGaitIsPhaseBased) {
  const Skeleton skel = makeReferenceHumanoid();
  const HumanoidRig rig = HumanoidRig::fromSkeleton(skel).value();
  WalkParams p;
  p.stride = 1.2f;
  p.dutyFactor = 0.6f;
  const WalkController walk(rig, p);
  bool contact = false;
  // Left heel strike at phase 0, half the stance length (0.36 m) ahead; toe off behind.
  const glm::vec3 strike = walk.nominalFoot(Side::Left, 0.0f, &contact);
  EXPECT_TRUE(contact);
  EXPECT_NEAR(strike.z, 0.36f, 1e-5f);
  const glm::vec3 mid = walk.nominalFoot(Side::Left, 0.3f, &contact);
  EXPECT_TRUE(contact);
  EXPECT_NEAR(mid.z, 0.0f, 1e-5f);
  walk.nominalFoot(Side::Left, 0.8f, &contact);
  EXPECT_FALSE(contact);
  walk.nominalFoot(Side::Right, 0.8f, &contact);
  EXPECT_TRUE(contact);
  // Foot moves back by (phase step) * stride while in contact: 0.1 phase = 0.12 m.
  EXPECT_NEAR(walk.nominalFoot(Side::Left, 0.1f).z - walk.nominalFoot(Side::Left, 0.2f).z, 0.12f,
              1e-5f);
}

TEST(WaypointWalker, FollowsThePolylineAndStops) {
  WalkerParams params;
  params.speed = 1.0f;
  WaypointWalker walker({{0, 0, 2}, {2, 0, 2}}, glm::vec3(0.0f), 0.0f, params);
  float maxSpeed = 0.0f;
  int frames = 0;
  while (!walker.state().arrived && frames < 60 * 30) {
    maxSpeed = std::max(maxSpeed, walker.update(kDt).speed);
    ++frames;
  }
  ASSERT_TRUE(walker.state().arrived);
  EXPECT_NEAR(walker.state().position.x, 2.0f, 0.03f);
  EXPECT_NEAR(walker.state().position.z, 2.0f, 0.03f);
  EXPECT_NEAR(maxSpeed, 1.0f, 1e-4f);
  // Facing roughly +X at the end (the last leg ran along +X).
  EXPECT_NEAR(walker.state().heading, glm::radians(90.0f), glm::radians(10.0f));
  // About 4 m at up to 1 m/s with a corner: between 4 and 8 seconds.
  EXPECT_GT(frames, 4 * 60);
  EXPECT_LT(frames, 8 * 60);
  EXPECT_EQ(walker.state().speed, 0.0f);
}

}  // namespace
}  // namespace sc::anim
