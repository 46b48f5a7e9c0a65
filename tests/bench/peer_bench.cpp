// shancheng's half of the peer comparison with three.js (tools/bench/peer_run.py): the same glTF,
// the same size and camera, timed the way the peer page times itself.
//
//   sc_peer_bench --model=FILE.gltf --size=WxH [--camera-out=CAMERA.json] [--png=FIRST.png]
//                 [--benchmark_out=FILE --benchmark_out_format=json]
// Environment: SC_BENCH_GPU, SC_BENCH_FRAMES (frames per repetition, default 10), SC_BENCH_REPS
// (default 3), SC_BENCH_MSAA (1 or 4, default 1; the page uses the same), SC_BENCH_SHADOW_MAP
// (shadow cascade size, default the renderer's 2048; for experiments), SC_BENCH_SKIP (a list of
// shadows, sky, tonemap: parts left out of the frame to measure their cost; wrong pictures;
// "specialised": the generic PBR pipelines instead of the CPU-device ones, same picture; "fold":
// tone mapping in its own pass, same picture within 1/255; "fastsky": the exact sky, within 2/255).
// Cases:
//   BM_PeerFirstFrame/cold    an empty cooked cache: Assimp import + cook + cache write, renderer
//                             creation (pipelines), upload, first frame finished on the GPU;
//   BM_PeerFirstFrame/cooked  the same from the cooked cache (a second start);
//   BM_PeerFrame              one synchronous frame (render, wait for the GPU), as the page's
//                             render + 1-pixel readPixels.
// The Vulkan device is created before each first-frame clock starts, as the page creates its
// WebGL context before its clock starts; each repetition gets a fresh device, so no pipeline
// or driver cache carries over (Chromium gets a fresh profile per run).
// --camera-out writes the camera and sun direction for the page; --png the first frame.
#include <time.h>
#include <unistd.h>

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "assets/cooked_cache.hpp"
#include "core/image_io.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/renderer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using Clock = std::chrono::steady_clock;

fs::path gModel = fs::path(SC_SOURCE_DIR) / "assets/landmarks/hongyadong/hongyadong.gltf";
std::uint32_t gWidth = 1280, gHeight = 720;
fs::path gCameraOut, gPng;
fs::path gCache;

int envInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  const int n = value ? std::atoi(value) : 0;
  return n > 0 ? n : fallback;
}

std::unique_ptr<gpu::Device> makeDevice() {
  gpu::DeviceOptions options;
  if (const char* gpuName = std::getenv("SC_BENCH_GPU")) options.gpu = gpuName;
  auto created = gpu::Device::create(options);
  if (!created) {
    std::fprintf(stderr, "%s\n", created.error().message.c_str());
    std::exit(3);
  }
  return std::move(created.value());
}

render::RendererOptions rendererOptions() {
  render::RendererOptions ro;
  ro.msaaSamples = std::uint32_t(envInt("SC_BENCH_MSAA", 1));
  // For experiments on where a frame's time goes (not used by tools/bench.sh).
  ro.shadowMapSize = std::uint32_t(envInt("SC_BENCH_SHADOW_MAP", int(ro.shadowMapSize)));
  // SC_BENCH_SKIP=shadows,sky,tonemap (any of them): leave those parts out of the frame, to see
  // what each costs by elimination (the picture is then wrong).
  if (const char* skip = std::getenv("SC_BENCH_SKIP")) {
    // Comma-separated words, each matched whole.
    std::string parts = std::string(",") + skip + ",";
    auto has = [&](const char* word) { return parts.find(std::string(",") + word + ",") != std::string::npos; };
    ro.measureSkip.shadows = has("shadows");
    ro.measureSkip.sky = has("sky");
    ro.measureSkip.tonemap = has("tonemap");
    // Not a part of the frame: the same picture through the generic PBR pipelines, to measure
    // what the CPU-device specialisations save.
    ro.genericShaders = has("specialised");
    // "fold": tone mapping in its own pass on every frame (RendererOptions::foldToneMapping
    // off), the same picture within 1/255, to measure what folding it saves.
    ro.foldToneMapping = !has("fold");
    // "fastsky": the exact sky formula of GPUs (RendererOptions::exactSky), within 2/255.
    ro.exactSky = has("fastsky");
  }
  return ro;
}

