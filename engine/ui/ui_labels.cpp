#include "ui/ui_labels.hpp"

namespace sc::ui {

namespace {
using namespace labels;
constexpr Label kAll[] = {kPlay, kPause, kPrevious, kNext, kRepeat, kChinese, kEnglish, kBoth,
                          kLandmarks, kSettings, kClose, kQuality, kLow, kMedium, kHigh, kVolume,
                          kTextSize, kSmall, kLarge, kLoading, kAssets, kRetry, kStop, kStopSuffix,
                          kChooseLandmark, kNotStarted, kErrorTitle, kPanorama, kLeavePanorama};

std::string join(std::string_view zh, std::string_view en, UiLanguage language) {
  if (language == UiLanguage::Chinese && !zh.empty()) return std::string(zh);
  if (language == UiLanguage::English && !en.empty()) return std::string(en);
  if (zh.empty() || zh == en) return std::string(en);
  if (en.empty()) return std::string(zh);
  return std::string(zh) + " " + std::string(en);
}
}  // namespace

std::span<const Label> allLabels() { return kAll; }

std::string labelText(const Label& label, UiLanguage language) { return join(label.zh, label.en, language); }

std::string labelText(const scene::LocalizedText& text, UiLanguage language) {
  return join(text.zh, text.en, language);
}

}  // namespace sc::ui
