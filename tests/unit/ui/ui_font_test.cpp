// A missing or broken font is one clear message and a Latin-only UI, never a crash.
#include <fstream>

#include <gtest/gtest.h>

#include "ui/ui.hpp"

namespace sc::ui {
namespace {

TEST(UiFont, LoadsTheCjkFace) {
  auto ui = Ui::create({});
  ASSERT_TRUE(ui);
  EXPECT_TRUE((*ui)->hasCjkFont()) << (*ui)->fontProblem();
  EXPECT_TRUE((*ui)->hasGlyph(U'重'));
  EXPECT_TRUE((*ui)->hasGlyph(U'播'));  // from the labels (重播)
  EXPECT_TRUE((*ui)->hasGlyph(U'A'));
}

TEST(UiFont, MissingFontFallsBackToLatinWithAClearMessage) {
  auto ui = Ui::create({.fontPath = "/nonexistent/fonts/wqy-microhei.ttc"});
  ASSERT_TRUE(ui);
  const std::string& problem = (*ui)->fontProblem();
  EXPECT_FALSE((*ui)->hasCjkFont());
  EXPECT_NE(problem.find("/nonexistent/fonts/wqy-microhei.ttc"), std::string::npos) << problem;
  EXPECT_NE(problem.find("fonts-wqy-microhei"), std::string::npos) << problem;
  EXPECT_TRUE((*ui)->hasGlyph(U'A'));
  EXPECT_FALSE((*ui)->hasGlyph(U'重'));
  // The UI still works: a frame with Chinese text draws (as '?') and yields a draw list.
  UiModel model;
  model.subtitles = {true, {{"重庆 Chongqing", 3, 0, 0, 0.0f, true, true}}};
  (void)(*ui)->frame(model, UiInput{});
  EXPECT_FALSE((*ui)->drawList().empty());
}

TEST(UiFont, NotAFontIsReportedAsSuch) {
  auto path = std::filesystem::temp_directory_path() / "sc_ui_not_a_font.ttc";
  std::ofstream(path) << "this is not a font file at all, just text";
  auto ui = Ui::create({.fontPath = path});
  ASSERT_TRUE(ui);
  EXPECT_NE((*ui)->fontProblem().find("not a TrueType/OpenType font"), std::string::npos) << (*ui)->fontProblem();
  EXPECT_TRUE((*ui)->hasGlyph(U'A'));
  std::filesystem::remove(path);
}

TEST(UiFont, WrongFaceIndexIsReported) {
  auto ui = Ui::create({.fontFaceIndex = 7});
  ASSERT_TRUE(ui);
  EXPECT_NE((*ui)->fontProblem().find("face 7"), std::string::npos) << (*ui)->fontProblem();
}

TEST(UiFont, TextScaleRebuildsTheAtlasLarger) {
  auto ui = Ui::create({});
  ASSERT_TRUE(ui);
  UiModel model;
  (void)(*ui)->frame(model, UiInput{});
  glm::uvec2 small = (*ui)->fontAtlasSize();
  std::uint64_t version = (*ui)->drawList().images.at(0).version;
  model.settings.textScale = 2.0f;
  (void)(*ui)->frame(model, UiInput{});
  glm::uvec2 big = (*ui)->fontAtlasSize();
  EXPECT_GT(std::uint64_t(big.x) * big.y, std::uint64_t(small.x) * small.y);
  EXPECT_GT((*ui)->drawList().images.at(0).version, version);
  EXPECT_EQ((*ui)->drawList().images.at(0).key, (*ui)->fontAtlasKey());
}

}  // namespace
}  // namespace sc::ui
