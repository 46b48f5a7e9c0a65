// The visitor's controls: pause/resume, next/previous/repeat, goToPoi and the language.
#include <gtest/gtest.h>

#include <cmath>

#include "tour_test_scene.hpp"

namespace sc::tour::test {
namespace {

TEST(TourControls, PauseFreezesTimeAndPoseUntilResume) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  runUntil(*d, [](const GuideFrame&) { return false; }, 1.0);
  GuideFrame before = d->frame();
  auto pose = *before.pose;
  d->pause();
  EXPECT_TRUE(d->paused());
  for (int i = 0; i < 100; ++i) d->update(kDt, kVisitor + glm::vec3(float(i), 0.0f, 0.0f));
  const GuideFrame& frozen = d->frame();
  EXPECT_TRUE(frozen.paused);
  EXPECT_EQ(frozen.timeSec, before.timeSec);
  EXPECT_EQ(frozen.root, before.root);
  EXPECT_EQ(frozen.pose->local[3].rotation, pose.local[3].rotation);
  EXPECT_FALSE(frozen.audio.playing);
  d->resume();
  d->update(kDt, kVisitor);
  EXPECT_FALSE(d->frame().paused);
  EXPECT_NEAR(d->frame().timeSec, before.timeSec + kDt, 1e-9);
  EXPECT_NE(d->frame().root, before.root);  // walking on
}

TEST(TourControls, NextPreviousAndRepeatMoveBetweenStops) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  d->update(kDt, kVisitor);
  d->next();
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 1);
  EXPECT_EQ(d->frame().poi->id, "tower");
  EXPECT_EQ(d->frame().phase, TourPhase::Walk);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  EXPECT_EQ(d->frame().stopIndex, 1);
  d->repeat();
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 1);
  EXPECT_NE(d->frame().phase, TourPhase::Present);  // starts over: (a short) walk, turn, then speaks again
  std::size_t cues = d->spokenCues().size();
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 10.0));
  EXPECT_EQ(d->spokenCues().size(), cues + 1);
  d->previous();
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 0);
  EXPECT_EQ(d->frame().poi->id, "gate");
  d->previous();  // at the first stop: restarts it
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 0);
  d->next();
  d->next();
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 2);
  d->next();  // after the last stop: finished
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().phase, TourPhase::Finished);
}

TEST(TourControls, GoToPoiWalksThereExplainsItAndResumesTheTour) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  runUntil(*d, [](const GuideFrame&) { return false; }, 1.0);
  ASSERT_TRUE(d->goToPoi("bell").ok());
  d->update(kDt, kVisitor);
  EXPECT_TRUE(d->frame().detour);
  EXPECT_EQ(d->frame().stopIndex, -1);
  EXPECT_EQ(d->frame().poi->id, "bell");
  bool explained = false;
  ASSERT_TRUE(runUntil(*d, [&](const GuideFrame& f) {
    if (f.phase == TourPhase::Present && !f.subtitles.empty() && f.subtitles[0].text == "这是钟。") explained = true;
    return f.awaitingResume;
  }, 60.0));
  EXPECT_TRUE(explained);
  glm::vec3 at(d->frame().root[3]);
  glm::vec3 spot = d->scene().pois[3].xrView.position;  // bell is no stop: beside its viewpoint
  EXPECT_LT(std::hypot(at.x - spot.x, at.z - spot.z), 2.0f);
  // It holds there...
  double held = d->frame().timeSec;
  runUntil(*d, [](const GuideFrame&) { return false; }, 5.0);
  EXPECT_TRUE(d->frame().awaitingResume);
  EXPECT_GT(d->frame().timeSec, held + 4.9);
  // ...until resume goes back to the stop it left.
  d->resume();
  d->update(kDt, kVisitor);
  EXPECT_FALSE(d->frame().detour);
  EXPECT_EQ(d->frame().stopIndex, 0);
  EXPECT_EQ(d->frame().phase, TourPhase::Walk);
}

TEST(TourControls, GoToPoiOfAStopStandsWhereThatStopStands) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  ASSERT_TRUE(d->goToPoi("river").ok());
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::TurnToVisitor; }, 60.0));
  glm::vec3 at(d->frame().root[3]);
  EXPECT_LT(std::hypot(at.x + 3.0f, at.z - 3.0f), 0.05f);
}

