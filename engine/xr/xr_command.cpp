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

#include "assets/texture_decode.hpp"
#include "core/file_io.hpp"
#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "xr/panorama_sphere.hpp"
#include "xr/xr_session.hpp"
#include "xr/xr_system.hpp"
#include "xr/xr_tour_loop.hpp"

namespace sc::xr {

Result<std::vector<render::InstanceId>> placeModels(render::Renderer& renderer, const std::vector<XrModel>& placements) {
  std::vector<render::ModelId> modelOf;  // by entry of `placements`
  std::vector<render::InstanceId> instances;
  for (const XrModel& placed : placements) {
    if (placed.sameModelAs >= 0 && std::size_t(placed.sameModelAs) < modelOf.size()) {
      modelOf.push_back(modelOf[std::size_t(placed.sameModelAs)]);
    } else {
      auto model = renderer.addModel(placed.model);
      if (!model) return model.error();
      modelOf.push_back(*model);
    }
    instances.push_back(renderer.addInstance(modelOf.back(), placed.transform));
  }
  return instances;
}

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> gInterrupted{false};
void onInterrupt(int) { gInterrupted = true; }

Result<SpaceKind> checkSpace(const std::string& name) {
  if (name == "local-floor") return SpaceKind::LocalFloor;
  if (name == "stage") return SpaceKind::Stage;
  if (name == "local") return SpaceKind::Local;
  return makeError("--space {}: use local-floor, stage or local", name);
}

// One OpenXR instance with its device, renderer and sessions. Returns when the requested
// sessions ran, on instance loss (run.instanceLosses grows; the caller makes everything anew),
// or on an error.
Status runInstance(const XrRequest& request, const XrContent& content, const std::optional<ImageRgba8>& panorama,
                   Availability* availability, XrRunReport& run, bool& lossSimulated, std::uint32_t& retries,
                   double& waited, bool& instanceLost) {
  instanceLost = false;
  auto system = System::create({}, availability);
  if (!system) return system.error();
  gpu::DeviceOptions deviceOptions;
  deviceOptions.validation = request.validation;
  auto device = (*system)->createDevice(deviceOptions);
  if (!device) return device.error();
  run.runtime = (*system)->runtimeName();
  run.system = (*system)->systemName();
  run.depthOffered = (*system)->extensionEnabled("XR_KHR_composition_layer_depth");
  run.equirect2Offered = (*system)->extensionEnabled("XR_KHR_composition_layer_equirect2");
  run.blendModesOffered.clear();
  for (BlendMode m : (*system)->blendModes()) run.blendModesOffered.push_back(blendModeName(m));
  BlendChoice blend = chooseBlendMode((*system)->blendModes(), request.ar);
  if (request.ar && !blend.ar) spdlog::warn("OpenXR: {}", blend.message);
  else spdlog::info("OpenXR: {}", blend.message);
  run.blendMode = blendModeName(blend.mode);
  run.blendMessage = blend.message;
  Status result = okStatus();
  {
    render::RendererOptions rendererOptions;
    rendererOptions.msaaSamples = request.msaa;
    rendererOptions.shadowMapSize = request.shadowMapSize;
    auto renderer = render::Renderer::create(**device, rendererOptions);
    if (!renderer) return renderer.error();
    if (content.environment) (*renderer)->setEnvironment(*content.environment);
    // The AR companion's eyes go over the real world: no sky, alpha kept (premultiplied).
    render::Background background = blend.ar ? render::Background::Transparent : render::Background::Sky;
    if (background != render::Background::Sky) {
      render::RendererOptions withBackground = (*renderer)->options();
      withBackground.background = background;
      SC_TRY((*renderer)->setOptions(withBackground));
    }
    // The AR companion leaves the landmarks out: the real ones are in front of the visitor.
    std::vector<std::pair<render::InstanceId, glm::mat4>> landmarks;
    if (!blend.ar) {
      auto placed = placeModels(**renderer, content.models);
      if (!placed) return placed.error();
      for (std::size_t i = 0; i < placed->size(); ++i) landmarks.emplace_back((*placed)[i], content.models[i].transform);
    }
    if (auto placed = placeModels(**renderer, content.overlays); !placed) return placed.error();
    // The panel's own UI context (the title until the app's UI comes in through the hooks).
    std::unique_ptr<ui::Ui> panelUi;
    if (request.panel && !request.hooks.panelOverlay) {
      ui::UiOptions uiOptions;
      uiOptions.glyphText = content.title;
      auto made = ui::Ui::create(uiOptions);
      if (!made) return made.error();
      panelUi = std::move(*made);
    }
    TourLoop loop{**system, **device, **renderer, request, content, blend, panorama, {}, lossSimulated, landmarks, 0,
                  panelUi.get(), groundOf(content)};
    SC_TRY(loop.markers.create(**renderer));
    loop.background = background;
    loop.stopPanoramaLayer = run.equirect2Offered && !request.panoramaAsSphere;
    bool sphere = panorama && (request.panoramaAsSphere || !run.equirect2Offered);
    if (sphere) {
      // Where the compositor cannot show the panorama, the renderer draws it around the eyes.
      auto model = makePanoramaSphere(*panorama, kPanoramaSphereRadius);
      if (!model) return model.error();
      auto id = (*renderer)->addModel(*model);
      if (!id) return id.error();
      loop.panoramaSphere = (*renderer)->addInstance(*id, glm::scale(glm::mat4(1.0f), glm::vec3(0.0f)));
      (*renderer)->setInstanceCastsShadow(loop.panoramaSphere, false);  // it would shade the guide
    }
    if (request.hooks.onStart) SC_TRY(request.hooks.onStart(**renderer));
    SC_TRY((*device)->flushUploads());

    // Sessions that ran to their end so far (lost ones are made again and do not count).
    std::uint32_t index = 0;
    for (const auto& done : run.sessions) index += done.lost ? 0 : 1;
    while (index < request.sessions) {
      auto one = runOneSession(loop, index, run, gInterrupted);
      lossSimulated = loop.lossSimulated;
      if (!one) {
        result = one.error();
        break;
      }
      one->report.retryWaitSeconds = waited;
      waited = 0.0;
      run.sessions.push_back(one->report);
      run.readbackFiles.insert(run.readbackFiles.end(), one->files.begin(), one->files.end());
      if (one->report.instanceLost) {
        instanceLost = true;
        break;
      }
      if (one->report.lost) {
        // The session is gone (torn down above); make a new one after a wait instead of spinning.
        ++run.sessionLosses;
        if (++retries > request.maxSessionRetries) {
          result = makeError("the XR session was lost {} times; giving up", run.sessionLosses);
          break;
        }
        spdlog::warn("OpenXR session lost; trying again in {:.1f} s", request.sessionRetrySeconds);
        auto start = Clock::now();
        std::this_thread::sleep_for(std::chrono::duration<double>(request.sessionRetrySeconds));
        waited = std::chrono::duration<double>(Clock::now() - start).count();
        continue;
      }
      if (gInterrupted) break;
      ++index;
      if (request.hooks.onSessionEnd) {
        (void)(*device)->waitIdle();
        if (!request.hooks.onSessionEnd(**renderer, run.sessions.back())) break;
      }
    }
    (void)(*device)->waitIdle();
    if (request.hooks.onStop) request.hooks.onStop();
  }
  if (request.hooks.beforeDeviceDestroyed) request.hooks.beforeDeviceDestroyed(**device);
  run.vulkanValidationErrors += (*device)->validationErrorCount();
  device->reset();  // the Vulkan device goes before the OpenXR instance that made it
  run.xrValidationErrors += (*system)->validationErrorCount();
  run.xrWhitelistedMessages += (*system)->whitelistedCount();
  return result;
}

}  // namespace

