#pragma once
// `shancheng kiosk [--config FILE.toml]`: the unattended museum face on the shared WindowLoop.
// Fullscreen, cursor hidden, touch-first; the KioskStateMachine (kiosk_state.hpp) decides when
// the attract loop runs and when the kiosk resets for the next visitor; Esc and the close button
// are refused (and logged) unless the admin key combination and PIN were given.
//
// Failures: a scene that cannot load leaves the last good one on screen (the first time: the
// other landmarks of content_dir in order, then builtin:default); a render error reloads the
// scene (at most kMaxSceneRestarts times without a good frame in between, then the kiosk exits
// kExitNoGpu for the supervisor); a lost GPU exits kExitDeviceLost (6) at once.
// Content: at every idle reset the content folder is fingerprinted; when it changed, the
// landmark list is re-read and the scene reloaded, without a restart.
// Logs: stderr and a rotating file (config [log]); systemd's watchdog is pinged every frame
// (kiosk_watchdog.hpp) while frames come.
#include <cstdint>
#include <string>

#include "app/render_command.hpp"

namespace sc::app {

inline constexpr int kMaxSceneRestarts = 3;

struct KioskRequest {
  std::string configFile;   // empty: assets/kiosk/kiosk.toml when it exists, else the defaults
  std::string scene;        // overrides the config's [kiosk] scene
  RenderRequest render;     // gpu, msaa, validation, time of day (size: ignored unless windowed)
  bool windowed = false;    // force a window instead of fullscreen (tests)
  bool audio = true;        // narration audio (--no-audio: subtitles only)
  // Test hooks (hidden options): a simulated render failure after N frames.
  std::uint32_t testDeviceLossAfter = 0;
  std::uint32_t testRenderErrorAfter = 0;
  // Overrides for tests: idle and attract seconds (< 0: the config's).
  double idleSeconds = -1.0;
  double attractAfterSeconds = -1.0;
  // Tests: a screenshot at each attract / reset into this folder. Empty (the default): none, so
  // an unattended kiosk never fills its disk.
  std::string screenshotDir;
};

// Exit codes: 0 after the admin unlock, 1 bad config, 3 no GPU / repeated render failures,
// 4 validation errors (test builds), 6 device lost.
int runKiosk(const KioskRequest& request);

}  // namespace sc::app
