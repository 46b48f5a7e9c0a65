#pragma once
// The `preview` subcommand's command line, header-only because only the shancheng executable
// links CLI11. main.cpp registers it with one line and runs it with another.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/preview_command.hpp"

namespace sc::app {

// Adds `preview SCENE [--profile P] [--screenshot-dir D] [--frames N] [--shaders DIR]
// [--no-vsync]` plus the shared render options. The returned function runs the command with the
// parsed shared options (`render`: size already applied).
inline std::function<int(const RenderRequest&)> addPreviewCommand(
    CLI::App& app, const std::function<void(CLI::App*)>& addRenderOptions) {
  auto request = std::make_shared<PreviewRequest>();
  auto noVsync = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("preview", "Creator preview: a scene with hot reload, free camera, viewpoint saving");
  cmd->add_option("scene", request->render.input, "Scene file (*.scene.json)")->required();
  cmd->add_option("--profile", request->profile, "Budget profile for the meter: quest2 or desktop")->capture_default_str();
  cmd->add_option("--screenshot-dir", request->screenshotDir, "Folder for F12 screenshots")->capture_default_str();
  cmd->add_option("--frames", request->frames, "Exit after N frames (0 = until closed)");
  cmd->add_option("--shaders", request->shaderSources, "GLSL folder to watch and recompile (default: ./shaders)");
  cmd->add_flag("--no-vsync", *noVsync, "Present without waiting for the display (V toggles)");
  addRenderOptions(cmd);
  return [request, noVsync](const RenderRequest& render) {
    PreviewRequest run = *request;
    std::string scene = run.render.input;
    run.render = render;
    run.render.input = scene;
    run.vsync = !*noVsync;
    return runPreview(run);
  };
}

}  // namespace sc::app
