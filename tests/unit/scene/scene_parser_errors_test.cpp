// Each kind of mistake gives exactly one diagnostic, at the right pointer and line.
#include <string>

#include <gtest/gtest.h>

#include "scene/scene_limits.hpp"
#include "scene/scene_parser.hpp"
#include "scene_test_util.hpp"

namespace sc::scene::test {
namespace {

// Parses `text`, expects it to fail with exactly one diagnostic (an error) and returns it.
Diagnostic singleError(const std::string& text) {
  Parsed p = parse(text);
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.report.diagnostics().size(), 1u) << p.report.format();
  EXPECT_EQ(p.report.errorCount(), 1u) << p.report.format();
  if (p.report.diagnostics().empty()) return {};
  return p.report.diagnostics()[0];
}

TEST(SceneParserErrors, MissingEnglishNarrationIsOneErrorWithPointerLineAndHint) {
  std::string text = edit(kMinimalScene, R"("zh-CN": "甲的介绍。", "en": "About A.")",
                          R"("zh-CN": "甲的介绍。")");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/0/narration/en");
  EXPECT_EQ(d.message, "missing English narration");
  EXPECT_EQ(d.line, lineOf(text, "\"narration\": {\"zh-CN\": \"甲"));
  EXPECT_EQ(d.column, 7);
  EXPECT_EQ(formatDiagnostic(d),
            "test.scene.json:" + std::to_string(d.line) +
                ":7: error: /pois/0/narration/en: missing English narration (hint: add \"en\": "
                "\"...\")");
}

TEST(SceneParserErrors, MissingChineseNarrationInATourStopOverride) {
  std::string text = edit(kMinimalScene, R"({"poi": "b"})",
                          R"({"poi": "b", "narration": {"en": "Override."}})");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/tours/0/stops/1/narration/zh-CN");
  EXPECT_EQ(d.message, "missing Chinese (zh-CN) narration");
}

TEST(SceneParserErrors, LongNarrationInOnlyOneLanguage) {
  std::string text = edit(kMinimalScene, R"("en": {"short": "B.", "long": "Long B."})",
                          R"("en": {"short": "B."})");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/narration/en/long");
  EXPECT_EQ(d.line, lineOf(text, "\"short\": \"B.\""));
}

TEST(SceneParserErrors, SyntaxErrorGivesLineAndColumn) {
  std::string text = edit(kMinimalScene, R"("anchor": [0, 0, 0],)", R"("anchor": [0, 0 0],)");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "");
  EXPECT_EQ(d.line, lineOf(text, "[0, 0 0]"));
  // The column is that of the unexpected "0" (counted in characters, not bytes).
  EXPECT_EQ(d.column, 23);
  EXPECT_NE(d.message.find("JSON syntax error"), std::string::npos) << d.message;
  EXPECT_EQ(d.message.find("[json.exception"), std::string::npos) << d.message;
}

TEST(SceneParserErrors, TruncatedFileIsASyntaxError) {
  Diagnostic d = singleError(std::string(kMinimalScene.substr(0, 200)));
  EXPECT_GT(d.line, 1);
  EXPECT_NE(d.message.find("JSON syntax error"), std::string::npos);
}

TEST(SceneParserErrors, WrongTypeNamesWhatWasFound) {
  std::string text = edit(kMinimalScene, R"("anchor": [4, 0, 0],)", R"("anchor": "4, 0, 0",)");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/anchor");
  EXPECT_EQ(d.message, "expected three numbers [x, y, z], found a string");
  EXPECT_EQ(d.line, lineOf(text, "\"anchor\": \"4"));
}

TEST(SceneParserErrors, MissingRequiredFieldIsPlacedAtItsParent) {
  std::string text = edit(kMinimalScene, R"("anchor": [4, 0, 0],)", "");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/anchor");
  EXPECT_EQ(d.message, "missing required field 'anchor'");
  EXPECT_EQ(d.hint, "add \"anchor\": [x, y, z]");
  // The second POI's object starts on the line after "},".
  EXPECT_EQ(d.line, lineOf(text, "\"id\": \"b\"") - 1);
}

TEST(SceneParserErrors, HugeNumberIsOutOfRange) {
  std::string text = edit(kMinimalScene, R"("anchor": [4, 0, 0],)", R"("anchor": [4, 1e30, 0],)");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/anchor/1");
  EXPECT_EQ(d.message, "1e+30 is out of range [-1e+06, 1e+06] metres");
}

TEST(SceneParserErrors, NumberBeyondDoubleIsTooLarge) {
  std::string text = edit(kMinimalScene, R"("anchor": [4, 0, 0],)", R"("anchor": [4, 0, -1e400],)");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/anchor/2");
  EXPECT_EQ(d.message, "number is too large to represent");
}

