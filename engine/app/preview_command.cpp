#include "app/preview_command.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "app/preview_overlay.hpp"
#include "app/preview_session.hpp"
#include "app/scene_content.hpp"
#include "app/viewer.hpp"
#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "gpu/swapchain_target.hpp"
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

Status writeScreenshot(gpu::SwapchainTarget& target, const fs::path& file) {
  auto pixels = target.readLastFrame();
  if (!pixels) return pixels.error();
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  SC_TRY(writePng(file, *pixels));
  spdlog::info("screenshot {} ({}x{})", file.string(), pixels->width, pixels->height);
  return okStatus();
}

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
  platform::WindowOptions windowOptions;
  windowOptions.title = "Shancheng preview";
  windowOptions.width = r.width;
  windowOptions.height = r.height;
  auto window = platform::Window::create(windowOptions);
  if (!window) {
    spdlog::error("{}", window.error().message);
    return kExitNoGpu;
  }
  gpu::DeviceOptions deviceOptions = deviceOptionsFor(r);
  deviceOptions.instanceExtensions = platform::Window::vulkanInstanceExtensions();
  deviceOptions.needSwapchain = true;
  auto device = gpu::Device::create(deviceOptions);
  if (!device) {
    spdlog::error("{}", device.error().message);
    return kExitNoGpu;
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
  options.shaderSources = shaderSourceFolder(request.shaderSources);
  if (!options.shaderSources.empty()) {
    options.shaderOutput = makeShaderSession((*device)->shaderDir());
    if (options.shaderOutput.empty()) options.shaderSources.clear();
  }
  if (options.shaderSources.empty()) spdlog::info("preview: no shader sources found; shader hot reload is off");

  render::RendererOptions rendererOptions;
  rendererOptions.msaaSamples = r.msaa != 0 ? r.msaa : ((*device)->info().isSoftware ? 1 : 4);
  auto renderer = render::Renderer::create(**device, rendererOptions);
  if (!renderer) {
    spdlog::error("{}", renderer.error().message);
    return kExitNoGpu;
  }
  auto fb = (*window)->framebufferSize();
  gpu::SwapchainOptions swapOptions{std::max(fb.width, 1u), std::max(fb.height, 1u),
                                    request.vsync ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync};
  auto target = gpu::SwapchainTarget::create(**device, (*window)->surfaceFactory(), swapOptions);
  if (!target) {
    spdlog::error("{}", target.error().message);
    return kExitNoGpu;
  }

  scene::ValidationReport report;
  auto session = PreviewSession::open(options, **renderer, report);
  report.sortByPosition();
  if (std::string text = report.format(); !text.empty()) std::fputs(text.c_str(), stdout);
  int exitCode = kExitOk;
  if (!session) {
    spdlog::error("{}", session.error().message);
    exitCode = kExitBadInput;
  }

  std::unique_ptr<PreviewOverlay> overlay;
  if (session) {
    auto made = PreviewOverlay::create();
    if (made) overlay = std::move(made.value());
    else spdlog::warn("preview: no panels: {}", made.error().message);
  }

  std::uint32_t frames = 0, screenshots = 0;
  FrameTiming timing;
  auto last = std::chrono::steady_clock::now();
  auto titled = last - std::chrono::seconds(1);
  while (session && !(*window)->shouldClose()) {
    (*window)->pollEvents();
    const platform::InputState& in = (*window)->input();
    if (in.pressed(platform::Key::Escape)) break;
    if (in.pressed(platform::Key::F11)) (*window)->setFullscreen(!(*window)->fullscreen());
    if (in.pressed(platform::Key::V) && !in.down(platform::Key::LeftControl)) {
      bool vsyncNow = (*target)->presentMode() != gpu::PresentMode::Vsync;
      (*target)->setPresentMode(vsyncNow ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync);
    }
    auto now = std::chrono::steady_clock::now();
    float seconds = std::min(0.25f, std::chrono::duration<float>(now - last).count());
    last = now;
    (*session)->update(in, seconds, timing);
    if (now - titled > std::chrono::milliseconds(500)) {
      (*window)->setTitle((*session)->title());
      titled = now;
    }
    fb = (*window)->framebufferSize();
    (*target)->setFramebufferSize(fb.width, fb.height);
    if (!(*target)->canRender()) {
      (*window)->waitEvents(0.1);
      continue;
    }
    if (overlay) {
      if (in.pressed(platform::Key::F1)) overlay->panels = !overlay->panels;
      float scale = std::max((*window)->contentScale(), 0.1f);
      glm::vec2 points(float(fb.width) / scale, float(fb.height) / scale);
      (*renderer)->setOverlay(overlay->build(**session, in, points, {fb.width, fb.height}, seconds));
    }
    auto views = render::makeViews((*session)->camera(), float(fb.width) / float(fb.height), 1);
    auto stats = (*renderer)->render(**target, views);
    if (!stats) {
      if (!(*target)->canRender() || (*window)->minimised()) continue;
      spdlog::error("rendering failed: {}", stats.error().message);
      exitCode = kExitNoGpu;
      break;
    }
    timing = {stats->cpuMs, (*device)->lastGpuFrameMs()};
    ++frames;
    if (in.pressed(platform::Key::F12)) {
      auto file = fs::path(request.screenshotDir) / fmt::format("screenshot-{:04}.png", ++screenshots);
      if (auto shot = writeScreenshot(**target, file); !shot) spdlog::error("{}", shot.error().message);
    }
    if (request.frames > 0 && frames >= request.frames) break;
  }
  spdlog::info("preview: {} frames", frames);
  (void)(*device)->waitIdle();
  overlay.reset();
  if (session) session->reset();
  target->reset();
  renderer->reset();
  std::uint32_t errors = (*device)->validationErrorCount();
  device->reset();
  window->reset();
  if (!options.shaderOutput.empty()) {
    std::error_code ec;
    fs::remove_all(options.shaderOutput.parent_path(), ec);
  }
  if (errors > 0) {
    spdlog::error("the Vulkan validation layer reported {} error(s); see the messages above", errors);
    return kExitValidation;
  }
  return exitCode;
}

}  // namespace sc::app