Result<ImageRgba8> loadPanorama(const std::string& file, const std::string& what) {
  auto bytes = readFileBytes(file);
  if (!bytes) return makeError("{}: {}", what, bytes.error().message);
  // At most 8192 wide, downscaled above 4096: a headset shows about 20 pixels per degree.
  assets::ImportOptions limits;
  limits.maxTextureSize = 8192;
  limits.downscaleAbove = 4096;
  auto texture = assets::decodeTexture(*bytes, file, true, limits);
  if (!texture) return makeError("{}: {}", what, texture.error().message);
  if (texture->width != 2 * texture->height) {
    return makeError("{}: an equirect panorama is twice as wide as high; this one is {}x{}", what, texture->width,
                     texture->height);
  }
  ImageRgba8 image;
  image.width = texture->width;
  image.height = texture->height;
  const auto& level = texture->mips.front();
  image.pixels.assign(level.begin(), level.end());
  return image;
}

namespace {

const glm::mat4 kHiddenSphere = glm::scale(glm::mat4(1.0f), glm::vec3(0.0f));

// The file's decoded image, once per file (null when it cannot be loaded: reported once).
std::shared_ptr<const ImageRgba8> stopImage(TourLoop& loop, const std::string& file) {
  if (auto found = loop.stopImages.find(file); found != loop.stopImages.end()) return found->second;
  std::shared_ptr<const ImageRgba8> made;
  auto image = loadPanorama(file, "panorama " + file);
  if (image) made = std::make_shared<const ImageRgba8>(std::move(*image));
  else spdlog::warn("XR: {}; no panorama shown there", image.error().message);
  loop.stopImages.emplace(file, made);
  return made;
}

// The file's sphere instance (hidden), once per file (0 when it cannot be made).
render::InstanceId stopSphere(TourLoop& loop, const std::string& file) {
  if (auto found = loop.stopSpheres.find(file); found != loop.stopSpheres.end()) return found->second;
  render::InstanceId instance = 0;
  if (auto image = stopImage(loop, file)) {
    auto model = makePanoramaSphere(*image, kPanoramaSphereRadius);
    auto id = model ? loop.renderer.addModel(*model) : Result<render::ModelId>(model.error());
    if (id) {
      instance = loop.renderer.addInstance(*id, kHiddenSphere);
      loop.renderer.setInstanceCastsShadow(instance, false);  // it would shade the guide
    }
    else spdlog::warn("XR: panorama {}: {}", file, id.error().message);
    loop.stopImages[file].reset();  // the texture holds it now
  }
  loop.stopSpheres.emplace(file, instance);
  return instance;
}

Status setBackground(render::Renderer& renderer, render::Background background) {
  render::RendererOptions options = renderer.options();
  if (options.background == background) return okStatus();
  options.background = background;
  return renderer.setOptions(options);  // only the background: no wait, nothing made anew
}

}  // namespace

