// The director's stop cycle on a silent tour: walking, turning, presenting, waiting, the pose,
// the cameras and determinism.
#include <gtest/gtest.h>

#include <cmath>

#include "tour/tour_staging.hpp"
#include "tour_test_scene.hpp"

namespace sc::tour::test {
namespace {

float horizontalDistance(glm::vec3 a, glm::vec3 b) { return std::hypot(a.x - b.x, a.z - b.z); }

TEST(TourDirector, WalksToTheStopThenTurnsToTheVisitorAndPresents) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  const GuideFrame& first = d->update(kDt, kVisitor);
  EXPECT_EQ(first.phase, TourPhase::Walk);
  EXPECT_EQ(first.stopIndex, 0);
  ASSERT_NE(first.poi, nullptr);
  EXPECT_EQ(first.poi->id, "gate");
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase != TourPhase::Walk; }, 30.0));
  glm::vec3 at(d->frame().root[3]);
  EXPECT_LT(horizontalDistance(at, {1.5f, 0.0f, 0.0f}), 0.05f) << at.x << "," << at.z;
  EXPECT_EQ(d->frame().phase, TourPhase::TurnToVisitor);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 5.0));
  // Turned to the visitor, part of the way towards the gate behind it (presentHeading), within
  // the tolerance (8 degrees); the visitor stays within the head's reach (70 degrees).
  glm::vec3 forward = glm::normalize(glm::vec3(d->frame().root[2]));
  const glm::vec3 anchor = d->scene().pois[0].anchor;
  float goal = presentHeading(at, 0.0f, kVisitor, anchor);
  float heading = std::atan2(forward.x, forward.z);
  EXPECT_LT(std::abs(anim::wrapAngle(heading - goal)), 3.5f * anim::kDegrees);
  glm::vec3 toVisitor = kVisitor - at;
  EXPECT_LT(std::abs(anim::wrapAngle(std::atan2(toVisitor.x, toVisitor.z) - heading)), 70.0f * anim::kDegrees);
  // The stop's gesture is a point: the right arm aims at the gate's anchor after a moment.
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.timeSec > 0.0 && f.gesture == Gesture::Point; }, 1.0));
  runUntil(*d, [](const GuideFrame&) { return false; }, 1.5);
  EXPECT_EQ(d->frame().gesture, Gesture::Point);
  const auto& avatar = d->avatar();
  auto model = anim::modelMatrices(avatar.skeleton, *d->frame().pose);
  // The gate is behind the guide's right once it has turned to the visitor: the right arm points.
  glm::vec3 toAnchor = anchor - at;
  ASSERT_LT(anim::wrapAngle(std::atan2(toAnchor.x, toAnchor.z) - heading), 0.0f);
  glm::vec3 shoulder = glm::vec3(d->frame().root * model[std::size_t(avatar.rig.joint(anim::HumanoidBone::RightUpperArm))][3]);
  glm::vec3 hand = glm::vec3(d->frame().root * model[std::size_t(avatar.rig.joint(anim::HumanoidBone::RightHand))][3]);
  float aimError = std::acos(glm::dot(glm::normalize(hand - shoulder), glm::normalize(anchor - shoulder)));
  EXPECT_LT(aimError, 0.25f) << "the arm points " << aimError << " rad away from the anchor";
}

TEST(TourDirector, PlaysEveryStopInOrderAndFinishes) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  std::vector<int> presented;
  ASSERT_TRUE(runUntil(*d, [&](const GuideFrame& f) {
    if (f.phase == TourPhase::Present && (presented.empty() || presented.back() != f.stopIndex)) presented.push_back(f.stopIndex);
    return f.phase == TourPhase::Finished;
  }, 120.0));
  EXPECT_EQ(presented, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(d->spokenCues().size(), 3u);
}

TEST(TourDirector, AStopWithoutWaypointsWalksBesideThePoi) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.stopIndex == 1 && f.phase == TourPhase::TurnToVisitor; }, 60.0));
  glm::vec3 spot = spotBeside(d->scene().pois[1]);
  EXPECT_EQ(d->standSpot(1), spot);
  EXPECT_LT(horizontalDistance(glm::vec3(d->frame().root[3]), spot), 0.05f);
  // 1.6 m from the viewing spot towards the anchor, 1 m to the side.
  EXPECT_NEAR(glm::length(spot - d->scene().pois[1].xrView.position), std::sqrt(1.6f * 1.6f + 1.0f), 1e-4f);
}

