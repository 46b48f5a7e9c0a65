#include "app/window_loop.hpp"

#include <chrono>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/viewer.hpp"
#include "core/heap.hpp"
#include "core/image_io.hpp"
#include "gpu/swapchain_target.hpp"

namespace sc::app {

namespace fs = std::filesystem;

bool isDeviceLost(const Error& error) { return error.message.find("VK_ERROR_DEVICE_LOST") != std::string::npos; }

int WindowMode::renderFailed(WindowLoop&, const Error& error) {
  spdlog::error("rendering failed: {}", error.message);
  return isDeviceLost(error) ? kExitDeviceLost : kExitNoGpu;
}

struct WindowLoop::Impl {
  WindowLoopOptions options;
  std::unique_ptr<platform::Window> window;
  std::unique_ptr<Viewer> viewer;
  std::unique_ptr<gpu::SwapchainTarget> target;
  float hours = 15.5f;

  std::string input;  // of the content on screen
  std::optional<ViewContent> content;
  std::shared_ptr<const platform::SceneCollider> collider = std::make_shared<platform::SceneCollider>();
  ShownContent shown;  // the loaded scene on the renderer

  std::unique_ptr<SceneLoadJob> job;
  std::string failedInput;
  std::optional<int> exitCode;
  std::uint32_t screenshots = 0;
  // Frames to go until the replaced scene's deferred destructions are done and its device
  // memory blocks can be given back (0: nothing pending).
  std::uint32_t releaseMemoryIn = 0;
  bool vsync = true;
  render::Camera lastCamera;  // of the last rendered frame (screenshot log lines)
  double lastCpuMs = 0.0;

  void removeContent() { removeShownContent(*viewer->renderer, shown); }

