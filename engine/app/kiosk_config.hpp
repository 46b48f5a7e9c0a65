#pragma once
// The kiosk's configuration file (TOML; the default is assets/kiosk/kiosk.toml, documented key
// by key in docs/CLIENT.md). Every key is optional; a missing file is an error only when named
// explicitly. Mistakes (syntax, unknown keys, wrong types, values out of range) are one message
// naming the file, the line and what to write instead.
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/kiosk_state.hpp"
#include "core/result.hpp"
#include "platform/input_state.hpp"
#include "ui/ui_model.hpp"

namespace sc::app {

// A key combination such as "ctrl+alt+shift+k": modifiers (ctrl, alt, shift) and one key
// (a letter, a digit, f1, f11, f12, escape, enter, space, tab, backspace).
struct KeyCombination {
  bool ctrl = false, alt = false, shift = false;
  platform::Key key = platform::Key::K;
  std::string text;  // as written, for messages

  // True in the poll where `key` went down while exactly these modifiers were held.
  bool pressed(const platform::InputState& input) const;
};
Result<KeyCombination> parseKeyCombination(const std::string& text);

struct KioskConfig {
  std::filesystem::path file;  // where it was read from (empty: built-in defaults)
  // [kiosk]
  std::string scene = "scenes/hongyadong/hongyadong.scene.json";  // the landmark at start
  std::filesystem::path contentDir = "scenes";  // landmarks (<dir>/<name>/<name>.scene.json)
  std::string language = "both";                // zh | en | both
  float volume = 1.0f;                          // 0..1, the guide's voice
  float textScale = 1.0f;                       // text_scale, ui::kMinTextScale..ui::kMaxTextScale
  std::string attractTour;                      // empty: the scene's kiosk.attractTour
  KioskTimings timings;                         // idle_seconds, attract_after_seconds, [admin] ones
  // [admin]
  KeyCombination adminKeys;                     // default ctrl+alt+shift+k
  std::string pin = "2468";
  // [display]
  bool fullscreen = true;
  bool hideCursor = true;
  std::uint32_t width = 1920, height = 1080;    // points, when not fullscreen
  bool vsync = true;
  std::string quality = "medium";               // low | medium | high (render/render_quality.hpp)
  // [log]
  std::filesystem::path logFile = "~/.local/state/shancheng/kiosk.log";  // "~" = $HOME
  std::uint32_t logMaxBytes = 5u << 20;
  std::uint32_t logMaxFiles = 5;
  // [watchdog]
  bool watchdog = true;  // ping systemd's watchdog (sd_notify) when $NOTIFY_SOCKET is set
};

// The built-in defaults (what assets/kiosk/kiosk.toml also says).
KioskConfig defaultKioskConfig();
// Reads `file`; relative paths inside it are relative to the current folder (the service's
// WorkingDirectory), as on the command line.
Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file);
// Parses TOML text (`name` is used in messages).
Result<KioskConfig> parseKioskConfig(const std::string& text, const std::string& name);
// What every visitor starts with: the configured volume, text size and language put into the
// UI's settings (the kiosk calls it at each idle reset, whatever the last visitor chose; the
// tour session's language and the guide's voice are the kiosk mode's part).
void applyVisitorDefaults(const KioskConfig& config, ui::UiModel& model);

// "~/x" -> "$HOME/x".
std::filesystem::path expandHome(const std::filesystem::path& path);

}  // namespace sc::app
