#pragma once
// `shancheng render`: headless rendering of a model or scene to PNG.
#include <cstdint>
#include <string>
#include <vector>

namespace sc::app {

// Exit codes shared by every command.
enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 1,       // a file is missing, unreadable or invalid
  kExitUsage = 2,          // wrong command-line arguments
  kExitNoGpu = 3,          // no usable Vulkan device
  kExitValidation = 4,     // the Vulkan validation layer reported errors (test builds)
};

// One picture of a multi-picture render (the headless tour): the content is loaded and uploaded
// once, then each shot sets its point of interest and time of day.
struct RenderShot {
  std::string poi;        // empty: the request's camera
  std::string timeOfDay;  // empty: the request's
  std::string out;
};

struct RenderRequest {
  std::string input = "builtin:default";  // a model file, a scene file or builtin:default
  std::string camera;                     // "eye,target[,up]" or empty to frame the content
  std::string poi;                        // point of interest id (scene files)
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  std::uint32_t views = 1;
  std::string timeOfDay;  // empty: the scene's own, or 15:30
  std::string out = "out/render.png";
  std::string gpu;
  // Samples per pixel; 0 = automatic: 4 on a GPU, 1 on a CPU rasteriser (lavapipe spends up to
  // 100x longer on some views with 4x MSAA: large triangles crossing the screen edges).
  std::uint32_t msaa = 0;
  // Quality preset (render/render_quality.hpp): "low", "medium" or "high"; empty = medium (the
  // kiosk: its config's). An explicit msaa wins over the preset's sample count.
  std::string quality;
  std::string toneMapper = "aces";
  bool validation = false;
  float exposure = 1.0f;
  // "sky" (default) or "transparent": no sky and no fog, the PNG's alpha is 0 where nothing is
  // drawn (render::Background::Transparent), its colour straight (not premultiplied), as PNG
  // defines it: for compositing the landmarks over other pictures.
  std::string background = "sky";
  std::vector<RenderShot> shots;  // empty: one picture from the fields above
};

int runRender(const RenderRequest& request);

}  // namespace sc::app
