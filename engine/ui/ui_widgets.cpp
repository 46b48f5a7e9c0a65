// The widgets of the visitor UI, laid out in points from the UiModel. Each widget reports what
// the visitor did as UiActions and where it was drawn (UiLayout); none changes the model.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "ui/ui_internal.hpp"
#include "ui/ui_labels.hpp"

namespace sc::ui {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
constexpr float kMargin = 10.0f;
const ImU32 kSpokenColor = IM_COL32(255, 214, 102, 255);  // already said: warm gold
const ImU32 kWordColor = IM_COL32(255, 140, 60, 255);     // the word being said
const ImU32 kPendingColor = IM_COL32(245, 245, 245, 255);
const ImU32 kTranslationColor = IM_COL32(200, 212, 228, 255);
const ImU32 kShadowColor = IM_COL32(0, 0, 0, 200);

float targetSize(const UiModel& model) {
  float text = ImGui::GetFontSize() + ImGui::GetStyle().FramePadding.y * 2.0f;
  return std::max(model.touch ? kTouchTargetPoints : kMouseTargetPoints, text);
}

float buttonWidth(const std::string& label, float minWidth) {
  return std::max(minWidth, ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2.0f);
}

bool button(const std::string& label, const char* id, float minWidth, float height, UiRect& rect,
            bool active = false) {
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
  std::string full = label + "###" + id;
  bool pressed = ImGui::Button(full.c_str(), ImVec2(buttonWidth(label, minWidth), height));
  if (active) ImGui::PopStyleColor();
  rect = lastItemRect();
  return pressed;
}

// A byte offset moved back onto the start of a UTF-8 codepoint, within the text.
std::size_t codepointStart(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
  return offset;
}

// Picker, settings and error: centred and opaque (text behind them would show through).
void centeredWindow(const char* name, float width, ImGuiWindowFlags extra = 0) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, display.y - 2.0f * kMargin));
  ImGui::SetNextWindowBgAlpha(1.0f);  // blending is in linear light: even 3% lets bright text through
  ImGui::Begin(name, nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize | extra);
}

}  // namespace

void Ui::Impl::drawWidgets(const UiModel& model) {
  // Escape closes the topmost panel (keyboards on desktops; kiosks usually have none).
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    if (model.error.visible) emit(UiActionKind::DismissError);
    else if (model.settings.open) emit(UiActionKind::CloseSettings);
    else if (model.picker.open) emit(UiActionKind::ClosePicker);
    else if (model.card.open) emit(UiActionKind::CloseCard);
  }
  if (model.loading.visible) {
    drawLoading(model);
  } else {
    float bottom = ImGui::GetIO().DisplaySize.y;
    if (!model.minimal && model.tour.visible) bottom = drawControls(model);
    drawSubtitles(model, bottom - kMargin);
    if (!model.minimal) {
      drawCard(model);
      if (model.picker.open) drawPicker(model);
      if (model.settings.open) drawSettings(model);
    }
  }
  if (model.error.visible) drawError(model);
}

