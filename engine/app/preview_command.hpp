#pragma once
// `shancheng preview <scene>`: the creator preview in a desktop window. The scene is shown with
// hot reload (scene file, models, shaders), a free fly camera, POI selection and "save this
// viewpoint to the POI"; the window title carries the selected POI, CPU/GPU frame times and the
// budget meter of the target profile; F1 prints the inspector and the validation report.
// Keys: see preview_session.hpp, plus F11 fullscreen, V vsync, F12 screenshot, Esc quit.
#include <cstdint>
#include <string>

#include "app/render_command.hpp"

namespace sc::app {

struct PreviewRequest {
  RenderRequest render;                 // input = the scene file; size, gpu, msaa, validation, exposure
  std::string profile = "quest2";       // budget profile for the meter and the report
  std::string screenshotDir = "out/screenshots";
  std::uint32_t frames = 0;             // > 0: exit after this many frames (tests, measurements)
  // GLSL folder to watch and recompile; empty: $SC_SHADER_SOURCE_DIR, else ./shaders when it
  // holds the engine's shaders, else no shader hot reload.
  std::string shaderSources;
  bool vsync = true;
};

// Runs until the window closes. Exit codes as for render: 1 when the scene cannot be shown at
// the start (every problem printed), 4 when the validation layer reported errors.
int runPreview(const PreviewRequest& request);

}  // namespace sc::app
