#include "app/soak_command.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/guided_tour.hpp"
#include "app/memory_sampler.hpp"
#include "app/render_command.hpp"
#include "app/scene_content.hpp"
#include "app/viewer.hpp"
#include "app/window_landmarks.hpp"
#include "core/file_io.hpp"
#include "core/heap.hpp"
#include "core/image_io.hpp"
#include "gpu/render_target.hpp"
#include "ui/glyph_ranges.hpp"
#include "ui/ui.hpp"

namespace sc::app {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kDefaultWarmupSec = 300.0;
constexpr double kMb = 1e6;
constexpr std::uint32_t kMaxLoadingFrames = 16;

struct Settings {
  double duration = 0.0, sampleEvery = 0.0, warmup = 0.0, sceneTime = 0.0;
  std::uint32_t width = 0, height = 0;
  std::vector<std::string> scenes;
};

struct Sample {
  double seconds = 0.0;
  bool between = false;  // taken between two scenes (nothing loaded)
  std::string scene;     // shown (or, between scenes, the one just removed)
  std::uint64_t frames = 0;
  ProcessMemory process;
  gpu::MemoryStats gpu;
  gpu::LiveObjects live;
};

// Every <contentDir>/<id>/<id>.scene.json with at least one tour, then builtin:default.
std::vector<std::string> defaultScenes(const fs::path& contentDir) {
  std::vector<std::string> scenes;
  for (const auto& landmark : findLandmarks(contentDir)) {
    scene::ValidationReport report;
    auto loaded = scene::loadSceneDocument(landmark.file, {}, report);
    if (loaded && !loaded->doc.tours.empty()) scenes.push_back(landmark.file.string());
  }
  scenes.push_back("builtin:default");
  return scenes;
}

Result<Settings> parseSettings(const SoakRequest& r) {
  Settings s;
  auto duration = parseDuration(r.duration);
  auto every = parseDuration(r.sampleEvery);
  auto sceneTime = parseDuration(r.sceneTime);
  if (!duration) return duration.error();
  if (!every) return every.error();
  if (!sceneTime) return sceneTime.error();
  s.duration = *duration;
  s.sampleEvery = *every;
  s.sceneTime = *sceneTime;
  if (s.duration <= 0.0 || s.sampleEvery <= 0.0 || s.sceneTime <= 0.0) {
    return makeError("--duration, --sample-every and --scene-time must be longer than 0");
  }
  s.warmup = std::min(kDefaultWarmupSec, 0.3 * s.duration);
  if (!r.warmup.empty()) {
    auto warmup = parseDuration(r.warmup);
    if (!warmup) return warmup.error();
    s.warmup = *warmup;
  }
  unsigned w = 0, h = 0;
  char extra = 0;
  if (std::sscanf(r.size.c_str(), "%ux%u%c", &w, &h, &extra) != 2 || w < 16 || h < 16 || w > 8192 || h > 8192) {
    return makeError("--size {}: write WIDTHxHEIGHT, each side 16 to 8192 pixels, e.g. 320x180", r.size);
  }
  s.width = w;
  s.height = h;
  if (!(r.fps > 0.0 && r.fps <= 240.0)) return makeError("--fps {}: must be in (0, 240]", r.fps);
  if (r.scenes.empty()) {
    s.scenes = defaultScenes(r.contentDir);
  } else {
    std::size_t start = 0;
    while (start <= r.scenes.size()) {
      std::size_t comma = std::min(r.scenes.find(',', start), r.scenes.size());
      if (comma > start) s.scenes.push_back(r.scenes.substr(start, comma - start));
      start = comma + 1;
    }
  }
  if (s.scenes.empty()) return makeError("--scenes: no scene given");
  return s;
}

class Soak {
 public:
  Soak(const SoakRequest& request, const Settings& settings, Viewer& viewer, gpu::OffscreenTarget& target, ui::Ui* ui)
      : request_(request), settings_(settings), viewer_(viewer), target_(target), ui_(ui) {}

  double now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  bool timeUp() const { return now() >= settings_.duration; }
  const std::vector<Sample>& samples() const { return samples_; }
  std::uint64_t frames() const { return frames_; }
  std::uint32_t visits() const { return visits_; }
  std::uint32_t loadFailures() const { return loadFailures_; }
  std::uint32_t resets() const { return resets_; }