void Ui::Impl::drawSubtitles(const UiModel& model, float bottom) {
  const SubtitleView& view = model.subtitles;
  if (!view.visible || view.rows.empty()) return;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGuiStyle& style = ImGui::GetStyle();
  float size = large->FontSize * ImGui::GetIO().FontGlobalScale;
  float width = std::min(display.x - 2.0f * kMargin, std::max(display.x * 0.92f, 200.0f));
  float spacing = size * 0.25f;
  float height = float(view.rows.size()) * size + float(view.rows.size() - 1) * spacing + style.WindowPadding.y * 2.0f;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::SetNextWindowBgAlpha(0.55f);
  ImGui::Begin("##subtitles", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs);
  layout.subtitles = currentWindowRect();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float inner = width - style.WindowPadding.x * 2.0f;
  float y = layout.subtitles.min.y + style.WindowPadding.y;
  for (const SubtitleRowView& row : view.rows) {
    const std::string& text = row.text;
    float rowSize = size;
    float textWidth = large->CalcTextSizeA(rowSize, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size()).x;
    if (textWidth > inner && textWidth > 0.0f) {  // too long for the band: shrink rather than cut
      rowSize *= inner / textWidth;
      textWidth = inner;
    }
    float x = layout.subtitles.min.x + (width - textWidth) * 0.5f;
    std::size_t spoken = codepointStart(text, row.highlightBytes);
    std::size_t wordBegin = codepointStart(text, row.wordBegin);
    std::size_t wordEnd = codepointStart(text, row.wordEnd);
    if (wordEnd <= wordBegin) wordBegin = wordEnd = 0;
    // Runs of one colour each: spoken, current word, not yet spoken (translations: one colour).
    struct Run {
      std::size_t begin, end;
      ImU32 color;
    };
    std::vector<Run> runs;
    if (!row.spoken) {
      runs.push_back({0, text.size(), kTranslationColor});
    } else {
      std::vector<std::size_t> cuts{0, spoken, wordBegin, wordEnd, text.size()};
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        bool inWord = wordEnd > wordBegin && cuts[i] >= wordBegin && cuts[i + 1] <= wordEnd;
        runs.push_back({cuts[i], cuts[i + 1], inWord ? kWordColor : cuts[i + 1] <= spoken ? kSpokenColor : kPendingColor});
      }
    }
    float penX = x;
    for (const Run& run : runs) {
      const char* b = text.c_str() + run.begin;
      const char* e = text.c_str() + run.end;
      float w = large->CalcTextSizeA(rowSize, FLT_MAX, 0.0f, b, e).x;
      draw->AddText(large, rowSize, ImVec2(penX + 1.5f, y + 1.5f), kShadowColor, b, e);
      draw->AddText(large, rowSize, ImVec2(penX, y), run.color, b, e);
      if (run.color == kWordColor) {  // underline filling as the word is said
        float fill = w * std::clamp(row.wordProgress, 0.0f, 1.0f);
        draw->AddRectFilled(ImVec2(penX, y + rowSize + 1.0f), ImVec2(penX + fill, y + rowSize + 3.0f), kWordColor);
      }
      penX += w;
    }
    y += size + spacing;
  }
  ImGui::End();
}

float Ui::Impl::drawControls(const UiModel& model) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGuiStyle& style = ImGui::GetStyle();
  UiLanguage lang = model.language;
  float h = targetSize(model);
  const TourControlsView& tour = model.tour;
  std::string stop = tour.stopIndex < 0 ? labelText(labels::kNotStarted, lang)
                     : lang == UiLanguage::English
                         ? fmt::format("{} {}/{}  {}", labels::kStop.en, tour.stopIndex + 1, tour.stopCount,
                                       labelText(tour.stopName, lang))
                         : fmt::format("{}{}/{}{}  {}", labels::kStop.zh, tour.stopIndex + 1, tour.stopCount,
                                       labels::kStopSuffix.zh, labelText(tour.stopName, lang));
  std::string left[] = {labelText(labels::kPrevious, lang),
                        labelText(tour.playing ? labels::kPause : labels::kPlay, lang),
                        labelText(labels::kNext, lang), labelText(labels::kRepeat, lang)};
  std::string right[] = {std::string(labels::kChinese.zh), std::string(labels::kEnglish.en),
                         labelText(labels::kBoth, lang), labelText(labels::kLandmarks, lang),
                         labelText(labels::kSettings, lang)};
  float leftWidth = 0.0f, rightWidth = 0.0f;
  for (const auto& l : left) leftWidth += buttonWidth(l, h) + style.ItemSpacing.x;
  for (const auto& r : right) rightWidth += buttonWidth(r, h) + style.ItemSpacing.x;
  float stopWidth = ImGui::CalcTextSize(stop.c_str()).x + style.ItemSpacing.x;
  float room = display.x - style.WindowPadding.x * 2.0f;
  // One row when everything fits; else the buttons on two rows and the stop's name after
  // whichever row has room for it, or just "2/5" when neither has.
  bool oneRow = leftWidth + stopWidth + rightWidth <= room;
  bool stopOnFirstRow = oneRow || leftWidth + stopWidth <= room;
  if (!stopOnFirstRow && rightWidth + stopWidth > room) {
    stop = tour.stopIndex < 0 ? std::string() : fmt::format("{}/{}", tour.stopIndex + 1, tour.stopCount);
    stopOnFirstRow = true;
  }
  float barHeight = (oneRow ? h : 2.0f * h + style.ItemSpacing.y) + style.WindowPadding.y * 2.0f;
  ImGui::SetNextWindowPos(ImVec2(0.0f, display.y - barHeight));
  ImGui::SetNextWindowSize(ImVec2(display.x, barHeight));
  ImGui::Begin("##controls", nullptr, kPanelFlags);
  layout.controls = currentWindowRect();
  auto stopText = [&] {
    ImGui::SameLine();
    float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(stop.c_str());
  };
  if (button(left[0], "previous", h, h, layout.previous)) emit(UiActionKind::Previous);
  ImGui::SameLine();
  if (button(left[1], "playpause", h, h, layout.playPause)) emit(tour.playing ? UiActionKind::Pause : UiActionKind::Play);
  ImGui::SameLine();
  if (button(left[2], "next", h, h, layout.next)) emit(UiActionKind::Next);
  ImGui::SameLine();
  if (button(left[3], "repeat", h, h, layout.repeat)) emit(UiActionKind::Repeat);
  if (stopOnFirstRow) stopText();
  if (oneRow) {
    ImGui::SameLine(display.x - style.WindowPadding.x - rightWidth + style.ItemSpacing.x);
    ImGui::SetCursorPosY(style.WindowPadding.y);
  }
  auto language = [&](const std::string& label, const char* id, UiLanguage value, UiRect& rect) {
    if (button(label, id, h, h, rect, lang == value)) {
      UiAction a{UiActionKind::SetLanguage};
      a.language = value;
      actions.push_back(a);
    }
    ImGui::SameLine();
  };
  language(right[0], "lang-zh", UiLanguage::Chinese, layout.languageZh);
  language(right[1], "lang-en", UiLanguage::English, layout.languageEn);
  language(right[2], "lang-both", UiLanguage::Both, layout.languageBoth);
  if (button(right[3], "picker", h, h, layout.pickerButton, model.picker.open)) {
    emit(model.picker.open ? UiActionKind::ClosePicker : UiActionKind::OpenPicker);
  }
  ImGui::SameLine();
  if (button(right[4], "settings", h, h, layout.settingsButton, model.settings.open)) {
    emit(model.settings.open ? UiActionKind::CloseSettings : UiActionKind::OpenSettings);
  }
  if (!stopOnFirstRow) stopText();
  ImGui::End();
  return layout.controls.min.y;
}

