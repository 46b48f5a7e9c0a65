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

#include "assets/model.hpp"
#include "core/result.hpp"
#include "render/renderer.hpp"
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
};

// What a tour shows, loaded by the app's own loader (scene files, models, builtin:default).
struct XrContent {
  std::vector<std::pair<assets::Model, glm::mat4>> models;
  std::optional<render::Environment> environment;
  glm::vec3 spawn{0.0f};        // the floor point where the visitor starts, world metres
  glm::vec3 lookAt{0.0f, 1.0f, -1.0f};  // what the visitor faces at the start
  float nearPlane = 0.05f;
  float farPlane = 2000.0f;
};
using XrContentLoader = std::function<Result<XrContent>(const std::string& input)>;

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
  std::uint32_t shadowMapSize = 2048;  // per cascade (CPU rasterisers want less)
  float snapTurnDegrees = 30.0f;
  float sessionRetrySeconds = 2.0f;  // wait before re-creating a lost session
  std::uint32_t maxSessionRetries = 5;
};

struct XrSessionReport {
  SessionState highestState = SessionState::Unknown;
  std::uint64_t framesSubmitted = 0;  // xrEndFrame with a projection layer
  std::uint64_t framesEnded = 0;
  std::uint32_t timesBegun = 0;
  double seconds = 0.0;               // from the first to the last frame
  double cpuMsMean = 0.0;             // per frame, xrWaitFrame excluded (includes waits for the GPU)
  double cpuMsMax = 0.0;
  double recordMsMean = 0.0;          // the renderer's command recording alone
  double displayPeriodMs = 0.0;       // the runtime's predicted display period
  std::int64_t lastDisplayTimeNs = 0;
  bool lost = false;
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
};

// Runs the tour and reports what happened. `availability` (optional) tells a missing runtime
// or headset apart from other failures.
Result<XrRunReport> runXrSession(const XrRequest& request, Availability* availability = nullptr);

// The command: runs runXrSession, logs its summary, falls back to the desktop when XR is
// unavailable (unless noFallback) and returns an exit code (XrExitCode or the fallback's).
int runXr(const XrRequest& request);

}  // namespace sc::xr