TEST(SceneParserErrors, DuplicatePoiId) {
  std::string text = edit(kMinimalScene, R"("id": "b",)", R"("id": "a",)");
  text = edit(text, R"({"poi": "b"})", R"({"poi": "a"})");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/id");
  EXPECT_EQ(d.message, "duplicate POI id 'a' (already used by /pois/0)");
  EXPECT_EQ(d.line, lineOf(text, "\"id\": \"a\",\n      \"name\": {\"zh-CN\": \"乙\""));
}

TEST(SceneParserErrors, TourReferencingAnUnknownPoiSuggestsTheNearestOne) {
  std::string text = edit(kMinimalScene, R"({"poi": "b"})", R"({"poi": "bb"})");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/tours/0/stops/1/poi");
  EXPECT_EQ(d.message, "unknown POI 'bb'");
  EXPECT_EQ(d.hint, "did you mean 'b'?");
  EXPECT_EQ(d.line, lineOf(text, "\"bb\""));
}

TEST(SceneParserErrors, KioskAttractTourMustExist) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("attractTour": "t")", R"("attractTour": "night")"));
  EXPECT_EQ(d.jsonPointer, "/kiosk/attractTour");
  EXPECT_EQ(d.message, "unknown tour 'night'");
}

TEST(SceneParserErrors, TimeOfDayFormat) {
  for (const char* bad : {"7:30", "24:00", "12:60", "noon", "12:3a"}) {
    std::string text = edit(kMinimalScene, R"("kiosk": {)",
                            std::string(R"("environment": {"timeOfDay": ")") + bad + R"("}, "kiosk": {)");
    Diagnostic d = singleError(text);
    EXPECT_EQ(d.jsonPointer, "/environment/timeOfDay") << bad;
    EXPECT_EQ(d.message, std::string("'") + bad + "' is not a time of day");
  }
}

TEST(SceneParserErrors, EmptyString) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("en": "Test")", R"("en": "")"));
  EXPECT_EQ(d.jsonPointer, "/title/en");
  EXPECT_EQ(d.message, "must not be empty");
  EXPECT_EQ(d.line, 3);
}

TEST(SceneParserErrors, WrongLanguageKeyIsAnErrorPlusASuggestion) {
  std::string text = edit(kMinimalScene, R"("title": {"zh-CN": "测试", "en": "Test"})",
                          R"("title": {"zh": "测试", "en": "Test"})");
  Parsed p = parse(text);
  EXPECT_FALSE(p.ok);
  ASSERT_EQ(p.report.diagnostics().size(), 2u) << p.report.format();
  auto errors = only(p.report, Severity::Error);
  auto warnings = only(p.report, Severity::Warning);
  ASSERT_EQ(errors.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(errors[0].jsonPointer, "/title/zh-CN");
  EXPECT_EQ(errors[0].message, "missing Chinese (zh-CN) text");
  EXPECT_EQ(warnings[0].jsonPointer, "/title/zh");
  EXPECT_EQ(warnings[0].hint, "did you mean 'zh-CN'?");
}

TEST(SceneParserErrors, PlainStringWhereBothLanguagesAreNeeded) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("title": {"zh-CN": "测试", "en": "Test"})",
                                  R"("title": "Test")"));
  EXPECT_EQ(d.jsonPointer, "/title");
  EXPECT_EQ(d.message, "expected the text in both languages, found a single string");
}

TEST(SceneParserErrors, AbsurdArraySizeIsRefusedBeforeReadingElements) {
  std::string pois = "[";
  for (std::size_t i = 0; i <= kMaxPois; ++i) pois += i ? ",{}" : "{}";
  pois += "]";
  std::string text = R"({"formatVersion": 1, "title": {"zh-CN": "a", "en": "a"}, "models": [],
    "spawn": {"desktop": {"eye": [0, 1, 1], "target": [0, 0, 0]}, "xr": {"position": [0, 0, 0]}},
    "pois": )" + pois + "}";
  Parsed p = parse(text);
  EXPECT_FALSE(p.ok);
  auto errors = only(p.report, Severity::Error);
  ASSERT_EQ(errors.size(), 1u) << p.report.format();
  EXPECT_EQ(errors[0].jsonPointer, "/pois");
  EXPECT_EQ(errors[0].message, "10001 entries is more than the limit of 10000");
  EXPECT_EQ(errors[0].line, 3);
}

