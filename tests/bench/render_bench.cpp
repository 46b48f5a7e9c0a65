// Frame cost of the renderer: CPU time to cull, sort, record and submit a frame (manual time),
// and GPU time from timestamp queries (counter gpu_ms), for a reference scene at 1280x720 mono
// and at 2 x 1832x1920 stereo (a Quest 2-class eye buffer). Mono and stereo run in the same
// process so their ratio is measured under the same conditions.
//
//   sc_render_bench [--benchmark_out=FILE --benchmark_out_format=json] [--scene=PATH]
// Environment: SC_BENCH_GPU (device name or index), SC_BENCH_SEQUENTIAL=1 forces one pass per
// view even where multiview works (to compare both paths on one GPU).
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "app/default_scene.hpp"
#include "assets/importer.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/renderer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;

std::string gScenePath = std::string(SC_SOURCE_DIR) + "/assets/landmarks/hongyadong/hongyadong.gltf";

struct BenchWorld {
  std::unique_ptr<gpu::Device> device;
  std::unique_ptr<render::Renderer> renderer;
  render::Camera camera;
  std::string sceneName;
};

BenchWorld& world() {
  static BenchWorld w = [] {
    BenchWorld b;
    gpu::DeviceOptions options;
    if (const char* gpuName = std::getenv("SC_BENCH_GPU")) options.gpu = gpuName;
    auto device = gpu::Device::create(options);
    if (!device) {
      std::fprintf(stderr, "%s\n", device.error().message.c_str());
      std::exit(3);
    }
    b.device = std::move(device.value());
    render::RendererOptions ro;
    const char* sequential = std::getenv("SC_BENCH_SEQUENTIAL");
    ro.sequentialViews = sequential && std::strcmp(sequential, "1") == 0;
    b.renderer = std::move(render::Renderer::create(*b.device, ro).value());
    assets::Model model;
    std::error_code ec;
    if (fs::exists(gScenePath, ec)) {
      ContentRoots roots({fs::path(gScenePath).parent_path()});
      auto imported = assets::importModel(gScenePath, roots);
      if (!imported) {
        std::fprintf(stderr, "%s\n", imported.error().message.c_str());
        std::exit(1);
      }
      model = std::move(imported.value());
      b.sceneName = fs::path(gScenePath).filename().string();
    } else {
      model = app::makeDefaultScene();
      b.sceneName = "builtin:default";
    }
    auto bounds = model.worldBounds();
    b.camera = render::frameBounds(bounds, 16.0f / 9.0f);
    // Look from a visitor's distance: a third of the framing distance, still at the model.
    b.camera.eye = glm::mix(b.camera.target, b.camera.eye, 0.35f);
    b.renderer->addInstance(b.renderer->addModel(model).value());
    return b;
  }();
  return w;
}

void renderFrames(benchmark::State& state, std::uint32_t width, std::uint32_t height, std::uint32_t views) {
  BenchWorld& w = world();
  gpu::OffscreenTarget target(*w.device, width, height, views);
  auto cameras = render::makeViews(w.camera, float(width) / float(height), views);
  // Warm up: pipelines, targets, uploads.
  for (int i = 0; i < 3; ++i) (void)w.renderer->render(target, cameras);
  double gpuMsSum = 0.0;
  int gpuSamples = 0;
  std::uint64_t triangles = 0, draws = 0;
  for (auto _ : state) {
    auto stats = w.renderer->render(target, cameras);
    if (!stats) {
      state.SkipWithError(stats.error().message.c_str());
      break;
    }
    state.SetIterationTime(stats->cpuMs / 1000.0);
    if (w.device->lastGpuFrameMs() >= 0.0) {
      gpuMsSum += w.device->lastGpuFrameMs();
      ++gpuSamples;
    }
    triangles = stats->triangles;
    draws = stats->drawCalls;
  }
  (void)w.device->waitIdle();
  state.counters["gpu_ms"] = gpuSamples ? gpuMsSum / gpuSamples : -1.0;
  state.counters["triangles"] = double(triangles);
  state.counters["draws"] = double(draws);
  state.SetLabel(w.device->info().name + " | " + w.sceneName + (w.device->info().multiviewReliable ? " | multiview" : " | per-view passes"));
}

void BM_FrameMono1280x720(benchmark::State& state) { renderFrames(state, 1280, 720, 1); }
void BM_FrameStereo2x1832x1920(benchmark::State& state) { renderFrames(state, 1832, 1920, 2); }

// Manual time is the CPU part only, so a minimum time would mean thousands of frames on a CPU
// rasteriser: the frame count is fixed instead (SC_BENCH_FRAMES, default 20).
int frames() {
  const char* env = std::getenv("SC_BENCH_FRAMES");
  int n = env ? std::atoi(env) : 20;
  return n > 0 ? n : 20;
}

void registerBenchmarks() {
  for (auto* b : {benchmark::RegisterBenchmark("BM_FrameMono1280x720", BM_FrameMono1280x720),
                  benchmark::RegisterBenchmark("BM_FrameStereo2x1832x1920", BM_FrameStereo2x1832x1920)}) {
    b->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(frames())->Repetitions(3)->ReportAggregatesOnly(true);
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--scene=", 8) == 0) gScenePath = argv[i] + 8;
  }
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  registerBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
