#pragma once
// One XR session of the tour, from creation to EXITING or loss: input -> locomotion -> the app's
// per-frame hook -> both eyes rendered -> layers (projection + depth, panel, panorama). Internal
// to engine/xr (runXrSession in xr_command.cpp owns the instance, device and renderer).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "render/renderer.hpp"
#include "xr/xr_command.hpp"
#include "xr/xr_system.hpp"

namespace sc::xr {

// The teleport arc (dots) and landing marker as renderer instances, cyan when the landing is
// valid, red when not; hidden (scaled to nothing) when not aiming.
class TeleportMarkers {
 public:
  Status create(render::Renderer& renderer);
  // `arc` nullptr hides everything.
  void show(render::Renderer& renderer, const struct TeleportArc* arc, float markerRadius);

 private:
  static constexpr std::size_t kDots = 24;
  std::vector<render::InstanceId> validDots_, invalidDots_;
  render::InstanceId validMarker_ = 0, invalidMarker_ = 0;
  bool shown_ = true;
};

struct TourLoop {
  System& system;
  gpu::Device& device;
  render::Renderer& renderer;
  const XrRequest& request;
  const XrContent& content;
  BlendChoice blend;
  std::optional<ImageRgba8> panorama;  // loaded from request.panoramaFile
  TeleportMarkers markers;
  bool lossSimulated = false;          // the requested loss happens once per run
  // The landmark instances (hidden inside the panorama sphere) and the sphere's instance (0: none).
  std::vector<std::pair<render::InstanceId, glm::mat4>> landmarks;
  render::InstanceId panoramaSphere = 0;
};

struct SessionRun {
  XrSessionReport report;
  std::vector<std::string> files;
};

// Stops at request.frames submitted frames (then xrRequestExitSession and the state machine to
// EXITING), on loss (report.lost / instanceLost), or SIGINT (`interrupted`).
Result<SessionRun> runOneSession(TourLoop& loop, std::uint32_t index, XrRunReport& run,
                                 const std::atomic<bool>& interrupted);

// The test pattern the panel shows until the app hands in its UI picture (XrTourHooks).
ImageRgba8 panelTestPattern(std::uint32_t width, std::uint32_t height);

}  // namespace sc::xr
