#pragma once
// The visitor's on-screen UI in a window (engine/ui: Dear ImGui, drawn by the renderer over the
// frame): plain window input in, the UiModel's widgets drawn, the visitor's actions out. The
// tour session fills the model (controls, card, picker, loading, errors, subtitles) and carries
// out the actions; this class only bridges the window and the UI.
//
// A UI that cannot start (no font and no ImGui context) is not fatal: create() returns null
// with a warning and the window runs without it (keys and clicks still work).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/user_settings.hpp"
#include "app/window_loop.hpp"
#include "guide/audio_output.hpp"
#include "ui/ui.hpp"
#include "ui/ui_model.hpp"

namespace sc::app {

class WindowUi {
 public:
  // `touch`: the kiosk's touch-first layout (large targets; the pointer only "hovers" while a
  // finger is down).
  static std::unique_ptr<WindowUi> create(bool touch);
  // Writes what the visitor leaves behind at exit (pending remembered settings).
  ~WindowUi();

  // The desktop tour remembers the visitor's settings (app/user_settings.hpp; never the kiosk):
  // the volume and text size start from `settings.stored()` (the quality comes from the run's
  // render options, the language from the tour session, both already merged with the file), and
  // every change the visitor makes afterwards, by button, slider or key, is saved to its file.
  void rememberSettings(RememberedSettings settings);

  ui::UiModel& model() { return model_; }
  // Lays out the model for this frame's input, hands the draw list to the renderer (drawn by
  // the next render) and returns what the visitor did. HiDPI: the UI is laid out in window
  // points and scaled by uiScaleFor(frame), so a 2x screen shows it twice as large in pixels.
  ui::UiFrame frame(WindowLoop& loop, const FrameInput& frame);
  void addGlyphText(std::string_view text) { ui_->addGlyphText(text); }
  // Where the widgets were, in the UI's design points: multiply by uiScale() for window units.
  const ui::UiLayout& layout() const { return ui_->layout(); }
  float uiScale() const { return uiScale_; }
  // The settings' volume slider drives this output (guide::AudioOutput::setVolume, the OpenAL
  // listener gain): the slider's current value at once, then every SetVolume action in frame().
  // Null (no sound device, no guide): the slider only moves. The output must outlive this UI or
  // be unbound first (pass null).
  void setAudioOutput(guide::AudioOutput* audio);
  // The settings' quality buttons drive the renderer: the model starts at the run's --quality
  // (WindowLoopOptions::render.quality) and every SetQuality action in frame() applies that
  // preset's options (render/render_quality.hpp; an explicit --msaa stays) at once.
  static Status applyQuality(WindowLoop& loop, ui::QualityPreset preset);

 private:
  std::unique_ptr<ui::Ui> ui_;
  ui::UiModel model_;
  bool touch_ = false;
  guide::AudioOutput* audio_ = nullptr;
  std::optional<RememberedSettings> remembered_;
  void observeSettings(double now);
  void logSettingsLayout();
  std::string loggedLayout_;
  float uiScale_ = 1.0f;  // uiScaleFor of the last frame
  bool scaleLogged_ = false;
  bool qualityKnown_ = false;  // model_.settings.quality was set from the run's options
};

// How much larger than its design size the UI is drawn, in window units: the monitor's content
// scale beyond what the window system already scales (framebuffer pixels per window unit). X11
// reports window sizes in pixels and the content scale from Xft.dpi (2 at 192 dpi): 2 / 1 = 2.
// macOS / Wayland report points with a 2x framebuffer: 2 / 2 = 1 (ImGui already draws sharp at
// framebufferScale). Clamped to 0.5..4.
float uiScaleFor(const FrameInput& frame);

// "zh" | "en" | anything else -> Both.
ui::UiLanguage uiLanguageFrom(std::string_view name);

}  // namespace sc::app
