// `shancheng xr`: content -> renderer -> OpenXR session frame loop, with session retries.
#include "xr/xr_command.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <spdlog/spdlog.h>

#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "xr/xr_session.hpp"
#include "xr/xr_system.hpp"

namespace sc::xr {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> gInterrupted{false};
void onInterrupt(int) { gInterrupted = true; }

// Vulkan clip space (y down, depth 0..1) for OpenXR's asymmetric half-angles.
glm::mat4 projectionFor(const Fov& fov, float nearPlane, float farPlane) {
  float l = std::tan(fov.left) * nearPlane, r = std::tan(fov.right) * nearPlane;
  float d = std::tan(fov.down) * nearPlane, u = std::tan(fov.up) * nearPlane;
  glm::mat4 p = glm::frustumRH_ZO(l, r, d, u, nearPlane, farPlane);
  for (int c = 0; c < 4; ++c) p[c][1] = -p[c][1];  // y down: negate the whole row
  return p;
}

glm::mat4 poseMatrix(const Pose& pose) {
  return glm::translate(glm::mat4(1.0f), pose.position) * glm::mat4_cast(pose.orientation);
}

// Where the visitor's tracking space sits in the world: teleports move it, snap turns rotate
// it about the head.
struct Player {
  glm::vec3 origin{0.0f};
  float yaw = 0.0f;  // radians about +Y
  glm::mat4 worldFromTracking(float floorOffset) const {
    return glm::translate(glm::mat4(1.0f), origin) * glm::rotate(glm::mat4(1.0f), yaw, glm::vec3(0, 1, 0)) *
           glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, floorOffset, 0.0f));
  }
};

void applyInput(const InputState& input, const Frame& frame, Player& player, float floorOffset, float snapRadians) {
  glm::mat4 world = player.worldFromTracking(floorOffset);
  if (input.snapTurn != 0 && frame.shouldRender) {
    // Turn about the point between the eyes so the visitor does not slide sideways.
    glm::vec3 head = glm::vec3(world * glm::vec4((frame.views[0].pose.position + frame.views[1].pose.position) * 0.5f, 1.0f));
    float angle = -float(input.snapTurn) * snapRadians;
    glm::mat4 turn = glm::translate(glm::mat4(1.0f), head) * glm::rotate(glm::mat4(1.0f), angle, glm::vec3(0, 1, 0)) *
                     glm::translate(glm::mat4(1.0f), -head);
    player.origin = glm::vec3(turn * glm::vec4(player.origin, 1.0f));
    player.yaw += angle;
  }
  if (input.teleportReleased) {
    // The pointer's ray onto the ground plane y = 0, within 30 m.
    for (std::size_t hand = 0; hand < 2; ++hand) {
      if (!input.aimValid[hand]) continue;
      glm::mat4 aim = world * poseMatrix(input.aim[hand]);
      glm::vec3 from = glm::vec3(aim[3]);
      glm::vec3 dir = -glm::normalize(glm::vec3(aim[2]));
      if (dir.y > -0.05f) continue;
      float t = -from.y / dir.y;
      glm::vec3 hit = from + dir * t;
      if (t <= 0.0f || glm::length(hit - from) > 30.0f) continue;
      glm::vec3 head = glm::vec3(world * glm::vec4((frame.views[0].pose.position + frame.views[1].pose.position) * 0.5f, 1.0f));
      player.origin += glm::vec3(hit.x - head.x, 0.0f, hit.z - head.z);
      break;
    }
  }
}

std::vector<render::ViewCamera> camerasFor(const Frame& frame, const Player& player, float floorOffset,
                                           const XrContent& content) {
  glm::mat4 world = player.worldFromTracking(floorOffset);
  std::vector<render::ViewCamera> cameras;
  for (const auto& eye : frame.views) {
    glm::mat4 worldFromEye = world * poseMatrix(eye.pose);
    render::ViewCamera camera;
    camera.view = glm::inverse(worldFromEye);
    camera.proj = projectionFor(eye.fov, content.nearPlane, content.farPlane);
    camera.eye = glm::vec3(worldFromEye[3]);
    camera.nearPlane = content.nearPlane;
    camera.farPlane = content.farPlane;
    cameras.push_back(camera);
  }
  return cameras;
}

Result<SpaceKind> parseSpace(const std::string& name) {
  if (name == "local-floor") return SpaceKind::LocalFloor;
  if (name == "stage") return SpaceKind::Stage;
  if (name == "local") return SpaceKind::Local;
  return makeError("--space {}: use local-floor, stage or local", name);
}

struct SessionRun {
  XrSessionReport report;
  std::vector<std::string> files;
};