// The landmark camera of sc_render_bench: framed whole, then a third of the way in.
render::Camera cameraFor(const assets::Model& model) {
  render::Camera camera = render::frameBounds(model.worldBounds(), float(gWidth) / float(gHeight));
  camera.eye = glm::mix(camera.target, camera.eye, 0.35f);
  camera.nearPlane = 1.0f;  // frameBounds' near plane fits the far framing position, not this one
  return camera;
}

// The default noon sky without fog: the page draws no fog, and the pictures should match.
render::Environment peerEnvironment() {
  render::Environment environment;
  environment.fogDensity = 0.0f;
  return environment;
}

struct Loaded {
  std::unique_ptr<render::Renderer> renderer;
  render::Camera camera;
};

// Where the first frame's time went (seconds since the previous step).
struct FirstFrameSteps {
  double load = 0, renderer = 0, upload = 0, frame = 0;
};

double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

double lap(Clock::time_point& since) {
  const auto now = Clock::now();
  const double s = std::chrono::duration<double>(now - since).count();
  since = now;
  return s;
}

// File to first finished frame on `device`; the clock runs inside.
Result<Loaded> loadToFirstFrame(gpu::Device& device, gpu::OffscreenTarget& target, const fs::path& cache,
                                double& seconds, FirstFrameSteps* steps = nullptr) {
  FirstFrameSteps local;
  FirstFrameSteps& st = steps ? *steps : local;
  const auto start = Clock::now();
  auto since = start;
  assets::CookOptions cook;
  cook.cacheDir = cache;
  auto model = assets::loadOrCook(gModel, ContentRoots({gModel.parent_path()}), {}, cook);
  if (!model) return model.error();
  st.load = lap(since);
  auto renderer = render::Renderer::create(device, rendererOptions());
  if (!renderer) return renderer.error();
  Loaded loaded{std::move(renderer.value()), cameraFor(*model)};
  loaded.renderer->setEnvironment(peerEnvironment());
  st.renderer = lap(since);
  auto id = loaded.renderer->addModel(*model);
  if (!id) return id.error();
  loaded.renderer->addInstance(*id);
  SC_TRY(device.flushUploads());
  st.upload = lap(since);
  auto views = render::makeViews(loaded.camera, float(gWidth) / float(gHeight), 1);
  auto frame = loaded.renderer->render(target, views);
  if (!frame) return frame.error();
  SC_TRY(device.waitIdle());
  st.frame = lap(since);
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return loaded;
}

void firstFrame(benchmark::State& state, bool cooked) {
  const fs::path cache = gCache / (cooked ? "cooked" : "cold");
  std::error_code ec;
  if (cooked && !fs::exists(cache)) {
    assets::CookOptions cook;
    cook.cacheDir = cache;
    (void)assets::loadOrCook(gModel, ContentRoots({gModel.parent_path()}), {}, cook);
  }
  for (auto _ : state) {
    if (!cooked) fs::remove_all(cache, ec);
    auto device = makeDevice();
    double seconds = 0.0;
    FirstFrameSteps steps;
    {
      gpu::OffscreenTarget target(*device, gWidth, gHeight, 1);
      auto loaded = loadToFirstFrame(*device, target, cache, seconds, &steps);
      if (!loaded) {
        state.SkipWithError(loaded.error().message.c_str());
        return;
      }
      if (!gPng.empty() && cooked) {
        auto pixels = target.readPixels();
        if (pixels) (void)writePng(gPng, *pixels);
      }
      (void)device->waitIdle();
    }
    state.SetIterationTime(seconds);
    state.SetLabel(device->info().name);
    state.counters["load_ms"] = steps.load * 1000.0;          // loadOrCook
    state.counters["renderer_ms"] = steps.renderer * 1000.0;  // Renderer::create (pipelines)
    state.counters["upload_ms"] = steps.upload * 1000.0;      // addModel + staging flush
    state.counters["frame_ms"] = steps.frame * 1000.0;        // first frame, finished
  }
}

