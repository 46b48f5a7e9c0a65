#include <gtest/gtest.h>

#include "guide/blink_scheduler.hpp"
#include "guide/viseme_timeline.hpp"

namespace sc::guide {
namespace {

std::size_t idx(Viseme v) { return static_cast<std::size_t>(v); }

TEST(VisemeTable, MapsEnglishAndMandarinMnemonics) {
  EXPECT_EQ(visemeForPhoneme("A:").viseme, Viseme::Aa);
  EXPECT_EQ(visemeForPhoneme("i:").viseme, Viseme::Ih);
  EXPECT_EQ(visemeForPhoneme("u:").viseme, Viseme::Ou);
  EXPECT_EQ(visemeForPhoneme("E").viseme, Viseme::Ee);
  EXPECT_EQ(visemeForPhoneme("oU").viseme, Viseme::Oh);
  EXPECT_EQ(visemeForPhoneme("iE").viseme, Viseme::Ee);     // cmn "ie"
  EXPECT_EQ(visemeForPhoneme("y").viseme, Viseme::Ou);      // cmn u-umlaut
  EXPECT_EQ(visemeForPhoneme("ong").viseme, Viseme::Ou);
  EXPECT_EQ(visemeForPhoneme("m").kind, PhonemeClass::Closure);
  EXPECT_EQ(visemeForPhoneme("ph").kind, PhonemeClass::Closure);
  EXPECT_EQ(visemeForPhoneme("_|").kind, PhonemeClass::Pause);
  EXPECT_EQ(visemeForPhoneme("ts.h").kind, PhonemeClass::Neutral);
  EXPECT_EQ(visemeForPhoneme("a2").viseme, Viseme::Aa);     // unknown suffix falls back
}

TEST(VisemeTimeline, OpensForVowelsClosesForBilabialsAndRestsInPauses) {
  // "ma" then a pause: m at 0.10, a at 0.20, pause at 0.50, end 0.70.
  const std::vector<PhonemeEvent> events = {{0.10, "m"}, {0.20, "A"}, {0.50, "_"}};
  const VisemeTimeline tl = VisemeTimeline::build(events, 0.70);
  ASSERT_EQ(tl.keys().size(), 3u);
  EXPECT_TRUE(tl.keys()[0].closesLips);
  EXPECT_NEAR(tl.keys()[1].timeSec, 0.18, 1e-9);  // 20 ms lead

  const MouthWeights mid = tl.weightsAt(0.35);
  EXPECT_FLOAT_EQ(mid[idx(Viseme::Aa)], 1.0f);
  EXPECT_FLOAT_EQ(mid[idx(Viseme::Ih)], 0.0f);
  const MouthWeights closed = tl.weightsAt(0.12);  // inside the m: lips shut
  EXPECT_LT(closed[idx(Viseme::Aa)], 0.05f);
  const MouthWeights rest = tl.weightsAt(0.60);
  for (float w : rest) EXPECT_FLOAT_EQ(w, 0.0f);
  for (float w : tl.weightsAt(5.0)) EXPECT_FLOAT_EQ(w, 0.0f);
}

TEST(VisemeTimeline, RampsAreContinuousAndNeighboursBlend) {
  const std::vector<PhonemeEvent> events = {{0.10, "A"}, {0.30, "u"}, {0.50, "_"}};
  const VisemeTimeline tl = VisemeTimeline::build(events, 0.6);
  // At the boundary between a and u both shapes are half on.
  const MouthWeights edge = tl.weightsAt(0.28);
  EXPECT_NEAR(edge[idx(Viseme::Aa)], 0.5f, 1e-4);
  EXPECT_NEAR(edge[idx(Viseme::Ou)], 0.5f, 1e-4);
  // No jumps: 1 ms steps change a weight by at most 1/60 (60 ms ramps).
  MouthWeights prev = tl.weightsAt(0.0);
  for (int ms = 1; ms <= 600; ++ms) {
    const MouthWeights w = tl.weightsAt(ms / 1000.0);
    for (std::size_t k = 0; k < kMouthVisemeCount; ++k) {
      EXPECT_LE(std::abs(w[k] - prev[k]), 1.0f / 60.0f + 1e-4f) << "at " << ms << " ms";
    }
    prev = w;
  }
}

TEST(VisemeTimeline, NeutralConsonantBorrowsNextVowel) {
  const std::vector<PhonemeEvent> events = {{0.0, "t"}, {0.1, "u:"}};
  const VisemeTimeline tl = VisemeTimeline::build(events, 0.3);
  EXPECT_EQ(tl.keys()[0].viseme, Viseme::Ou);
  EXPECT_LT(tl.keys()[0].strength, 0.5f);
}

TEST(BlinkScheduler, SameSeedSameBlinksAndQueriesDoNotChangeSchedule) {
  BlinkScheduler a(42);
  BlinkScheduler b(42);
  BlinkScheduler c(7);
  std::vector<float> wa;
  for (int i = 0; i < 3000; ++i) wa.push_back(a.weightAt(i * 0.01));
  (void)b.weightAt(29.0);  // jump ahead first
  for (int i = 0; i < 3000; ++i) EXPECT_EQ(b.weightAt(i * 0.01), wa[i]);
  EXPECT_NE(a.blinkStarts(), [&] { (void)c.weightAt(30.0); return c.blinkStarts(); }());
  // Over 30 s a person blinks several times, fully closing each time.
  EXPECT_GE(a.blinkStarts().size(), 5u);
  EXPECT_LE(a.blinkStarts().size(), 16u);
  const double s = a.blinkStarts()[1];
  EXPECT_FLOAT_EQ(a.weightAt(s + 0.07), 1.0f);
  EXPECT_FLOAT_EQ(a.weightAt(s + 0.5), 0.0f);
}

}  // namespace
}  // namespace sc::guide
