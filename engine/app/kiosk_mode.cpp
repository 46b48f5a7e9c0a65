#include "app/kiosk_mode.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "app/kiosk_config.hpp"
#include "app/kiosk_state.hpp"
#include "app/kiosk_watchdog.hpp"
#include "app/window_landmarks.hpp"
#include "app/window_loop.hpp"
#include "app/window_tour_session.hpp"
#include "core/heap.hpp"

namespace sc::app {

namespace fs = std::filesystem;
using platform::Key;

namespace {

class KioskMode final : public WindowMode {
 public:
  KioskMode(KioskConfig config, const KioskRequest& request)
      : config_(std::move(config)),
        request_(request),
        machine_(config_.timings, config_.pin),
        session_(TourSessionOptions{true, config_.language, 1, config_.contentDir, true, true, request.audio}) {
    session_.setWelcome(true);  // the kiosk starts unattended
    landmarks_ = findLandmarks(config_.contentDir);
    fingerprint_ = contentFingerprint(config_.contentDir);
  }

  void sceneReady(WindowLoop& loop) override {
    session_.sceneReady(loop);
    goodScene_ = loop.sceneInput();
    if (!readySent_) {
      notifier_.ready();
      readySent_ = true;
    }
    spdlog::info("kiosk: showing {} ({})", goodScene_, kioskStateName(machine_.state()));
  }

  void sceneFailed(WindowLoop& loop, const std::string& message) override {
    spdlog::error("kiosk: {}", message);
    session_.sceneFailed(loop, message);
    if (loop.content()) return;  // the last good scene stays on screen
    // Nothing on screen yet: the other landmarks in order, then the built-in courtyard.
    while (fallback_ < landmarks_.size()) {
      std::string next = landmarks_[fallback_++].file.string();
      if (next != loop.loadingInput() && fs::path(next) != fs::path(config_.scene)) {
        spdlog::warn("kiosk: trying {} instead", next);
        loop.loadScene(next);
        return;
      }
    }
    if (loop.loadingInput() != "builtin:default" && !triedBuiltin_) {
      triedBuiltin_ = true;
      spdlog::warn("kiosk: no landmark loads; showing the built-in scene");
      loop.loadScene("builtin:default");
      return;
    }
    spdlog::error("kiosk: nothing can be shown; exiting for the supervisor to restart");
    loop.requestExit(kExitBadInput);
  }

  render::Camera frame(WindowLoop& loop, const FrameInput& frame) override {
    notifier_.keepAlive();
    // The UI is made on the session's first frame: it starts at the configured settings too.
    if (!visitorDefaultsSet_ && session_.ui()) resetVisitorSettings();
    const platform::InputState& in = frame.input;
    bool prompt = machine_.state() == KioskState::AdminPin;
    KioskInput kin;
    kin.activity = in.anyActivity();
    kin.adminCombination = config_.adminKeys.pressed(in);
    kin.exitRequest = in.closeRequested || (!prompt && in.pressed(Key::Escape) && !kin.adminCombination);
    kin.typed = in.typed;
    kin.enter = in.pressed(Key::Enter);
    kin.backspace = in.pressed(Key::Backspace);
    kin.escape = prompt && in.pressed(Key::Escape);
    for (KioskEvent event : machine_.update(frame.seconds, kin)) handle(loop, event);
    if (machine_.state() == KioskState::AdminPin) session_.setAdminPrompt(machine_.pinLength(), false);

    KioskState state = machine_.state();
    if (state == KioskState::Attract || state == KioskState::Idle) {
      // Nobody is there: the camera drifts (attract) or holds the start view (idle).
      if (state == KioskState::Attract) session_.attract(loop, frame);
      else session_.frame(loop, frame, false);
      return currentCamera(loop, frame);
    }
    return session_.frame(loop, frame, state != KioskState::AdminPin);
  }

  void afterFrame(WindowLoop& loop, const FrameInput&) override {
    goodFrames_ = true;
    restarts_ = 0;
    if (!pendingShot_.empty() && loop.content() && !loop.loading()) {
      fs::path file = fs::path(request_.screenshotDir) / pendingShot_;
      pendingShot_.clear();
      if (auto shot = loop.screenshot(file); !shot) spdlog::error("{}", shot.error().message);
    }
  }

  bool allowClose(WindowLoop&) override {
    // The refusal itself is logged by the state machine's ExitRefused (closeRequested).
    return machine_.exitUnlocked();
  }