TEST(TourDirector, SilentNarrationLastsItsEstimateAndShowsSubtitles) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  double start = d->frame().timeSec;
  ASSERT_EQ(d->frame().subtitles.size(), 2u);  // Both: zh above en
  EXPECT_EQ(d->frame().subtitles[0].text, "这是城门。");
  EXPECT_EQ(d->frame().subtitles[1].text, "This is the gate.");
  EXPECT_EQ(d->frame().audio.clip, nullptr);  // no synthesizer: nothing to play
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Wait; }, 10.0));
  double expected = kSpeechLeadIn + 1.0 /* silent minimum */ + 0.2;
  EXPECT_NEAR(d->frame().timeSec - start, expected, 1.5 * kDt);
}

TEST(TourDirector, TheSameDtSequenceGivesTheSameFrames) {
  auto a = makeSilentDirector();
  auto b = makeSilentDirector();
  ASSERT_TRUE(a && b);
  for (int i = 0; i < 600; ++i) {
    double dt = (i % 3 == 0) ? 0.02 : 0.035;
    glm::vec3 visitor = kVisitor + glm::vec3(std::sin(i * 0.01f), 0.0f, 0.0f);
    const GuideFrame& fa = a->update(dt, visitor);
    const GuideFrame& fb = b->update(dt, visitor);
    ASSERT_EQ(fa.phase, fb.phase) << i;
    ASSERT_EQ(fa.root, fb.root) << i;
    ASSERT_EQ(fa.pose->local.size(), fb.pose->local.size());
    for (std::size_t j = 0; j < fa.pose->local.size(); ++j) {
      ASSERT_EQ(fa.pose->local[j].rotation, fb.pose->local[j].rotation) << "frame " << i << " joint " << j;
    }
    ASSERT_EQ(fa.blink, fb.blink);
    ASSERT_EQ(fa.companion.eye, fb.companion.eye);
  }
}

TEST(TourDirector, FeetStayPlantedWhileWalking) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  const auto& avatar = d->avatar();
  std::int32_t foot = avatar.rig.joint(anim::HumanoidBone::LeftFoot);
  glm::vec3 previous{};
  int planted = 0, compared = 0;
  float worstSlide = 0.0f;
  for (int i = 0; i < 90; ++i) {
    const GuideFrame& f = d->update(kDt, kVisitor);
    if (f.phase != TourPhase::Walk || i < 30) continue;  // after the walk blend has faded in
    auto model = anim::modelMatrices(avatar.skeleton, *f.pose);
    glm::vec3 world = glm::vec3(f.root * model[std::size_t(foot)][3]);
    // In contact the ankle is at its rest height (0.08 m); swinging it rises to ~0.15 m.
    if (world.y < 0.082f && i > 30 && previous.y < 0.082f) {
      worstSlide = std::max(worstSlide, horizontalDistance(world, previous));
      ++planted;
    }
    ++compared;
    previous = world;
  }
  EXPECT_GT(compared, 30);
  EXPECT_GT(planted, 5);
  EXPECT_LT(worstSlide, 0.02f) << "a planted foot slid";
}

TEST(TourDirector, CompanionCameraKeepsTheGuideInFront) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  for (int i = 0; i < 900; ++i) {
    const GuideFrame& f = d->update(kDt, d->frame().companion.eye);
    glm::vec3 guide = glm::vec3(f.root[3]) + glm::vec3(0.0f, 1.0f, 0.0f);
    glm::vec3 view = glm::normalize(f.companion.target - f.companion.eye);
    glm::vec3 toGuide = glm::normalize(guide - f.companion.eye);
    // Within the vertical half field of view (0.45 rad) plus some margin for the follow lag.
    ASSERT_GT(glm::dot(view, toGuide), std::cos(0.6f)) << "frame " << i << " phase " << phaseName(f.phase);
    float distance = glm::length(guide - f.companion.eye);
    ASSERT_GT(distance, 2.0f) << i;  // kept 2.5 m away even when the guide turns back towards it
    ASSERT_LT(distance, 9.0f) << i;
  }
}

TEST(TourDirector, RefusesAnUnknownTour) {
  TourDirectorOptions options;
  options.tourId = "nope";
  auto d = TourDirector::create(makeTestScene(), referenceAvatar(), nullptr, options);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("'nope'"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("walk"), std::string::npos) << d.error().message;
}

TEST(TourStaging, ShortensALongRouteToItsLastMetres) {
  std::vector<glm::vec3> route = {{10, 0, 0}, {10, 0, 10}, {20, 0, 10}};
  glm::vec3 start = shortenRoute(route, {0, 0, 0}, 15.0f);
  EXPECT_EQ(route.size(), 2u);
  EXPECT_NEAR(start.x, 10.0f, 1e-4f);
  EXPECT_NEAR(start.z, 5.0f, 1e-4f);
  std::vector<glm::vec3> shortRoute = {{1, 0, 0}};
  EXPECT_EQ(shortenRoute(shortRoute, {0, 0, 0}, 15.0f), glm::vec3(0.0f));
  EXPECT_EQ(shortRoute.size(), 1u);
}

}  // namespace
}  // namespace sc::tour::test