  void sample(bool between, const std::string& scene) {
    Sample s;
    s.seconds = now();
    s.between = between;
    s.scene = scene;
    s.frames = frames_;
    s.process = readProcessMemory();
    s.gpu = viewer_.device->memoryStats();
    s.live = viewer_.device->liveObjects();
    spdlog::info("soak: {:7.1f} s {} {}: RSS {:.1f} MB (heap {:.1f} MB in use, {:.1f} MB free), GPU {:.1f} MB in use, "
                 "{:.1f} MB reserved ({} buffers, {} textures)", s.seconds, between ? "between" : "on", scene,
                 s.process.rssBytes / kMb, s.process.heapInUseBytes / kMb, s.process.heapFreeBytes / kMb,
                 s.gpu.bytesInUse / kMb, s.gpu.bytesReserved / kMb, s.gpu.liveBuffers, s.gpu.liveTextures);
    if (between && spdlog::should_log(spdlog::level::debug)) {
      for (const auto& line : viewer_.device->describeLiveResources()) spdlog::debug("soak:   {}", line);
    }
    samples_.push_back(std::move(s));
    if (!between) nextSample_ += settings_.sampleEvery;
  }

  // One visit: load and upload `input`, its tour (starting at a stop that changes each round),
  // a visitor reset half-way (the tour made again from its start), then everything removed.
  // Returns kExitOk, or the exit code of a failure that ends the soak.
  int visit(const std::string& input, std::uint32_t round) {
    auto content = loadViewContent(input);
    if (!content) {
      // A kiosk keeps the last good scene and goes on; the soak counts it and goes on too.
      spdlog::error("soak: {}", content.error().message);
      ++loadFailures_;
      return kExitOk;
    }
    render::Renderer& renderer = *viewer_.renderer;
    (void)viewer_.device->waitIdle();
    ShownContent shown;
    int code = kExitOk;
    if (Status uploaded = showContent(renderer, *content, shown); !uploaded) {
      spdlog::error("soak: {}", uploaded.error().message);
      code = kExitBadInput;
    }
    for (auto& m : content->models) m.model = assets::Model{};  // as the kiosk: the GPU has it
    renderer.setEnvironment(content->environment.value_or(render::Environment{}));
    if (ui_ && content->scene) ui_->addGlyphText(ui::glyphTextForScene(*content->scene));
    ++visits_;

    const double visitStart = now();
    std::unique_ptr<GuidedTour> tour;
    bool hasTour = content->scene && !content->scene->tours.empty();
    int phase = -1;  // 0: first half, 1: after the visitor reset
    bool shot = request_.screenshotDir.empty() || round > 0;
    glm::vec3 eye(0.0f);
    auto last = Clock::now();
    while (code == kExitOk && !timeUp()) {
      double in = now() - visitStart;
      if (in >= settings_.sceneTime) break;
      int want = in < 0.5 * settings_.sceneTime ? 0 : 1;
      if (hasTour && want != phase) {
        if (phase >= 0) ++resets_;
        tour.reset();  // the visitor left: the kiosk starts the tour over
        tour = makeTour(input, want == 0 ? int(round) : 0);
        if (!tour) hasTour = false;
        else eye = tour->frame().companion.eye;
      }
      phase = want;
      auto frameStart = Clock::now();
      double dt = std::min(0.5, std::chrono::duration<double>(frameStart - last).count());
      last = frameStart;
      render::Camera camera = cameraFor(*content, tour.get(), dt, eye, in);
      code = renderFrame(camera, tour.get(), dt, nullptr);
      if (code == kExitOk && !shot && in >= 0.4 * settings_.sceneTime) {
        shot = true;
        code = screenshot(input);
      }
      if (now() >= nextSample_) sample(false, input);
      std::this_thread::sleep_until(frameStart + std::chrono::duration<double>(1.0 / request_.fps));
    }
    tour.reset();
    (void)viewer_.device->waitIdle();
    removeShownContent(renderer, shown);
    // The loading screen between two scenes, drawn until the device has run the deferred
    // destructions its frames leave: kFramesInFlight + 1 frames in a row with the GPU bytes in
    // use unchanged (at most kMaxLoadingFrames). A frame that makes a texture again (the UI's
    // font atlas, rebuilt when new glyphs come in) leaves the old texture and the upload's
    // staging buffer allocated until its frame slot comes round again; a sample taken then showed
    // ~12 MB (two atlas generations) that no live resource held - in flight, not leaked.
    std::uint64_t lastInUse = UINT64_MAX;
    std::uint32_t steady = 0, drawn = 0;
    while (code == kExitOk && drawn < kMaxLoadingFrames && steady <= gpu::kFramesInFlight) {
      code = renderFrame(render::Camera{}, nullptr, 1.0 / request_.fps, &input);
      ++drawn;
      const std::uint64_t inUse = viewer_.device->memoryStats().bytesInUse;
      steady = inUse == lastInUse ? steady + 1 : 0;
      lastInUse = inUse;
    }
    if (steady <= gpu::kFramesInFlight) spdlog::warn("soak: GPU memory in use still changing after {} loading frames", drawn);
    // As the kiosk does a few frames after it replaced a scene (window_loop.cpp): device memory
    // blocks no resource uses back to the driver, then freed heap to the system.
    viewer_.device->releaseUnusedMemory();
    returnFreedHeapToSystem();
    return code;
  }