TEST(SceneParserErrors, FileTooLargeIsRefusedWithoutParsing) {
  std::string text(kMaxSceneFileBytes + 1, ' ');
  Diagnostic d = singleError(text);
  EXPECT_NE(d.message.find("more than the limit of 16777216 bytes"), std::string::npos);
}

TEST(SceneParserErrors, InvalidUtf8IsPlaced) {
  std::string text = edit(kMinimalScene, R"("en": "About A.")", "\"en\": \"About \xC3\x28.\"");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.line, lineOf(text, "About \xC3"));
  EXPECT_NE(d.message.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(d.hint, "save the file with UTF-8 encoding");
}

TEST(SceneParserErrors, OverlongAndSurrogateEncodingsAreInvalidUtf8) {
  for (std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE4\xB8"}) {
    std::string text = edit(kMinimalScene, R"("en": "Test")", "\"en\": \"T" + bad + "\"");
    Diagnostic d = singleError(text);
    EXPECT_EQ(d.line, 3);
    EXPECT_NE(d.message.find("invalid UTF-8"), std::string::npos);
  }
}

TEST(SceneParserErrors, DuplicateKeyIsAnErrorNamingBothLines) {
  std::string text = edit(kMinimalScene, R"("anchor": [4, 0, 0],)",
                          "\"anchor\": [4, 0, 0],\n      \"anchor\": [5, 0, 0],");
  Diagnostic d = singleError(text);
  EXPECT_EQ(d.jsonPointer, "/pois/1/anchor");
  EXPECT_EQ(d.line, lineOf(text, "[5, 0, 0]"));
  EXPECT_EQ(d.message, "the key appears twice in the same object (first on line " +
                           std::to_string(lineOf(text, "[4, 0, 0]")) + ")");
}

TEST(SceneParserErrors, DeepNestingIsRefusedWithoutRecursion) {
  std::string text = R"({"formatVersion": 1, "x": )" + std::string(200000, '[') +
                     std::string(200000, ']') + "}";
  Diagnostic d = singleError(text);
  EXPECT_NE(d.message.find("nested more than 64 levels"), std::string::npos) << d.message;
}

TEST(SceneParserErrors, PathEscapesAreRefusedAtParseTime) {
  for (const char* bad : {"../secret.gltf", "/etc/passwd", "file:model.gltf",
                          "http://example.com/m.glb", "models/../../x.glb", "C:/m.glb"}) {
    std::string text = edit(kMinimalScene, R"("path": "triangle.gltf")",
                            std::string(R"("path": ")") + bad + "\"");
    Diagnostic d = singleError(text);
    EXPECT_EQ(d.jsonPointer, "/models/0/path") << bad;
    EXPECT_EQ(d.message.rfind(std::string("refused path '") + bad + "'", 0), 0u) << d.message;
    EXPECT_EQ(d.line, 4);
  }
}

TEST(SceneParserErrors, RootMustBeAnObject) {
  Diagnostic d = singleError("[1, 2, 3]");
  EXPECT_EQ(d.jsonPointer, "");
  EXPECT_EQ(d.message, "expected an object, found an array");
  EXPECT_EQ(d.line, 1);
}

TEST(SceneParserErrors, UnsupportedFormatVersion) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("formatVersion": 1,)", R"("formatVersion": 2,)"));
  EXPECT_EQ(d.jsonPointer, "/formatVersion");
  EXPECT_EQ(d.line, 2);
}

TEST(SceneParserErrors, UnknownGesture) {
  Diagnostic d = singleError(edit(kMinimalScene, R"({"poi": "b"})", R"({"poi": "b", "gesture": "bow"})"));
  EXPECT_EQ(d.jsonPointer, "/tours/0/stops/1/gesture");
  EXPECT_EQ(d.message, "unknown gesture 'bow'");
}

TEST(SceneParserErrors, BothRotationsGiven) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("path": "triangle.gltf"})",
      R"("path": "triangle.gltf", "transform": {"rotationDegrees": [0, 1, 0], "rotationQuaternion": [0, 0, 0, 1]}})"));
  EXPECT_EQ(d.jsonPointer, "/models/0/transform/rotationQuaternion");
}

TEST(SceneParserErrors, NonUnitQuaternionIsOnlyAWarning) {
  Parsed p = parse(edit(kMinimalScene, R"("path": "triangle.gltf"})",
                        R"("path": "triangle.gltf", "transform": {"rotationQuaternion": [0, 0, 0, 2]}})"));
  EXPECT_TRUE(p.ok);
  ASSERT_EQ(p.report.diagnostics().size(), 1u);
  EXPECT_EQ(p.report.diagnostics()[0].severity, Severity::Warning);
  EXPECT_FLOAT_EQ(p.doc.models[0].transform.rotation.w, 1.0f);
}

