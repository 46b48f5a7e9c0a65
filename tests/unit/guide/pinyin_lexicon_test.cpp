#include <gtest/gtest.h>

#include "guide/pinyin_lexicon.hpp"

namespace sc::guide {
namespace {

const PinyinLexicon& lexicon() {
  static const PinyinLexicon lex = [] {
    auto r = PinyinLexicon::builtIn();
    if (!r) ADD_FAILURE() << r.error().message;
    return r ? std::move(r).value() : PinyinLexicon{};
  }();
  return lex;
}

TEST(PinyinLexicon, BuiltInTablesLoadWithEnoughCharacters) {
  EXPECT_GE(lexicon().characterCount(), 800u);
  EXPECT_GE(lexicon().wordCount(), 17u);
}

TEST(PinyinLexicon, PlaceNamesUseTheWordLexicon) {
  EXPECT_EQ(lexicon().convert("重庆").text, "chong2 qing4");
  EXPECT_EQ(lexicon().convert("洪崖洞").text, "hong2 ya2 dong4");
  EXPECT_EQ(lexicon().convert("解放碑").text, "jie3 fang4 bei1");
  EXPECT_EQ(lexicon().convert("黄桷坪").text, "huang2 jue2 ping2");
  // The character table alone would read 重 as zhong4.
  EXPECT_EQ(lexicon().readingOf(U'重'), "zhong4");
  EXPECT_EQ(lexicon().convert("重要").text, "zhong4 yao4");
}

TEST(PinyinLexicon, LongestMatchAndPunctuationAndSourceMap) {
  const std::string text = "欢迎来到重庆，人民大礼堂。";
  const PinyinText p = lexicon().convert(text);
  EXPECT_EQ(p.text, "huan1 ying2 lai2 dao4 chong2 qing4, ren2 min2 da4 li3 tang2.");
  EXPECT_TRUE(p.unknown.empty());
  // "qing4" maps back to 庆 (bytes 15..18).
  const std::size_t at = p.text.find("qing4");
  EXPECT_EQ(p.sourceRange(at, 5), (std::pair<std::size_t, std::size_t>{15, 18}));
}

TEST(PinyinLexicon, UnknownCharactersAreSkippedAndOverridesWin) {
  PinyinLexicon lex = lexicon();
  const PinyinText p = lex.convert("龘重庆");
  EXPECT_EQ(p.text, "chong2 qing4");
  ASSERT_EQ(p.unknown.size(), 1u);
  EXPECT_EQ(p.unknown[0], U'龘');
  ASSERT_TRUE(lex.addWord("龘", "da2").ok());
  EXPECT_EQ(lex.convert("龘").text, "da2");
  ASSERT_TRUE(lex.addWord("重庆", "zhong4 qing4").ok());  // a scene may override built-ins
  EXPECT_EQ(lex.convert("重庆").text, "zhong4 qing4");
}

TEST(PinyinLexicon, RejectsBadOverridesWithAMessage) {
  PinyinLexicon lex = lexicon();
  auto wrongCount = lex.addWord("重庆", "chong2");
  ASSERT_FALSE(wrongCount.ok());
  EXPECT_NE(wrongCount.error().message.find("syllables"), std::string::npos);
  EXPECT_FALSE(lex.addWord("重庆", "chong qing4").ok());
  EXPECT_FALSE(lex.addWord("Chongqing", "chong2").ok());
  auto dup = PinyinLexicon::parse("a1\t啊\na2\t啊\n", "", "test.tsv");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("test.tsv:2"), std::string::npos);
}

}  // namespace
}  // namespace sc::guide
