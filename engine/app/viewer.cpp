#include "app/viewer.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "render/render_quality.hpp"

namespace sc::app {

gpu::DeviceOptions deviceOptionsFor(const RenderRequest& request) {
  gpu::DeviceOptions options;
  options.gpu = request.gpu;
  options.validation = request.validation;
  options.syncValidation = request.validation;
  const char* home = std::getenv("HOME");
  options.pipelineCacheFile = std::filesystem::path(home ? home : "/tmp") / ".cache" / "shancheng" /
                              "pipeline-cache.bin";
  return options;
}

render::RendererOptions rendererOptionsFor(const RenderRequest& request, const gpu::DeviceInfo& device) {
  auto quality = render::parseRenderQuality(request.quality).value_or(render::RenderQuality::Medium);
  return render::rendererOptionsFor(quality, device.isSoftware, request.msaa);
}

std::unique_ptr<Viewer> openViewer(const RenderRequest& request, float hours, const ViewContent& content,
                                   const gpu::DeviceOptions& deviceOptions, int& exitCode) {
  auto viewer = std::make_unique<Viewer>();
  auto device = gpu::Device::create(deviceOptions);
  if (!device) {
    spdlog::error("{}", device.error().message);
    exitCode = kExitNoGpu;
    return nullptr;
  }
  viewer->device = std::move(device.value());
  render::RendererOptions rendererOptions = rendererOptionsFor(request, viewer->device->info());
  auto renderer = render::Renderer::create(*viewer->device, rendererOptions);
  if (renderer) {
    spdlog::info("renderer: quality {}: {}, HDR {}", request.quality.empty() ? "medium" : request.quality,
                 render::describeRendererOptions(rendererOptions),
                 render::describeHdrFormat((*renderer)->hdrTargetFormat()));
  }
  if (!renderer) {
    spdlog::error("{}", renderer.error().message);
    exitCode = kExitNoGpu;
    return nullptr;
  }
  viewer->renderer = std::move(renderer.value());

  render::Environment& environment = viewer->environment;
  if (content.environment) {
    environment = *content.environment;
  } else {
    // Small models (a 1 m box) should not vanish in fog meant for a city.
    float size = glm::length(content.bounds.extent());
    environment.fogDensity = size > 0.0f ? std::min(0.0015f, 0.05f / size) : 0.0015f;
  }
  if (!request.timeOfDay.empty()) environment.timeOfDayHours = hours;
  environment.exposure *= request.exposure;
  environment.toneMapper = request.toneMapper == "neutral" ? render::ToneMapper::PbrNeutral : render::ToneMapper::Aces;
  viewer->renderer->setEnvironment(environment);
  ShownContent shown;  // for the viewer's whole life: nothing removes it
  if (Status uploaded = showContent(*viewer->renderer, content, shown); !uploaded) {
    spdlog::error("{}", uploaded.error().message);
    exitCode = kExitBadInput;
    return nullptr;
  }
  return viewer;
}

}  // namespace sc::app