TEST(SceneParserErrors, ZeroScale) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("path": "triangle.gltf"})",
                                  R"("path": "triangle.gltf", "transform": {"scale": [1, 0, 1]}})"));
  EXPECT_EQ(d.jsonPointer, "/models/0/transform/scale/1");
}

TEST(SceneParserErrors, LodRatiosMustFall) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("path": "triangle.gltf"})",
      R"("path": "triangle.gltf", "lods": [{"path": "a.glb", "screenRatio": 0.2}, {"path": "b.glb", "screenRatio": 0.4}]})"));
  EXPECT_EQ(d.jsonPointer, "/models/0/lods/1/screenRatio");
}

TEST(SceneParserErrors, SpotConeOrderAndPointLightDirection) {
  Diagnostic d = singleError(edit(kMinimalScene, R"({"type": "point", "position": [0, 3, 0],)",
      R"({"type": "spot", "direction": [0, -1, 0], "innerConeDeg": 40, "outerConeDeg": 30, "position": [0, 3, 0],)"));
  EXPECT_EQ(d.jsonPointer, "/lights/0/innerConeDeg");

  Parsed p = parse(edit(kMinimalScene, R"({"type": "point",)", R"({"type": "point", "direction": [0, -1, 0],)"));
  EXPECT_TRUE(p.ok);
  ASSERT_EQ(p.report.diagnostics().size(), 1u);
  EXPECT_EQ(p.report.diagnostics()[0].message, "'direction' only applies to spot lights");
}

TEST(SceneParserErrors, EyeEqualsTarget) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("eye": [0, 1.6, 5], "target": [0, 1, 0])",
                                  R"("eye": [0, 1, 0], "target": [0, 1, 0])"));
  EXPECT_EQ(d.jsonPointer, "/spawn/desktop/target");
}

TEST(SceneParserErrors, GuideBoneMapAndPinyinAreChecked) {
  Diagnostic bone = singleError(edit(kMinimalScene, R"("kiosk": {)",
      R"("guide": {"boneMap": {"Bip01 Head": "Head"}}, "kiosk": {)"));
  EXPECT_EQ(bone.jsonPointer, "/guide/boneMap/Bip01 Head");
  EXPECT_EQ(bone.message, "'Head' is not a VRM humanoid bone");

  Diagnostic twice = singleError(edit(kMinimalScene, R"("kiosk": {)",
      R"("guide": {"boneMap": {"a": "head", "b": "head"}}, "kiosk": {)"));
  EXPECT_EQ(twice.jsonPointer, "/guide/boneMap/b");

  Diagnostic pinyin = singleError(edit(kMinimalScene, R"("kiosk": {)",
      R"("guide": {"pinyinLexicon": {"重庆": "chongqing"}}, "kiosk": {)"));
  EXPECT_EQ(pinyin.jsonPointer, "/guide/pinyinLexicon/重庆");
  EXPECT_NE(pinyin.message.find("does not end in a tone digit"), std::string::npos);
}

TEST(SceneParserErrors, InvalidId) {
  Diagnostic d = singleError(edit(kMinimalScene, R"("id": "m")", R"("id": "my model")"));
  EXPECT_EQ(d.jsonPointer, "/models/0/id");
  EXPECT_EQ(d.message, "'my model' is not a valid id");
}

TEST(SceneParserErrors, ContentRootsMayClimbButNotBeAbsolute) {
  Parsed ok = parse(edit(kMinimalScene, R"("formatVersion": 1,)",
                         R"("formatVersion": 1, "contentRoots": ["../../assets"],)"));
  EXPECT_TRUE(ok.ok) << ok.report.format();
  Diagnostic d = singleError(edit(kMinimalScene, R"("formatVersion": 1,)",
                                  R"("formatVersion": 1, "contentRoots": ["/usr/share"],)"));
  EXPECT_EQ(d.jsonPointer, "/contentRoots/0");
}

TEST(SceneParserErrors, EveryProblemIsReportedNotOnlyTheFirst) {
  std::string text = edit(kMinimalScene, R"("en": "Test")", R"("en": "")");
  text = edit(text, R"({"poi": "b"})", R"({"poi": "c"})");
  text = edit(text, R"("yawDeg": 0})", R"("yawDeg": 720})");
  Parsed p = parse(text);
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.report.errorCount(), 3u) << p.report.format();
  // Sorted by line.
  const auto& ds = p.report.diagnostics();
  for (std::size_t i = 1; i < ds.size(); ++i) EXPECT_LE(ds[i - 1].line, ds[i].line);
}

}  // namespace
}  // namespace sc::scene::test