// One session from creation to EXITING (or loss). Frames stop at request.frames submitted.
Result<SessionRun> runOneSession(System& system, gpu::Device& device, render::Renderer& renderer,
                                 const XrRequest& request, const XrContent& content, std::uint32_t index,
                                 XrRunReport& run) {
  SessionOptions options;
  options.preferredSpace = *parseSpace(request.space);
  options.eyeHeight = request.eyeHeight > 0.0f ? request.eyeHeight : (request.seated ? 1.2f : 1.6f);
  options.readbackUsage = !request.readbackDir.empty();
  auto created = Session::create(system, device, options);
  if (!created) return created.error();
  Session& session = **created;
  run.space = spaceKindName(session.space());
  run.width = session.width();
  run.height = session.height();
  run.arraySwapchain = session.arraySwapchain();

  Player player;
  player.origin = content.spawn;
  glm::vec3 facing = content.lookAt - content.spawn;
  if (glm::length(glm::vec2(facing.x, facing.z)) > 1e-4f) player.yaw = std::atan2(-facing.x, -facing.z);

  SessionRun out;
  bool exitRequested = false;
  auto waitStart = Clock::now();
  Clock::time_point firstFrame{}, lastFrame{};
  double cpuTotal = 0.0, recordTotal = 0.0;
  std::uint64_t rendered = 0;
  while (true) {
    auto polled = session.pollEvents();
    if (!polled && !session.lost()) return polled.error();
    if (session.exiting() || session.lost()) break;
    if ((gInterrupted || (request.frames > 0 && session.framesSubmitted() >= request.frames)) && !exitRequested) {
      SC_TRY(session.requestExit());
      exitRequested = true;
    }
    if (!session.running()) {
      if (Clock::now() - waitStart > std::chrono::seconds(15) && session.timesBegun() == 0) {
        return makeError("the XR session did not become ready within 15 s (state {}); is the headset in use "
                         "by another application?", sessionStateName(session.state()));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    auto frame = session.beginFrame();
    if (!frame) {
      if (session.lost()) break;
      return frame.error();
    }
    auto cpuStart = Clock::now();
    if (firstFrame == Clock::time_point{}) firstFrame = cpuStart;
    applyInput(session.input(), *frame, player, session.floorOffset(), glm::radians(request.snapTurnDegrees));
    bool readbackNow = options.readbackUsage && session.framesSubmitted() + 1 == request.readbackFrame;
    if (frame->shouldRender && !exitRequested) {
      if (readbackNow) session.requestReadback();
      auto cameras = camerasFor(*frame, player, session.floorOffset(), content);
      auto stats = renderer.render(session.target(), cameras);
      if (!stats) {
        (void)session.endFrame();
        return makeError("rendering an XR frame failed: {}", stats.error().message);
      }
      recordTotal += stats->cpuMs;
    }
    auto ended = session.endFrame();
    if (!ended) {
      if (session.lost()) break;
      return ended.error();
    }
    lastFrame = Clock::now();
    double cpuMs = std::chrono::duration<double, std::milli>(lastFrame - cpuStart).count();
    cpuTotal += cpuMs;
    out.report.cpuMsMax = std::max(out.report.cpuMsMax, cpuMs);
    ++rendered;
    if (rendered % 20 == 0) {
      spdlog::info("XR frame {}: CPU {:.1f} ms, display period {:.1f} ms", rendered, cpuMs, double(frame->periodNs) * 1e-6);
    }
    out.report.displayPeriodMs = double(frame->periodNs) * 1e-6;
    out.report.lastDisplayTimeNs = frame->displayTimeNs;
    if (readbackNow) {
      auto eyes = session.takeReadback();
      const char* names[2] = {"left", "right"};
      for (std::size_t eye = 0; eye < eyes.size() && eye < 2; ++eye) {
        auto path = std::filesystem::path(request.readbackDir) / fmt::format("xr-session{}-{}.png", index, names[eye]);
        SC_TRY(writePng(path, eyes[eye]));
        out.files.push_back(path.string());
      }
    }
  }
  out.report.highestState = session.highestState();
  out.report.framesSubmitted = session.framesSubmitted();
  out.report.framesEnded = session.framesEnded();
  out.report.timesBegun = session.timesBegun();
  out.report.lost = session.lost();
  out.report.seconds = std::chrono::duration<double>(lastFrame - firstFrame).count();
  out.report.cpuMsMean = rendered ? cpuTotal / double(rendered) : 0.0;
  out.report.recordMsMean = rendered ? recordTotal / double(rendered) : 0.0;
  run.bindings = session.bindings();
  if (session.instanceLost()) return makeError("the OpenXR runtime went away (instance lost)");
  return out;
}

}  // namespace

Result<XrRunReport> runXrSession(const XrRequest& request, Availability* availability) {
  SC_CHECK(bool(request.loadContent), "XrRequest::loadContent is required");
  if (availability) *availability = Availability::Failed;
  SC_TRY(parseSpace(request.space));
  if (request.msaa != 1 && request.msaa != 4) return makeError("--msaa {}: use 1 or 4", request.msaa);
  if (request.sessions == 0) return makeError("--sessions must be at least 1");

  auto content = request.loadContent(request.input);
  if (!content) return content.error();

  auto system = System::create({}, availability);
  if (!system) return system.error();
  gpu::DeviceOptions deviceOptions;
  deviceOptions.validation = request.validation;
  auto device = (*system)->createDevice(deviceOptions);
  if (!device) return device.error();
  XrRunReport run;
  run.runtime = (*system)->runtimeName();
  run.system = (*system)->systemName();
  {
    render::RendererOptions rendererOptions;
    rendererOptions.msaaSamples = request.msaa;
    rendererOptions.shadowMapSize = request.shadowMapSize;
    auto renderer = render::Renderer::create(**device, rendererOptions);
    if (!renderer) return renderer.error();
    if (content->environment) (*renderer)->setEnvironment(*content->environment);
    for (const auto& [model, transform] : content->models) {
      auto id = (*renderer)->addModel(model);
      if (!id) return id.error();
      (*renderer)->addInstance(*id, transform);
    }
    SC_TRY((*device)->flushUploads());

    std::uint32_t retries = 0;
    for (std::uint32_t index = 0; index < request.sessions;) {
      auto one = runOneSession(**system, **device, **renderer, request, *content, index, run);
      if (!one) return one.error();
      run.sessions.push_back(one->report);
      run.readbackFiles.insert(run.readbackFiles.end(), one->files.begin(), one->files.end());
      if (one->report.lost) {
        // Tear down (done: the session is gone) and retry after a wait instead of spinning.
        ++run.sessionLosses;
        if (++retries > request.maxSessionRetries) {
          return makeError("the XR session was lost {} times; giving up", run.sessionLosses);
        }
        spdlog::warn("OpenXR session lost; trying again in {:.1f} s", request.sessionRetrySeconds);
        std::this_thread::sleep_for(std::chrono::duration<double>(request.sessionRetrySeconds));
        continue;
      }
      if (gInterrupted) break;
      ++index;
    }
    (void)(*device)->waitIdle();
  }
  run.vulkanValidationErrors = (*device)->validationErrorCount();
  device->reset();  // the Vulkan device goes before the OpenXR instance that made it
  run.xrValidationErrors = (*system)->validationErrorCount();
  run.xrWhitelistedMessages = (*system)->whitelistedCount();
  return run;
}

int runXr(const XrRequest& request) {
  gInterrupted = false;
  auto previous = std::signal(SIGINT, onInterrupt);
  Availability why = Availability::Failed;
  auto run = runXrSession(request, &why);
  std::signal(SIGINT, previous);
  if (!run) {
    bool unavailable = why == Availability::NoRuntime || why == Availability::NoHeadset;
    if (unavailable && !request.noFallback && request.desktopFallback) {
      spdlog::warn("{}; showing the tour on the desktop instead (--no-fallback to refuse)", run.error().message);
      return request.desktopFallback();
    }
    spdlog::error("{}", run.error().message);
    if (unavailable) return kXrExitNoXr;
    return why == Availability::Available ? kXrExitNoGpu : kXrExitBadInput;
  }
  for (std::size_t i = 0; i < run->sessions.size(); ++i) {
    const auto& s = run->sessions[i];
    double fps = s.seconds > 0.0 && s.framesEnded > 1 ? double(s.framesEnded - 1) / s.seconds : 0.0;
    spdlog::info("XR session {}: reached {}, {} frames submitted ({} ended) in {:.1f} s = {:.1f} fps "
                 "(display period {:.1f} ms); CPU per frame {:.1f} ms mean, {:.1f} ms max (recording {:.2f} ms)",
                 i, sessionStateName(s.highestState), s.framesSubmitted, s.framesEnded, s.seconds, fps,
                 s.displayPeriodMs, s.cpuMsMean, s.cpuMsMax, s.recordMsMean);
  }
  for (const auto& file : run->readbackFiles) spdlog::info("wrote {}", file);
  if (run->vulkanValidationErrors > 0 || run->xrValidationErrors > 0) {
    spdlog::error("validation errors: {} Vulkan, {} OpenXR", run->vulkanValidationErrors, run->xrValidationErrors);
    return kXrExitValidation;
  }
  return kXrExitOk;
}

}  // namespace sc::xr
