#pragma once
// `shancheng xr`: a tour in a headset. The app passes in how content is loaded (engine/xr does
// not depend on engine/app) and, optionally, the desktop face to fall back to when there is no
// runtime or no headset. No OpenXR or Vulkan types here.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include <glm/gtc/quaternion.hpp>

#include "assets/model.hpp"
#include "core/image_io.hpp"
#include "core/result.hpp"
#include "render/renderer.hpp"
#include "render/ui_overlay.hpp"
#include "xr/xr_types.hpp"

namespace sc::xr {

// Exit codes of runXr (the same numbers as the app's shared codes, plus kExitNoXr).
enum XrExitCode : int {
  kXrExitOk = 0,
  kXrExitBadInput = 1,    // content could not be loaded
  kXrExitUsage = 2,       // wrong arguments
  kXrExitNoGpu = 3,       // the runtime's GPU cannot be used / rendering failed
  kXrExitValidation = 4,  // Vulkan or OpenXR validation reported errors
  kXrExitNoXr = 5,        // no runtime or headset, and no fallback (or --no-fallback)
  // The runtime went away during the tour (instance lost: crashed, killed, headset unplugged)
  // and did not come back within maxSessionRetries waits. Not a fallback case: the visitor is
  // in the headset, and a kiosk's supervisor restarts the runtime and the app on this code.
  // 8: the app already uses 6 (GPU lost) and 7 (soak failed).
  kXrExitRuntimeLost = 8,
};

// One placement of a model. Placements of one file share one renderer model and draw as its
// instances: sameModelAs is the index of the earlier entry (in the same list) whose model this
// one shows, or -1. `model` is still this placement's geometry (the ground collider reads it).
struct XrModel {
  assets::Model model;
  glm::mat4 transform{1.0f};
  std::int32_t sameModelAs = -1;
};

// Uploads the models of `placements` (once per file, see XrModel::sameModelAs) and places each;
// returns the instances in the order of `placements`.
Result<std::vector<render::InstanceId>> placeModels(render::Renderer& renderer, const std::vector<XrModel>& placements);

// What a tour shows, loaded by the app's own loader (scene files, models, builtin:default).
struct XrContent {
  // The landmark geometry (scene models). Left out in the AR companion: the real place is there.
  std::vector<XrModel> models;
  // What AR keeps: POI markers, cards drawn as models, props of the guide.
  std::vector<XrModel> overlays;
  std::optional<render::Environment> environment;
  glm::vec3 spawn{0.0f};        // the floor point where the visitor starts, world metres
  glm::vec3 lookAt{0.0f, 1.0f, -1.0f};  // what the visitor faces at the start
  float nearPlane = 0.05f;
  float farPlane = 2000.0f;
  std::string title = "山城 Shancheng";  // the panel's text until the app hands in its UI
};
using XrContentLoader = std::function<Result<XrContent>(const std::string& input)>;

// One XR frame as the app's per-frame hook sees it (the guided tour: engine/app/guided_tour.hpp).
struct XrFrameInfo {
  double displayTimeSeconds = 0.0;  // predicted display time, runtime clock
  double dtSeconds = 0.0;           // since the previous frame's predicted display time
  glm::vec3 eyeWorld{0.0f};         // between the eyes, world metres: the visitor's eye
  glm::quat headWorld{1.0f, 0.0f, 0.0f, 0.0f};  // head orientation in the world
  glm::mat4 worldFromTracking{1.0f};
  bool ar = false;                  // AR companion: landmarks are not drawn
  bool selectPressed = false;       // trigger (laser pointer pick)
  bool menuOpen = false;            // the tour menu is open
  // Where the laser pointer meets the UI panel, in the panel's pixels (512 x 256, top-left
  // origin: feed it to ui::UiInput as the pointer, selectPressed as the click); none when it
  // points elsewhere.
  std::optional<glm::vec2> panelPointer;
  // The laser pointer as a ray in the world (the aiming hand's aim pose; direction unit length)
  // while it shows, for picking things in the world (the app's POIs), and the metres along it to
  // the panel when it meets the panel.
  bool laser = false;
  glm::vec3 laserOrigin{0.0f};
  glm::vec3 laserDirection{0.0f, 0.0f, -1.0f};
  std::optional<float> laserPanelDistance;
  // The file of XrTourHooks::panorama shown this frame ("" none: not asked for, or it could not
  // be loaded) and whether through the compositor's equirect2 layer (else the sphere).
  std::string panorama;
  bool panoramaLayer = false;
};

struct XrSessionReport;

// Hooks the app runs inside the XR loop, on the loop's thread. All optional.
struct XrTourHooks {
  // Once the renderer exists and holds the content (also after a lost instance came back):
  // add the guide and its props. The renderer lives until onStop.
  std::function<Status(render::Renderer& renderer)> onStart;
  // Once per frame, before both eyes are rendered (poses and animation once for both).
  std::function<void(render::Renderer& renderer, const XrFrameInfo& frame)> onFrame;
  std::function<void()> onStop;
  // Where the laser ends when the app aims at something of its own in the world (a POI marker):
  // metres along the frame's laser, or nullopt for the default (the panel, else 4 m). Called
  // after onFrame on frames with XrFrameInfo::laser.
  std::function<std::optional<float>(const XrFrameInfo& frame)> laserStop;
  // The world-space UI panel (subtitles, POI card, menu) for this frame as an engine/ui draw
  // list (ui::Ui::drawList(), render/ui_overlay.hpp), or nullopt to keep the last one. Drawn
  // into the panel's swapchain through Renderer::renderOverlayNow: the one place the UI comes in.
  // Without this hook the panel shows XrContent::title.
  std::function<std::optional<render::OverlayDrawList>(const XrFrameInfo& frame)> panelOverlay;
  // The panorama to stand inside now (a 2:1 equirect PNG/JPEG file: the current tour stop's POI
  // panorama), or "" for none. Asked once per frame, between frames (`frame`: the previous
  // one); not asked while XrRequest::panoramaFile is set (that one is the run's). Where the
  // runtime offers XR_KHR_composition_layer_equirect2 (and not XrRequest::panoramaAsSphere) it
  // is shown through that layer under the eyes: the eyes are then drawn with a transparent
  // background (render::Background::Transparent) and without the landmarks, and blended over
  // it, so the guide, markers and laser stay in front of the picture. Elsewhere the loop draws
  // it on the inside-out sphere (20 m, centred on the eyes), the landmarks hidden. Each file is
  // decoded once (and uploaded when it becomes the one shown); a file that cannot be loaded is
  // reported once and shows nothing.
  std::function<std::string(const XrFrameInfo& frame)> panorama;
  // After each session ended and was torn down (session and swapchains gone, the device idle);
  // the renderer and its device live on. Returning false ends the run there (no more sessions).
  // For soak runs: memory sampled between sessions (engine/app/soak_xr.hpp).
  std::function<bool(render::Renderer& renderer, const XrSessionReport& session)> onSessionEnd;
  // Once the renderer and everything drawn are gone, just before the device is destroyed (each
  // instance's; again after a lost instance): what is still alive on it (the soak's exit check).
  std::function<void(gpu::Device& device)> beforeDeviceDestroyed;
};

struct XrRequest {
  std::string input = "builtin:default";  // handed to loadContent
  XrContentLoader loadContent;             // required
  std::function<int()> desktopFallback;    // run when XR is unavailable (unless noFallback)
  bool noFallback = false;
  std::uint32_t frames = 0;      // stop after this many submitted frames; 0 = until the runtime ends
  std::uint32_t sessions = 1;    // end the session and begin a new one this many times (tests)
  std::string readbackDir;       // write both eyes of frame readbackFrame as PNGs here
  std::uint32_t readbackFrame = 30;
  bool validation = false;       // Vulkan validation layer (OpenXR's comes from XR_ENABLE_API_LAYERS)
  bool seated = false;           // seated mode: lower eye height in a LOCAL space
  float eyeHeight = 0.0f;        // metres, LOCAL space only; 0 = 1.6 standing, 1.2 seated
  std::string space = "local-floor";  // local-floor | stage | local: the best offered from here on
  std::uint32_t msaa = 4;        // 1 or 4
  std::uint32_t maxEyeWidth = 0; // eye images at most this wide; 0 = the runtime's recommendation
  std::uint32_t shadowMapSize = 2048;  // per cascade (CPU rasterisers want less)
  float snapTurnDegrees = 30.0f;
  float sessionRetrySeconds = 2.0f;  // wait before re-creating a lost session (or instance)
  std::uint32_t maxSessionRetries = 5;
  bool ar = false;               // AR companion when the headset offers see-through blending
  bool depthLayer = true;        // submit depth (XR_KHR_composition_layer_depth) when offered
  bool panel = true;             // the world-space UI panel (quad layer)
  std::string panoramaFile;      // a 360-degree equirect image (PNG/JPEG) to stand inside
  std::uint32_t panoramaFromFrame = 0;  // shown from this submitted frame on...
  std::uint32_t panoramaFrames = 0;     // ...for this many frames (0 = to the end)
  // Draw the panorama as a textured inside-out sphere (the fallback where the runtime has no
  // equirect2 layer) even where the layer is offered.
  bool panoramaAsSphere = false;
  float refreshRateHz = 0.0f;    // XR_FB_display_refresh_rate: 0 = the highest offered
  XrTourHooks hooks;
  // Tests: act as if the runtime answered XR_ERROR_SESSION_LOST (or XR_ERROR_INSTANCE_LOST)
  // once the first session has submitted this many frames (0 = never).
  std::uint32_t simulateSessionLossAtFrame = 0;
  std::uint32_t simulateInstanceLossAtFrame = 0;
};

struct XrSessionReport {
  SessionState highestState = SessionState::Unknown;
  std::uint64_t framesSubmitted = 0;  // xrEndFrame with a projection layer
  std::uint64_t framesEnded = 0;
  std::uint32_t timesBegun = 0;
  double seconds = 0.0;               // from the first to the last frame
  double cpuMsMean = 0.0;             // wall time per frame, xrWaitFrame excluded (includes waits for the GPU)
  // CPU time actually spent per frame (the whole loop, xrWaitFrame included): by the loop's own
  // thread (the app: input, locomotion, recording, OpenXR calls) and by the whole process
  // (adds lavapipe's rasteriser threads and Monado's compositor threads). Unlike wall times,
  // these hold on a machine shared with other work.
  double threadCpuMsMean = 0.0;
  double processCpuMsMean = 0.0;
  double cpuMsMax = 0.0;
  double recordMsMean = 0.0;          // the renderer's command recording alone
  double displayPeriodMs = 0.0;       // the runtime's predicted display period
  std::int64_t lastDisplayTimeNs = 0;
  bool lost = false;
  bool instanceLost = false;
  std::uint64_t framesWithDepth = 0;     // projection layers that carried depth for both eyes
  std::uint64_t framesWithPanel = 0;     // frames with the quad (UI panel) layer
  std::uint64_t framesWithPanorama = 0;  // frames with the equirect2 layer
  std::uint64_t framesWithPanoramaSphere = 0;  // frames drawn inside the fallback sphere
  // Projection layers blended by their alpha (alpha-blend AR, XrTourHooks::panorama's layer)
  std::uint64_t framesWithAlphaProjection = 0;
  // Depth of the read-back frame (both eyes): share of pixels nearer than the far plane, and
  // the nearest depth (0 near .. 1 far); -1 when no depth was read.
  double depthCoveredShare = -1.0;
  float depthMin = -1.0f;
  // Locomotion driven by the actions: teleports and snap turns done, frames with the arc shown.
  std::uint32_t teleports = 0;
  std::uint32_t snapTurns = 0;
  std::uint32_t arcFrames = 0;
  std::uint32_t selects = 0;
  std::uint32_t menuToggles = 0;
  std::uint32_t panelPointerFrames = 0;  // frames the laser pointed at the panel
  glm::vec2 lastPanelPointer{0.0f};       // where, the last time (panel pixels)
  glm::vec3 finalRigOrigin{0.0f};
  float finalRigYaw = 0.0f;
  double retryWaitSeconds = 0.0;  // waited after a loss before this session was made
};

struct XrRunReport {
  std::string runtime;
  std::string system;
  std::string space;
  std::uint32_t width = 0, height = 0;  // per eye
  bool arraySwapchain = false;
  std::vector<XrSessionReport> sessions;
  std::vector<BindingResult> bindings;  // of the last session
  std::vector<std::string> readbackFiles;
  std::uint32_t xrValidationErrors = 0;
  std::uint32_t xrWhitelistedMessages = 0;
  std::uint32_t vulkanValidationErrors = 0;
  std::uint32_t sessionLosses = 0;
  std::uint32_t instanceLosses = 0;
  std::string blendMode;              // what the session used
  std::string blendMessage;           // chooseBlendMode's message
  std::vector<std::string> blendModesOffered;
  bool depthOffered = false;          // XR_KHR_composition_layer_depth enabled
  bool equirect2Offered = false;
  float refreshRateHz = 0.0f;         // after XR_FB_display_refresh_rate; 0 when not offered
  std::vector<float> refreshRatesOffered;
};

// Runs the tour and reports what happened. `availability` (optional) tells a missing runtime
// or headset apart from other failures, and Availability::Lost a runtime that went away during
// the tour: after an instance loss the instance is made again after sessionRetrySeconds, and
// while the runtime is not back (making the instance or finding the headset fails) that is
// tried again after the same wait; all losses and tries together at most maxSessionRetries.
Result<XrRunReport> runXrSession(const XrRequest& request, Availability* availability = nullptr);

// The command: runs runXrSession, logs its summary, falls back to the desktop when XR is
// unavailable (unless noFallback) and returns an exit code (XrExitCode or the fallback's).
int runXr(const XrRequest& request);

}  // namespace sc::xr