  int renderFailed(WindowLoop&, const Error& error) override {
    if (isDeviceLost(error)) {
      spdlog::critical("kiosk: the GPU was lost ({}); exiting with code {} for the supervisor to restart",
                       error.message, kExitDeviceLost);
      notifier_.stopping();
      return kExitDeviceLost;
    }
    if (++restarts_ > kMaxSceneRestarts) {
      spdlog::critical("kiosk: rendering failed {} times in a row ({}); exiting for the supervisor", restarts_,
                       error.message);
      return kExitNoGpu;
    }
    spdlog::error("kiosk: rendering failed ({}); restarting the scene ({}/{})", error.message, restarts_,
                  kMaxSceneRestarts);
    return -1;  // the loop reloads the scene
  }

  void shutdown(WindowLoop& loop) override {
    notifier_.stopping();
    session_.shutdown(loop);
  }

 private:
  render::Camera currentCamera(WindowLoop& loop, const FrameInput& frame) {
    FrameInput none{empty_, frame.seconds, frame.time, frame.windowSize, frame.framebufferSize, frame.contentScale,
                    frame.frame};
    return session_.frame(loop, none, false);
  }

  // The config's attract tour, else the scene's kiosk.attractTour, else its first tour.
  std::string attractTour(WindowLoop& loop) const {
    if (!config_.attractTour.empty()) return config_.attractTour;
    const ViewContent* content = loop.content();
    if (content && content->scene && content->scene->kiosk) return content->scene->kiosk->attractTour;
    return "";
  }

  // The next visitor starts where the kiosk is configured, not where the last one left the
  // settings: volume (the guide's voice at once), text size and language.
  void resetVisitorSettings() {
    visitorDefaultsSet_ = true;
    if (WindowUi* ui = session_.ui()) {
      applyVisitorDefaults(config_, ui->model());
      if (WindowGuide* guide = session_.guide()) ui->setAudioOutput(guide->audio());  // applies the volume
    }
    // The session cycles both -> zh -> en: at most two steps reach any of them.
    for (int i = 0; i < 2 && session_.language() != config_.language; ++i) session_.cycleLanguage();
    spdlog::info("kiosk: visitor settings reset (volume {:.2f}, text size {:.2f}, language {})", config_.volume,
                 config_.textScale, session_.language());
  }

  void shot(const char* what) {
    if (request_.screenshotDir.empty()) return;
    pendingShot_ = fmt::format("kiosk-{:02}-{}.png", ++shots_, what);
  }

  void handle(WindowLoop& loop, KioskEvent event) {
    spdlog::info("kiosk: {} -> {}", kioskEventName(event), kioskStateName(machine_.state()));
    switch (event) {
      case KioskEvent::EnterAttract:
        session_.restart(loop);
        session_.setWelcome(true);
        session_.startTour(loop, attractTour(loop));
        shot("attract");
        break;
      case KioskEvent::VisitorArrived:
        session_.restart(loop);
        session_.setWelcome(false);
        session_.startTour(loop, "");  // the main tour from its start, the guide greets
        break;
      case KioskEvent::IdleReset: {
        session_.restart(loop);
        session_.setWelcome(true);
        resetVisitorSettings();
        std::uint64_t now = contentFingerprint(config_.contentDir);
        if (now != fingerprint_) {
          fingerprint_ = now;
          landmarks_ = findLandmarks(config_.contentDir);
          spdlog::info("kiosk: new content in {} ({} landmarks); reloading {}", config_.contentDir.string(),
                       landmarks_.size(), config_.scene);
          loop.loadScene(config_.scene);
        } else if (loop.sceneInput() != config_.scene && !loop.loading()) {
          loop.loadScene(config_.scene);  // a visitor picked another landmark: back to the default
        }
        shot("reset");
        break;
      }
      case KioskEvent::AdminPrompt: spdlog::warn("kiosk: admin key combination: PIN prompt open"); break;
      case KioskEvent::AdminCancelled:
        session_.setAdminPrompt(std::nullopt, false);
        spdlog::info("kiosk: PIN prompt closed");
        break;
      case KioskEvent::PinRejected:
        session_.setAdminPrompt(std::nullopt, false);
        spdlog::warn("kiosk: wrong admin PIN");
        break;
      case KioskEvent::AdminLockedOut: spdlog::warn("kiosk: admin prompt locked after wrong PINs"); break;
      case KioskEvent::ExitRefused:
        spdlog::warn("kiosk: exit refused (Esc or window close without the admin key combination and PIN)");
        break;
      case KioskEvent::ExitUnlocked:
        spdlog::warn("kiosk: admin PIN accepted; exiting");
        loop.requestExit(kExitOk);
        break;
    }
  }