void frame(benchmark::State& state) {
  static std::unique_ptr<gpu::Device> device = makeDevice();
  gpu::OffscreenTarget target(*device, gWidth, gHeight, 1);
  double seconds = 0.0;
  auto loaded = loadToFirstFrame(*device, target, gCache / "frame", seconds);
  if (!loaded) {
    state.SkipWithError(loaded.error().message.c_str());
    return;
  }
  auto views = render::makeViews(loaded->camera, float(gWidth) / float(gHeight), 1);
  for (int i = 0; i < 2; ++i) (void)loaded->renderer->render(target, views);  // warm-up, as the page's
  (void)device->waitIdle();
  double cpuSeconds = 0.0;
  for (auto _ : state) {
    const auto start = Clock::now();
    const double cpuStart = processCpuSeconds();
    auto stats = loaded->renderer->render(target, views);
    if (!stats || !device->waitIdle()) {
      state.SkipWithError("frame failed");
      break;
    }
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - start).count());
    cpuSeconds += processCpuSeconds() - cpuStart;
    state.counters["draws"] = stats->drawCalls;
    state.counters["shadow_draws"] = stats->shadowDrawCalls;
    state.counters["triangles"] = double(stats->triangles);
  }
  // The device's filtering (anisotropy is off on CPU rasterisers, vk_device.cpp): tools/bench.sh
  // reads it to give the three.js page the same setting.
  // CPU time of the whole process per frame (lavapipe's threads included): on a CPU rasteriser
  // this is the frame's work, and unlike the wall time it does not grow with other processes'
  // load on a shared machine.
  state.counters["cpu_ms"] = cpuSeconds * 1000.0 / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
  state.counters["anisotropy"] = device->info().anisotropicFiltering ? 8.0 : 1.0;
  state.SetLabel(device->info().name);
  loaded->renderer.reset();
  (void)device->waitIdle();
}

// Writes the camera and the renderer's default sun direction for the page.
void writeCamera() {
  assets::CookOptions cook;
  cook.cacheDir = gCache / "camera";
  auto model = assets::loadOrCook(gModel, ContentRoots({gModel.parent_path()}), {}, cook);
  if (!model) {
    std::fprintf(stderr, "%s\n", model.error().message.c_str());
    std::exit(1);
  }
  const render::Camera c = cameraFor(*model);
  const glm::vec3 sun = render::skyFor(peerEnvironment()).sunDirection;
  nlohmann::json j = {{"eye", {c.eye.x, c.eye.y, c.eye.z}}, {"target", {c.target.x, c.target.y, c.target.z}},
                      {"fovY", c.fovY}, {"near", c.nearPlane}, {"far", c.farPlane}, {"sun", {sun.x, sun.y, sun.z}},
                      {"width", gWidth}, {"height", gHeight}};
  std::ofstream(gCameraOut) << j.dump(1) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--model=", 0) == 0) gModel = fs::absolute(a.substr(8));
    if (a.rfind("--camera-out=", 0) == 0) gCameraOut = a.substr(13);
    if (a.rfind("--png=", 0) == 0) gPng = a.substr(6);
    if (a.rfind("--size=", 0) == 0 && std::sscanf(a.c_str() + 7, "%ux%u", &gWidth, &gHeight) != 2) {
      std::fprintf(stderr, "--size=WxH, e.g. --size=1280x720\n");
      return 2;
    }
  }
  spdlog::set_level(spdlog::level::warn);
  gCache = fs::temp_directory_path() / ("sc-peer-bench-" + std::to_string(getpid()));
  if (!gCameraOut.empty()) writeCamera();
  benchmark::Initialize(&argc, argv);
  const int reps = envInt("SC_BENCH_REPS", 3);
  for (bool cooked : {false, true}) {
    benchmark::RegisterBenchmark(cooked ? "BM_PeerFirstFrame/cooked" : "BM_PeerFirstFrame/cold",
                                 [cooked](benchmark::State& s) { firstFrame(s, cooked); })
        ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(reps)->ReportAggregatesOnly(true);
  }
  benchmark::RegisterBenchmark("BM_PeerFrame", frame)
      ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(envInt("SC_BENCH_FRAMES", 10))
      ->Repetitions(reps)->ReportAggregatesOnly(true);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(gCache, ec);
  return 0;
}