 private:
  std::unique_ptr<GuidedTour> makeTour(const std::string& input, int startStop) {
    GuidedTourOptions options;
    options.audio = request_.audio;
    options.speech = request_.speech;
    auto created = GuidedTour::create(*viewer_.renderer, input, options);
    if (!created) {
      spdlog::warn("soak: {}: no guided tour ({})", input, created.error().message);
      return nullptr;
    }
    auto tour = std::move(created.value());
    int stops = int(tour->director().tour().stops.size());
    if (stops > 1 && startStop % stops != 0) {
      if (auto status = tour->director().goToStop(startStop % stops); !status) spdlog::warn("soak: {}", status.error().message);
    }
    return tour;
  }

  // The tour's companion camera; without a tour the attract loop's slow turn around the content.
  render::Camera cameraFor(const ViewContent& content, GuidedTour* tour, double dt, glm::vec3& eye, double in) {
    render::Camera camera;
    if (tour) {
      const tour::GuideFrame& f = tour->update(dt, eye);
      eye = f.companion.eye;
      camera.eye = f.companion.eye;
      camera.target = f.companion.target;
      camera.fovY = f.companion.fovY;
    } else {
      float aspect = float(settings_.width) / float(settings_.height);
      if (content.camera) camera = *content.camera;
      else if (content.bounds.valid()) camera = render::frameBounds(content.bounds, aspect);
      glm::vec3 arm = camera.eye - camera.target;
      float a = 0.08f * float(in), c = std::cos(a), s = std::sin(a);
      camera.eye = camera.target + glm::vec3(c * arm.x + s * arm.z, arm.y, -s * arm.x + c * arm.z);
    }
    camera.nearPlane = 0.1f;
    camera.farPlane = 3000.0f;
    return camera;
  }

  // Lays out the kiosk's touch UI for this frame (tour controls, the stop's card, subtitles; the
  // loading panel between scenes) and renders it over the scene into the offscreen target.
  int renderFrame(const render::Camera& camera, GuidedTour* tour, double dt, const std::string* loading) {
    if (ui_) {
      ui::UiModel model;
      model.touch = true;
      model.tour.visible = tour != nullptr;
      if (tour) {
        const tour::GuideFrame& f = tour->frame();
        model.tour.playing = f.phase != tour::TourPhase::Finished;
        model.tour.stopIndex = f.stopIndex;
        model.tour.stopCount = f.stopCount;
        if (f.poi) {
          model.tour.stopName = f.poi->name;
          if (f.phase == tour::TourPhase::Present) model.card = ui::poiCardFor(*f.poi);
        }
        for (const guide::SubtitleRow& row : f.subtitles) {
          ui::SubtitleRowView view;
          view.text = std::string(row.text);
          view.highlightBytes = std::min(row.highlightBytes, view.text.size());
          view.spoken = row.spoken;
          view.chinese = model.subtitles.rows.empty();
          model.subtitles.rows.push_back(std::move(view));
        }
        model.subtitles.visible = !model.subtitles.rows.empty();
      }
      if (loading) {
        model.loading.visible = true;
        model.loading.currentItem = *loading;
      }
      ui::UiInput input;
      input.displaySize = glm::vec2(float(settings_.width), float(settings_.height));
      input.deltaSeconds = dt;
      input.pointerPresent = false;
      ui_->frame(model, input);
      viewer_.renderer->setOverlay(ui_->drawList());
    }
    float aspect = float(settings_.width) / float(settings_.height);
    auto stats = viewer_.renderer->render(target_, render::makeViews(camera, aspect, 1));
    if (!stats) {
      spdlog::error("soak: rendering failed after {} frames: {}", frames_, stats.error().message);
      return kExitNoGpu;
    }
    ++frames_;
    return kExitOk;
  }

