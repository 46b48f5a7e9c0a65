#include "app/window_tour_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/screen_pick.hpp"

namespace sc::app {

using platform::GamepadButton;
using platform::Key;

void WindowTourSession::sceneReady(WindowLoop& loop) {
  const ViewContent& content = *loop.content();
  home_ = loop.homeCamera();
  stops_ = tourStops(content, home_);
  stop_ = std::min<std::size_t>(std::max(options_.startStop, 1u) - 1, stops_.size() - 1);
  const render::Camera& start = options_.startStop > 1 ? stops_[stop_].camera : home_;
  render::Camera lens = home_;
  lens.eye = start.eye;
  lens.target = start.target;
  camera_.reset(lens, loop.collider());
  selected_ = -1;
  paused_ = false;
  markers_.clear(loop.renderer());
  if (content.scene) {
    auto made = markers_.create(loop.renderer(), *content.scene, glm::length(content.bounds.extent()));
    if (!made) spdlog::warn("POI markers: {}", made.error().message);
  }
  title_ = content.scene && !content.scene->title.en.empty() ? content.scene->title.en : loop.sceneInput();
  titledStop_ = SIZE_MAX;
  logMarkers_ = true;
}

void WindowTourSession::sceneFailed(WindowLoop&, const std::string& message) {
  spdlog::warn("the scene could not be shown: {}", message);
}

void WindowTourSession::shutdown(WindowLoop& loop) { markers_.clear(loop.renderer()); }

void WindowTourSession::goToStop(std::size_t index) {
  if (index >= stops_.size()) return;
  stop_ = index;
  const render::Camera& c = stops_[index].camera;
  camera_.moveTo({c.eye, c.target});
  spdlog::info("stop {}/{}: {}", index + 1, stops_.size(), stops_[index].name);
}

void WindowTourSession::next() {
  if (!stops_.empty()) goToStop((stop_ + 1) % stops_.size());
}

void WindowTourSession::previous() {
  if (!stops_.empty()) goToStop((stop_ + stops_.size() - 1) % stops_.size());
}

void WindowTourSession::togglePause() {
  paused_ = !paused_;
  spdlog::info("tour {}", paused_ ? "paused" : "resumed");
}

void WindowTourSession::repeat() {
  spdlog::info("repeat stop {}", stop_ + 1);
  goToStop(stop_);
}

void WindowTourSession::cycleLanguage() {
  options_.language = options_.language == "both" ? "zh" : options_.language == "zh" ? "en" : "both";
  spdlog::info("language {}", options_.language);
}

void WindowTourSession::selectPoi(WindowLoop& loop, int index) {
  if (index < 0 || std::size_t(index) >= markers_.ids().size() || !loop.content() || !loop.content()->scene) return;
  selected_ = index;
  const std::string& id = markers_.ids()[std::size_t(index)];
  const auto* poi = loop.content()->scene->findPoi(id);
  spdlog::info("selected POI {} ({})", id, poi && !poi->name.en.empty() ? poi->name.en : id);
  if (poi) camera_.moveTo({poi->desktopView.eye, poi->desktopView.target});
}

void WindowTourSession::restart(WindowLoop& loop) {
  attractClock_ = 0.0;
  selected_ = -1;
  paused_ = false;
  stop_ = 0;
  camera_.reset(home_, loop.collider());
  titledStop_ = SIZE_MAX;
}

void WindowTourSession::attract(WindowLoop& loop, const FrameInput& frame, double stopSeconds) {
  if (!loop.content() || stops_.empty()) return;
  attractClock_ += frame.seconds;
  if (attractClock_ >= stopSeconds) {
    attractClock_ = 0.0;
    next();
  }
  camera_.autoRotate(0.08f * frame.seconds);
  camera_.update(platform::InputState{}, frame.seconds, loop.collider(), false, false);
  markers_.update(loop.renderer(), frame.time, -1);
}

void WindowTourSession::selectAt(WindowLoop& loop, const FrameInput& frame, glm::vec2 pointer, float radius) {
  int hit = markers_.pick(camera_.camera(), frame.windowSize, pointer, radius, &loop.collider());
  if (hit >= 0) selectPoi(loop, hit);
}

render::Camera WindowTourSession::frame(WindowLoop& loop, const FrameInput& frame, bool keyboard) {
  const platform::InputState& in = frame.input;
  if (!loop.content() || stops_.empty()) return camera_.camera();
  if (keyboard) {
    for (int digit = 1; digit <= 9; ++digit) {
      if (in.pressed(Key(int(Key::Num0) + digit))) goToStop(std::size_t(digit - 1));
    }
    if (in.pressed(Key::N)) next();
    if (in.pressed(Key::P)) previous();
    if (in.pressed(Key::Space)) togglePause();
    if (in.pressed(Key::R)) repeat();
    if (in.pressed(Key::L)) cycleLanguage();
  }
  const platform::GamepadState& pad = in.gamepad;
  if (pad.pressed(GamepadButton::RightBumper)) next();
  if (pad.pressed(GamepadButton::LeftBumper)) previous();
  if (pad.pressed(GamepadButton::Start)) togglePause();
  if (pad.pressed(GamepadButton::Y)) repeat();
  // Fingers are less precise than a mouse: a kiosk accepts more movement in a tap and picks
  // markers from further away.
  float scale = frame.contentScale * (options_.touch ? 2.5f : 1.0f);
  gestures_.tapSlop = 8.0f * scale;
  gestures_.update(in, frame.time);
  if (gestures_.tapped()) selectAt(loop, frame, gestures_.tapPosition(), 24.0f * scale);
  if (pad.pressed(GamepadButton::A)) {
    selectAt(loop, frame, frame.windowSize * 0.5f, 0.25f * std::min(frame.windowSize.x, frame.windowSize.y));
  }
  camera_.update(in, frame.seconds, loop.collider(), true, keyboard);
  markers_.update(loop.renderer(), frame.time, selected_);
  if (logMarkers_) {
    // Where the markers are on screen at the start (debug: the window tests click them).
    logMarkers_ = false;
    render::Camera c = camera_.camera();
    glm::mat4 vp = c.projection(frame.windowSize.x / std::max(1.0f, frame.windowSize.y)) * c.view();
    for (std::size_t i = 0; i < markers_.ids().size(); ++i) {
      if (auto p = platform::projectToWindow(vp, markers_.positions()[i], frame.windowSize)) {
        spdlog::debug("POI {} marker at window point ({:.0f}, {:.0f})", markers_.ids()[i], p->x, p->y);
      }
    }
  }
  if (stop_ != titledStop_) {
    titledStop_ = stop_;
    loop.window().setTitle(fmt::format("Shancheng - {} - {}/{}: {}", title_, stop_ + 1, stops_.size(),
                                       stops_[stop_].name));
  }
  return camera_.camera();
}

}  // namespace sc::app