Pose stopPanoramaCentre(const glm::mat4& worldFromTracking) {
  Pose centre;
  centre.orientation = glm::normalize(glm::inverse(glm::quat_cast(glm::mat3(worldFromTracking))));
  return centre;
}

Status showStopPanorama(TourLoop& loop, Session* session, StopPanorama& shown, const std::string& file,
                        const glm::mat4& worldFromTracking) {
  render::Renderer& renderer = loop.renderer;
  if (shown.layer && session) SC_TRY(session->setPanorama(nullptr));
  if (shown.sphere) renderer.setInstanceTransform(shown.sphere, kHiddenSphere);
  StopPanorama next;
  next.asked = file;
  if (!file.empty() && session) {
    if (loop.stopPanoramaLayer) {
      if (auto image = stopImage(loop, file)) {
        SC_TRY(session->setPanorama(image.get(), stopPanoramaCentre(worldFromTracking), true));
        next.layer = true;
      }
    } else {
      next.sphere = stopSphere(loop, file);  // placed on the eyes each frame by the loop
    }
    if (next.layer || next.sphere) next.file = file;
  }
  // Inside the picture the landmarks would stand in it; the guide and the markers stay.
  if (shown.file.empty() != next.file.empty()) {
    for (const auto& [instance, transform] : loop.landmarks)
      renderer.setInstanceTransform(instance, next.file.empty() ? transform : kHiddenSphere);
  }
  SC_TRY(setBackground(renderer, next.layer ? render::Background::Transparent : loop.background));
  if (shown.file != next.file) {
    spdlog::info("XR: panorama {}", next.file.empty() ? std::string("off")
                                                       : fmt::format("{} ({})", next.file, next.layer ? "equirect2 layer" : "sphere"));
  }
  shown = std::move(next);
  return okStatus();
}

