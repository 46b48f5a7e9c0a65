#include <gtest/gtest.h>

#include "guide/language_split.hpp"
#include "guide/utf8_text.hpp"

namespace sc::guide {
namespace {

TEST(LanguageSplit, SplitsHanziAndLatinRunsAndKeepsPunctuationWithItsRun) {
  const std::string text = "欢迎来到Chongqing重庆!";
  const auto segments = splitByLanguage(text);
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[0].language, Language::Mandarin);
  EXPECT_EQ(segments[0].text, "欢迎来到");
  EXPECT_EQ(segments[0].byteOffset, 0u);
  EXPECT_EQ(segments[1].language, Language::English);
  EXPECT_EQ(segments[1].text, "Chongqing");
  EXPECT_EQ(segments[1].byteOffset, 12u);
  EXPECT_EQ(segments[2].language, Language::Mandarin);
  EXPECT_EQ(segments[2].text, "重庆!");
  EXPECT_EQ(segments[2].byteOffset, 21u);
}

TEST(LanguageSplit, LeadingNeutralJoinsFirstRunAndSegmentsCoverInput) {
  const std::string text = "“2号线” runs through 李子坝, then on.";
  const auto segments = splitByLanguage(text);
  ASSERT_EQ(segments.size(), 4u);
  EXPECT_EQ(segments[0].text, "“2号线” ");
  EXPECT_EQ(segments[0].language, Language::Mandarin);
  EXPECT_EQ(segments[1].text, "runs through ");
  EXPECT_EQ(segments[2].text, "李子坝, ");
  EXPECT_EQ(segments[3].text, "then on.");
  std::string joined;
  for (const auto& s : segments) {
    EXPECT_EQ(text.substr(s.byteOffset, s.text.size()), s.text);
    joined += s.text;
  }
  EXPECT_EQ(joined, text);
}

TEST(LanguageSplit, NeutralOnlyTextUsesFallbackAndEmptyGivesNothing) {
  auto s = splitByLanguage("2023!", Language::English);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].language, Language::English);
  EXPECT_TRUE(splitByLanguage("").empty());
}

TEST(Utf8Text, MalformedBytesAdvanceOneByteAndOffsetsEndAtSize) {
  const std::string bad = std::string("a\xE4\xBD") + "b";  // truncated 3-byte sequence
  const auto offsets = codepointByteOffsets(bad);
  EXPECT_EQ(offsets, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(decodeUtf8At(bad, 1).codepoint, 0xFFFDu);
  EXPECT_EQ(codepointCount("重庆ab"), 4u);
}

}  // namespace
}  // namespace sc::guide
