#pragma once
// What the visitor's on-screen UI shows and what the visitor did with it, as plain data. The
// application (window tour, kiosk, headless tour, XR) fills a UiModel every frame, hands it to
// ui::Ui::frame together with this frame's UiInput, and gets back the UiActions the visitor took.
// The UI never changes the model itself: the application applies actions (applyUiAction does the
// purely presentational ones: panels open/closed, language, text size, volume) and decides about
// the rest (pause the tour, load another scene, ...).
//
// Nothing here depends on ImGui, a window or a GPU: tests and the headless tour build models by
// hand. Text is UTF-8; every string the UI shows must be in the glyph text the Ui was built with
// (see ui/glyph_ranges.hpp: glyphTextForScene + uiLabelText), or it draws as '?'.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>

#include "guide/subtitle_timeline.hpp"
#include "scene/scene_document.hpp"

namespace sc::ui {

// Which language(s) subtitles, cards and labels show. Both: Chinese above English.
enum class UiLanguage : std::uint8_t { Chinese, English, Both };
guide::SubtitleMode toSubtitleMode(UiLanguage language);
std::string_view uiLanguageName(UiLanguage language);  // "zh", "en", "both"

enum class QualityPreset : std::uint8_t { Low, Medium, High };
std::string_view qualityPresetName(QualityPreset preset);  // "low", "medium", "high"

// One subtitle row as drawn: the text, its spoken part and the word being spoken now. Byte
// offsets are into `text` and are clamped to it when drawn.
struct SubtitleRowView {
  std::string text;
  std::size_t highlightBytes = 0;  // [0, highlightBytes) is spoken: drawn highlighted
  std::size_t wordBegin = 0;       // the word spoken now, [wordBegin, wordEnd); empty: none
  std::size_t wordEnd = 0;
  float wordProgress = 0.0f;       // 0..1 through the current word (underline fill)
  bool chinese = true;             // picks line spacing; both languages use the same font
  bool spoken = false;             // the track the audio plays (the other is a translation)
};

// The subtitle band at the bottom of the screen: zero, one or two rows (zh above en).
struct SubtitleView {
  bool visible = false;
  std::vector<SubtitleRowView> rows;
};

// Rows for `language` at time t from the guide's timelines (either may be null), with the
// current word taken from the spoken timeline. Same rules as guide::subtitleRowsAt.
SubtitleView subtitlesAt(UiLanguage language, const guide::SubtitleTimeline* chinese,
                         const guide::SubtitleTimeline* english, bool spokenIsChinese, double t);

// The card of a point of interest (opened by a click/tap on it or by the tour).
struct PoiCardView {
  bool open = false;
  std::string poiId;
  scene::LocalizedText name;
  scene::LocalizedText text;  // short narration; shown wrapped, both languages when Both
  bool hasPanorama = false;   // the POI has a 360-degree image: a "360°" button (TogglePanorama)
  bool panoramaOpen = false;  // the visitor is inside it: the button reads "Back"
};
PoiCardView poiCardFor(const scene::PointOfInterest& poi);  // open = true

// Tour controls: play/pause, previous, next, repeat and where the tour is.
struct TourControlsView {
  bool visible = true;
  bool playing = false;     // shows Pause when true, Play when false
  int stopIndex = -1;       // 0-based current stop; -1 = not started
  int stopCount = 0;
  scene::LocalizedText stopName;  // the current stop's POI name
};

// One landmark (scene) the visitor can pick.
struct LandmarkEntry {
  std::string id;  // e.g. the scene folder name "hongyadong"; echoed back only by index
  scene::LocalizedText title;
};

struct LandmarkPickerView {
  bool open = false;
  std::vector<LandmarkEntry> landmarks;
  int current = -1;  // index of the landmark on screen now, -1 none
};

struct SettingsView {
  bool open = false;
  QualityPreset quality = QualityPreset::Medium;
  float volume = 1.0f;     // 0..1
  float textScale = 1.0f;  // kMinTextScale..kMaxTextScale; the Ui rebuilds its atlas on change
};
inline constexpr float kMinTextScale = 0.75f;
inline constexpr float kMaxTextScale = 2.0f;

// Full-screen loading screen with a progress bar (assets and bytes).
struct LoadingView {
  bool visible = false;
  scene::LocalizedText title;  // e.g. the landmark being loaded
  std::uint32_t assetsDone = 0;
  std::uint32_t assetsTotal = 0;
  std::uint64_t bytesDone = 0;
  std::uint64_t bytesTotal = 0;  // 0 = unknown: the bar follows assets
  std::string currentItem;       // e.g. "models/hongyadong.glb"; may be empty
};

// An error shown to the visitor instead of failing silently. `message` is the engine's one-line
// message (file, place, what to do); retry shows a Retry button (Retry action).
struct ErrorView {
  bool visible = false;
  scene::LocalizedText title{"出错了", "Something went wrong"};
  std::string message;
  bool canRetry = true;
};

struct UiModel {
  UiLanguage language = UiLanguage::Both;
  // Kiosk: touch-first layout, large targets (at least kTouchTargetPoints), larger text.
  bool touch = false;
  // Hide everything but subtitles, loading and errors (attract loop, screenshots, XR subtitles).
  bool minimal = false;
  SubtitleView subtitles;
  PoiCardView card;
  TourControlsView tour;
  LandmarkPickerView picker;
  SettingsView settings;
  LoadingView loading;
  ErrorView error;
};
inline constexpr float kTouchTargetPoints = 64.0f;  // minimum button size in touch mode
inline constexpr float kMouseTargetPoints = 28.0f;

enum class UiActionKind : std::uint8_t {
  Play,            // tour controls
  Pause,
  Previous,
  Next,
  Repeat,
  SetLanguage,     // UiAction::language
  SelectLandmark,  // UiAction::index into picker.landmarks
  OpenPicker,
  ClosePicker,
  CloseCard,
  OpenSettings,
  CloseSettings,
  SetQuality,      // UiAction::quality
  SetVolume,       // UiAction::value, 0..1
  SetTextScale,    // UiAction::value, kMinTextScale..kMaxTextScale
  Retry,           // error panel
  DismissError,
  TogglePanorama,  // the card's 360° button: into the POI's panorama, or back out of it
};
std::string_view uiActionName(UiActionKind kind);  // "play", "select-landmark", ...

struct UiAction {
  UiActionKind kind = UiActionKind::Play;
  int index = -1;                                  // SelectLandmark
  UiLanguage language = UiLanguage::Both;          // SetLanguage
  QualityPreset quality = QualityPreset::Medium;   // SetQuality
  float value = 0.0f;                              // SetVolume, SetTextScale
  bool operator==(const UiAction&) const = default;
};
std::string describeUiAction(const UiAction& action);  // "set-language(en)", "select-landmark(2)"

// Applies the actions that only change what the UI shows: OpenPicker/ClosePicker,
// OpenSettings/CloseSettings, CloseCard, SetLanguage, SetQuality, SetVolume, SetTextScale,
// DismissError, SelectLandmark (closes the picker, sets current). Returns true when it handled
// the action completely; false for Play/Pause/Previous/Next/Repeat/Retry, which the application
// must carry out (and SelectLandmark, which also needs a scene load: applied AND returns false).
bool applyUiAction(UiModel& model, const UiAction& action);

// Keys the UI reacts to (keyboard navigation and Escape to close panels).
enum class UiKey : std::uint8_t { Tab, Enter, Escape, Space, Left, Right, Up, Down, Backspace, Count };

// This frame's input in plain values (from platform::InputState, touch events or a test).
// Positions are in window points, origin top-left; the UI lays out in points and draws at
// framebufferScale pixels per point (HiDPI).
struct UiInput {
  glm::vec2 displaySize{1280.0f, 720.0f};  // points
  float framebufferScale = 1.0f;           // pixels per point
  double deltaSeconds = 1.0 / 60.0;
  // The pointer: the mouse, or the first finger on a touch screen. Clicks are "down in one frame,
  // up in a later one" (a button fires on release over it), exactly as from a real mouse.
  bool pointerPresent = true;  // false: no hover (a touch screen between touches)
  glm::vec2 pointer{-1.0f, -1.0f};
  bool pointerDown = false;
  float wheel = 0.0f;          // steps, > 0 away from the user
  bool keysDown[std::size_t(UiKey::Count)] = {};
  std::string typed;           // UTF-8 text typed this frame (PIN entry)
};

}  // namespace sc::ui
