// Glyph ranges come from the text the UI will show: every CJK character of a real scene must be
// in the atlas, and the atlas must stay small (not the full ~21k-ideograph set).
#include <cstdio>

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "guide/utf8_text.hpp"
#include "scene/scene_parser.hpp"
#include "ui/glyph_ranges.hpp"
#include "ui/ui.hpp"

namespace sc::ui {
namespace {

scene::SceneDocument loadScene(const std::string& name) {
  auto path = std::filesystem::path(SC_SOURCE_DIR) / "scenes" / name / (name + ".scene.json");
  auto text = readFileText(path);
  EXPECT_TRUE(text) << text.error().message;
  scene::ValidationReport report;
  auto doc = scene::parseScene(*text, path.string(), report);
  EXPECT_TRUE(doc) << doc.error().message;
  return doc ? *doc : scene::SceneDocument{};
}

TEST(GlyphRanges, CodepointsAreDistinctAndSorted) {
  auto points = codepointsOf("重庆重庆 ab\xff");  // a malformed byte is skipped, not U+FFFD
  std::vector<char32_t> expected{U' ', U'a', U'b', U'庆', U'重'};
  EXPECT_EQ(points, expected);
}

TEST(GlyphRanges, HoldBaseSetAndTextAndMergeNeighbours) {
  auto ranges = glyphRangesFor("解放碑");
  ASSERT_FALSE(ranges.empty());
  EXPECT_EQ(ranges.back(), 0);
  EXPECT_EQ(ranges.size() % 2, 1u);
  for (char32_t c : {U'A', U'z', U'~', U'é', U'，', U'。', U'解', U'放', U'碑'}) EXPECT_TRUE(rangesCover(ranges, c)) << int(c);
  EXPECT_FALSE(rangesCover(ranges, U'庆'));
  EXPECT_FALSE(rangesCover(ranges, 0x1F600));  // beyond 16-bit ImWchar: dropped
  // ASCII 0x20..0x7E is one range, not 95.
  EXPECT_EQ(ranges[0], 0x20);
  EXPECT_EQ(ranges[1], 0x7E);
}

TEST(GlyphRanges, EveryCjkCharacterOfTheSceneIsCoveredAndDrawn) {
  scene::SceneDocument doc = loadScene("hongyadong");
  std::string text = glyphTextForScene(doc);
  ASSERT_FALSE(doc.pois.empty());
  // The scene's own strings are in the text (titles, POI names, narration).
  EXPECT_NE(text.find(doc.title.zh), std::string::npos);
  EXPECT_NE(text.find(doc.pois.front().name.zh), std::string::npos);
  EXPECT_NE(text.find(doc.pois.front().narration.shortText.zh), std::string::npos);
  auto ranges = glyphRangesFor(text + uiLabelText());
  auto ui = Ui::create({.glyphText = text});
  ASSERT_TRUE(ui);
  ASSERT_TRUE((*ui)->hasCjkFont()) << (*ui)->fontProblem();
  std::size_t cjk = 0;
  for (char32_t c : codepointsOf(text + uiLabelText())) {
    if (!guide::isCjkIdeograph(c) && !guide::isCjkPunctuation(c)) continue;
    ++cjk;
    EXPECT_TRUE(rangesCover(ranges, c)) << "U+" << std::hex << int(c);
    EXPECT_TRUE((*ui)->hasGlyph(c)) << "U+" << std::hex << int(c);
  }
  EXPECT_GT(cjk, 50u);
  EXPECT_FALSE((*ui)->hasGlyph(U'鬱'));  // in the font, not in the text: not rasterised
  // Two sizes of a few hundred glyphs: far below the full set (which needs 4096x4096+).
  glm::uvec2 atlas = (*ui)->fontAtlasSize();
  std::printf("hongyadong: %zu CJK characters and punctuation, atlas %ux%u\n", cjk, atlas.x, atlas.y);
  EXPECT_LE(std::uint64_t(atlas.x) * atlas.y, 2048ull * 2048ull) << atlas.x << "x" << atlas.y;
}

TEST(GlyphRanges, LabelsOfBothLanguagesAreInTheLabelText) {
  std::string labels = uiLabelText();
  for (const char* word : {"暂停", "Pause", "下一站", "Next", "景点", "Landmarks", "设置", "Settings", "重试"}) {
    EXPECT_NE(labels.find(word), std::string::npos) << word;
  }
}

TEST(GlyphRanges, AddedTextExtendsTheAtlas) {
  auto ui = Ui::create({});
  ASSERT_TRUE(ui);
  ASSERT_TRUE((*ui)->hasCjkFont());
  EXPECT_FALSE((*ui)->hasGlyph(U'碑'));
  (*ui)->addGlyphText("解放碑");
  UiModel model;
  (void)(*ui)->frame(model, UiInput{});  // the atlas is rebuilt at the next frame
  EXPECT_TRUE((*ui)->hasGlyph(U'碑'));
}

// The atlas version the last frame's draw list hands the renderer (a new version: a new texture).
std::uint64_t atlasVersion(const Ui& ui) {
  for (const auto& image : ui.drawList().images) {
    if (image.key == ui.fontAtlasKey()) return image.version;
  }
  return 0;
}

// A scene's text (newline-separated, as glyphTextForScene makes it) added again - the kiosk and
// the soak add it at every visit - must not rebuild the atlas: the newlines were taken for new
// glyphs, so each visit appended the text once more and made a new 3 MB atlas texture.
TEST(GlyphRanges, TextAlreadyInTheAtlasDoesNotRebuildIt) {
  auto ui = Ui::create({});
  ASSERT_TRUE(ui);
  const std::string sceneText = "解放碑\n洪崖洞：吊脚楼\nJiefangbei\n";
  (*ui)->addGlyphText(sceneText);
  UiModel model;
  (void)(*ui)->frame(model, UiInput{});
  const std::uint64_t built = atlasVersion(**ui);
  ASSERT_NE(built, 0u);
  (*ui)->addGlyphText(sceneText);
  (*ui)->addGlyphText("解放碑");
  (void)(*ui)->frame(model, UiInput{});
  EXPECT_EQ(atlasVersion(**ui), built);
  (*ui)->addGlyphText("朝天门\n");  // new glyphs still rebuild it
  (void)(*ui)->frame(model, UiInput{});
  EXPECT_GT(atlasVersion(**ui), built);
}

}  // namespace
}  // namespace sc::ui
