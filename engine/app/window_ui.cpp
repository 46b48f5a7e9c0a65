#include "app/window_ui.hpp"

#include <algorithm>

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

float uiScaleFor(const FrameInput& frame) {
  float framebufferScale = frame.windowSize.x > 0.0f ? float(frame.framebufferSize.x) / frame.windowSize.x : 1.0f;
  if (framebufferScale <= 0.0f) framebufferScale = 1.0f;  // minimised: 0x0 framebuffer
  return std::clamp(frame.contentScale / framebufferScale, 0.5f, 4.0f);
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
  // HiDPI: the UI lays out at its design size in a display uiScale times smaller than the
  // window, and the renderer stretches its draw list over the whole framebuffer; the atlas is
  // rasterised at the final pixel size, so text stays sharp.
  float scale = uiScaleFor(frame);
  if (scale != uiScale_ || !scaleLogged_) {
    // Once at start and at every change (a window dragged to another monitor): the HiDPI test
    // reads it.
    spdlog::info("window: content scale {:.2f}, UI scale {:.2f} (window {:.0f}x{:.0f}, framebuffer {}x{} px)",
                 frame.contentScale, scale, frame.windowSize.x, frame.windowSize.y, frame.framebufferSize.x,
                 frame.framebufferSize.y);
    uiScale_ = scale;
    scaleLogged_ = true;
  }
  input.displaySize = frame.windowSize / scale;
  float framebufferScale = frame.windowSize.x > 0.0f ? float(frame.framebufferSize.x) / frame.windowSize.x : 1.0f;
  if (framebufferScale <= 0.0f) framebufferScale = 1.0f;  // minimised: keep the atlas as it is
  input.framebufferScale = framebufferScale * scale;
  input.deltaSeconds = std::max(1e-3, double(frame.seconds));
  input.pointer = in.cursor / scale;
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
  observeSettings(frame.time);  // last frame's actions, applied by the session since
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
  auto at = [&](const ui::UiRect& r) {
    return fmt::format("({:.0f}, {:.0f})", r.center().x * uiScale_, r.center().y * uiScale_);
  };
  std::string where;
  if (!l.settingsButton.empty()) {
    glm::vec2 size = (l.settingsButton.max - l.settingsButton.min) * uiScale_;
    where = fmt::format("settings button at window point {} size {:.0f}x{:.0f}", at(l.settingsButton), size.x, size.y);
  }
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

WindowUi::~WindowUi() {
  if (!remembered_) return;
  observeSettings(0.0);  // the last frame's change too; flush() writes it without the delay
  if (Status saved = remembered_->flush(); !saved) spdlog::warn("{}", saved.error().message);
}

void WindowUi::rememberSettings(RememberedSettings settings) {
  remembered_ = std::move(settings);
  model_.settings.volume = remembered_->stored().volume;
  model_.settings.textScale = remembered_->stored().textScale;
  if (audio_) audio_->setVolume(model_.settings.volume);
}

void WindowUi::observeSettings(double now) {
  if (!remembered_) return;
  UserSettings shown;
  shown.quality = model_.settings.quality;
  shown.volume = model_.settings.volume;
  shown.textScale = model_.settings.textScale;
  shown.language = model_.language;
  remembered_->observe(shown, now);
}

void WindowUi::setAudioOutput(guide::AudioOutput* audio) {
  audio_ = audio;
  if (audio_) audio_->setVolume(model_.settings.volume);
}

}  // namespace sc::app
