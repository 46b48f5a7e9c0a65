#include "ui/ui_model.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sc::ui {

guide::SubtitleMode toSubtitleMode(UiLanguage language) {
  switch (language) {
    case UiLanguage::Chinese: return guide::SubtitleMode::Chinese;
    case UiLanguage::English: return guide::SubtitleMode::English;
    case UiLanguage::Both: break;
  }
  return guide::SubtitleMode::Both;
}

std::string_view uiLanguageName(UiLanguage language) {
  switch (language) {
    case UiLanguage::Chinese: return "zh";
    case UiLanguage::English: return "en";
    case UiLanguage::Both: break;
  }
  return "both";
}

std::string_view qualityPresetName(QualityPreset preset) {
  switch (preset) {
    case QualityPreset::Low: return "low";
    case QualityPreset::Medium: return "medium";
    case QualityPreset::High: break;
  }
  return "high";
}

SubtitleView subtitlesAt(UiLanguage language, const guide::SubtitleTimeline* chinese,
                         const guide::SubtitleTimeline* english, bool spokenIsChinese, double t) {
  SubtitleView view;
  const guide::SubtitleTimeline* spoken = spokenIsChinese ? chinese : english;
  guide::SubtitleState state;
  if (spoken) state = spoken->stateAt(t);
  for (const guide::SubtitleRow& row : guide::subtitleRowsAt(toSubtitleMode(language), chinese, english,
                                                              spokenIsChinese, t)) {
    SubtitleRowView out;
    out.text = std::string(row.text);
    out.highlightBytes = std::min(row.highlightBytes, out.text.size());
    out.spoken = row.spoken;
    // A row's text views the timeline's own string, so its offset there locates the word.
    const guide::SubtitleTimeline* owner = row.spoken ? spoken : (spokenIsChinese ? english : chinese);
    out.chinese = owner == chinese;
    if (row.spoken && spoken && state.wordEnd > state.wordBegin && !row.text.empty()) {
      const char* base = spoken->text().data();
      if (row.text.data() >= base && row.text.data() <= base + spoken->text().size()) {
        std::size_t rowBegin = std::size_t(row.text.data() - base);
        if (state.wordBegin >= rowBegin && state.wordEnd <= rowBegin + row.text.size()) {
          out.wordBegin = state.wordBegin - rowBegin;
          out.wordEnd = state.wordEnd - rowBegin;
          out.wordProgress = std::clamp(state.wordProgress, 0.0f, 1.0f);
        }
      }
    }
    view.rows.push_back(std::move(out));
  }
  view.visible = !view.rows.empty();
  return view;
}

PoiCardView poiCardFor(const scene::PointOfInterest& poi) {
  PoiCardView card;
  card.open = true;
  card.poiId = poi.id;
  card.name = poi.name;
  card.text = poi.narration.shortText;
  card.hasPanorama = !poi.panorama.empty();
  return card;
}

std::string_view uiActionName(UiActionKind kind) {
  switch (kind) {
    case UiActionKind::Play: return "play";
    case UiActionKind::Pause: return "pause";
    case UiActionKind::Previous: return "previous";
    case UiActionKind::Next: return "next";
    case UiActionKind::Repeat: return "repeat";
    case UiActionKind::SetLanguage: return "set-language";
    case UiActionKind::SelectLandmark: return "select-landmark";
    case UiActionKind::OpenPicker: return "open-picker";
    case UiActionKind::ClosePicker: return "close-picker";
    case UiActionKind::CloseCard: return "close-card";
    case UiActionKind::OpenSettings: return "open-settings";
    case UiActionKind::CloseSettings: return "close-settings";
    case UiActionKind::SetQuality: return "set-quality";
    case UiActionKind::SetVolume: return "set-volume";
    case UiActionKind::SetTextScale: return "set-text-scale";
    case UiActionKind::Retry: return "retry";
    case UiActionKind::DismissError: return "dismiss-error";
    case UiActionKind::TogglePanorama: return "toggle-panorama";
  }
  return "unknown";
}

std::string describeUiAction(const UiAction& action) {
  std::string_view name = uiActionName(action.kind);
  switch (action.kind) {
    case UiActionKind::SetLanguage: return fmt::format("{}({})", name, uiLanguageName(action.language));
    case UiActionKind::SelectLandmark: return fmt::format("{}({})", name, action.index);
    case UiActionKind::SetQuality: return fmt::format("{}({})", name, qualityPresetName(action.quality));
    case UiActionKind::SetVolume:
    case UiActionKind::SetTextScale: return fmt::format("{}({:.2f})", name, action.value);
    default: return std::string(name);
  }
}

bool applyUiAction(UiModel& model, const UiAction& action) {
  switch (action.kind) {
    case UiActionKind::OpenPicker: model.picker.open = true; return true;
    case UiActionKind::ClosePicker: model.picker.open = false; return true;
    case UiActionKind::OpenSettings: model.settings.open = true; return true;
    case UiActionKind::CloseSettings: model.settings.open = false; return true;
    case UiActionKind::CloseCard: model.card.open = false; return true;
    case UiActionKind::SetLanguage: model.language = action.language; return true;
    case UiActionKind::SetQuality: model.settings.quality = action.quality; return true;
    case UiActionKind::SetVolume: model.settings.volume = std::clamp(action.value, 0.0f, 1.0f); return true;
    case UiActionKind::SetTextScale:
      model.settings.textScale = std::clamp(action.value, kMinTextScale, kMaxTextScale);
      return true;
    case UiActionKind::DismissError: model.error.visible = false; return true;
    case UiActionKind::SelectLandmark:
      model.picker.open = false;
      if (action.index >= 0 && std::size_t(action.index) < model.picker.landmarks.size()) {
        model.picker.current = action.index;
      }
      return false;
    default: return false;
  }
}

}  // namespace sc::ui
