// One XR session of the tour: the frame loop.
#include "xr/xr_tour_loop.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>
#include <spdlog/spdlog.h>

#include "platform/scene_collider.hpp"
#include "render/procedural_shapes.hpp"
#include "xr/locomotion.hpp"
#include "xr/panel_follow.hpp"
#include "xr/xr_session.hpp"

namespace sc::xr {

namespace {

using Clock = std::chrono::steady_clock;

double cpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

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

std::vector<render::ViewCamera> camerasFor(const Frame& frame, const glm::mat4& world, const XrContent& content) {
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

assets::Model markerModel(glm::vec3 colour, const char* name) {
  assets::Model model;
  assets::Material material;
  material.name = name;
  material.baseColorFactor = glm::vec4(colour, 1.0f);
  material.unlit = true;  // a signal colour, the same in sun and shade
  model.materials.push_back(material);
  render::addPrimitiveNode(model, render::makeSphere(1.0f, 8, 16), 0, glm::vec3(0.0f), name);
  return model;
}

const glm::mat4 kHidden = glm::scale(glm::mat4(1.0f), glm::vec3(0.0f));

}  // namespace

SegmentCast groundOf(const XrContent& content) {
  auto collider = std::make_shared<platform::SceneCollider>();
  assets::Bounds bounds;
  for (const XrModel& placed : content.models) {
    collider->addModel(placed.model, placed.transform);
    bounds.add(placed.model.worldBounds().transformed(placed.transform));
  }
  collider->build();
  glm::vec2 lo(-50.0f), hi(50.0f);
  if (bounds.valid()) {
    lo = glm::vec2(bounds.min.x, bounds.min.z) - 5.0f;
    hi = glm::vec2(bounds.max.x, bounds.max.z) + 5.0f;
  }
  SegmentCast flat = flatGround(0.0f, lo, hi);
  if (collider->empty()) return flat;
  return [collider, flat](const glm::vec3& from, const glm::vec3& to) -> std::optional<GroundHit> {
    glm::vec3 step = to - from;
    float length = glm::length(step);
    if (length > 0.0f) {
      if (auto hit = collider->raycast(from, step, length)) return GroundHit{hit->point, hit->normal};
    }
    return flat(from, to);  // open ground around the model
  };
}

Status TeleportMarkers::create(render::Renderer& renderer) {
  auto valid = renderer.addModel(markerModel({0.1f, 0.85f, 1.0f}, "teleport valid"));
  if (!valid) return valid.error();
  auto invalid = renderer.addModel(markerModel({1.0f, 0.15f, 0.1f}, "teleport invalid"));
  if (!invalid) return invalid.error();
  for (std::size_t i = 0; i < kDots; ++i) {
    validDots_.push_back(renderer.addInstance(*valid, kHidden));
    invalidDots_.push_back(renderer.addInstance(*invalid, kHidden));
  }
  assets::Model beamModel = markerModel({1.0f, 1.0f, 0.95f}, "laser pointer");
  beamModel.meshes[0].primitives[0] = render::makeBox(glm::vec3(0.5f));
  auto beam = renderer.addModel(beamModel);
  if (!beam) return beam.error();
  beam_ = renderer.addInstance(*beam, kHidden);
  validMarker_ = renderer.addInstance(*valid, kHidden);
  invalidMarker_ = renderer.addInstance(*invalid, kHidden);
  return okStatus();
}

void TeleportMarkers::show(render::Renderer& renderer, const TeleportArc* arc, float markerRadius) {
  if (!arc && !shown_) return;
  bool valid = arc && arc->validity == TeleportValidity::Valid;
  auto& dots = valid ? validDots_ : invalidDots_;
  auto& other = valid ? invalidDots_ : validDots_;
  for (std::size_t i = 0; i < kDots; ++i) {
    renderer.setInstanceTransform(other[i], kHidden);
    glm::mat4 at = kHidden;
    if (arc && arc->points.size() > 1) {
      // Dots spread evenly over the arc's points, 2.5 cm each.
      std::size_t index = i * (arc->points.size() - 1) / (kDots - 1);
      at = glm::translate(glm::mat4(1.0f), arc->points[index]) * glm::scale(glm::mat4(1.0f), glm::vec3(0.025f));
    }
    renderer.setInstanceTransform(dots[i], at);
  }
  bool landing = arc && arc->validity != TeleportValidity::NoHit;
  glm::mat4 marker = landing ? landingMarkerTransform(*arc, markerRadius) *
                                   glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, 0.02f, 1.0f))
                             : kHidden;
  renderer.setInstanceTransform(valid ? validMarker_ : invalidMarker_, marker);
  renderer.setInstanceTransform(valid ? invalidMarker_ : validMarker_, kHidden);
  shown_ = arc != nullptr;
}

