// The text scanner that gives JSON pointers their line and column.
#include <string>

#include <gtest/gtest.h>

#include "scene/json_locator.hpp"

namespace sc::scene {
namespace {

TEST(JsonLocator, FindsMembersAtTheirKeyAndElementsAtTheirValue) {
  std::string text = "{\n  \"a\": [10,\n    {\"b~/c\": true}],\n  \"名\": {\"x\": null}\n}";
  auto scan = scanJson(text, {"", "/a", "/a/0", "/a/1", "/a/1/b~0~1c", "/名/x"});
  ASSERT_TRUE(scan.wellFormed);
  EXPECT_EQ(scan.positions.at("").line, 1);
  EXPECT_EQ(scan.positions.at("/a").line, 2);
  EXPECT_EQ(scan.positions.at("/a").column, 3);
  EXPECT_EQ(scan.positions.at("/a/0").column, 9);
  EXPECT_EQ(scan.positions.at("/a/1").line, 3);
  EXPECT_EQ(scan.positions.at("/a/1").column, 5);
  EXPECT_EQ(scan.positions.at("/a/1/b~0~1c").column, 6);
  // Columns count characters: "名" is three bytes but one column.
  EXPECT_EQ(scan.positions.at("/名/x").line, 4);
  EXPECT_EQ(scan.positions.at("/名/x").column, 9);
  EXPECT_EQ(scan.maxDepth, 3u);
  EXPECT_TRUE(scan.duplicates.empty());
}

TEST(JsonLocator, DecodesEscapedKeys) {
  std::string text = R"({"a\"b": 1, "\u91cd\u5e86": 2, "\ud83d\ude00": 3})";
  auto scan = scanJson(text, {"/a\"b", "/重庆", "/\xF0\x9F\x98\x80"});
  EXPECT_EQ(scan.positions.size(), 3u);
}

TEST(JsonLocator, ReportsDuplicateKeysPerObject) {
  std::string text = "{\"a\": 1,\n \"b\": {\"a\": 2},\n \"a\": 3}";
  auto scan = scanJson(text, {});
  ASSERT_EQ(scan.duplicates.size(), 1u);
  EXPECT_EQ(scan.duplicates[0].pointer, "/a");
  EXPECT_EQ(scan.duplicates[0].first.line, 1);
  EXPECT_EQ(scan.duplicates[0].again.line, 3);
}

TEST(JsonLocator, StopsAtMalformedInputAndDeepNesting) {
  for (std::string bad : {"{\"a\" 1}", "[1,", "{\"a\":", "\"open", "[}", "{\"a\":1,}", "@"}) {
    auto scan = scanJson(bad, {""});
    EXPECT_FALSE(scan.wellFormed) << bad;
  }
  std::string deep(100000, '[');
  auto scan = scanJson(deep, {}, 64);
  EXPECT_FALSE(scan.wellFormed);
  EXPECT_EQ(scan.maxDepth, 65u);
}

TEST(JsonLocator, PositionOfByte) {
  std::string text = "ab\n重c";
  EXPECT_EQ(positionOfByte(text, 0).line, 1);
  EXPECT_EQ(positionOfByte(text, 3).line, 2);
  EXPECT_EQ(positionOfByte(text, 6).column, 2);  // 'c' after a 3-byte character
  EXPECT_EQ(positionOfByte(text, 1000).column, 3);
}

TEST(JsonLocator, Utf8Validation) {
  EXPECT_EQ(findInvalidUtf8("plain 重庆 😀"), std::string_view::npos);
  EXPECT_EQ(findInvalidUtf8("ab\x80"), 2u);
  EXPECT_EQ(findInvalidUtf8("a\xC1\xBF"), 1u);           // overlong
  EXPECT_EQ(findInvalidUtf8("a\xE0\x80\xAF"), 1u);       // overlong 3-byte
  EXPECT_EQ(findInvalidUtf8("\xED\xB0\x80"), 0u);        // surrogate
  EXPECT_EQ(findInvalidUtf8("xy\xF5\x80\x80\x80"), 2u);  // beyond U+10FFFF
  EXPECT_EQ(findInvalidUtf8("\xE9\x87"), 0u);            // cut short
}

TEST(JsonLocator, ParentPointer) {
  EXPECT_EQ(parentPointer("/a/b/0"), "/a/b");
  EXPECT_EQ(parentPointer("/a"), "");
  EXPECT_EQ(parentPointer(""), "");
}

}  // namespace
}  // namespace sc::scene
