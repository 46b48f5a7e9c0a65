#pragma once
// The UI's own words, in both languages. Every label lives here so that the glyph ranges
// (uiLabelText) hold exactly the characters the widgets draw.
#include <span>
#include <string>
#include <string_view>

#include "ui/ui_model.hpp"

namespace sc::ui {

struct Label {
  std::string_view zh;
  std::string_view en;
};

namespace labels {
inline constexpr Label kPlay{"播放", "Play"};
inline constexpr Label kPause{"暂停", "Pause"};
inline constexpr Label kPrevious{"上一站", "Previous"};
inline constexpr Label kNext{"下一站", "Next"};
inline constexpr Label kRepeat{"重播", "Repeat"};
inline constexpr Label kChinese{"中文", "中文"};
inline constexpr Label kEnglish{"English", "English"};
inline constexpr Label kBoth{"双语", "Both"};
inline constexpr Label kLandmarks{"景点", "Landmarks"};
inline constexpr Label kSettings{"设置", "Settings"};
inline constexpr Label kClose{"关闭", "Close"};
inline constexpr Label kQuality{"画质", "Quality"};
inline constexpr Label kLow{"低", "Low"};
inline constexpr Label kMedium{"中", "Medium"};
inline constexpr Label kHigh{"高", "High"};
inline constexpr Label kVolume{"音量", "Volume"};
inline constexpr Label kTextSize{"字号", "Text size"};
inline constexpr Label kSmall{"小", "Small"};
inline constexpr Label kLarge{"大", "Large"};
inline constexpr Label kLoading{"正在加载", "Loading"};
inline constexpr Label kAssets{"资源", "assets"};
inline constexpr Label kRetry{"重试", "Retry"};
inline constexpr Label kStop{"第", "Stop"};
inline constexpr Label kStopSuffix{"站", ""};
inline constexpr Label kChooseLandmark{"选择景点", "Choose a landmark"};
inline constexpr Label kNotStarted{"导览未开始", "Tour not started"};
inline constexpr Label kErrorTitle{"出错了", "Something went wrong"};
inline constexpr Label kPanorama{"全景 360°", "360° view"};
inline constexpr Label kLeavePanorama{"返回", "Back"};
}  // namespace labels

std::span<const Label> allLabels();

// The label as shown in `language`: zh, en, or "zh en" for Both (one of them when they are equal
// or one is empty).
std::string labelText(const Label& label, UiLanguage language);
// The same for scene text (titles, POI names).
std::string labelText(const scene::LocalizedText& text, UiLanguage language);

}  // namespace sc::ui
