// The plain-data side: subtitle rows from the guide's timelines (karaoke state), action names and
// the presentational actions applyUiAction carries out.
#include <gtest/gtest.h>

#include "ui/ui_model.hpp"

namespace sc::ui {
namespace {

TEST(UiModel, SubtitleRowsCarryTheSpokenPartAndTheCurrentWord) {
  std::string zh = "重庆是山城";
  // Three words: 重庆 [0,6) at 0 s, 是 [6,9) at 1 s, 山城 [9,15) at 1.5 s; 3 s in all.
  std::vector<guide::WordEvent> words{{0.0, 0, 6}, {1.0, 6, 3}, {1.5, 9, 6}};
  auto chinese = guide::SubtitleTimeline::build(zh, words, 3.0, 20);
  auto english = guide::SubtitleTimeline::untimed("Chongqing is the mountain city", 40);
  SubtitleView view = subtitlesAt(UiLanguage::Both, &chinese, &english, true, 1.2);
  ASSERT_TRUE(view.visible);
  ASSERT_EQ(view.rows.size(), 2u);
  EXPECT_EQ(view.rows[0].text, zh);
  EXPECT_TRUE(view.rows[0].spoken);
  EXPECT_TRUE(view.rows[0].chinese);
  EXPECT_EQ(view.rows[0].wordBegin, 6u);  // 是
  EXPECT_EQ(view.rows[0].wordEnd, 9u);
  EXPECT_GE(view.rows[0].highlightBytes, 6u);
  EXPECT_LE(view.rows[0].highlightBytes, 9u);
  EXPECT_GT(view.rows[0].wordProgress, 0.0f);
  EXPECT_EQ(view.rows[1].text, "Chongqing is the mountain city");
  EXPECT_FALSE(view.rows[1].spoken);
  EXPECT_FALSE(view.rows[1].chinese);
  EXPECT_EQ(view.rows[1].wordEnd, 0u);

  SubtitleView english_only = subtitlesAt(UiLanguage::English, &chinese, &english, true, 1.2);
  ASSERT_EQ(english_only.rows.size(), 1u);
  EXPECT_FALSE(english_only.rows[0].chinese);
  SubtitleView none = subtitlesAt(UiLanguage::Chinese, nullptr, nullptr, true, 0.0);
  EXPECT_FALSE(none.visible);
  // At the end everything is spoken.
  SubtitleView end = subtitlesAt(UiLanguage::Chinese, &chinese, &english, true, 3.0);
  ASSERT_EQ(end.rows.size(), 1u);
  EXPECT_EQ(end.rows[0].highlightBytes, zh.size());
}

TEST(UiModel, ActionsAreNamedAndPresentationalOnesApplied) {
  UiModel model;
  UiAction language{UiActionKind::SetLanguage};
  language.language = UiLanguage::Chinese;
  EXPECT_EQ(describeUiAction(language), "set-language(zh)");
  EXPECT_TRUE(applyUiAction(model, language));
  EXPECT_EQ(model.language, UiLanguage::Chinese);

  UiAction scale{UiActionKind::SetTextScale};
  scale.value = 9.0f;
  EXPECT_TRUE(applyUiAction(model, scale));
  EXPECT_FLOAT_EQ(model.settings.textScale, kMaxTextScale);

  model.picker = {true, {{"a", {"甲", "A"}}, {"b", {"乙", "B"}}}, 0};
  UiAction select{UiActionKind::SelectLandmark};
  select.index = 1;
  EXPECT_FALSE(applyUiAction(model, select));  // the application loads the scene
  EXPECT_FALSE(model.picker.open);
  EXPECT_EQ(model.picker.current, 1);
  select.index = 7;  // out of range: ignored
  (void)applyUiAction(model, select);
  EXPECT_EQ(model.picker.current, 1);

  EXPECT_FALSE(applyUiAction(model, UiAction{UiActionKind::Pause}));
  EXPECT_EQ(describeUiAction(UiAction{UiActionKind::Pause}), "pause");
  model.card.open = true;
  EXPECT_TRUE(applyUiAction(model, UiAction{UiActionKind::CloseCard}));
  EXPECT_FALSE(model.card.open);
}

TEST(UiModel, PoiCardFromTheScene) {
  scene::PointOfInterest poi;
  poi.id = "jiefangbei";
  poi.name = {"解放碑", "Jiefangbei"};
  poi.narration.shortText = {"解放碑位于渝中区。", "The monument stands in Yuzhong."};
  PoiCardView card = poiCardFor(poi);
  EXPECT_TRUE(card.open);
  EXPECT_EQ(card.poiId, "jiefangbei");
  EXPECT_EQ(card.name.en, "Jiefangbei");
  EXPECT_EQ(card.text.zh, "解放碑位于渝中区。");
}

}  // namespace
}  // namespace sc::ui