void Ui::Impl::drawCard(const UiModel& model) {
  const PoiCardView& card = model.card;
  if (!card.open) return;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  UiLanguage lang = model.language;
  // Half the screen, but never narrower than 300 pt (or the whole width of a small panel).
  float width = std::clamp(display.x * 0.5f, std::min(display.x - 2.0f * kMargin, 300.0f),
                           model.touch ? 520.0f : 380.0f);
  float h = targetSize(model);
  ImGui::SetNextWindowPos(ImVec2(display.x - kMargin, kMargin), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, display.y - 2.0f * kMargin));
  ImGui::Begin("##card", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
  // The name: Chinese in the large font, English below it in the label font (Both), so neither
  // is broken mid-word next to the close button.
  float nameWrap = width - ImGui::GetStyle().WindowPadding.x - h - 8.0f;
  ImGui::PushTextWrapPos(nameWrap);
  bool zhName = lang != UiLanguage::English && !card.name.zh.empty();
  bool enName = lang != UiLanguage::Chinese && !card.name.en.empty();
  if (zhName || !enName) {
    ImGui::PushFont(large);
    ImGui::TextUnformatted(zhName ? card.name.zh.c_str() : card.name.en.c_str());
    ImGui::PopFont();
  }
  if (enName) {
    if (!zhName) ImGui::PushFont(large);
    ImGui::TextUnformatted(card.name.en.c_str());
    if (!zhName) ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  ImVec2 afterName = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(width - ImGui::GetStyle().WindowPadding.x - h, ImGui::GetStyle().WindowPadding.y));
  if (button("\xC3\x97", "card-close", h, h, layout.cardClose)) emit(UiActionKind::CloseCard);  // ×
  ImGui::SetCursorPos(ImVec2(afterName.x, std::max(afterName.y, layout.cardClose.max.y - ImGui::GetWindowPos().y +
                                                                      ImGui::GetStyle().ItemSpacing.y)));
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  if (lang != UiLanguage::English && !card.text.zh.empty()) ImGui::TextUnformatted(card.text.zh.c_str());
  if (lang != UiLanguage::Chinese && !card.text.en.empty()) ImGui::TextUnformatted(card.text.en.c_str());
  ImGui::PopTextWrapPos();
  layout.cardPanorama = {};
  if (card.hasPanorama) {
    std::string label = labelText(card.panoramaOpen ? labels::kLeavePanorama : labels::kPanorama, lang);
    if (button(label, "card-panorama", h, h, layout.cardPanorama)) emit(UiActionKind::TogglePanorama);
  }
  layout.card = currentWindowRect();
  ImGui::End();
}

