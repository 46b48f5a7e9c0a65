#include "app/render_command.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/default_scene.hpp"
#include "app/scene_content.hpp"
#include "app/viewer.hpp"
#include "assets/importer.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/renderer.hpp"

namespace sc::app {

namespace fs = std::filesystem;

namespace {

// The renderer's transparent output is premultiplied in linear light and then sRGB-encoded; PNG
// wants straight alpha. Divide in linear light so partly covered edges keep their colour.
void unpremultiplySrgb(ImageRgba8& image) {
  auto toLinear = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
  auto toSrgb = [](float c) { return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f; };
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
    std::uint8_t a = image.pixels[i + 3];
    if (a == 0 || a == 255) continue;
    float alpha = float(a) / 255.0f;
    for (std::size_t c = 0; c < 3; ++c) {
      float straight = std::min(toLinear(float(image.pixels[i + c]) / 255.0f) / alpha, 1.0f);
      image.pixels[i + c] = std::uint8_t(std::lround(toSrgb(straight) * 255.0f));
    }
  }
}

}  // namespace

int runRender(const RenderRequest& request) {
  auto started = std::chrono::steady_clock::now();
  if (request.views != 1 && request.views != 2) {
    spdlog::error("--views {}: must be 1 (mono) or 2 (stereo, both eyes side by side)", request.views);
    return kExitUsage;
  }
  if (request.width < 16 || request.height < 16 || request.width > 8192 || request.height > 8192) {
    spdlog::error("--size {}x{}: each side must be between 16 and 8192 pixels", request.width, request.height);
    return kExitUsage;
  }
  auto hours = render::parseTimeOfDay(request.timeOfDay.empty() ? "15:30" : request.timeOfDay);
  if (!hours) {
    spdlog::error("--time-of-day: {}", hours.error().message);
    return kExitUsage;
  }
  if (request.background != "sky" && request.background != "transparent") {
    spdlog::error("--background {}: use sky or transparent", request.background);
    return kExitUsage;
  }
  std::optional<render::Camera> camera;
  if (!request.camera.empty()) {
    auto parsed = render::parseCameraSpec(request.camera);
    if (!parsed) {
      spdlog::error("{}", parsed.error().message);
      return kExitUsage;
    }
    camera = *parsed;
  }
  auto content = loadViewContent(request.input, request.poi);
  if (!content) {
    spdlog::error("{}", content.error().message);
    return kExitBadInput;
  }
  float aspect = float(request.width) / float(request.height);
  if (!camera) camera = content->camera;
  if (!camera) {
    const auto& bounds = content->bounds;
    if (!bounds.valid()) {
      spdlog::error("{}: the model has no geometry to frame; give --camera eye,target", request.input);
      return kExitBadInput;
    }
    camera = render::frameBounds(bounds, aspect);
  }

  int failure = kExitOk;
  auto viewer = openViewer(request, *hours, *content, deviceOptionsFor(request), failure);
  if (!viewer) return failure;
  auto& device = viewer->device;
  auto& renderer = viewer->renderer;
  const render::Environment& environment = viewer->environment;
  if (request.background == "transparent") {
    render::RendererOptions options = renderer->options();
    options.background = render::Background::Transparent;
    if (auto set = renderer->setOptions(options); !set) {
      spdlog::error("{}", set.error().message);
      return kExitNoGpu;
    }
  }

  auto target = std::make_unique<gpu::OffscreenTarget>(*device, request.width, request.height, request.views);
  std::vector<RenderShot> shots = request.shots;
  if (shots.empty()) shots.push_back({"", "", request.out});
  for (const auto& shot : shots) {
    render::Camera shotCamera = *camera;
    if (!shot.poi.empty()) {
      if (!content->scene) {
        spdlog::error("--poi {}: points of interest come from scene files", shot.poi);
        return kExitUsage;
      }
      auto poiCamera = sceneCamera(*content->scene, shot.poi);
      if (!poiCamera) {
        spdlog::error("{}", poiCamera.error().message);
        return kExitBadInput;
      }
      shotCamera = *poiCamera;
    }
    render::Environment shotEnvironment = environment;
    if (!shot.timeOfDay.empty()) {
      auto shotHours = render::parseTimeOfDay(shot.timeOfDay);
      if (!shotHours) {
        spdlog::error("{}", shotHours.error().message);
        return kExitUsage;
      }
      shotEnvironment.timeOfDayHours = *shotHours;
    }
    renderer->setEnvironment(shotEnvironment);
    auto views = render::makeViews(shotCamera, aspect, request.views);
    auto stats = renderer->render(*target, views);
    if (!stats) {
      spdlog::error("rendering failed: {}", stats.error().message);
      return kExitNoGpu;
    }
    auto pixels = target->readPixels();
    if (!pixels) {
      spdlog::error("reading the image back failed: {}", pixels.error().message);
      return kExitNoGpu;
    }
    if (request.background == "transparent") unpremultiplySrgb(*pixels);
    auto written = writePng(shot.out, *pixels);
    if (!written) {
      spdlog::error("{}", written.error().message);
      return kExitBadInput;
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("wrote {} ({}x{}, {} view{}, {} draws, {} triangles, {} culled) at {:.0f} ms", shot.out,
                 pixels->width, pixels->height, request.views, request.views == 1 ? "" : "s", stats->drawCalls,
                 stats->triangles, stats->culled, ms);
  }
  // Tear down in order (target and renderer before the device) so the layer sees no leaks.
  target.reset();
  renderer.reset();
  std::uint32_t errors = device->validationErrorCount();
  device.reset();
  if (errors > 0) {
    spdlog::error("the Vulkan validation layer reported {} error(s); see the messages above", errors);
    return kExitValidation;
  }
  return kExitOk;
}

}  // namespace sc::app
