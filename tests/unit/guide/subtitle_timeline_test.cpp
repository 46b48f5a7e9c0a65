#include <gtest/gtest.h>

#include "guide/subtitle_timeline.hpp"
#include "guide/utf8_text.hpp"

namespace sc::guide {
namespace {

TEST(SubtitleLines, BreakAtSpacesAndBetweenHanziWithinTheLimit) {
  const std::string en = "The monorail of Line 2 runs straight through a residential building.";
  const auto lines = breakSubtitleLines(en, 24);
  ASSERT_GE(lines.size(), 3u);
  for (const auto& [b, e] : lines) {
    EXPECT_LE(codepointCount(std::string_view(en).substr(b, e - b)), 24u);
    EXPECT_NE(en[b], ' ');
    EXPECT_NE(en[e - 1], ' ');
  }
  EXPECT_EQ(en.substr(lines[0].first, lines[0].second - lines[0].first), "The monorail of Line 2");

  const std::string zh = "轻轨二号线从居民楼中穿楼而过，是重庆的网红景点。";
  const auto zl = breakSubtitleLines(zh, 8);
  for (const auto& [b, e] : zl) {
    const std::string_view line = std::string_view(zh).substr(b, e - b);
    EXPECT_LE(codepointCount(line), 8u);
    EXPECT_NE(line.substr(0, 3), "，");  // closing punctuation never starts a line
    EXPECT_NE(line.substr(0, 3), "。");
  }
  EXPECT_EQ(zl.back().second, zh.size());
}

TEST(SubtitleTimeline, HighlightAdvancesMonotonicallyAndEndsFull) {
  const std::string text = "Welcome to Hongyadong, built on the cliff above the Jialing River.";
  // One word event per word, 0.3 s apart.
  std::vector<WordEvent> words;
  double t = 0.1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    words.push_back({t, i, end - i});
    t += 0.3;
    i = end + 1;
  }
  const double duration = t + 0.2;
  const SubtitleTimeline tl = SubtitleTimeline::build(text, words, duration, 30);
  ASSERT_GE(tl.lines().size(), 2u);

  int lastLine = -1;
  std::size_t lastHighlight = 0;
  for (int ms = 0; ms <= static_cast<int>(duration * 1000) + 50; ms += 10) {
    const SubtitleState s = tl.stateAt(ms / 1000.0);
    ASSERT_GE(s.lineIndex, lastLine);
    if (s.lineIndex == lastLine) {
      EXPECT_GE(s.highlightEnd, lastHighlight) << ms;
    }
    EXPECT_GE(s.highlightEnd, s.lineBegin);
    EXPECT_LE(s.highlightEnd, s.lineEnd);
    lastLine = s.lineIndex;
    lastHighlight = s.highlightEnd;
  }
  const SubtitleState end = tl.stateAt(duration);
  EXPECT_EQ(end.lineIndex, static_cast<int>(tl.lines().size()) - 1);
  EXPECT_EQ(end.highlightEnd, end.lineEnd);
  EXPECT_EQ(end.lineEnd, text.size());
  // Mid-way through "Hongyadong," (third word) the highlight covers exactly through that word.
  const SubtitleState third = tl.stateAt(0.1 + 2 * 0.3 + 0.15);
  EXPECT_EQ(text.substr(third.wordBegin, third.wordEnd - third.wordBegin), "Hongyadong,");
  EXPECT_EQ(third.highlightEnd, third.wordEnd);
  EXPECT_NEAR(third.wordProgress, 0.5f, 1e-3);
}

TEST(SubtitleRows, BilingualShowsTwoRowsAndOnlyTheSpokenOneHighlights) {
  const std::string zh = "欢迎来到洪崖洞。";
  std::vector<WordEvent> words;
  for (std::size_t i = 0; i < 7; ++i) words.push_back({0.2 * i, 3 * i, 3});
  const SubtitleTimeline zhTl = SubtitleTimeline::build(zh, words, 1.6, 20);
  const SubtitleTimeline enTl = SubtitleTimeline::untimed("Welcome to Hongyadong.", 40);
  const auto both = subtitleRowsAt(SubtitleMode::Both, &zhTl, &enTl, true, 0.5);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_TRUE(both[0].spoken);
  EXPECT_EQ(both[0].highlightBytes, 9u);  // 欢迎来 spoken by 0.5 s
  EXPECT_FALSE(both[1].spoken);
  EXPECT_EQ(both[1].text, "Welcome to Hongyadong.");
  EXPECT_EQ(both[1].highlightBytes, 0u);
  const auto en = subtitleRowsAt(SubtitleMode::English, &zhTl, &enTl, true, 0.5);
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(en[0].text, "Welcome to Hongyadong.");
}

}  // namespace
}  // namespace sc::guide
