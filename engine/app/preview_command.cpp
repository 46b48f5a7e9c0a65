#include "app/preview_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "app/preview_overlay.hpp"
#include "app/preview_session.hpp"
#include "app/scene_content.hpp"
#include "app/window_loop.hpp"
#include "gpu/device.hpp"
#include "platform/window.hpp"
#include "render/renderer.hpp"

namespace sc::app {

namespace fs = std::filesystem;

namespace {

fs::path shaderSourceFolder(const std::string& asked) {
  if (!asked.empty()) return asked;
  if (const char* env = std::getenv("SC_SHADER_SOURCE_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::exists("shaders/pbr.frag", ec)) return "shaders";
  return {};
}

// The renderer reads SPIR-V from Device::shaderDir(). The preview gives it a session copy of the
// built shaders (SC_SHADER_DIR, read whenever a pipeline is made), so that recompiled shaders
// land there and never overwrite the build's own products.
fs::path makeShaderSession(const fs::path& built) {
  std::error_code ec;
  fs::path session = fs::temp_directory_path(ec) / fmt::format("shancheng-preview-{}", ::getpid()) / "shaders";
  fs::remove_all(session, ec);
  fs::create_directories(session, ec);
  if (ec) return {};
  for (fs::directory_iterator it(built, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".spv") fs::copy_file(it->path(), session / it->path().filename(), ec);
  }
  if (ec) return {};
  ::setenv("SC_SHADER_DIR", session.c_str(), 1);
  return session;
}

// The preview as a face of the one window loop: the loop owns the window, device, renderer,
// swapchain and the loop's keys (F11, V, F12, frame limit); the mode owns the scene. The loop
// does not load options.render.input itself (loadInput = false): SceneHotReload adds and swaps
// the renderer's models so that it can replace only what changed.
class PreviewMode final : public WindowMode {
 public:
  PreviewMode(PreviewOptions options, const fs::path& shaderSources)
      : options_(std::move(options)), shaderSources_(shaderSources) {}

  const fs::path& shaderSession() const { return options_.shaderOutput; }

  void started(WindowLoop& loop) override {
    // The renderer made its first pipelines from the built shaders; from here on it reads the
    // session copy (SC_SHADER_DIR), where recompiled shaders land. The copies are the same
    // bytes, so nothing on screen changes.
    if (!shaderSources_.empty()) {
      options_.shaderOutput = makeShaderSession(loop.device().shaderDir());
      if (!options_.shaderOutput.empty()) options_.shaderSources = shaderSources_;
    }
    if (options_.shaderSources.empty()) spdlog::info("preview: no shader sources found; shader hot reload is off");
    scene::ValidationReport report;
    auto session = PreviewSession::open(options_, loop.renderer(), report);
    report.sortByPosition();
    if (std::string text = report.format(); !text.empty()) std::fputs(text.c_str(), stdout);
    if (!session) {
      spdlog::error("{}", session.error().message);
      loop.requestExit(kExitBadInput);
      return;
    }
    session_ = std::move(session.value());
    auto overlay = PreviewOverlay::create();
    if (overlay) overlay_ = std::move(overlay.value());
    else spdlog::warn("preview: no panels: {}", overlay.error().message);
  }

  // The preview never calls loadScene: these come only from the loop's restart after a render
  // error, which the preview does not ask for (renderFailed stops).
  void sceneReady(WindowLoop&) override {}
  void sceneFailed(WindowLoop&, const std::string&) override {}

  render::Camera frame(WindowLoop& loop, const FrameInput& frame) override {
    if (!session_) return render::Camera{};
    const platform::InputState& in = frame.input;
    const bool typing = overlay_ && overlay_->capturesKeyboard();
    if (in.pressed(platform::Key::Escape) && !typing) {
      loop.requestExit(kExitOk);
      return session_->camera();
    }
    session_->update(sessionInput(in, typing), frame.seconds, timing_);
    if (frame.time - titled_ > 0.5) {
      loop.window().setTitle(session_->title());
      titled_ = frame.time;
    }
    if (overlay_ && frame.framebufferSize.x > 0 && frame.framebufferSize.y > 0) {
      if (in.pressed(platform::Key::F1)) overlay_->panels = !overlay_->panels;
      float scale = std::max(frame.contentScale, 0.1f);
      glm::vec2 points(float(frame.framebufferSize.x) / scale, float(frame.framebufferSize.y) / scale);
      loop.renderer().setOverlay(overlay_->build(*session_, in, points, frame.framebufferSize, frame.seconds));
    }
    return session_->camera();
  }

  // What the session sees: the pointer and the keys the panels took last frame are kept from it
  // (dragging a field must not turn the camera; typing "1" into one must not go to POI 1).
  platform::InputState sessionInput(const platform::InputState& in, bool typing) const {
    platform::InputState out = in;
    if (overlay_ && overlay_->capturesPointer()) {
      out.buttonsDown.reset();
      out.buttonsPressed.reset();
      out.cursorDelta = glm::vec2(0.0f);
      out.scroll = glm::vec2(0.0f);
    }
    if (typing) {
      out.keysDown.reset();
      out.keysPressed.reset();
      out.typed.clear();
    }
    return out;
  }

  void afterFrame(WindowLoop& loop, const FrameInput&) override {
    timing_ = {loop.lastFrameCpuMs(), loop.device().lastGpuFrameMs()};
  }

  // The session's models live in the renderer: they go before it does.
  void shutdown(WindowLoop&) override {
    overlay_.reset();
    session_.reset();
  }

 private:
  PreviewOptions options_;
  fs::path shaderSources_;
  std::unique_ptr<PreviewSession> session_;
  std::unique_ptr<PreviewOverlay> overlay_;
  FrameTiming timing_;
  double titled_ = -1.0;
};

}  // namespace

int runPreview(const PreviewRequest& request) {
  const RenderRequest& r = request.render;
  if (!isSceneFile(r.input)) {
    spdlog::error("preview {}: give a scene file (*.scene.json); models are previewed with 'shancheng tour MODEL'",
                  r.input);
    return kExitUsage;
  }
  if (!scene::findBudgetProfile(request.profile)) {
    spdlog::error("--profile {}: unknown profile; use quest2 or desktop", request.profile);
    return kExitUsage;
  }
  PreviewOptions options;
  options.scene = r.input;
  options.reload.budgetProfile = request.profile;
  const float exposure = r.exposure;
  const bool neutral = r.toneMapper == "neutral";
  options.reload.environment = [exposure, neutral](const scene::SceneDocument& doc) {
    render::Environment environment = environmentFor(doc);
    environment.exposure *= exposure;
    environment.toneMapper = neutral ? render::ToneMapper::PbrNeutral : render::ToneMapper::Aces;
    return environment;
  };
  PreviewMode mode(std::move(options), shaderSourceFolder(request.shaderSources));

  WindowLoopOptions loopOptions;
  loopOptions.render = r;
  loopOptions.loadInput = false;  // the mode's SceneHotReload owns the scene's models
  loopOptions.title = "Shancheng preview";
  loopOptions.logName = "preview";
  loopOptions.vsync = request.vsync;
  loopOptions.screenshotDir = request.screenshotDir;
  loopOptions.frames = request.frames;
  int exitCode = WindowLoop::run(loopOptions, mode);
  if (!mode.shaderSession().empty()) {
    std::error_code ec;
    fs::remove_all(mode.shaderSession().parent_path(), ec);
  }
  return exitCode;
}

}  // namespace sc::app
