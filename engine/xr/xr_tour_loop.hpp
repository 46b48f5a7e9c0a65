#pragma once
// One XR session of the tour, from creation to EXITING or loss: input -> locomotion -> the app's
// per-frame hook -> both eyes rendered -> layers (projection + depth, panel, panorama). Internal
// to engine/xr (runXrSession in xr_command.cpp owns the instance, device and renderer).
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
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

class Session;

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
  // XrTourHooks::panorama: through the equirect2 layer (else spheres); decoded images and
  // sphere instances by file, null / 0 for a file that failed (reported once). Per instance:
  // the spheres belong to this renderer.
  bool stopPanoramaLayer = false;
  std::map<std::string, std::shared_ptr<const ImageRgba8>> stopImages;
  std::map<std::string, render::InstanceId> stopSpheres;
  // The eyes' background outside a layer panorama: transparent in the AR companion.
  render::Background background = render::Background::Sky;
};

// A 2:1 equirect panorama file (PNG, JPEG, ... as textures are decoded) as RGBA8, downscaled
// above 4096 wide; `what` starts the error message ("--panorama FILE", "panorama FILE").
Result<ImageRgba8> loadPanorama(const std::string& file, const std::string& what);

// The fallback sphere's radius: well inside the far plane, close enough that fog barely tints it.
inline constexpr float kPanoramaSphereRadius = 20.0f;

// What XrTourHooks::panorama shows now (defined in xr_command.cpp, beside the run's panorama).
struct StopPanorama {
  std::string asked;   // the hook's last answer
  std::string file;    // shown ("" none: none asked, or it could not be loaded)
  bool layer = false;  // through the equirect2 layer under the eyes (else `sphere`)
  render::InstanceId sphere = 0;
};
// Shows `file` ("" none) instead of what `shown` shows: the layer (uploaded; the renderer's
// background transparent meanwhile) or the file's sphere, the landmarks hidden while either
// shows. `session` null: only the renderer's side is undone (the session is gone).
// `worldFromTracking`: the rig, for the layer's orientation (the picture is fixed in the world).
Status showStopPanorama(TourLoop& loop, Session* session, StopPanorama& shown, const std::string& file,
                        const glm::mat4& worldFromTracking);
// The layer's pose for the rig: image centre along the world's -Z, as the sphere has it.
Pose stopPanoramaCentre(const glm::mat4& worldFromTracking);

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
