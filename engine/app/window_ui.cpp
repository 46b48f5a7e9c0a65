#include "app/window_ui.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/viewer.hpp"
#include "ui/glyph_ranges.hpp"

namespace sc::app {

using platform::Key;
using platform::MouseButton;

ui::UiLanguage uiLanguageFrom(std::string_view name) {
  if (name == "zh") return ui::UiLanguage::Chinese;
  if (name == "en") return ui::UiLanguage::English;
  return ui::UiLanguage::Both;
}

std::unique_ptr<WindowUi> WindowUi::create(bool touch) {
  ui::UiOptions options;
  // The kiosk's own words (welcome card, admin prompt) must be in the atlas too.
  options.glyphText = "欢迎 触摸屏幕开始导览 管理员 请输入密码后按回车键";
  auto made = ui::Ui::create(options);
  if (!made) {
    spdlog::warn("the on-screen UI is off: {}", made.error().message);
    return nullptr;
  }
  auto out = std::unique_ptr<WindowUi>(new WindowUi());
  out->ui_ = std::move(made.value());
  out->touch_ = touch;
  out->model_.touch = touch;
  return out;
}

ui::UiFrame WindowUi::frame(WindowLoop& loop, const FrameInput& frame) {
  const platform::InputState& in = frame.input;
  ui::UiInput input;
  input.displaySize = frame.windowSize;
  input.framebufferScale = frame.windowSize.x > 0.0f ? float(frame.framebufferSize.x) / frame.windowSize.x : 1.0f;
  input.deltaSeconds = std::max(1e-3, double(frame.seconds));
  input.pointer = in.cursor;
  input.pointerDown = in.down(MouseButton::Left);
  // A touch screen has no hover: the pointer exists while a finger is down (or just lifted,
  // so the release lands on the button it pressed).
  input.pointerPresent = !touch_ || in.down(MouseButton::Left) || in.released(MouseButton::Left);
  input.wheel = in.scroll.y;
  auto key = [&](ui::UiKey k, Key platformKey) { input.keysDown[std::size_t(k)] = in.down(platformKey); };
  key(ui::UiKey::Tab, Key::Tab);
  key(ui::UiKey::Enter, Key::Enter);
  key(ui::UiKey::Escape, Key::Escape);
  key(ui::UiKey::Space, Key::Space);
  key(ui::UiKey::Left, Key::Left);
  key(ui::UiKey::Right, Key::Right);
  key(ui::UiKey::Up, Key::Up);
  key(ui::UiKey::Down, Key::Down);
  key(ui::UiKey::Backspace, Key::Backspace);
  input.typed = in.typed;
  model_.touch = touch_;
  if (!qualityKnown_) {
    qualityKnown_ = true;
    std::string_view asked = loop.options().render.quality;
    if (asked == "low") model_.settings.quality = ui::QualityPreset::Low;
    if (asked == "high") model_.settings.quality = ui::QualityPreset::High;
  }
  ui::UiFrame out = ui_->frame(model_, input);
  loop.renderer().setOverlay(ui_->drawList());
  logSettingsLayout();
  for (const auto& action : out.actions) {
    spdlog::info("ui: {}", ui::describeUiAction(action));
    if (action.kind == ui::UiActionKind::SetVolume && audio_) audio_->setVolume(action.value);
    if (action.kind == ui::UiActionKind::SetQuality && action.quality != model_.settings.quality) {
      if (Status applied = applyQuality(loop, action.quality); !applied) {
        spdlog::error("quality {}: {}", ui::qualityPresetName(action.quality), applied.error().message);
      }
    }
  }
  return out;
}

void WindowUi::logSettingsLayout() {
  // Debug: where the settings controls are, in window points, whenever that changes (the window
  // tests click them there; ImGui may place a new window only on its second frame).
  const ui::UiLayout& l = ui_->layout();
  auto at = [](const ui::UiRect& r) { return fmt::format("({:.0f}, {:.0f})", r.center().x, r.center().y); };
  std::string where;
  if (!l.settingsButton.empty()) where = "settings button at window point " + at(l.settingsButton);
  if (!l.qualityHigh.empty()) {
    where += fmt::format("; settings quality low at {}, medium at {}, high at {}, close at {}", at(l.qualityLow),
                         at(l.qualityMedium), at(l.qualityHigh), at(l.settingsClose));
  }
  if (where != loggedLayout_ && !where.empty()) spdlog::debug("ui: {}", where);
  loggedLayout_ = std::move(where);
}

Status WindowUi::applyQuality(WindowLoop& loop, ui::QualityPreset preset) {
  RenderRequest request = loop.options().render;
  request.quality = std::string(ui::qualityPresetName(preset));
  render::RendererOptions options = rendererOptionsFor(request, loop.device().info());
  spdlog::info("quality {}", request.quality);
  return loop.renderer().setOptions(options);
}

void WindowUi::setAudioOutput(guide::AudioOutput* audio) {
  audio_ = audio;
  if (audio_) audio_->setVolume(model_.settings.volume);
}

}  // namespace sc::app
