#pragma once
// What every face that shows content needs before its first frame: the GPU device, the renderer
// with the request's options, the environment (the content's, adjusted by the request) and the
// content uploaded. Shared by `render` (offscreen) and the window tour.
#include <memory>

#include "app/render_command.hpp"
#include "app/scene_content.hpp"
#include "gpu/device.hpp"
#include "render/renderer.hpp"

namespace sc::app {

struct Viewer {
  std::unique_ptr<gpu::Device> device;
  std::unique_ptr<render::Renderer> renderer;
  render::Environment environment;
};

// The device options a request asks for (GPU choice, validation, the persisted pipeline cache);
// a window adds its surface extensions.
gpu::DeviceOptions deviceOptionsFor(const RenderRequest& request);

// The renderer options the request asks for on `device`: its quality preset (empty: medium),
// its explicit MSAA over the preset's.
render::RendererOptions rendererOptionsFor(const RenderRequest& request, const gpu::DeviceInfo& device);

// Opens the device and renderer and uploads `content`. On failure logs one error line and
// returns nullptr with `exitCode` set (kExitNoGpu for GPU problems, kExitBadInput for content).
// `hours` is the request's time of day, already parsed (used when the request names one).
std::unique_ptr<Viewer> openViewer(const RenderRequest& request, float hours, const ViewContent& content,
                                   const gpu::DeviceOptions& deviceOptions, int& exitCode);

}  // namespace sc::app