  KioskConfig config_;
  const KioskRequest& request_;
  KioskStateMachine machine_;
  WindowTourSession session_;
  ServiceNotifier notifier_;
  std::vector<LandmarkFile> landmarks_;
  std::uint64_t fingerprint_ = 0;
  std::string goodScene_;
  std::size_t fallback_ = 0;
  bool triedBuiltin_ = false;
  bool readySent_ = false;
  bool visitorDefaultsSet_ = false;
  bool goodFrames_ = false;
  int restarts_ = 0;
  std::string pendingShot_;
  std::uint32_t shots_ = 0;
  platform::InputState empty_;
};

// stderr as before plus a size-rotated file (kiosk.log, kiosk.1.log, ...), flushed at every
// info line so the last words before a crash are on disk.
void addRotatingLog(const KioskConfig& config) {
  fs::path file = expandHome(config.logFile);
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  try {
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.string(), config.logMaxBytes,
                                                                       config.logMaxFiles - 1);
    sink->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
    spdlog::default_logger()->sinks().push_back(sink);
    spdlog::default_logger()->flush_on(spdlog::level::info);
    spdlog::info("kiosk: logging to {} (rotated at {} bytes, {} files)", file.string(), config.logMaxBytes,
                 config.logMaxFiles);
  } catch (const spdlog::spdlog_ex& e) {
    spdlog::warn("kiosk: cannot write the log file {}: {}; logging to stderr only", file.string(), e.what());
  }
}

}  // namespace

int runKiosk(const KioskRequest& request) {
  KioskConfig config = defaultKioskConfig();
  fs::path configFile = request.configFile;
  if (configFile.empty() && fs::exists("assets/kiosk/kiosk.toml")) configFile = "assets/kiosk/kiosk.toml";
  if (!configFile.empty()) {
    auto loaded = loadKioskConfig(configFile);
    if (!loaded) {
      spdlog::error("{}", loaded.error().message);
      return kExitBadInput;
    }
    config = std::move(loaded.value());
  }
  if (!request.scene.empty()) config.scene = request.scene;
  if (request.idleSeconds >= 0.0) config.timings.idleSeconds = request.idleSeconds;
  if (request.attractAfterSeconds >= 0.0) config.timings.attractAfterSeconds = request.attractAfterSeconds;
  if (request.windowed) config.fullscreen = false;
  addRotatingLog(config);
  spdlog::info("kiosk: config {}, scene {}, idle {} s, attract after {} s, admin keys {}",
               configFile.empty() ? "(built-in defaults)" : configFile.string(), config.scene,
               config.timings.idleSeconds, config.timings.attractAfterSeconds, config.adminKeys.text);

  WindowLoopOptions options;
  options.render = request.render;
  options.render.input = config.scene;
  if (options.render.quality.empty()) options.render.quality = config.quality;  // --quality wins
  if (!request.windowed) {
    options.render.width = config.width;
    options.render.height = config.height;
  }
  options.title = "Shancheng kiosk";
  options.logName = "kiosk";
  options.vsync = config.vsync;
  options.fullscreen = config.fullscreen;
  options.hideCursor = config.hideCursor;
  options.desktopKeys = false;
  options.screenshotDir = request.screenshotDir;
  if (request.testDeviceLossAfter > 0) {
    options.testFailAfterFrames = request.testDeviceLossAfter;
    options.testFailMessage = "VK_ERROR_DEVICE_LOST (the GPU was reset or removed) [simulated by a test]";
  } else if (request.testRenderErrorAfter > 0) {
    options.testFailAfterFrames = request.testRenderErrorAfter;
    options.testFailMessage = "VK_ERROR_OUT_OF_DEVICE_MEMORY [simulated by a test]";
  }
  // A kiosk runs for days and replaces scenes: set the heap up so that the memory a scene used
  // can be given back (core/heap.hpp; the soak found lavapipe's queue thread keeping its own arena
  // at the largest frame). Before the window loop makes the device and its driver threads.
  configureHeapForLongRuns();
  KioskMode mode(config, request);
  return WindowLoop::run(options, mode);
}

}  // namespace sc::app