Result<XrRunReport> runXrSession(const XrRequest& request, Availability* availability) {
  SC_CHECK(bool(request.loadContent), "XrRequest::loadContent is required");
  if (availability) *availability = Availability::Failed;
  SC_TRY(checkSpace(request.space));
  if (request.msaa != 1 && request.msaa != 4) return makeError("--msaa {}: use 1 or 4", request.msaa);
  if (request.sessions == 0) return makeError("--sessions must be at least 1");

  auto content = request.loadContent(request.input);
  if (!content) return content.error();
  std::optional<ImageRgba8> panorama;
  if (!request.panoramaFile.empty()) {
    auto image = loadPanorama(request.panoramaFile, "--panorama " + request.panoramaFile);
    if (!image) return image.error();
    panorama = std::move(*image);
  }

  XrRunReport run;
  bool lossSimulated = false;
  std::uint32_t retries = 0;
  double waited = 0.0;  // after a loss, before the next session: reported with that session
  Clock::time_point lostAt{};
  // One message for a runtime that is gone for good: what happened and what to do.
  const auto goneForGood = [&](const std::string& last) {
    if (availability) *availability = Availability::Lost;
    return makeError("the OpenXR runtime went away during the tour and did not come back ({} tries over {:.0f} s; "
                     "last: {}). The headset shows nothing now: start the OpenXR runtime again (monado-service, "
                     "SteamVR or the headset's own app; check that the headset is connected), then start "
                     "`shancheng xr` again",
                     retries, std::chrono::duration<double>(Clock::now() - lostAt).count(), last);
  };
  const auto waitBeforeRetry = [&] {
    auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(request.sessionRetrySeconds));
    waited = std::chrono::duration<double>(Clock::now() - start).count();
  };
  for (;;) {
    bool instanceLost = false;
    Availability why = Availability::Failed;
    Status status = runInstance(request, *content, panorama, &why, run, lossSimulated, retries, waited, instanceLost);
    if (availability) *availability = why;
    if (!status) {
      // After an instance loss the runtime may still be restarting (no service yet: making the
      // instance fails, or it has no headset yet): wait and try again, within the same budget.
      bool notBackYet = run.instanceLosses > 0 && (why == Availability::NoRuntime || why == Availability::NoHeadset);
      if (!notBackYet || gInterrupted) return status.error();
      if (++retries > request.maxSessionRetries) return goneForGood(status.error().message);
      spdlog::warn("OpenXR runtime not back yet; trying again in {:.1f} s", request.sessionRetrySeconds);
      waitBeforeRetry();
      continue;
    }
    if (!instanceLost || gInterrupted) break;
    // The runtime went away (restarted, headset unplugged): everything made through it is gone.
    // Wait, then make the instance, device, renderer and content anew.
    ++run.instanceLosses;
    if (run.instanceLosses == 1) lostAt = Clock::now();
    if (++retries > request.maxSessionRetries) return goneForGood("the instance was lost again");
    spdlog::warn("OpenXR instance lost; starting again in {:.1f} s", request.sessionRetrySeconds);
    waitBeforeRetry();
  }
  return run;
}

int runXr(const XrRequest& request) {
  gInterrupted = false;
  auto previous = std::signal(SIGINT, onInterrupt);
  Availability why = Availability::Failed;
  auto run = runXrSession(request, &why);
  std::signal(SIGINT, previous);
  if (!run) {
    if (why == Availability::Lost) {
      spdlog::error("{}", run.error().message);
      return kXrExitRuntimeLost;
    }
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
    spdlog::info("XR session {}: reached {}, {} frames submitted ({} ended, {} with depth) in {:.1f} s = {:.1f} fps "
                 "(display period {:.1f} ms); wall time per frame {:.1f} ms mean, {:.1f} ms max (recording {:.2f} ms); "
                 "CPU time per frame {:.1f} ms on the XR thread, {:.1f} ms in the whole process",
                 i, sessionStateName(s.highestState), s.framesSubmitted, s.framesEnded, s.framesWithDepth, s.seconds,
                 fps, s.displayPeriodMs, s.cpuMsMean, s.cpuMsMax, s.recordMsMean, s.threadCpuMsMean,
                 s.processCpuMsMean);
  }
  spdlog::info("XR eyes: {}", run->arraySwapchain ? "one array swapchain, both eyes in one multiview pass"
                                                  : "one swapchain per eye, one pass per eye");
  for (const auto& file : run->readbackFiles) spdlog::info("wrote {}", file);
  if (run->vulkanValidationErrors > 0 || run->xrValidationErrors > 0) {
    spdlog::error("validation errors: {} Vulkan, {} OpenXR", run->vulkanValidationErrors, run->xrValidationErrors);
    return kXrExitValidation;
  }
  return kXrExitOk;
}

}  // namespace sc::xr
