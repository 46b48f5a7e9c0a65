// `shancheng soak --xr` (app/soak_xr.hpp): XR session begin/end cycles with memory samples
// between sessions, judged by the desktop soak's growth fit and live-object check.
#include "app/soak_xr.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/memory_sampler.hpp"
#include "app/render_command.hpp"
#include "app/xr_face.hpp"
#include "core/file_io.hpp"
#include "core/heap.hpp"
#include "gpu/device.hpp"
#include "xr/xr_command.hpp"

namespace sc::app {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kMb = 1e6;
constexpr double kDefaultWarmupSec = 300.0;
constexpr std::uint32_t kMaxSettleFrames = 16;

struct XrSample {
  double seconds = 0.0;
  std::uint32_t session = 0;  // index of the session that just ended
  std::uint64_t frames = 0;   // submitted in it
  ProcessMemory process;
  gpu::MemoryStats gpu;
  gpu::LiveObjects live;
};

// What the device still holds when the renderer is gone (read in beforeDeviceDestroyed).
struct ExitState {
  bool seen = false;
  gpu::LiveObjects live;
  std::uint64_t orphanBytes = 0;
  std::vector<std::string> orphanLines;
  bool emptyFrameFailed = false;
};

// Empty frames until the device has run the deferred destructions of every frame slot:
// kFramesInFlight + 1 frames in a row with the bytes in use unchanged (at most kMaxSettleFrames).
// Same state each time a sample is taken: nothing of the ended session still in flight.
bool settle(gpu::Device& device) {
  std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
  std::uint32_t steady = 0;
  for (std::uint32_t i = 0; i < kMaxSettleFrames && steady <= gpu::kFramesInFlight; ++i) {
    device.beginFrame();
    if (auto submitted = device.submitFrame(); !submitted) {
      spdlog::error("soak --xr: an empty frame failed: {}", submitted.error().message);
      return false;
    }
    const std::uint64_t inUse = device.memoryStats().bytesInUse;
    steady = inUse == last ? steady + 1 : 0;
    last = inUse;
  }
  (void)device.waitIdle();
  if (steady <= gpu::kFramesInFlight) spdlog::warn("soak --xr: GPU memory in use still changing after the session");
  return true;
}

Status writeCsv(const std::string& file, const std::vector<XrSample>& samples) {
  std::string text = "seconds,session,frames,rss_bytes,heap_in_use_bytes,gpu_bytes_in_use,gpu_bytes_reserved,buffers,"
                     "textures,pipelines,bind_groups,bind_group_layouts,samplers\n";
  for (const XrSample& s : samples) {
    text += fmt::format("{:.3f},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.seconds, s.session, s.frames,
                        s.process.rssBytes, s.process.heapInUseBytes, s.gpu.bytesInUse, s.gpu.bytesReserved,
                        s.live.buffers, s.live.textures, s.live.pipelines, s.live.bindGroups, s.live.bindGroupLayouts,
                        s.live.samplers);
  }
  return writeFileAtomic(file, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

}  // namespace

int runSoakXr(const SoakRequest& request) {
  auto duration = parseDuration(request.duration);
  if (!duration) {
    spdlog::error("soak --xr: {}", duration.error().message);
    return kExitUsage;
  }
  double warmup = request.sessions > 0 ? 0.0 : std::min(kDefaultWarmupSec, 0.3 * *duration);
  if (!request.warmup.empty()) {
    auto parsed = parseDuration(request.warmup);
    if (!parsed) {
      spdlog::error("soak --xr: {}", parsed.error().message);
      return kExitUsage;
    }
    warmup = *parsed;
  }
  unsigned eyeWidth = 0, eyeHeight = 0;
  if (std::sscanf(request.size.c_str(), "%ux%u", &eyeWidth, &eyeHeight) != 2 || eyeWidth < 16) {
    spdlog::error("soak --xr: --size {}: write WIDTHxHEIGHT (the width caps the eye images)", request.size);
    return kExitUsage;
  }
  if (request.framesPerSession == 0) {
    spdlog::error("soak --xr: --frames-per-session must be at least 1");
    return kExitUsage;
  }
  std::string input = request.scenes.substr(0, request.scenes.find(','));
  if (input.empty()) input = "builtin:default";

  configureHeapForLongRuns();  // as the desktop soak: freed memory must be returnable (core/heap.hpp)
  xr::XrRequest xr;
  xr.input = input;
  xr.noFallback = true;
  xr.frames = request.framesPerSession;
  // By duration: "unlimited" sessions, ended by onSessionEnd when the time is up.
  xr.sessions = request.sessions > 0 ? request.sessions : std::numeric_limits<std::uint32_t>::max();
  xr.validation = request.validation;
  xr.msaa = request.msaa;
  xr.maxEyeWidth = eyeWidth;
  xr.shadowMapSize = 512;  // as the XR tests: CPU rasterisers want small shadow maps
  XrFace face(input);
  face.wire(xr);

  const auto start = Clock::now();
  auto now = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::vector<XrSample> samples;
  std::uint32_t ended = 0;
  bool settleFailed = false;
  xr.hooks.onSessionEnd = [&](render::Renderer& renderer, const xr::XrSessionReport& session) {
    gpu::Device& device = renderer.device();
    if (!settle(device)) settleFailed = true;
    returnFreedHeapToSystem();
    XrSample s;
    s.seconds = now();
    s.session = ended++;
    s.frames = session.framesSubmitted;
    s.process = readProcessMemory();
    s.gpu = device.memoryStats();
    s.live = device.liveObjects();
    spdlog::info("soak --xr: {:7.1f} s after session {} ({} frames, begun {}x): RSS {:.1f} MB (heap {:.1f} MB in use), "
                 "GPU {:.1f} MB in use ({} buffers, {} textures)", s.seconds, s.session, s.frames, session.timesBegun,
                 s.process.rssBytes / kMb, s.process.heapInUseBytes / kMb, s.gpu.bytesInUse / kMb, s.gpu.liveBuffers,
                 s.gpu.liveTextures);
    samples.push_back(std::move(s));
    if (settleFailed) return false;
    return request.sessions > 0 || now() < *duration;
  };
  ExitState exitState;
  xr.hooks.beforeDeviceDestroyed = [&](gpu::Device& device) {
    // The renderer is gone: empty frames run its deferred destructions, then nothing may be alive.
    exitState = ExitState{};
    exitState.seen = true;
    exitState.emptyFrameFailed = !settle(device);
    const gpu::LiveObjects before = device.liveObjects();
    if (before.buffers == 0 && before.textures == 0) exitState.orphanBytes = device.memoryStats().bytesInUse;
    if (exitState.orphanBytes > 0) exitState.orphanLines = device.describeLiveResources();
    if (request.testLeak) {
      gpu::BufferDesc leak;
      leak.size = 256;
      leak.usage = gpu::BufferUsage::Uniform;
      leak.debugName = "soak --xr --test-leak";
      (void)device.createBuffer(leak);
    }
    exitState.live = device.liveObjects();
  };

  spdlog::info("soak --xr: {} on {}, {} frames per session, eyes at most {} wide, warm-up {:.0f} s and the first session",
               request.sessions > 0 ? fmt::format("{} sessions", request.sessions)
                                    : fmt::format("sessions for {:.0f} s", *duration),
               input, request.framesPerSession, eyeWidth, warmup);
  xr::Availability why = xr::Availability::Failed;
  auto run = xr::runXrSession(xr, &why);
  const double elapsed = now();
  if (!run) {
    spdlog::error("soak --xr: {}", run.error().message);
    if (why == xr::Availability::NoRuntime || why == xr::Availability::NoHeadset) return xr::kXrExitNoXr;
    if (why == xr::Availability::Lost) return xr::kXrExitRuntimeLost;
    return why == xr::Availability::Available ? kExitNoGpu : kExitBadInput;
  }

  // The fit: samples after the first session (its first frames fill caches) and the warm-up.
  std::vector<double> t, rss, gpuBytes;
  for (const XrSample& s : samples) {
    if (s.session == 0 || s.seconds < warmup) continue;
    t.push_back(s.seconds);
    rss.push_back(double(s.process.rssBytes));
    gpuBytes.push_back(double(s.gpu.bytesInUse));
  }
  const GrowthFit rssFit = fitGrowth(t, rss);
  const GrowthFit gpuFit = fitGrowth(t, gpuBytes);
  std::uint64_t frames = 0;
  std::uint32_t begun = 0, notBegun = 0;
  for (const auto& s : run->sessions) {
    frames += s.framesSubmitted;
    begun += s.timesBegun;
    notBegun += s.timesBegun == 0 ? 1 : 0;
  }
  std::vector<std::string> failures;
  if (!rssFit.valid || rssFit.points < 3) {
    failures.push_back(fmt::format("too few samples after the first session and the {:.0f} s warm-up ({}): run more "
                                   "sessions", warmup, rssFit.points));
  } else {
    if (!growthWithin(rssFit, request.maxGrowthMb))
      failures.push_back(fmt::format("RSS grows {:.2f} MB per 10 min (bound {:.2f})", rssFit.mbPerTenMinutes, request.maxGrowthMb));
    if (!growthWithin(gpuFit, request.maxGrowthMb))
      failures.push_back(fmt::format("GPU memory grows {:.2f} MB per 10 min (bound {:.2f})", gpuFit.mbPerTenMinutes,
                                     request.maxGrowthMb));
  }
  if (notBegun > 0) failures.push_back(fmt::format("{} session(s) never began", notBegun));
  if (settleFailed || exitState.emptyFrameFailed) failures.push_back("an empty frame between sessions or at exit failed");
  if (!exitState.seen) failures.push_back("the device's live objects were never read at exit");
  if (exitState.live.owned() > 0) failures.push_back("Vulkan objects left alive at exit: " + exitState.live.describeOwned());
  if (exitState.orphanBytes > 0) {
    for (const auto& line : exitState.orphanLines) spdlog::error("soak --xr:   {}", line);
    failures.push_back(fmt::format("{} bytes of GPU memory still allocated at exit with no buffer or texture alive",
                                   exitState.orphanBytes));
  }
  const std::uint32_t validationErrors = run->vulkanValidationErrors + run->xrValidationErrors;
  if (validationErrors > 0) {
    failures.push_back(fmt::format("validation errors: {} Vulkan, {} OpenXR", run->vulkanValidationErrors,
                                   run->xrValidationErrors));
  }

  const XrSample* last = samples.empty() ? nullptr : &samples.back();
  std::string summary = fmt::format(
      "soak --xr: {:.1f} min on {} ({}), {} sessions ended ({} begins), {} frames, {} samples; fit over {} samples "
      "after {:.0f} s: RSS {:.1f} MB {:+.2f} MB/10 min, GPU {:.1f} MB in use {:+.2f} MB/10 min; live objects at exit: "
      "{}; {}",
      elapsed / 60.0, run->runtime, input, run->sessions.size(), begun, frames, samples.size(), rssFit.points, warmup,
      last ? last->process.rssBytes / kMb : 0.0, rssFit.mbPerTenMinutes, last ? last->gpu.bytesInUse / kMb : 0.0,
      gpuFit.mbPerTenMinutes, exitState.live.describeOwned(), failures.empty() ? "PASS" : "FAIL");
  if (!request.out.empty()) {
    if (auto written = writeCsv(request.out, samples); !written) spdlog::error("soak --xr: {}", written.error().message);
  }
  std::printf("%s\n", summary.c_str());
  std::fflush(stdout);
  for (const auto& f : failures) spdlog::error("soak --xr: {}", f);
  if (validationErrors > 0) return kExitValidation;
  return failures.empty() ? kExitOk : kExitSoakFailed;
}

}  // namespace sc::app
