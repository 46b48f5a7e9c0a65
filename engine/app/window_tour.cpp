#include "app/window_tour.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/scene_content.hpp"
#include "app/viewer.hpp"
#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "gpu/swapchain_target.hpp"
#include "platform/camera_controller.hpp"
#include "platform/window.hpp"
#include "render/renderer.hpp"

namespace sc::app {

namespace fs = std::filesystem;

namespace {

struct TourStopView {
  std::string name;  // English name of the point of interest
  render::Camera camera;
};

// The first tour's stops, each from its point of interest's viewpoint; content without a tour
// gets its own camera and the same camera turned a quarter, half and three quarters around
// its target, so the number keys always do something visible.
std::vector<TourStopView> tourStops(const ViewContent& content, const render::Camera& home) {
  std::vector<TourStopView> stops;
  if (content.scene && !content.scene->tours.empty()) {
    for (const auto& stop : content.scene->tours.front().stops) {
      const auto* poi = content.scene->findPoi(stop.poi);
      auto camera = sceneCamera(*content.scene, stop.poi);
      if (!poi || !camera) continue;
      camera->fovY = home.fovY;
      stops.push_back({poi->name.en.empty() ? stop.poi : poi->name.en, *camera});
    }
  }
  if (!stops.empty()) return stops;
  const char* names[] = {"front", "side", "back", "other side"};
  for (int i = 0; i < 4; ++i) {
    render::Camera camera = home;
    glm::vec3 offset = home.eye - home.target;
    float angle = float(i) * 1.5707964f;
    float c = std::cos(angle), s = std::sin(angle);
    camera.eye = home.target + glm::vec3(c * offset.x + s * offset.z, offset.y, -s * offset.x + c * offset.z);
    stops.push_back({names[i], camera});
  }
  return stops;
}

std::string sceneTitle(const ViewContent& content, const std::string& input) {
  if (content.scene && !content.scene->title.en.empty()) return content.scene->title.en;
  return input;
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

// Everything the loop changes, apart from the GPU objects.
struct TourState {
  std::vector<TourStopView> stops;
  std::size_t stop = 0;
  platform::OrbitCamera orbit;
  platform::FlyCamera fly;
  bool flying = false;
  std::optional<platform::CameraTransition> move;
  render::Camera lens;  // fov and clip planes of the content's camera
  std::uint32_t screenshots = 0;

  platform::CameraPose pose() const { return flying ? fly.pose() : orbit.pose(); }
  void setPose(const platform::CameraPose& p) {
    orbit = platform::OrbitCamera::fromPose(p);
    fly = platform::FlyCamera::fromPose(p);
  }
  void goTo(std::size_t index) {
    if (index >= stops.size()) return;
    stop = index;
    const render::Camera& c = stops[index].camera;
    move = platform::CameraTransition{pose(), {c.eye, c.target}, 1.5f, 0.0f};
    spdlog::info("stop {}/{}: {}", index + 1, stops.size(), stops[index].name);
  }
};

// Keyboard and mouse into camera and tour state for one frame of `seconds`.
void applyInput(const platform::InputState& in, TourState& t, float seconds) {
  using platform::Key;
  using platform::MouseButton;
  for (int digit = 1; digit <= 9; ++digit) {
    if (in.pressed(Key(int(Key::Num0) + digit))) t.goTo(std::size_t(digit - 1));
  }
  if (in.pressed(Key::N)) t.goTo((t.stop + 1) % t.stops.size());
  if (in.pressed(Key::P)) t.goTo((t.stop + t.stops.size() - 1) % t.stops.size());
  if (in.pressed(Key::F)) {
    t.setPose(t.pose());
    t.flying = !t.flying;
  }
  glm::vec3 flyMove(float(in.down(Key::D)) - float(in.down(Key::A)), float(in.down(Key::E)) - float(in.down(Key::Q)),
                    float(in.down(Key::W)) - float(in.down(Key::S)));
  bool dragging = in.down(MouseButton::Left) || in.down(MouseButton::Right) || in.down(MouseButton::Middle);
  bool userMoves = glm::length(flyMove) > 0.0f || in.scroll.y != 0.0f || (dragging && in.cursorDelta != glm::vec2(0.0f));
  if (t.move) {
    if (!userMoves) {
      t.setPose(t.move->advance(seconds));
      if (t.move->done()) t.move.reset();
      return;
    }
    t.move.reset();  // the visitor takes over mid-move
  }
  if (glm::length(flyMove) > 0.0f && !t.flying) {
    t.setPose(t.pose());
    t.flying = true;
  }
  if (t.flying) {
    if (in.down(MouseButton::Left)) t.fly.look(in.cursorDelta.x, in.cursorDelta.y);
    t.fly.fly(flyMove, seconds, in.down(Key::LeftShift) || in.down(Key::RightShift));
    if (in.scroll.y != 0.0f) t.fly.fly({0.0f, 0.0f, in.scroll.y}, 0.2f);
    t.orbit = platform::OrbitCamera::fromPose(t.fly.pose());
  } else {
    if (in.down(MouseButton::Left)) t.orbit.rotate(in.cursorDelta.x, in.cursorDelta.y);
    if (in.down(MouseButton::Right) || in.down(MouseButton::Middle)) t.orbit.pan(in.cursorDelta.x, in.cursorDelta.y);
    if (in.scroll.y != 0.0f) t.orbit.zoom(in.scroll.y);
    t.fly = platform::FlyCamera::fromPose(t.orbit.pose());
  }
}

}  // namespace

bool windowAvailable() { return platform::Window::displayAvailable(); }

int runWindowTour(const WindowTourRequest& request) {
  const RenderRequest& r = request.render;
  auto hours = render::parseTimeOfDay(r.timeOfDay.empty() ? "15:30" : r.timeOfDay);
  if (!hours) {
    spdlog::error("--time-of-day: {}", hours.error().message);
    return kExitUsage;
  }
  auto content = loadViewContent(r.input);
  if (!content) {
    spdlog::error("{}", content.error().message);
    return kExitBadInput;
  }
  float aspect = float(r.width) / float(r.height);
  if (!content->camera && !content->bounds.valid()) {
    spdlog::error("{}: the model has no geometry to show", r.input);
    return kExitBadInput;
  }
  render::Camera home = content->camera ? *content->camera : render::frameBounds(content->bounds, aspect);
  std::string title = sceneTitle(*content, r.input);

  platform::WindowOptions windowOptions;
  windowOptions.title = "Shancheng - " + title;
  windowOptions.width = r.width;
  windowOptions.height = r.height;
  windowOptions.fullscreen = request.fullscreen;
  auto window = platform::Window::create(windowOptions);
  if (!window) {
    spdlog::error("{}", window.error().message);
    return kExitNoGpu;
  }
  gpu::DeviceOptions deviceOptions = deviceOptionsFor(r);
  deviceOptions.instanceExtensions = platform::Window::vulkanInstanceExtensions();
  deviceOptions.needSwapchain = true;
  int failure = kExitOk;
  auto viewer = openViewer(r, *hours, *content, deviceOptions, failure);
  if (!viewer) return failure;
  auto& device = viewer->device;
  auto& renderer = viewer->renderer;

  auto fb = (*window)->framebufferSize();
  gpu::SwapchainOptions swapOptions{std::max(fb.width, 1u), std::max(fb.height, 1u),
                                    request.vsync ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync};
  auto target = gpu::SwapchainTarget::create(*device, (*window)->surfaceFactory(), swapOptions);
  if (!target) {
    spdlog::error("{}", target.error().message);
    return kExitNoGpu;
  }

  TourState tour;
  tour.lens = home;
  tour.stops = tourStops(*content, home);
  std::size_t first = std::min<std::size_t>(std::max(request.startStop, 1u) - 1, tour.stops.size() - 1);
  tour.stop = first;
  const render::Camera& start = request.startStop > 1 ? tour.stops[first].camera : home;
  tour.setPose({start.eye, start.target});

  int exitCode = kExitOk;
  std::uint32_t frames = 0;
  double cpuMs = 0.0;
  std::size_t titledStop = SIZE_MAX;
  auto started = std::chrono::steady_clock::now();
  auto last = started;
  while (!(*window)->shouldClose()) {
    (*window)->pollEvents();
    const platform::InputState& in = (*window)->input();
    if (in.pressed(platform::Key::Escape)) break;
    if (in.pressed(platform::Key::F11)) (*window)->setFullscreen(!(*window)->fullscreen());
    if (in.pressed(platform::Key::V)) {
      bool vsyncNow = (*target)->presentMode() != gpu::PresentMode::Vsync;
      (*target)->setPresentMode(vsyncNow ? gpu::PresentMode::Vsync : gpu::PresentMode::NoVsync);
      spdlog::info("vsync {}", vsyncNow ? "on" : "off");
    }
    auto now = std::chrono::steady_clock::now();
    float seconds = std::min(0.25f, std::chrono::duration<float>(now - last).count());
    last = now;
    applyInput(in, tour, seconds);
    if (tour.stop != titledStop) {
      titledStop = tour.stop;
      (*window)->setTitle(fmt::format("Shancheng - {} - {}/{}: {}", title, tour.stop + 1, tour.stops.size(),
                                      tour.stops[tour.stop].name));
    }

    fb = (*window)->framebufferSize();
    (*target)->setFramebufferSize(fb.width, fb.height);
    if (!(*target)->canRender()) {
      (*window)->waitEvents(0.1);  // minimised: no frames until it is restored
      continue;
    }
    render::Camera camera = tour.lens;
    platform::CameraPose pose = tour.pose();
    camera.eye = pose.eye;
    camera.target = pose.target;
    auto views = render::makeViews(camera, float(fb.width) / float(fb.height), 1);
    auto stats = renderer->render(**target, views);
    if (!stats) {
      if (!(*target)->canRender() || (*window)->minimised()) continue;
      spdlog::error("rendering failed: {}", stats.error().message);
      exitCode = kExitNoGpu;
      break;
    }
    ++frames;
    cpuMs += stats->cpuMs;
    if (in.pressed(platform::Key::F12)) {
      auto file = fs::path(request.screenshotDir) / fmt::format("screenshot-{:04}.png", ++tour.screenshots);
      if (auto shot = writeScreenshot(**target, file); !shot) spdlog::error("{}", shot.error().message);
    }
    if (request.screenshotAfter > 0 && frames == request.screenshotAfter) {
      if (auto shot = writeScreenshot(**target, request.screenshotFile); !shot) {
        spdlog::error("{}", shot.error().message);
        exitCode = kExitBadInput;
      }
      break;
    }
    if (request.frames > 0 && frames >= request.frames) break;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("window tour: {} frames in {:.2f} s ({:.1f} frames/s, CPU {:.1f} ms/frame), {}x{} {} {}, "
               "swapchain rebuilt {} times", frames, wall, wall > 0 ? frames / wall : 0.0,
               frames ? cpuMs / frames : 0.0, (*target)->width(), (*target)->height(), (*target)->surfaceFormatName(),
               (*target)->presentModeName(), (*target)->recreations());
  (void)device->waitIdle();
  target->reset();
  renderer.reset();
  std::uint32_t errors = device->validationErrorCount();
  device.reset();
  window->reset();
  if (errors > 0) {
    spdlog::error("the Vulkan validation layer reported {} error(s); see the messages above", errors);
    return kExitValidation;
  }
  return exitCode;
}

}  // namespace sc::app