  int screenshot(const std::string& input) {
    auto pixels = target_.readPixels();
    if (!pixels) {
      spdlog::error("soak: reading a frame back failed: {}", pixels.error().message);
      return kExitNoGpu;
    }
    std::string name = input == "builtin:default" ? "builtin" : fs::path(input).stem().stem().string();
    fs::path file = fs::path(request_.screenshotDir) / fmt::format("{:02}-{}.png", visits_, name);
    if (auto written = writePng(file, *pixels); !written) spdlog::warn("soak: {}", written.error().message);
    else spdlog::info("soak: wrote {}", file.string());
    return kExitOk;
  }

  const SoakRequest& request_;
  const Settings& settings_;
  Viewer& viewer_;
  gpu::OffscreenTarget& target_;
  ui::Ui* ui_;
  Clock::time_point start_ = Clock::now();
  double nextSample_ = 0.0;
  std::vector<Sample> samples_;
  std::uint64_t frames_ = 0;
  std::uint32_t visits_ = 0, loadFailures_ = 0, resets_ = 0;
};

// The verdict on a series: the between-scene samples after the warm-up when there are 3 or
// more (same state each time), else every sample after it.
struct Judged {
  GrowthFit rss, gpu;
  std::size_t betweenPoints = 0;
  bool cachesGrew = false;
  std::string series;  // "between-scene" or "all"
};

Judged judge(const std::vector<Sample>& samples, double warmupEnd) {
  Judged j;
  std::vector<const Sample*> after, between;
  for (const auto& s : samples) {
    if (s.seconds < warmupEnd) continue;
    after.push_back(&s);
    if (s.between) between.push_back(&s);
  }
  const auto& used = between.size() >= 3 ? between : after;
  j.series = between.size() >= 3 ? "between-scene" : "all";
  j.betweenPoints = between.size();
  std::vector<double> t, rss, gpu;
  for (const Sample* s : used) {
    t.push_back(s->seconds);
    rss.push_back(double(s->process.rssBytes));
    gpu.push_back(double(s->gpu.bytesInUse));
  }
  j.rss = fitGrowth(t, rss);
  j.gpu = fitGrowth(t, gpu);
  if (!used.empty()) {
    const auto &a = used.front()->live, &b = used.back()->live;
    j.cachesGrew = b.samplers > a.samplers || b.bindGroupLayouts > a.bindGroupLayouts;
  }
  return j;
}

Status writeSamples(const fs::path& file, const std::vector<Sample>& samples, const std::string& summary) {
  const bool csv = file.extension() == ".csv";
  std::string text = csv ? "seconds,between,scene,frames,rss_bytes,rss_anon_bytes,pss_bytes,heap_in_use_bytes,"
                           "heap_free_bytes,gpu_bytes_in_use,gpu_bytes_reserved,gpu_blocks,buffers,textures,pipelines,"
                           "bind_groups,bind_group_layouts,samplers\n"
                         : fmt::format("{{\n  \"summary\": \"{}\",\n  \"samples\": [\n", summary);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    if (csv) {
      text += fmt::format("{:.3f},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.seconds, s.between ? 1 : 0,
                          s.scene, s.frames, s.process.rssBytes, s.process.rssAnonBytes, s.process.pssBytes,
                          s.process.heapInUseBytes, s.process.heapFreeBytes, s.gpu.bytesInUse,
                          s.gpu.bytesReserved, s.gpu.blocks, s.live.buffers, s.live.textures, s.live.pipelines,
                          s.live.bindGroups, s.live.bindGroupLayouts, s.live.samplers);
    } else {
      text += fmt::format(
          "    {{\"seconds\": {:.3f}, \"between\": {}, \"scene\": \"{}\", \"frames\": {}, \"rssBytes\": {}, "
          "\"rssAnonBytes\": {}, \"pssBytes\": {}, \"heapInUseBytes\": {}, \"heapFreeBytes\": {}, \"gpuBytesInUse\": {}, "
          "\"gpuBytesReserved\": {}, \"gpuBlocks\": {}, "
          "\"buffers\": {}, \"textures\": {}, \"pipelines\": {}, \"bindGroups\": {}, \"bindGroupLayouts\": {}, "
          "\"samplers\": {}}}{}\n",
          s.seconds, s.between, s.scene, s.frames, s.process.rssBytes, s.process.rssAnonBytes, s.process.pssBytes,
          s.process.heapInUseBytes, s.process.heapFreeBytes, s.gpu.bytesInUse, s.gpu.bytesReserved, s.gpu.blocks, s.live.buffers, s.live.textures, s.live.pipelines,
          s.live.bindGroups, s.live.bindGroupLayouts, s.live.samplers, i + 1 < samples.size() ? "," : "");
    }
  }
  if (!csv) text += "  ]\n}\n";
  return writeFileAtomic(file, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

}  // namespace

int runSoak(const SoakRequest& request) {
  if (request.xr) {
    spdlog::error("soak --xr: this shancheng was built without OpenXR (sc_xr)");
    return kExitUsage;
  }
  auto settings = parseSettings(request);
  if (!settings) {
    spdlog::error("soak: {}", settings.error().message);
    return kExitUsage;
  }
  const Settings& s = *settings;
  configureHeapForLongRuns();  // as the kiosk should: scene memory must be trimmable (core/heap.hpp)
  spdlog::info("soak: {:.0f} s over {} scenes, {:.0f} s each, samples every {:.0f} s, warm-up {:.0f} s, {}x{}, "
               "validation {}", s.duration, s.scenes.size(), s.sceneTime, s.sampleEvery, s.warmup, s.width, s.height,
               request.validation ? "on" : "off");
  if (!request.screenshotDir.empty()) {
    std::error_code ec;
    fs::create_directories(request.screenshotDir, ec);
  }
  RenderRequest rr;
  rr.gpu = request.gpu;
  rr.msaa = request.msaa;
  rr.validation = request.validation;
  rr.width = s.width;
  rr.height = s.height;
  int failure = kExitOk;
  auto viewer = openViewer(rr, 15.5f, ViewContent{}, deviceOptionsFor(rr), failure);
  if (!viewer) return failure;

  std::vector<Sample> samples;
  std::uint64_t frames = 0;
  std::uint32_t visits = 0, loadFailures = 0, resets = 0;
  double firstRoundEnd = -1.0, elapsed = 0.0;
  int code = kExitOk;
  {
    std::unique_ptr<ui::Ui> overlay;
    ui::UiOptions uiOptions;
    uiOptions.glyphText = ui::uiLabelText();
    uiOptions.baseFontPoints = std::max(10.0f, 22.0f * float(s.height) / 720.0f);
    if (auto created = ui::Ui::create(uiOptions); created) overlay = std::move(created.value());
    else spdlog::warn("soak: without the UI overlay: {}", created.error().message);
    gpu::OffscreenTarget target(*viewer->device, s.width, s.height, 1);
    Soak soak(request, s, *viewer, target, overlay.get());
    soak.sample(false, "start");
    for (std::uint32_t visit = 0; code == kExitOk && !soak.timeUp(); ++visit) {
      const std::uint32_t round = visit / std::uint32_t(s.scenes.size());
      const std::string& input = s.scenes[visit % s.scenes.size()];
      code = soak.visit(input, round);
      if (code != kExitOk) break;
      if (round == 0 && visit + 1 == s.scenes.size()) {
        firstRoundEnd = soak.now();
        if (soak.loadFailures() == s.scenes.size()) {
          spdlog::error("soak: no scene could be loaded");
          code = kExitBadInput;
        }
      }
      soak.sample(true, input);
    }
    viewer->renderer->setOverlay({});
    samples = soak.samples();
    frames = soak.frames();
    visits = soak.visits();
    loadFailures = soak.loadFailures();
    resets = soak.resets();
    elapsed = soak.now();
    (void)viewer->device->waitIdle();
  }
  // Everything that used the device is gone now; only the device itself may hold objects.
  viewer->renderer.reset();
  // Empty frames run the deferred destructions of every frame slot; then the allocator's bytes in
  // use must be zero: with no buffer or texture alive, anything left is a sub-allocation whose
  // free was lost (it would grow a kiosk's GPU memory for good).
  for (std::uint32_t i = 0; code == kExitOk && i <= gpu::kFramesInFlight; ++i) {
    viewer->device->beginFrame();
    if (auto submitted = viewer->device->submitFrame(); !submitted) {
      spdlog::error("soak: an empty frame at exit failed: {}", submitted.error().message);
      code = kExitNoGpu;
    }
  }
  (void)viewer->device->waitIdle();
  const gpu::LiveObjects liveBeforeLeak = viewer->device->liveObjects();
  const std::uint64_t orphanBytes =
      liveBeforeLeak.buffers == 0 && liveBeforeLeak.textures == 0 ? viewer->device->memoryStats().bytesInUse : 0;
  if (orphanBytes > 0) {
    for (const auto& line : viewer->device->describeLiveResources()) spdlog::error("soak:   {}", line);
  }
  if (request.testLeak) {
    gpu::BufferDesc leak;
    leak.size = 256;
    leak.usage = gpu::BufferUsage::Uniform;
    leak.debugName = "soak --test-leak";
    (void)viewer->device->createBuffer(leak);
  }
  const gpu::LiveObjects live = viewer->device->liveObjects();
  const std::uint32_t validationErrors = viewer->device->validationErrorCount();
  viewer->device.reset();

  const double warmupEnd = firstRoundEnd < 0.0 ? elapsed + 1.0 : std::max(s.warmup, firstRoundEnd);
  Judged j = judge(samples, warmupEnd);
  std::vector<std::string> failures;
  if (code == kExitOk) {
    if (!j.rss.valid || j.rss.points < 3) {
      failures.push_back(fmt::format("too few samples after the warm-up ({} after {:.0f} s; the first round through "
                                     "the scenes ended at {:.0f} s): run longer, or sample more often",
                                     j.rss.points, warmupEnd, firstRoundEnd));
    } else {
      if (!growthWithin(j.rss, request.maxGrowthMb)) {
        failures.push_back(fmt::format("RSS grows {:.2f} MB per 10 min (bound {:.2f})", j.rss.mbPerTenMinutes, request.maxGrowthMb));
      }
      if (!growthWithin(j.gpu, request.maxGrowthMb)) {
        failures.push_back(fmt::format("GPU memory grows {:.2f} MB per 10 min (bound {:.2f})", j.gpu.mbPerTenMinutes,
                                       request.maxGrowthMb));
      }
      if (j.cachesGrew) failures.push_back("the device's sampler or bind group layout cache grew after the warm-up");
    }
  }
  if (live.owned() > 0) failures.push_back("Vulkan objects left alive at exit: " + live.describeOwned());
  if (orphanBytes > 0) {
    failures.push_back(fmt::format("{} bytes of GPU memory still allocated at exit with no buffer or texture alive "
                                   "(a sub-allocation never freed; SC_GPU_MEMORY_TRACE=1 lists where it was made)",
                                   orphanBytes));
  }
  if (validationErrors > 0) failures.push_back(fmt::format("{} Vulkan validation error(s)", validationErrors));

  const Sample* lastSample = samples.empty() ? nullptr : &samples.back();
  std::string summary = fmt::format(
      "soak: {:.1f} min, {} frames, {} scene visits ({} failed to load), {} tour resets, {} samples; fit over {} {} "
      "samples after {:.0f} s: RSS {:.1f} MB {:+.2f} MB/10 min, GPU {:.1f} MB in use {:+.2f} MB/10 min; live objects "
      "at exit: {} (cached: {} samplers, {} layouts); {}",
      elapsed / 60.0, frames, visits, loadFailures, resets, samples.size(), j.rss.points, j.series, warmupEnd,
      lastSample ? lastSample->process.rssBytes / kMb : 0.0, j.rss.mbPerTenMinutes,
      lastSample ? lastSample->gpu.bytesInUse / kMb : 0.0, j.gpu.mbPerTenMinutes, live.describeOwned(), live.samplers,
      live.bindGroupLayouts, code == kExitOk && failures.empty() ? "PASS" : "FAIL");
  if (!request.out.empty()) {
    if (auto written = writeSamples(request.out, samples, summary); !written) spdlog::error("soak: {}", written.error().message);
  }
  std::printf("%s\n", summary.c_str());
  std::fflush(stdout);
  for (const auto& f : failures) spdlog::error("soak: {}", f);
  if (code != kExitOk) return code;
  if (validationErrors > 0) return kExitValidation;
  return failures.empty() ? kExitOk : kExitSoakFailed;
}

}  // namespace sc::app