void Ui::Impl::drawPicker(const UiModel& model) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  UiLanguage lang = model.language;
  float h = targetSize(model);
  centeredWindow("##picker", std::min(model.touch ? 640.0f : 480.0f, display.x - 2.0f * kMargin));
  ImGui::PushFont(large);
  ImGui::TextUnformatted(labelText(labels::kChooseLandmark, lang).c_str());
  ImGui::PopFont();
  ImGui::Separator();
  layout.pickerEntries.assign(model.picker.landmarks.size(), UiRect{});
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
  for (std::size_t i = 0; i < model.picker.landmarks.size(); ++i) {
    std::string label = labelText(model.picker.landmarks[i].title, lang) + "###landmark" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), int(i) == model.picker.current, 0, ImVec2(0.0f, h))) {
      UiAction a{UiActionKind::SelectLandmark};
      a.index = int(i);
      actions.push_back(a);
    }
    layout.pickerEntries[i] = lastItemRect();
  }
  ImGui::PopStyleVar();
  ImGui::Separator();
  if (button(labelText(labels::kClose, lang), "picker-close", h * 2.0f, h, layout.pickerClose)) {
    emit(UiActionKind::ClosePicker);
  }
  layout.picker = currentWindowRect();
  ImGui::End();
}

void Ui::Impl::drawSettings(const UiModel& model) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  UiLanguage lang = model.language;
  const SettingsView& settings = model.settings;
  float h = targetSize(model);
  centeredWindow("##settings", std::min(model.touch ? 640.0f : 440.0f, display.x - 2.0f * kMargin));
  ImGui::PushFont(large);
  ImGui::TextUnformatted(labelText(labels::kSettings, lang).c_str());
  ImGui::PopFont();
  ImGui::Separator();
  // One row per setting, labels in a column, so the panel fits small screens and panels.
  float column = 0.0f;
  for (const Label* l : {&labels::kQuality, &labels::kVolume, &labels::kTextSize}) {
    column = std::max(column, ImGui::CalcTextSize(labelText(*l, lang).c_str()).x);
  }
  column += ImGui::GetStyle().ItemSpacing.x * 2.0f;
  auto rowLabel = [&](const Label& label) {
    float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(labelText(label, lang).c_str());
    ImGui::SameLine(column + ImGui::GetStyle().WindowPadding.x);
    ImGui::SetCursorPosY(y);
  };
  rowLabel(labels::kQuality);
  auto quality = [&](const Label& label, const char* id, QualityPreset value, UiRect& rect) {
    if (button(labelText(label, lang), id, h, h, rect, settings.quality == value)) {
      UiAction a{UiActionKind::SetQuality};
      a.quality = value;
      actions.push_back(a);
    }
  };
  quality(labels::kLow, "quality-low", QualityPreset::Low, layout.qualityLow);
  ImGui::SameLine();
  quality(labels::kMedium, "quality-medium", QualityPreset::Medium, layout.qualityMedium);
  ImGui::SameLine();
  quality(labels::kHigh, "quality-high", QualityPreset::High, layout.qualityHigh);

  rowLabel(labels::kVolume);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x,
                                                         (h - ImGui::GetFontSize()) * 0.5f));
  ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, h * 0.6f);
  ImGui::SetNextItemWidth(-1.0f);
  if (!volumeDragging) volumeSlider = settings.volume;  // the model wins unless being dragged
  float before = volumeSlider;
  if (ImGui::SliderFloat("###volume", &volumeSlider, 0.0f, 1.0f, "%.2f") && volumeSlider != before) {
    UiAction a{UiActionKind::SetVolume};
    a.value = volumeSlider;
    actions.push_back(a);
  }
  volumeDragging = ImGui::IsItemActive();
  layout.volume = lastItemRect();
  ImGui::PopStyleVar(2);

  rowLabel(labels::kTextSize);
  const std::pair<Label, float> sizes[] = {{labels::kSmall, 1.0f}, {labels::kMedium, 1.3f}, {labels::kLarge, 1.6f}};
  for (std::size_t i = 0; i < std::size(sizes); ++i) {
    if (i) ImGui::SameLine();
    UiRect rect;
    bool active = std::abs(settings.textScale - sizes[i].second) < 0.05f;
    if (button(labelText(sizes[i].first, lang), fmt::format("text-{}", i).c_str(), h, h, rect, active)) {
      UiAction a{UiActionKind::SetTextScale};
      a.value = sizes[i].second;
      actions.push_back(a);
    }
    if (i == 0) layout.textScale = rect;
    else layout.textScale.max = rect.max;
  }
  ImGui::Separator();
  if (button(labelText(labels::kClose, lang), "settings-close", h * 2.0f, h, layout.settingsClose)) {
    emit(UiActionKind::CloseSettings);
  }
  layout.settings = currentWindowRect();
  ImGui::End();
}

