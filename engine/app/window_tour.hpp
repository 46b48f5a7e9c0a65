#pragma once
// `shancheng tour` in a desktop window: the scene from its spawn or first tour stop, stops
// reached with smooth camera moves, orbit and fly cameras, screenshots.
//
// Runs on the shared WindowLoop (window_loop.hpp) as one WindowMode.
//
// Keys: 1-9 jump to a tour stop (the first tour's; content without tours gets four views around
// its own camera), N / P next / previous stop, camera keys as in window_visitor_camera.hpp
// (orbit / walk / fly), a click or tap on a POI marker selects it and glides to its viewpoint,
// O a POI's 360-degree panorama in / out (window_panorama.hpp; also the card's 360° button), V
// vsync on/off, F11 fullscreen, F12 screenshot PNG into screenshotDir, Esc leaves the panorama,
// else quits. Gamepad: bumpers previous / next stop, A selects the marker nearest the screen
// centre, B leaves the panorama.
// Full list: docs/CLIENT.md.
#include <cstdint>
#include <string>
#include <vector>

#include "app/render_command.hpp"
#include "app/scene_content.hpp"
#include "render/camera.hpp"

namespace sc::app {

struct WindowTourRequest {
  RenderRequest render;  // input (the scene), gpu, msaa, validation, time of day, exposure, size
  std::uint32_t screenshotAfter = 0;  // > 0: write screenshotFile after this many frames and exit
  std::string screenshotFile;
  std::string screenshotDir = "out/screenshots";  // F12
  std::uint32_t frames = 0;           // > 0: exit after this many frames (measurements)
  std::uint32_t startStop = 1;        // the stop shown first (1-based)
  bool vsync = true;
  bool fullscreen = false;
  bool ui = true;  // the on-screen UI (--no-ui: the bare scene, e.g. for golden screenshots)
  bool guide = true;  // the digital-human guide (--no-guide)
  bool audio = true;  // narration audio (--no-audio: subtitles only)
};

// One stop of the window tour: the POI's desktop viewpoint.
struct TourStopView {
  std::string name;   // English name of the point of interest
  std::string poiId;  // empty for the four views of content without a tour
  render::Camera camera;
};

// The first tour's stops, each from its point of interest's viewpoint; content without a tour
// gets its own camera and the same camera turned a quarter, half and three quarters around.
std::vector<TourStopView> tourStops(const ViewContent& content, const render::Camera& home);

// True when a window can be opened here (a display and GLFW with Vulkan; see
// platform::Window::displayAvailable).
bool windowAvailable();

// Runs until the window closes (or the request's frame limits). Exit codes as for render; a
// validation error during the run gives kExitValidation.
int runWindowTour(const WindowTourRequest& request);

}  // namespace sc::app
