#include "app/window_tour.hpp"

#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/window_loop.hpp"
#include "app/user_settings.hpp"
#include "app/window_tour_session.hpp"

namespace sc::app {

using platform::Key;

std::vector<TourStopView> tourStops(const ViewContent& content, const render::Camera& home) {
  std::vector<TourStopView> stops;
  if (content.scene && !content.scene->tours.empty()) {
    for (const auto& stop : content.scene->tours.front().stops) {
      const auto* poi = content.scene->findPoi(stop.poi);
      auto camera = sceneCamera(*content.scene, stop.poi);
      if (!poi || !camera) continue;
      camera->fovY = home.fovY;
      stops.push_back({poi->name.en.empty() ? stop.poi : poi->name.en, stop.poi, *camera});
    }
  }
  if (!stops.empty()) return stops;
  // Content without a tour: its own camera turned a quarter, half and three quarters around its
  // target, so the number keys always do something visible.
  const char* names[] = {"front", "side", "back", "other side"};
  for (int i = 0; i < 4; ++i) {
    render::Camera camera = home;
    glm::vec3 offset = home.eye - home.target;
    float angle = float(i) * 1.5707964f;
    float c = std::cos(angle), s = std::sin(angle);
    camera.eye = home.target + glm::vec3(c * offset.x + s * offset.z, offset.y, -s * offset.x + c * offset.z);
    stops.push_back({names[i], "", camera});
  }
  return stops;
}

namespace {

// The desktop face: the shared tour session, Esc quits, a scene that cannot load ends the run.
class TourMode final : public WindowMode {
 public:
  explicit TourMode(TourSessionOptions options) : session_(std::move(options)) {}

  void sceneReady(WindowLoop& loop) override { session_.sceneReady(loop); }
  void sceneFailed(WindowLoop& loop, const std::string& message) override {
    session_.sceneFailed(loop, message);
    if (!loop.content()) loop.requestExit(kExitBadInput);  // nothing to show at all
  }
  render::Camera frame(WindowLoop& loop, const FrameInput& frame) override {
    // Esc leaves the 360-degree view first (the session does), and quits only outside it.
    if (frame.input.pressed(Key::Escape) && !session_.panoramaOpen()) loop.requestExit(kExitOk);
    return session_.frame(loop, frame);
  }
  void shutdown(WindowLoop& loop) override { session_.shutdown(loop); }

 private:
  WindowTourSession session_;
};

}  // namespace

bool windowAvailable() { return platform::Window::displayAvailable(); }

namespace {

WindowLoopOptions windowLoopOptionsFor(const WindowTourRequest& request) {
  WindowLoopOptions options;
  options.render = request.render;
  options.title = "Shancheng - " + request.render.input;
  options.logName = "window tour";
  options.vsync = request.vsync;
  options.fullscreen = request.fullscreen;
  options.screenshotDir = request.screenshotDir;
  options.screenshotAfter = request.screenshotAfter;
  options.screenshotFile = request.screenshotFile;
  options.frames = request.frames;
  return options;
}

}  // namespace

int runWindowTour(const WindowTourRequest& request) {
  WindowLoopOptions options = windowLoopOptionsFor(request);
  TourSessionOptions session{false, "both", request.startStop, {}, request.ui, request.guide, request.audio};
  // The visitor's settings from the last run (app/user_settings.hpp); the command line wins.
  if (std::filesystem::path file = userSettingsPath(); !file.empty()) {
    UserSettingsRead read = loadUserSettings(file);
    for (const auto& warning : read.warnings) spdlog::warn("{}", warning);
    const UserSettings& s = read.settings;
    bool cliQuality = !options.render.quality.empty();
    if (!cliQuality) options.render.quality = std::string(ui::qualityPresetName(s.quality));
    session.language = std::string(ui::uiLanguageName(s.language));
    spdlog::info("settings: {} {} (quality {}{}, volume {:.2f}, text size {:.2f}, language {})", file.string(),
                 read.found ? "read" : "not there yet, defaults", ui::qualityPresetName(s.quality),
                 cliQuality ? fmt::format(", --quality {} wins", options.render.quality) : "", s.volume, s.textScale,
                 session.language);
    session.settings = RememberedSettings(file, s);
  }
  TourMode mode(std::move(session));
  return WindowLoop::run(options, mode);
}

}  // namespace sc::app
