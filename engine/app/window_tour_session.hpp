#pragma once
// The tour as a visitor experiences it in a window, shared by the desktop tour and the kiosk:
// the scene's tour stops, the visitor's camera (orbit / walk / fly, window_visitor_camera.hpp),
// POI markers to click or tap, and the tour controls (keys and gamepad).
//
// Keys (when `keyboard` is passed to frame()): 1-9 a stop, N / P next / previous, Space pause /
// resume, R repeat the stop, L language (both -> zh -> en), camera keys. Gamepad: bumpers
// previous / next, A picks the marker nearest the centre, Start pause / resume, Y repeat.
// A click or tap on a marker selects that POI and glides the camera to its viewpoint.
#include <cstdint>
#include <string>
#include <vector>

#include "app/window_loop.hpp"
#include "app/window_poi_markers.hpp"
#include "app/window_tour.hpp"
#include "app/window_visitor_camera.hpp"
#include "platform/pointer_gestures.hpp"

namespace sc::app {

struct TourSessionOptions {
  bool touch = false;            // kiosk: larger tap slop and pick radius
  std::string language = "both"; // zh | en | both
  std::uint32_t startStop = 1;   // 1-based stop shown first (the desktop --stop)
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
  // Back to the first stop's start: camera home, selection cleared (the kiosk's idle reset).
  void restart(WindowLoop& loop);

  std::size_t stop() const { return stop_; }
  std::size_t stopCount() const { return stops_.size(); }
  bool paused() const { return paused_; }
  const std::string& language() const { return options_.language; }
  int selectedPoi() const { return selected_; }
  CameraMode cameraMode() const { return camera_.mode(); }

 private:
  void selectAt(WindowLoop& loop, const FrameInput& frame, glm::vec2 pointer, float radius);

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
  bool logMarkers_ = false;
};

}  // namespace sc::app
