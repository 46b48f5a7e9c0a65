#include "app/window_tour_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/gamepad_mapping.hpp"
#include "platform/screen_pick.hpp"
#include "ui/glyph_ranges.hpp"

namespace sc::app {

using platform::Key;

namespace {
const scene::LocalizedText kPanoramaErrorTitle{"无法显示全景", "The panorama cannot be shown"};
}  // namespace

void WindowTourSession::sceneReady(WindowLoop& loop) {
  const ViewContent& content = *loop.content();
  panorama_.sceneChanged(loop.renderer());  // the old scene's spheres go with it
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
  if (options_.ui && !uiTried_) {
    uiTried_ = true;
    makeUi();
  }
  startTour(loop, tourId_);
  std::filesystem::path dir = options_.landmarksDir;
  if (dir.empty() && isSceneFile(loop.sceneInput())) dir = std::filesystem::path(loop.sceneInput()).parent_path().parent_path();
  landmarks_ = dir.empty() ? std::vector<LandmarkFile>{} : findLandmarks(dir);
  if (ui_) {
    ui::UiModel& model = ui_->model();
    model.language = uiLanguageFrom(options_.language);
    model.card = {};
    model.error.visible = false;
    model.picker.landmarks.clear();
    model.picker.current = -1;
    std::error_code ec;
    for (std::size_t i = 0; i < landmarks_.size(); ++i) {
      model.picker.landmarks.push_back({landmarks_[i].id, landmarks_[i].title});
      ui_->addGlyphText(landmarks_[i].title.zh);
      if (std::filesystem::equivalent(landmarks_[i].file, loop.sceneInput(), ec)) model.picker.current = int(i);
    }
    if (content.scene) ui_->addGlyphText(ui::glyphTextForScene(*content.scene));
    ui_->addGlyphText(kPanoramaErrorTitle.zh);
  }
}

void WindowTourSession::makeUi() {
  ui_ = WindowUi::create(options_.touch);
  if (!ui_) return;
  // From the first frame (the loading screen), so the remembered settings' baseline is the
  // language the tour starts in, not the model's default.
  ui_->model().language = uiLanguageFrom(options_.language);
  if (options_.settings) ui_->rememberSettings(*options_.settings);
}

void WindowTourSession::startTour(WindowLoop& loop, const std::string& tourId) {
  tourId_ = tourId;
  if (ui_) ui_->setAudioOutput(nullptr);  // the guide's audio output goes with it
  guide_.reset();  // its avatar leaves the renderer first
  followGuide_ = true;
  const ViewContent* content = loop.content();
  if (!options_.guide || !content || !content->scene || content->scene->tours.empty()) return;
  auto guide = WindowGuide::create(loop, {tourId, options_.language, options_.audio});
  if (!guide) {
    spdlog::error("guide: {}", guide.error().message);
    if (ui_) {
      ui_->model().error = {true, {"导游无法出场", "The guide cannot appear"}, guide.error().message, false};
    }
    return;
  }
  guide_ = std::move(guide.value());
  if (ui_) ui_->setAudioOutput(guide_->audio());  // the volume slider drives the guide's voice
}

void WindowTourSession::logSubtitles() {
  // Each new subtitle line once (debug: the window tests read what the guide says).
  std::string text;
  for (const auto& row : guide_->frame().subtitles) text += std::string(row.text) + " | ";
  if (text != lastSubtitles_) {
    lastSubtitles_ = text;
    if (!text.empty()) spdlog::debug("subtitles: {}", text);
  }
}

void WindowTourSession::closePanels() {
  selected_ = -1;
  if (!ui_) return;
  ui::UiModel& model = ui_->model();
  model.card = {};
  model.picker.open = false;
  model.settings.open = false;
}

void WindowTourSession::setWelcome(bool on) { welcome_ = on; }

void WindowTourSession::setAdminPrompt(std::optional<std::size_t> digits, bool lockedOut) {
  if (!ui_) return;
  ui::ErrorView& panel = ui_->model().error;
  if (!digits && !lockedOut) {
    if (panel.title.en == "Administrator") panel.visible = false;
    return;
  }
  panel.visible = true;
  panel.canRetry = false;
  panel.title = {"管理员", "Administrator"};
  panel.message = lockedOut ? "Too many wrong PINs: try again later."
                            : "PIN: " + std::string(*digits, '*') + "_   (Enter to confirm, Esc to cancel)";
}

void WindowTourSession::updateModel(WindowLoop& loop) {
  ui::UiModel& model = ui_->model();
  model.tour.visible = !welcome_;
  model.tour.playing = !paused_;
  model.tour.stopIndex = int(stop_);
  model.tour.stopCount = int(stops_.size());
  model.tour.stopName = {};
  if (loop.content() && loop.content()->scene && stop_ < stops_.size()) {
    if (const auto* poi = loop.content()->scene->findPoi(stops_[stop_].poiId)) model.tour.stopName = poi->name;
  }
  if (welcome_) {
    model.card.open = true;
    model.card.poiId.clear();
    model.card.name = {"欢迎", "Welcome"};
    model.card.text = {"触摸屏幕开始导览", "Touch the screen to begin the tour"};
  } else if (model.card.open && model.card.poiId.empty()) {
    model.card = {};  // the welcome card goes when a visitor comes
  }
  model.card.panoramaOpen = panorama_.isOpen();
  model.loading.visible = loop.loading();
  if (model.loading.visible) {
    SceneLoadProgress progress = loop.loadProgress();
    const std::string& input = loop.loadingInput();
    model.loading.title = {input, input};
    for (const auto& l : landmarks_) {
      if (l.file.string() == input) model.loading.title = l.title;
    }
    model.loading.assetsDone = progress.assetsDone;
    model.loading.assetsTotal = progress.assetsTotal;
    model.loading.bytesDone = progress.bytesDone;
    model.loading.bytesTotal = progress.bytesTotal;
    model.loading.currentItem = progress.currentItem.empty() ? sceneLoadStageName(progress.stage) : progress.currentItem;
  }
}

void WindowTourSession::handleAction(WindowLoop& loop, const ui::UiAction& action) {
  using ui::UiActionKind;
  switch (action.kind) {
    case UiActionKind::Play:
      if (paused_) togglePause();
      break;
    case UiActionKind::Pause:
      if (!paused_) togglePause();
      break;
    case UiActionKind::Previous: previous(); break;
    case UiActionKind::Next: next(); break;
    case UiActionKind::Repeat: repeat(); break;
    case UiActionKind::TogglePanorama: togglePanorama(loop); break;
    case UiActionKind::Retry:
      if (!failedInput_.empty()) loop.loadScene(failedInput_);
      break;
    case UiActionKind::SelectLandmark:
      if (action.index >= 0 && std::size_t(action.index) < landmarks_.size()) {
        loop.loadScene(landmarks_[std::size_t(action.index)].file.string());
      }
      break;
    default: break;
  }
}

void WindowTourSession::sceneFailed(WindowLoop& loop, const std::string& message) {
  spdlog::warn("the scene could not be shown: {}", message);
  failedInput_ = loop.lastFailedInput();
  if (options_.ui && !uiTried_) {
    uiTried_ = true;
    makeUi();
  }
  if (!ui_) return;
  ui::ErrorView& panel = ui_->model().error;
  panel.visible = true;
  panel.title = {"出错了", "Something went wrong"};
  panel.message = message;
  panel.canRetry = !failedInput_.empty();
}

void WindowTourSession::shutdown(WindowLoop& loop) {
  if (ui_) ui_->setAudioOutput(nullptr);
  guide_.reset();
  panorama_.shutdown(loop.renderer());
  markers_.clear(loop.renderer());
}

void WindowTourSession::goToStop(std::size_t index) {
  if (index >= stops_.size()) return;
  stop_ = index;
  if (guide_) {
    // The guide walks to the stop, presents it and goes on with the next one (not a detour).
    // A jump within the tour: the camera glides to the stop's own viewpoint, then follows the
    // guide's companion view as with next/previous.
    if (auto status = guide_->director().goToStop(int(index)); !status) spdlog::warn("{}", status.error().message);
    followGuide_ = true;
  }
  const render::Camera& c = stops_[index].camera;
  camera_.moveTo({c.eye, c.target});
  spdlog::info("stop {}/{}: {}", index + 1, stops_.size(), stops_[index].name);
}

void WindowTourSession::next() {
  if (guide_) {
    guide_->director().next();
    followGuide_ = true;
    spdlog::info("guide: next stop");
    return;
  }
  if (!stops_.empty()) goToStop((stop_ + 1) % stops_.size());
}

void WindowTourSession::previous() {
  if (guide_) {
    guide_->director().previous();
    followGuide_ = true;
    spdlog::info("guide: previous stop");
    return;
  }
  if (!stops_.empty()) goToStop((stop_ + stops_.size() - 1) % stops_.size());
}

void WindowTourSession::togglePause() {
  paused_ = !paused_;
  if (guide_) {
    const tour::GuideFrame& f = guide_->frame();
    if (f.awaitingResume || (f.paused && !paused_)) {
      guide_->director().resume();
      paused_ = false;
      followGuide_ = true;
    } else if (paused_) {
      guide_->director().pause();
    } else {
      guide_->director().resume();
    }
  }
  spdlog::info("tour {}", paused_ ? "paused" : "resumed");
}

void WindowTourSession::repeat() {
  spdlog::info("repeat stop {}", stop_ + 1);
  if (guide_) {
    guide_->director().repeat();
    followGuide_ = true;
    return;
  }
  goToStop(stop_);
}

void WindowTourSession::cycleLanguage() {
  options_.language = options_.language == "both" ? "zh" : options_.language == "zh" ? "en" : "both";
  if (ui_) ui_->model().language = uiLanguageFrom(options_.language);
  if (guide_) guide_->setLanguage(options_.language);
  spdlog::info("language {}", options_.language);
}

void WindowTourSession::selectPoi(WindowLoop& loop, int index) {
  if (index < 0 || std::size_t(index) >= markers_.ids().size() || !loop.content() || !loop.content()->scene) return;
  selected_ = index;
  const std::string& id = markers_.ids()[std::size_t(index)];
  const auto* poi = loop.content()->scene->findPoi(id);
  spdlog::info("selected POI {} ({})", id, poi && !poi->name.en.empty() ? poi->name.en : id);
  if (poi) camera_.moveTo({poi->desktopView.eye, poi->desktopView.target});
  if (poi && ui_) ui_->model().card = ui::poiCardFor(*poi);
  if (guide_) {
    // The guide walks over and explains it; the camera stays on the POI's viewpoint.
    if (auto status = guide_->director().goToPoi(id); !status) spdlog::warn("{}", status.error().message);
    followGuide_ = false;
  }
}

void WindowTourSession::togglePanorama(WindowLoop& loop) {
  if (panorama_.isOpen()) {
    leavePanorama(loop);
    return;
  }
  const ViewContent* content = loop.content();
  if (!content || !content->scene) return;
  const scene::SceneDocument& doc = *content->scene;
  // The POI whose card is open, else the selected one, else the current stop's.
  const scene::PointOfInterest* poi = nullptr;
  if (ui_ && ui_->model().card.open && !ui_->model().card.poiId.empty()) poi = doc.findPoi(ui_->model().card.poiId);
  if (!poi && selected_ >= 0 && std::size_t(selected_) < markers_.ids().size()) {
    poi = doc.findPoi(markers_.ids()[std::size_t(selected_)]);
  }
  if (!poi && stop_ < stops_.size() && !stops_[stop_].poiId.empty()) poi = doc.findPoi(stops_[stop_].poiId);
  Status opened = !poi ? makeError("no point of interest is selected: click or tap a marker, then its 360° button")
                  : poi->panorama.empty()
                      ? makeError("{} has no 360-degree panorama (scene POI \"panorama\")", poi->name.en.empty() ? poi->id : poi->name.en)
                      : panorama_.open(loop, *poi, camera_.camera());
  if (!opened) {
    spdlog::warn("panorama: {}", opened.error().message);
    if (ui_) ui_->model().error = {true, kPanoramaErrorTitle, opened.error().message, false};
  }
}

void WindowTourSession::leavePanorama(WindowLoop& loop) {
  // The visitor's camera was not touched meanwhile: the view is back exactly as it was.
  if (panorama_.isOpen()) panorama_.close(loop);
}

void WindowTourSession::restart(WindowLoop& loop) {
  leavePanorama(loop);
  closePanels();
  attractClock_ = 0.0;
  selected_ = -1;
  paused_ = false;
  stop_ = 0;
  camera_.reset(home_, loop.collider());
  titledStop_ = SIZE_MAX;
}

void WindowTourSession::attract(WindowLoop& loop, const FrameInput& frame, double stopSeconds) {
  if (!loop.content() || stops_.empty()) return;
  leavePanorama(loop);  // the attract loop moves the camera
  attractClock_ += frame.seconds;
  if (attractClock_ >= stopSeconds) {
    attractClock_ = 0.0;
    next();
  }
  if (guide_) {
    // The attract tour plays with the camera on the guide.
    guide_->update(frame.seconds, camera_.pose().eye);
    if (!camera_.moving()) camera_.follow(guide_->companion());
    if (ui_) guide_->fillModel(ui_->model());
    return;
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
  bool overUi = false;
  // Esc inside the panorama leaves it; the UI's Esc would also close the card: it stays.
  bool escapePanorama = keyboard && panorama_.isOpen() && in.pressed(Key::Escape);
  if (options_.ui && !uiTried_) {
    // Made on the first frame, so the first scene's load already shows the loading screen.
    uiTried_ = true;
    makeUi();
  }
  if (ui_) {
    updateModel(loop);
    // Inside the panorama the arrow keys turn the view: they must not also walk the UI's
    // keyboard focus over the buttons (Enter would then press one).
    platform::InputState uiKeys = in;
    if (panorama_.isOpen()) {
      for (Key arrow : {Key::Left, Key::Right, Key::Up, Key::Down}) {
        uiKeys.keysDown.reset(std::size_t(arrow));
        uiKeys.keysPressed.reset(std::size_t(arrow));
      }
    }
    FrameInput uiInput{uiKeys, frame.seconds, frame.time, frame.windowSize, frame.framebufferSize, frame.contentScale,
                       frame.frame};
    ui::UiFrame uiFrame = ui_->frame(loop, uiInput);
    overUi = uiFrame.pointerOverUi;
    keyboard = keyboard && !uiFrame.wantsKeyboard;
    for (const auto& action : uiFrame.actions) {
      if (escapePanorama && action.kind == ui::UiActionKind::CloseCard) continue;
      if (!ui::applyUiAction(ui_->model(), action)) handleAction(loop, action);
      if (action.kind == ui::UiActionKind::SetLanguage) {
        options_.language = std::string(ui::uiLanguageName(action.language));
        if (guide_) guide_->setLanguage(options_.language);
      }
      if (action.kind == ui::UiActionKind::CloseCard) {
        selected_ = -1;
        leavePanorama(loop);  // a touch screen has no Esc: closing the card leaves too
      }
    }
    if (const ui::UiRect& button = ui_->layout().cardPanorama; !button.empty()) {
      // Debug: where the card's 360° button is (the window tests click it).
      std::string where = fmt::format("({:.0f}, {:.0f})", button.center().x, button.center().y);
      if (where != loggedPanoramaButton_) spdlog::debug("ui: panorama button at window point {}", where);
      loggedPanoramaButton_ = std::move(where);
    }
  }
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
    if (in.pressed(Key::O)) togglePanorama(loop);
    if (escapePanorama) leavePanorama(loop);
  }
  const platform::GamepadActions pad = platform::gamepadActions(in.gamepad);
  if (pad.next) next();
  if (pad.previous) previous();
  if (pad.togglePause) togglePause();
  if (pad.repeat) repeat();
  if (pad.back) leavePanorama(loop);
  bool inPanorama = panorama_.isOpen();
  // Fingers are less precise than a mouse: a kiosk accepts more movement in a tap and picks
  // markers from further away.
  float scale = frame.contentScale * (options_.touch ? 2.5f : 1.0f);
  gestures_.tapSlop = 8.0f * scale;
  gestures_.update(in, frame.time);
  if (gestures_.tapped() && !overUi && !inPanorama) selectAt(loop, frame, gestures_.tapPosition(), 24.0f * scale);
  if (pad.select && !inPanorama) {
    selectAt(loop, frame, frame.windowSize * 0.5f, 0.25f * std::min(frame.windowSize.x, frame.windowSize.y));
  }
  // Inside the panorama the visitor only turns; their own camera waits, untouched, outside.
  render::Camera view = inPanorama ? panorama_.update(in, frame.seconds, frame.windowSize, !overUi, keyboard)
                                   : render::Camera{};
  bool moved = !inPanorama && camera_.update(in, frame.seconds, loop.collider(), !overUi, keyboard);
  if (guide_) {
    if (moved) followGuide_ = false;  // the visitor looks around on their own
    guide_->update(frame.seconds, camera_.pose().eye);
    if (followGuide_ && !camera_.moving() && !inPanorama) camera_.follow(guide_->companion());
    if (ui_) guide_->fillModel(ui_->model());
    logSubtitles();
    paused_ = guide_->frame().paused;
    if (guide_->frame().stopIndex >= 0) stop_ = std::size_t(guide_->frame().stopIndex);
  }
  markers_.update(loop.renderer(), frame.time, selected_, !inPanorama);
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
  return inPanorama ? view : camera_.camera();
}

}  // namespace sc::app
