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
#include "ui/ui.hpp"
#include "xr/locomotion.hpp"
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
  // The laser pointer: a 6 mm beam of `length` metres from `origin` along `direction` (world);
  // length 0 hides it.
  void showBeam(render::Renderer& renderer, const glm::vec3& origin, const glm::vec3& direction, float length);

 private:
  render::InstanceId beam_ = 0;
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
  ui::Ui* panelUi = nullptr;  // draws the panel's default text (the title); null: no default
  SegmentCast ground;         // where teleports land (groundOf)
};

// The walkable ground of the content: its own triangles (platform::SceneCollider, walls read as
// too steep), else the flat y = 0 over its bounds plus 5 m.
SegmentCast groundOf(const XrContent& content);

struct SessionRun {
  XrSessionReport report;
  std::vector<std::string> files;
};

// Stops at request.frames submitted frames (then xrRequestExitSession and the state machine to
// EXITING), on loss (report.lost / instanceLost), or SIGINT (`interrupted`).
Result<SessionRun> runOneSession(TourLoop& loop, std::uint32_t index, XrRunReport& run,
                                 const std::atomic<bool>& interrupted);

// The panel's picture size in pixels (about 640 pixels per metre of the 0.8 x 0.4 m panel).
inline constexpr std::uint32_t kPanelWidth = 512;
inline constexpr std::uint32_t kPanelHeight = 256;
inline constexpr glm::vec2 kPanelSize{0.8f, 0.4f};  // metres

}  // namespace sc::xr
