#pragma once
// The visitor's on-screen UI in a window (engine/ui: Dear ImGui, drawn by the renderer over the
// frame): plain window input in, the UiModel's widgets drawn, the visitor's actions out. The
// tour session fills the model (controls, card, picker, loading, errors, subtitles) and carries
// out the actions; this class only bridges the window and the UI.
//
// A UI that cannot start (no font and no ImGui context) is not fatal: create() returns null
// with a warning and the window runs without it (keys and clicks still work).
#include <memory>
#include <string>
#include <string_view>

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

  ui::UiModel& model() { return model_; }
  // Lays out the model for this frame's input, hands the draw list to the renderer (drawn by
  // the next render) and returns what the visitor did.
  ui::UiFrame frame(WindowLoop& loop, const FrameInput& frame);
  void addGlyphText(std::string_view text) { ui_->addGlyphText(text); }
  const ui::UiLayout& layout() const { return ui_->layout(); }
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
  void logSettingsLayout();
  std::string loggedLayout_;
  bool qualityKnown_ = false;  // model_.settings.quality was set from the run's options
};

// "zh" | "en" | anything else -> Both.
ui::UiLanguage uiLanguageFrom(std::string_view name);

}  // namespace sc::app
