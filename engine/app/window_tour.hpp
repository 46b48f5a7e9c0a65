#pragma once
// `shancheng tour` in a desktop window: the scene from its spawn or first tour stop, stops
// reached with smooth camera moves, orbit and fly cameras, screenshots.
//
// Keys: 1-9 jump to a tour stop (the first tour's; content without tours gets four views around
// its own camera), N / P next / previous stop, F fly/orbit camera, WASD QE fly (Shift: faster),
// left drag rotate / look, right or middle drag pan, wheel zoom, V vsync on/off, F11
// fullscreen, F12 screenshot PNG into screenshotDir, Esc quits.
#include <cstdint>
#include <string>

#include "app/render_command.hpp"

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
};

// True when a window can be opened here (a display and GLFW with Vulkan; see
// platform::Window::displayAvailable).
bool windowAvailable();

// Runs until the window closes (or the request's frame limits). Exit codes as for render; a
// validation error during the run gives kExitValidation.
int runWindowTour(const WindowTourRequest& request);

}  // namespace sc::app