TEST(TourControls, AnUnknownPoiIsAClearErrorAndChangesNothing) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  runUntil(*d, [](const GuideFrame&) { return false; }, 0.5);
  auto status = d->goToPoi("pagoda");
  ASSERT_FALSE(status.ok());
  const std::string& m = status.error().message;
  EXPECT_NE(m.find("'pagoda'"), std::string::npos) << m;
  EXPECT_NE(m.find("gate, tower, river, bell"), std::string::npos) << m;
  d->update(kDt, kVisitor);
  EXPECT_FALSE(d->frame().detour);
  EXPECT_EQ(d->frame().stopIndex, 0);
}

TEST(TourControls, LanguageSwitchesTheSubtitleRows) {
  TourDirectorOptions options;
  options.language = TourLanguage::English;
  auto d = makeSilentDirector(options);
  ASSERT_TRUE(d);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  ASSERT_EQ(d->frame().subtitles.size(), 1u);
  EXPECT_EQ(d->frame().subtitles[0].text, "This is the gate.");
  d->setLanguage(TourLanguage::Chinese);
  d->update(kDt, kVisitor);
  ASSERT_EQ(d->frame().subtitles.size(), 1u);
  // Subtitles switch at once (the Chinese text as the translation of the English being heard)...
  EXPECT_EQ(d->frame().subtitles[0].text, "这是城门。");
  EXPECT_EQ(d->frame().subtitles[0].highlightBytes, 0u);
  EXPECT_EQ(d->frame().language, TourLanguage::Chinese);
  d->next();
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  ASSERT_EQ(d->frame().subtitles.size(), 1u);
  EXPECT_EQ(d->frame().subtitles[0].text, "这是塔。");  // ...the next narration is spoken in Mandarin
  EXPECT_TRUE(d->frame().subtitles[0].spoken);
  EXPECT_EQ(parseTourLanguage("both"), TourLanguage::Both);
  EXPECT_EQ(parseTourLanguage("zh"), TourLanguage::Chinese);
  EXPECT_FALSE(parseTourLanguage("fr"));
}

TEST(TourControls, GoToStopJumpsWithinTheTourAndGoesOnFromThere) {
  auto d = makeSilentDirector();
  ASSERT_TRUE(d);
  d->update(kDt, kVisitor);
  EXPECT_FALSE(d->goToStop(3));   // three stops: 0..2
  EXPECT_FALSE(d->goToStop(-1));
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 0);  // nothing changed

  ASSERT_TRUE(d->goToStop(1));
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().stopIndex, 1);
  EXPECT_EQ(d->frame().poi->id, "tower");
  EXPECT_FALSE(d->frame().detour);
  EXPECT_EQ(d->frame().phase, TourPhase::Walk);
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.phase == TourPhase::Present; }, 30.0));
  EXPECT_EQ(d->frame().stopIndex, 1);
  // Part of the tour, not a detour: after the stop it walks on to stop 2 by itself.
  ASSERT_TRUE(runUntil(*d, [](const GuideFrame& f) { return f.stopIndex == 2; }, 60.0));
  EXPECT_FALSE(d->frame().awaitingResume);
  EXPECT_FALSE(d->frame().detour);
  EXPECT_EQ(d->frame().poi->id, "river");

  // From a detour: the detour is dropped and the tour stop taken up.
  ASSERT_TRUE(d->goToPoi("bell"));
  d->update(kDt, kVisitor);
  EXPECT_TRUE(d->frame().detour);
  d->pause();
  ASSERT_TRUE(d->goToStop(0));
  d->update(kDt, kVisitor);
  EXPECT_FALSE(d->frame().detour);
  EXPECT_FALSE(d->frame().paused);
  EXPECT_EQ(d->frame().stopIndex, 0);
  EXPECT_EQ(d->frame().poi->id, "gate");

  // A finished tour starts again at the chosen stop.
  d->goToStop(2);
  d->next();
  d->update(kDt, kVisitor);
  ASSERT_EQ(d->frame().phase, TourPhase::Finished);
  ASSERT_TRUE(d->goToStop(1));
  d->update(kDt, kVisitor);
  EXPECT_EQ(d->frame().phase, TourPhase::Walk);
  EXPECT_EQ(d->frame().stopIndex, 1);
}

}  // namespace
}  // namespace sc::tour::test