void Ui::Impl::drawLoading(const UiModel& model) {
  const LoadingView& loading = model.loading;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  UiLanguage lang = model.language;
  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
  ImGui::SetNextWindowSize(display);
  ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::Begin("##loading", nullptr, kPanelFlags);
  layout.loading = currentWindowRect();
  float barWidth = std::min(display.x * 0.7f, 640.0f);
  float h = targetSize(model);
  ImGui::SetCursorPos(ImVec2((display.x - barWidth) * 0.5f, display.y * 0.5f - h * 2.0f));
  ImGui::PushFont(large);
  std::string title = labelText(labels::kLoading, lang);
  if (!loading.title.zh.empty() || !loading.title.en.empty()) title += "  " + labelText(loading.title, lang);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  double fraction = loading.bytesTotal > 0   ? double(loading.bytesDone) / double(loading.bytesTotal)
                    : loading.assetsTotal > 0 ? double(loading.assetsDone) / double(loading.assetsTotal)
                                              : 0.0;
  std::string overlay = fmt::format("{} / {} {}", loading.assetsDone, loading.assetsTotal, labelText(labels::kAssets, lang));
  if (loading.bytesTotal > 0) {
    overlay += fmt::format("  {:.1f} / {:.1f} MB", double(loading.bytesDone) / 1e6, double(loading.bytesTotal) / 1e6);
  }
  ImGui::SetCursorPosX((display.x - barWidth) * 0.5f);
  ImGui::ProgressBar(float(std::clamp(fraction, 0.0, 1.0)), ImVec2(barWidth, h), overlay.c_str());
  layout.loadingBar = lastItemRect();
  if (!loading.currentItem.empty()) {
    ImGui::SetCursorPosX((display.x - barWidth) * 0.5f);
    ImGui::TextDisabled("%s", loading.currentItem.c_str());
  }
  ImGui::End();
}

void Ui::Impl::drawError(const UiModel& model) {
  const ErrorView& error = model.error;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  UiLanguage lang = model.language;
  float h = targetSize(model);
  float width = std::min(model.touch ? 720.0f : 560.0f, display.x - 2.0f * kMargin);
  ImGui::SetNextWindowFocus();  // in front of every other panel
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.20f, 0.07f, 0.06f, 1.0f));  // stands out on any screen
  centeredWindow("##error", width);
  ImGui::PopStyleColor();
  ImGui::PushFont(large);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
  ImGui::TextUnformatted(labelText(error.title, lang).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(error.message.c_str());
  ImGui::PopTextWrapPos();
  if (error.canRetry) {
    if (button(labelText(labels::kRetry, lang), "error-retry", h * 2.0f, h, layout.errorRetry)) emit(UiActionKind::Retry);
    ImGui::SameLine();
  }
  if (button(labelText(labels::kClose, lang), "error-close", h * 2.0f, h, layout.errorDismiss)) {
    emit(UiActionKind::DismissError);
  }
  layout.error = currentWindowRect();
  ImGui::End();
}

}  // namespace sc::ui