  // The loaded scene onto the GPU, replacing the one shown. Environment as openViewer sets it.
  Status upload(LoadedWindowScene& loaded) {
    (void)viewer->device->waitIdle();  // the old scene's buffers may still be in flight
    removeContent();
    render::Renderer& renderer = *viewer->renderer;
    SC_TRY(showContent(renderer, loaded.content, shown));
    render::Environment environment;
    if (loaded.content.environment) {
      environment = *loaded.content.environment;
    } else {
      float size = glm::length(loaded.content.bounds.extent());
      environment.fogDensity = size > 0.0f ? std::min(0.0015f, 0.05f / size) : 0.0015f;
    }
    if (!options.render.timeOfDay.empty()) environment.timeOfDayHours = hours;
    environment.exposure *= options.render.exposure;
    environment.toneMapper =
        options.render.toneMapper == "neutral" ? render::ToneMapper::PbrNeutral : render::ToneMapper::Aces;
    renderer.setEnvironment(environment);
    // The CPU copy of the models is not needed after the upload; the collider has its triangles.
    for (auto& m : loaded.content.models) m.model = assets::Model{};
    content = std::move(loaded.content);
    collider = std::move(loaded.collider);
    input = loaded.input;
    return okStatus();
  }
};

platform::Window& WindowLoop::window() { return *impl_.window; }
render::Renderer& WindowLoop::renderer() { return *impl_.viewer->renderer; }
gpu::Device& WindowLoop::device() { return *impl_.viewer->device; }
const WindowLoopOptions& WindowLoop::options() const { return impl_.options; }
const ViewContent* WindowLoop::content() const { return impl_.content ? &*impl_.content : nullptr; }
const platform::SceneCollider& WindowLoop::collider() const { return *impl_.collider; }
const ShownContent& WindowLoop::shownContent() const { return impl_.shown; }
const std::string& WindowLoop::sceneInput() const { return impl_.input; }

render::Camera WindowLoop::homeCamera() const {
  render::Camera camera;
  if (!impl_.content) return camera;
  if (impl_.content->camera) return *impl_.content->camera;
  float aspect = float(impl_.options.render.width) / float(std::max(1u, impl_.options.render.height));
  if (impl_.content->bounds.valid()) return render::frameBounds(impl_.content->bounds, aspect);
  return camera;
}

void WindowLoop::loadScene(const std::string& input) {
  impl_.job.reset();  // abandons a load in progress
  spdlog::info("loading {}", input);
  impl_.job = std::make_unique<SceneLoadJob>(input);
}

bool WindowLoop::loading() const { return impl_.job != nullptr; }
SceneLoadProgress WindowLoop::loadProgress() const { return impl_.job ? impl_.job->progress() : SceneLoadProgress{}; }
const std::string& WindowLoop::lastFailedInput() const { return impl_.failedInput; }

const std::string& WindowLoop::loadingInput() const {
  static const std::string none;
  return impl_.job ? impl_.job->input() : none;
}

void WindowLoop::requestExit(int exitCode) {
  if (!impl_.exitCode) impl_.exitCode = exitCode;
}

Status WindowLoop::screenshot(const fs::path& file) {
  auto pixels = impl_.target->readLastFrame();
  if (!pixels) return pixels.error();
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  SC_TRY(writePng(file, *pixels));
  const glm::vec3& eye = impl_.lastCamera.eye;
  spdlog::info("screenshot {} ({}x{}), camera eye ({:.2f}, {:.2f}, {:.2f})", file.string(), pixels->width,
               pixels->height, eye.x, eye.y, eye.z);
  return okStatus();
}

fs::path WindowLoop::nextScreenshotPath() {
  return fs::path(impl_.options.screenshotDir) / fmt::format("screenshot-{:04}.png", ++impl_.screenshots);
}

void WindowLoop::setVsync(bool on) {
  impl_.vsync = on;
  impl_.target->setPresentMode(on ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync);
  spdlog::info("vsync {}", on ? "on" : "off");
}

bool WindowLoop::vsync() const { return impl_.vsync; }
double WindowLoop::lastFrameCpuMs() const { return impl_.lastCpuMs; }

int WindowLoop::run(const WindowLoopOptions& options, WindowMode& mode) {
  Impl impl;
  impl.options = options;
  WindowLoop loop(impl);
  const RenderRequest& r = options.render;
  auto hours = render::parseTimeOfDay(r.timeOfDay.empty() ? "15:30" : r.timeOfDay);
  if (!hours) {
    spdlog::error("--time-of-day: {}", hours.error().message);
    return kExitUsage;
  }
  impl.hours = *hours;

  platform::WindowOptions windowOptions;
  windowOptions.title = options.title;
  windowOptions.width = r.width;
  windowOptions.height = r.height;
  windowOptions.fullscreen = options.fullscreen;
  auto window = platform::Window::create(windowOptions);
  if (!window) {
    spdlog::error("{}", window.error().message);
    return kExitNoGpu;
  }
  impl.window = std::move(window.value());
  if (options.hideCursor) impl.window->setCursorHidden(true);
  gpu::DeviceOptions deviceOptions = deviceOptionsFor(r);
  deviceOptions.instanceExtensions = platform::Window::vulkanInstanceExtensions();
  deviceOptions.needSwapchain = true;
  int failure = kExitOk;
  ViewContent nothing;  // the scene itself is uploaded when its load job finishes
  impl.viewer = openViewer(r, *hours, nothing, deviceOptions, failure);
  if (!impl.viewer) return failure;

  auto fb = impl.window->framebufferSize();
  impl.vsync = options.vsync;
  gpu::SwapchainOptions swapOptions{std::max(fb.width, 1u), std::max(fb.height, 1u),
                                    options.vsync ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync};
  auto target = gpu::SwapchainTarget::create(*impl.viewer->device, impl.window->surfaceFactory(), swapOptions);
  if (!target) {
    spdlog::error("{}", target.error().message);
    return kExitNoGpu;
  }
  impl.target = std::move(target.value());
  mode.started(loop);
  if (options.loadInput && !r.input.empty()) loop.loadScene(r.input);

  std::uint64_t frames = 0;
  std::uint32_t sceneFrames = 0;
  std::uint32_t testFrames = 0;
  double cpuMs = 0.0;
  auto started = std::chrono::steady_clock::now();
  auto last = started;
  // Minimise and restore are logged with the frames drawn in between (0 unless the pause below
  // is broken), so operators and the window tests can see the pause.
  std::optional<std::pair<std::chrono::steady_clock::time_point, std::uint64_t>> minimisedAt;
  while (!impl.exitCode) {
    impl.window->pollEvents();
    if (bool minimised = impl.window->minimised(); minimised != minimisedAt.has_value()) {
      auto at = std::chrono::steady_clock::now();
      if (minimised) {
        spdlog::info("window minimised: no frames are drawn until it is restored");
        minimisedAt.emplace(at, frames);
      } else {
        spdlog::info("window restored after {:.1f} s minimised ({} frames drawn meanwhile)",
                     std::chrono::duration<double>(at - minimisedAt->first).count(), frames - minimisedAt->second);
        minimisedAt.reset();
      }
    }
    const platform::InputState& in = impl.window->input();
    if (impl.window->shouldClose()) {
      if (mode.allowClose(loop)) break;
      impl.window->cancelClose();
    }
    if (impl.job) {
      if (auto done = impl.job->take()) {
        std::string input = impl.job->input();
        impl.job.reset();
        if (*done) {
          if (auto uploaded = impl.upload(done->value()); uploaded) {
            spdlog::info("scene ready: {} ({} triangles to walk on)", input, impl.collider->triangleCount());
            mode.sceneReady(loop);
          } else {
            impl.failedInput = input;
            mode.sceneFailed(loop, uploaded.error().message);
          }
        } else {
          spdlog::error("{}", done->error().message);
          impl.failedInput = input;
          mode.sceneFailed(loop, done->error().message);
        }
        // The import's CPU copies and temporaries are freed now: give their pages back, or a
        // kiosk would stay at the largest scene's peak for good (docs/ROBUSTNESS.md, Soak).
        done.reset();
        returnFreedHeapToSystem();
        impl.releaseMemoryIn = gpu::kFramesInFlight + 2;
      }
    }
    if (options.desktopKeys) {
      if (in.pressed(platform::Key::F11)) impl.window->setFullscreen(!impl.window->fullscreen());
      // Ctrl+V is left to the modes (V with Ctrl held is not the vsync key).
      if (in.pressed(platform::Key::V) && !in.ctrl()) loop.setVsync(!impl.vsync);
    }
    auto now = std::chrono::steady_clock::now();
    float seconds = std::min(options.maxFrameSeconds, std::chrono::duration<float>(now - last).count());
    last = now;
    fb = impl.window->framebufferSize();
    FrameInput frame{in, seconds, std::chrono::duration<double>(now - started).count(), impl.window->windowSize(),
                     {fb.width, fb.height}, impl.window->contentScale(), frames};
    render::Camera camera = mode.frame(loop, frame);
    if (impl.exitCode) break;

    impl.target->setFramebufferSize(fb.width, fb.height);
    if (!impl.target->canRender() || impl.window->minimised()) {
      // Minimised: no frames (no GPU work, no presents) until it is restored.
      mode.afterFrame(loop, frame);
      impl.window->waitEvents(0.1);
      continue;
    }
    impl.lastCamera = camera;
    auto views = render::makeViews(camera, float(fb.width) / float(fb.height), 1);
    auto stats = impl.viewer->renderer->render(*impl.target, views);
    if (stats && options.testFailAfterFrames > 0 && ++testFrames == options.testFailAfterFrames) {
      stats = Error{options.testFailMessage};
    }
    if (!stats) {
      if (!impl.target->canRender() || impl.window->minimised()) continue;
      int code = mode.renderFailed(loop, stats.error());
      if (code >= 0) {
        impl.exitCode = code;
        break;
      }
      if (!impl.input.empty()) loop.loadScene(impl.input);
      continue;
    }
    ++frames;
    cpuMs += stats->cpuMs;
    if (impl.releaseMemoryIn > 0 && --impl.releaseMemoryIn == 0) {
      // The old scene's buffers and textures are destroyed by now: blocks they alone used go
      // back to the driver (on lavapipe that is heap), then the heap to the system.
      std::uint64_t released = impl.viewer->device->releaseUnusedMemory();
      if (released > 0) spdlog::debug("{}: {} MB of device memory blocks no scene uses given back", options.logName, released >> 20);
      returnFreedHeapToSystem();
    }
    impl.lastCpuMs = stats->cpuMs;
    if (options.desktopKeys && in.pressed(platform::Key::F12)) {
      if (auto shot = loop.screenshot(loop.nextScreenshotPath()); !shot) spdlog::error("{}", shot.error().message);
    }
    mode.afterFrame(loop, frame);
    // --screenshot-after counts frames of the loaded scene (not of the loading screen).
    if (options.screenshotAfter > 0 && impl.content && !impl.job) {
      if (++sceneFrames == options.screenshotAfter) {
        if (auto shot = loop.screenshot(options.screenshotFile); !shot) {
          spdlog::error("{}", shot.error().message);
          impl.exitCode = kExitBadInput;
        }
        break;
      }
    }
    if (options.frames > 0 && frames >= options.frames) break;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("{}: {} frames in {:.2f} s ({:.1f} frames/s, CPU {:.1f} ms/frame), {}x{} {} {}, "
               "swapchain rebuilt {} times", options.logName, frames, wall, wall > 0 ? double(frames) / wall : 0.0,
               frames ? cpuMs / double(frames) : 0.0, impl.target->width(), impl.target->height(),
               impl.target->surfaceFormatName(), impl.target->presentModeName(), impl.target->recreations());
  impl.job.reset();
  (void)impl.viewer->device->waitIdle();
  mode.shutdown(loop);
  impl.removeContent();
  impl.target.reset();
  impl.viewer->renderer.reset();
  std::uint32_t errors = impl.viewer->device->validationErrorCount();
  impl.viewer->device.reset();
  impl.window.reset();
  if (errors > 0) {
    spdlog::error("the Vulkan validation layer reported {} error(s); see the messages above", errors);
    return kExitValidation;
  }
  return impl.exitCode.value_or(kExitOk);
}

}  // namespace sc::app
