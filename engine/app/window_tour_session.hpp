#pragma once
// The tour as a visitor experiences it in a window, shared by the desktop tour and the kiosk:
// the scene's tour stops, the visitor's camera (orbit / walk / fly, window_visitor_camera.hpp),
// POI markers to click or tap, and the tour controls (keys and gamepad).
//
// Keys (when `keyboard` is passed to frame()): 1-9 a stop, N / P next / previous, Space pause /
// resume, R repeat the stop, L language (both -> zh -> en), O the 360-degree panorama of the
// selected POI (else of the current stop's) in and out, Esc out of it, camera keys. Gamepad: bumpers
// previous / next, A picks the marker nearest the centre, Start pause / resume, Y repeat.
// A click or tap on a marker selects that POI, opens its card and glides the camera to its
// viewpoint. The on-screen UI (window_ui.hpp) shows the tour controls, the POI card, the landmark
// picker (every <landmarksDir>/<name>/<name>.scene.json), settings, a loading screen while a
// scene loads and an error panel (with Retry) when one fails; clicks on it do not reach the scene.
// A POI with a panorama gets a 360° button on its card (window_panorama.hpp): inside it the
// camera only turns (drag, arrow keys, right stick), the landmarks and markers are hidden, the
// guide goes on; leaving (the button, Esc, O, the card's close) brings back the camera as it was.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/window_guide.hpp"
#include "app/window_landmarks.hpp"
#include "app/window_loop.hpp"
#include "app/window_panorama.hpp"
#include "app/window_poi_markers.hpp"
#include "app/window_tour.hpp"
#include "app/window_ui.hpp"
#include "app/window_visitor_camera.hpp"
#include "platform/pointer_gestures.hpp"

namespace sc::app {

struct TourSessionOptions {
  bool touch = false;            // kiosk: larger tap slop and pick radius
  std::string language = "both"; // zh | en | both
  std::uint32_t startStop = 1;   // 1-based stop shown first (the desktop --stop)
  std::filesystem::path landmarksDir;  // the picker's landmarks; empty: the scene's grandparent
  bool ui = true;                // the on-screen UI (off: keys and clicks only)
  bool guide = true;             // the digital-human guide (scene files with a tour)
  bool audio = true;             // its narration through the default OpenAL device
  // The desktop tour's remembered visitor settings (app/user_settings.hpp): the UI starts from
  // them and saves the visitor's changes. Unset: nothing is remembered (the kiosk, tests).
  std::optional<RememberedSettings> settings;
};

class WindowTourSession {
 public:
  explicit WindowTourSession(TourSessionOptions options) : options_(std::move(options)) {}

  void sceneReady(WindowLoop& loop);
  void sceneFailed(WindowLoop& loop, const std::string& message);
  // One frame of input; returns the camera. `keyboard` false ignores tour keys (kiosk PIN entry).
  render::Camera frame(WindowLoop& loop, const FrameInput& frame, bool keyboard = true);
  void shutdown(WindowLoop& loop);

  void goToStop(std::size_t index);
  void next();
  void previous();
  void togglePause();
  void repeat();
  void cycleLanguage();
  // The POI with this index among the scene's POIs: selected, camera to its viewpoint.
  void selectPoi(WindowLoop& loop, int index);
  // The attract loop without a visitor: the camera turns slowly around the view and moves on to
  // the next stop every `stopSeconds`.
  void attract(WindowLoop& loop, const FrameInput& frame, double stopSeconds = 12.0);
  // Starts `tourId` (empty: the scene's first tour) from its beginning with a new guide (the
  // kiosk: its attract tour while nobody is there, the main tour for a visitor).
  void startTour(WindowLoop& loop, const std::string& tourId);
  WindowGuide* guide() { return guide_.get(); }
  // Back to the first stop's start: camera home, selection cleared (the kiosk's idle reset).
  void restart(WindowLoop& loop);

  // Kiosk screens: a welcome card inviting visitors (and no tour controls) while nobody is there;
  // the admin PIN prompt with `digits` typed so far (nullopt hides it).
  void setWelcome(bool on);
  void setAdminPrompt(std::optional<std::size_t> digits, bool lockedOut);
  // Closes the card, picker and settings (the kiosk's reset).
  void closePanels();
  // Into the panorama of the selected POI (its card open), else of the current stop's POI, or
  // back out. A POI without one, or an image that cannot be shown, gives a message on screen
  // (the error panel) and in the log; the view stays as it was.
  void togglePanorama(WindowLoop& loop);
  void leavePanorama(WindowLoop& loop);
  bool panoramaOpen() const { return panorama_.isOpen(); }
  // The UI, when it started (null otherwise; tests and the kiosk read its model).
  WindowUi* ui() { return ui_.get(); }

  std::size_t stop() const { return stop_; }
  std::size_t stopCount() const { return stops_.size(); }
  bool paused() const { return paused_; }
  const std::string& language() const { return options_.language; }
  int selectedPoi() const { return selected_; }
  CameraMode cameraMode() const { return camera_.mode(); }

 private:
  void selectAt(WindowLoop& loop, const FrameInput& frame, glm::vec2 pointer, float radius);
  void updateModel(WindowLoop& loop);
  void logSubtitles();
  void handleAction(WindowLoop& loop, const ui::UiAction& action);
  void makeUi();

  TourSessionOptions options_;
  std::vector<TourStopView> stops_;
  std::size_t stop_ = 0;
  std::size_t titledStop_ = SIZE_MAX;
  VisitorCamera camera_;
  PoiMarkers markers_;
  int selected_ = -1;
  bool paused_ = false;
  platform::PointerGestures gestures_;
  std::string title_;
  render::Camera home_;
  double attractClock_ = 0.0;
  std::unique_ptr<WindowUi> ui_;
  std::unique_ptr<WindowGuide> guide_;
  std::string tourId_;
  bool followGuide_ = true;
  std::string lastSubtitles_;  // the camera follows the guide until the visitor moves it
  bool uiTried_ = false;
  std::vector<LandmarkFile> landmarks_;
  std::string failedInput_;
  bool welcome_ = false;
  bool logMarkers_ = false;
  WindowPanorama panorama_;
  std::string loggedPanoramaButton_;
};

}  // namespace sc::app