void TeleportMarkers::showBeam(render::Renderer& renderer, const glm::vec3& origin, const glm::vec3& direction,
                               float length) {
  float norm = glm::length(direction);
  if (!(length > 0.0f) || !(norm > 1e-6f)) {
    renderer.setInstanceTransform(beam_, kHidden);
    return;
  }
  glm::vec3 forward = direction / norm;
  // A frame whose -Z is the beam: the unit box stretched to 6 mm x 6 mm x length.
  glm::vec3 up = std::fabs(forward.y) < 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
  glm::vec3 right = glm::normalize(glm::cross(forward, up));
  glm::vec3 trueUp = glm::cross(right, forward);
  glm::mat4 frame(glm::vec4(right, 0.0f), glm::vec4(trueUp, 0.0f), glm::vec4(-forward, 0.0f),
                  glm::vec4(origin + forward * (0.5f * length), 1.0f));
  renderer.setInstanceTransform(beam_, frame * glm::scale(glm::mat4(1.0f), glm::vec3(0.006f, 0.006f, length)));
}

Result<SessionRun> runOneSession(TourLoop& loop, std::uint32_t index, XrRunReport& run,
                                 const std::atomic<bool>& interrupted) {
  const XrRequest& request = loop.request;
  const XrContent& content = loop.content;
  render::Renderer& renderer = loop.renderer;
  SessionOptions options;
  options.preferredSpace = *parseSpace(request.space);
  options.eyeHeight = request.eyeHeight > 0.0f ? request.eyeHeight : (request.seated ? 1.2f : 1.6f);
  options.readbackUsage = !request.readbackDir.empty();
  options.submitDepth = request.depthLayer;
  options.blendMode = loop.blend.mode;
  options.refreshRateHz = request.refreshRateHz;
  options.maxEyeWidth = request.maxEyeWidth;
  auto created = Session::create(loop.system, loop.device, options);
  if (!created) return created.error();
  Session& session = **created;
  SessionRun out;
  session.setDepthRange(content.nearPlane, content.farPlane);
  run.space = spaceKindName(session.space());
  run.width = session.width();
  run.height = session.height();
  run.arraySwapchain = session.arraySwapchain();
  run.refreshRateHz = session.refreshRate();
  run.refreshRatesOffered = session.refreshRatesOffered();
  // The panel: the app's UI when it hands one in (each frame, below), else the title.
  // The panel's pixels are kPanelWidth x kPanelHeight; a list of another size is stretched.
  auto drawPanel = [&](const render::OverlayDrawList& list, glm::vec4 clear) {
    return session.drawPanel(kPanelWidth, kPanelHeight,
                             [&](gpu::TextureHandle target) { return renderer.renderOverlayNow(target, list, clear); });
  };
  if (request.panel && loop.panelUi) {
    // Translucent dark card (premultiplied), the title in white, laid out at half the panel's
    // pixels so it reads at twice the subtitle size.
    SC_TRY(drawPanel(loop.panelUi->textDrawList(content.title, {16.0f, 48.0f}, kPanelWidth / 2, kPanelHeight / 2, true),
                     glm::vec4(0.02f, 0.02f, 0.03f, 0.75f)));
    if (options.readbackUsage) {
      if (auto panel = session.takePanelReadback()) {
        auto path = std::filesystem::path(request.readbackDir) / fmt::format("xr-session{}-panel.png", index);
        SC_TRY(writePng(path, *panel));
        out.files.push_back(path.string());
      }
    }
  }

  Rig rig;
  rig.origin = content.spawn;
  rig.floorOffset = session.floorOffset();
  glm::vec3 facing = content.lookAt - content.spawn;
  if (glm::length(glm::vec2(facing.x, facing.z)) > 1e-4f) rig.yaw = std::atan2(-facing.x, -facing.z);
  LocomotionSettings locomotionSettings;
  locomotionSettings.snapTurn.degrees = request.snapTurnDegrees;
  LocomotionController locomotion(locomotionSettings);
  const SegmentCast& ground = loop.ground;
  PanelFollow panelFollow;

  bool exitRequested = false;
  auto waitStart = Clock::now();
  Clock::time_point firstFrame{}, lastFrame{};
  double cpuTotal = 0.0, recordTotal = 0.0, lastDisplaySeconds = -1.0;
  double threadCpuStart = 0.0, threadCpuEnd = 0.0, processCpuStart = 0.0, processCpuEnd = 0.0;
  std::uint64_t rendered = 0;
  XrFrameInfo info;
  info.ar = loop.blend.ar;
  bool sphereShown = false;
  StopPanorama stopPanorama;  // XrTourHooks::panorama's (not while the run's panorama is set)
  bool askStopPanorama = bool(request.hooks.panorama) && !loop.panorama;
  while (true) {
    auto polled = session.pollEvents();
    if (!polled && !session.lost()) return polled.error();
    if (session.exiting() || session.lost()) break;
    if ((interrupted || (request.frames > 0 && session.framesSubmitted() >= request.frames)) && !exitRequested) {
      SC_TRY(session.requestExit());
      exitRequested = true;
      // The tour is closing: nothing more is shown while the runtime winds the session down.
      session.setPanelVisible(false);
      if (session.panoramaShown()) SC_TRY(session.setPanorama(nullptr));
    }
    if (!session.running()) {
      if (Clock::now() - waitStart > std::chrono::seconds(15) && session.timesBegun() == 0) {
        return makeError("the XR session did not become ready within 15 s (state {}); is the headset in use "
                         "by another application?", sessionStateName(session.state()));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    std::uint64_t submittedSoFar = session.framesSubmitted();
    if (!loop.lossSimulated && index == 0) {
      bool sessionLoss = request.simulateSessionLossAtFrame && submittedSoFar >= request.simulateSessionLossAtFrame;
      bool instanceLoss = request.simulateInstanceLossAtFrame && submittedSoFar >= request.simulateInstanceLossAtFrame;
      if (sessionLoss || instanceLoss) {
        loop.lossSimulated = true;
        session.simulateLoss(instanceLoss);
        break;
      }
    }
    // Between frames: what the compositor shows besides the eyes (panorama, UI panel).
    if (loop.panorama && !exitRequested) {
      std::uint64_t ended = session.framesEnded();
      bool want = ended >= request.panoramaFromFrame &&
                  (request.panoramaFrames == 0 || ended < std::uint64_t(request.panoramaFromFrame) + request.panoramaFrames);
      if (loop.panoramaSphere) {
        if (want != sphereShown) {
          sphereShown = want;
          // Inside the sphere the landmarks would stand in the picture: hidden meanwhile.
          for (const auto& [instance, transform] : loop.landmarks)
            renderer.setInstanceTransform(instance, want ? kHidden : transform);
          if (!want) renderer.setInstanceTransform(loop.panoramaSphere, kHidden);
        }
      } else if (want != session.panoramaShown()) {
        SC_TRY(session.setPanorama(want ? &*loop.panorama : nullptr));
      }
    }
    if (askStopPanorama && !exitRequested) {
      std::string want = request.hooks.panorama(info);
      if (want != stopPanorama.asked) SC_TRY(showStopPanorama(loop, &session, stopPanorama, want, rig.worldFromTracking()));
      info.panorama = stopPanorama.file;
      info.panoramaLayer = stopPanorama.layer;
    }
    if (request.panel && request.hooks.panelOverlay) {
      if (auto list = request.hooks.panelOverlay(info)) {
        auto drawn = drawPanel(*list, glm::vec4(0.0f));
        if (!drawn && session.lost()) break;  // the runtime went away (see the eyes' render below)
        SC_TRY(drawn);
      }
    }

    auto frame = session.beginFrame();
    if (!frame) {
      if (session.lost()) break;
      return frame.error();
    }
    auto cpuStart = Clock::now();
    if (firstFrame == Clock::time_point{}) {
      firstFrame = cpuStart;
      threadCpuStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
      processCpuStart = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    }
    double displaySeconds = double(frame->displayTimeNs) * 1e-9;
    info.dtSeconds = lastDisplaySeconds < 0.0 ? 0.0 : displaySeconds - lastDisplaySeconds;
    info.displayTimeSeconds = displaySeconds;
    lastDisplaySeconds = displaySeconds;

    if (frame->shouldRender) {
      const InputState& input = session.input();
      Pose head;
      head.position = (frame->views[0].pose.position + frame->views[1].pose.position) * 0.5f;
      head.orientation = frame->views[0].pose.orientation;
      glm::mat4 world = rig.worldFromTracking();
      LocomotionInput in;
      in.timeSeconds = displaySeconds;
      in.stick = input.stick;
      in.teleportHeld = input.teleportHeld;
      in.headWorld = glm::vec3(world * glm::vec4(head.position, 1.0f));
      in.selectPressed = input.selectPressed;
      in.menuPressed = input.menuPressed;
      // The arc leaves the hand on the stick, else whichever hand is tracked (right first).
      int aimHand = -1;
      for (int hand : {input.stickHand, 1, 0}) {
        if (hand < 0 || !input.aimValid[std::size_t(hand)]) continue;
        glm::mat4 aim = world * poseMatrix(input.aim[std::size_t(hand)]);
        aimHand = hand;
        in.aimValid = true;
        in.aimOrigin = glm::vec3(aim[3]);
        in.aimDirection = -glm::vec3(aim[2]);
        break;
      }
      LocomotionEvents events = locomotion.update(in, ground, rig);
      out.report.teleports += events.teleported ? 1 : 0;
      out.report.snapTurns += events.turned != 0 ? 1 : 0;
      out.report.arcFrames += events.arc ? 1 : 0;
      out.report.selects += events.selected ? 1 : 0;
      out.report.menuToggles += events.menuToggled ? 1 : 0;
      if (events.teleported) spdlog::info("XR: teleported to ({:.2f}, {:.2f}, {:.2f})", events.landing.x, events.landing.y, events.landing.z);
      if (events.turned) spdlog::info("XR: snap turn {}", events.turned > 0 ? "right" : "left");
      loop.markers.show(renderer, events.arc ? &*events.arc : nullptr, locomotionSettings.teleport.markerRadius);
      Pose panelPose = panelFollow.update(head, info.dtSeconds);
      session.setPanelPlacement(panelPose, kPanelSize);
      // The laser pointer (not while the arc is shown): it stops on the panel and tells the UI
      // where it points, else it reaches 4 m; the app's laserStop (a POI it aims at) has the
      // last word, after onFrame.
      info.panelPointer.reset();
      info.laserPanelDistance.reset();
      info.laser = false;
      float beam = 0.0f;
      if (aimHand >= 0 && !events.arc && !exitRequested) {
        const Pose& aim = input.aim[std::size_t(aimHand)];
        float hitDistance = 0.0f;
        auto uv = request.panel ? pointOnPanel(aim.position, aim.orientation * glm::vec3(0, 0, -1), panelPose, kPanelSize,
                                               &hitDistance)
                                : std::nullopt;
        if (uv) {
          info.panelPointer = *uv * glm::vec2(float(kPanelWidth), float(kPanelHeight));
          ++out.report.panelPointerFrames;
          out.report.lastPanelPointer = *info.panelPointer;
        }
        beam = uv ? hitDistance : 4.0f;
        info.laser = true;
        info.laserOrigin = in.aimOrigin;
        info.laserDirection = glm::normalize(in.aimDirection);
        if (uv) info.laserPanelDistance = hitDistance;
      }

      world = rig.worldFromTracking();
      info.worldFromTracking = world;
      info.eyeWorld = glm::vec3(world * glm::vec4(head.position, 1.0f));
      if (sphereShown) {
        // Centred on the eyes every frame: a photo sphere has no parallax.
        renderer.setInstanceTransform(loop.panoramaSphere, glm::translate(glm::mat4(1.0f), info.eyeWorld));
        ++out.report.framesWithPanoramaSphere;
      }
      if (stopPanorama.sphere) {
        renderer.setInstanceTransform(stopPanorama.sphere, glm::translate(glm::mat4(1.0f), info.eyeWorld));
        ++out.report.framesWithPanoramaSphere;
      }
      if (stopPanorama.layer) session.setPanoramaCentre(stopPanoramaCentre(world));
      info.headWorld = glm::quat_cast(world) * head.orientation;
      info.selectPressed = events.selected;
      info.menuOpen = locomotion.menuOpen();
      if (request.hooks.onFrame) request.hooks.onFrame(renderer, info);
      if (info.laser && request.hooks.laserStop) {
        if (auto stop = request.hooks.laserStop(info)) beam = std::max(*stop, 0.05f);
      }
      loop.markers.showBeam(renderer, info.laserOrigin, info.laserDirection, beam);
    }
    std::uint64_t readbackAt = request.readbackFrame;
    bool readbackNow = options.readbackUsage && session.framesSubmitted() + 1 == readbackAt;
    // The run's panorama replaces the eyes; a stop's goes under them (the guide stays in front).
    bool eyesHidden = session.panoramaShown() && !session.panoramaUnderEyes();
    if (frame->shouldRender && !exitRequested && !eyesHidden) {
      if (readbackNow) session.requestReadback();
      auto cameras = camerasFor(*frame, rig.worldFromTracking(), content);
      auto stats = renderer.render(session.target(), cameras);
      if (!stats) {
        // A runtime that went away fails the swapchain calls inside the render first
        // (XR_ERROR_INSTANCE_LOST from xrReleaseSwapchainImage): that is a loss, not a GPU failure.
        if (session.lost()) break;
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
    threadCpuEnd = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    processCpuEnd = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    double cpuMs = std::chrono::duration<double, std::milli>(lastFrame - cpuStart).count();
    cpuTotal += cpuMs;
    out.report.cpuMsMax = std::max(out.report.cpuMsMax, cpuMs);
    ++rendered;
    if (rendered % 20 == 0) {
      spdlog::info("XR frame {}: CPU {:.1f} ms, display period {:.1f} ms", rendered, cpuMs, double(frame->periodNs) * 1e-6);
    }
    out.report.displayPeriodMs = double(frame->periodNs) * 1e-6;
    out.report.lastDisplayTimeNs = frame->displayTimeNs;
    if (readbackNow && session.framesSubmitted() == readbackAt) {
      auto eyes = session.takeReadback();
      const char* names[2] = {"left", "right"};
      for (std::size_t eye = 0; eye < eyes.size() && eye < 2; ++eye) {
        auto path = std::filesystem::path(request.readbackDir) / fmt::format("xr-session{}-{}.png", index, names[eye]);
        SC_TRY(writePng(path, eyes[eye]));
        out.files.push_back(path.string());
      }
      auto depths = session.takeDepthReadback();
      if (!depths.empty()) {
        std::size_t covered = 0, total = 0;
        float nearest = 1.0f;
        for (const auto& eye : depths) {
          for (float d : eye) {
            covered += d < 1.0f ? 1 : 0;
            nearest = std::min(nearest, d);
          }
          total += eye.size();
        }
        out.report.depthCoveredShare = total ? double(covered) / double(total) : 0.0;
        out.report.depthMin = nearest;
      }
    }
  }
  loop.markers.show(renderer, nullptr, 0.0f);
  loop.markers.showBeam(renderer, {}, {}, 0.0f);
  if (sphereShown) {
    for (const auto& [instance, transform] : loop.landmarks) renderer.setInstanceTransform(instance, transform);
    renderer.setInstanceTransform(loop.panoramaSphere, kHidden);
  }
  // The renderer outlives the session: landmarks, sphere and background back as they were.
  SC_TRY(showStopPanorama(loop, nullptr, stopPanorama, "", rig.worldFromTracking()));
  out.report.highestState = session.highestState();
  out.report.framesSubmitted = session.framesSubmitted();
  out.report.framesEnded = session.framesEnded();
  out.report.framesWithDepth = session.framesWithDepth();
  out.report.framesWithPanel = session.framesWithPanel();
  out.report.framesWithPanorama = session.framesWithPanorama();
  out.report.framesWithAlphaProjection = session.framesWithAlphaProjection();
  out.report.timesBegun = session.timesBegun();
  out.report.lost = session.lost();
  out.report.instanceLost = session.instanceLost();
  out.report.seconds = std::chrono::duration<double>(lastFrame - firstFrame).count();
  out.report.cpuMsMean = rendered ? cpuTotal / double(rendered) : 0.0;
  out.report.recordMsMean = rendered ? recordTotal / double(rendered) : 0.0;
  // From the first frame's start to the last frame's end: frames after the first.
  if (rendered > 1) {
    out.report.threadCpuMsMean = (threadCpuEnd - threadCpuStart) * 1e3 / double(rendered);
    out.report.processCpuMsMean = (processCpuEnd - processCpuStart) * 1e3 / double(rendered);
  }
  out.report.finalRigOrigin = rig.origin;
  out.report.finalRigYaw = rig.yaw;
  run.bindings = session.bindings();
  return out;
}

}  // namespace sc::xr
