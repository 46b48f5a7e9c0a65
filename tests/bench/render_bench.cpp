// Frame cost of the renderer: CPU time to cull, sort, record and submit a frame (manual time),
// and GPU time from timestamp queries (counter gpu_ms), for a reference scene at 1280x720 mono
// and at 2 x 1832x1920 stereo (a Quest 2-class eye buffer). Mono and stereo run in the same
// process so their ratio is measured under the same conditions.
//
//   sc_render_bench [--benchmark_out=FILE --benchmark_out_format=json] [--scene=PATH]
// Environment: SC_BENCH_GPU (device name or index), SC_BENCH_FRAMES (frames per repetition),
// SC_BENCH_MSAA (1 or 4, default 4), SC_BENCH_SEQUENTIAL=1 forces one pass per
// view even where multiview works; SC_BENCH_FORCE_MULTIVIEW=1 records the single multiview pass
// even on lavapipe, whose multiview output is wrong but whose CPU cost is what we measure.
// A second scene, the built-in courtyard repeated on a 12 x 12 grid (SC_BENCH_GRID, 2,592
// draws), makes the CPU side of recording visible.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>
#include <glm/gtc/matrix_transform.hpp>
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

bool envFlag(const char* name) {
  const char* value = std::getenv(name);
  return value && std::strcmp(value, "1") == 0;
}

BenchWorld makeWorld(bool manyDraws) {
  BenchWorld b;
  {
    gpu::DeviceOptions options;
    if (const char* gpuName = std::getenv("SC_BENCH_GPU")) options.gpu = gpuName;
    auto device = gpu::Device::create(options);
    if (!device) {
      std::fprintf(stderr, "%s\n", device.error().message.c_str());
      std::exit(3);
    }
    b.device = std::move(device.value());
  }
  {
    render::RendererOptions ro;
    ro.sequentialViews = envFlag("SC_BENCH_SEQUENTIAL");
    ro.forceMultiview = envFlag("SC_BENCH_FORCE_MULTIVIEW");
    // SC_BENCH_MSAA=1 spares a CPU rasteriser most of its work; the CPU cost of recording a
    // frame, which is what the stereo/mono ratio is about, does not depend on it.
    if (const char* msaa = std::getenv("SC_BENCH_MSAA")) ro.msaaSamples = std::uint32_t(std::atoi(msaa));
    b.renderer = std::move(render::Renderer::create(*b.device, ro).value());
    assets::Model model;
    std::error_code ec;
    if (manyDraws) {
      model = app::makeDefaultScene();
      render::ModelId id = b.renderer->addModel(model).value();
      const char* gridEnv = std::getenv("SC_BENCH_GRID");
      int grid = gridEnv ? std::max(1, std::atoi(gridEnv)) : 12;
      for (int x = 0; x < grid; ++x)
        for (int z = 0; z < grid; ++z)
          b.renderer->addInstance(id, glm::translate(glm::mat4(1.0f), glm::vec3(x * 14.0f - 77.0f, 0, z * 12.0f - 66.0f)));
      b.camera.eye = {0, 60, 110};
      b.camera.target = {0, 0, 0};
      b.camera.farPlane = 600.0f;
      b.sceneName = "builtin courtyard x" + std::to_string(grid * grid);
      return b;
    }
  }
  {
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
  }
}

BenchWorld& world(bool manyDraws) {
  static BenchWorld landmark, courtyards;
  BenchWorld& w = manyDraws ? courtyards : landmark;
  if (!w.device) w = makeWorld(manyDraws);
  return w;
}

void renderFrames(benchmark::State& state, std::uint32_t width, std::uint32_t height, std::uint32_t views,
                  bool manyDraws) {
  BenchWorld& w = world(manyDraws);
  std::optional<bool> layered;
  if (envFlag("SC_BENCH_FORCE_MULTIVIEW")) layered = true;
  gpu::OffscreenTarget target(*w.device, width, height, views, layered);
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
  bool multiview = (w.device->info().multiviewReliable || envFlag("SC_BENCH_FORCE_MULTIVIEW")) &&
                   !envFlag("SC_BENCH_SEQUENTIAL");
  state.SetLabel(w.device->info().name + " | " + w.sceneName + (multiview ? " | multiview" : " | per-view passes"));
}

void BM_FrameMono1280x720(benchmark::State& state) { renderFrames(state, 1280, 720, 1, false); }
void BM_FrameStereo2x1832x1920(benchmark::State& state) { renderFrames(state, 1832, 1920, 2, false); }
void BM_ManyDrawsMono1280x720(benchmark::State& state) { renderFrames(state, 1280, 720, 1, true); }
void BM_ManyDrawsStereo2x1832x1920(benchmark::State& state) { renderFrames(state, 1832, 1920, 2, true); }

// Manual time is the CPU part only, so a minimum time would mean thousands of frames on a CPU
// rasteriser: the frame count is fixed instead (SC_BENCH_FRAMES, default 20).
int frames() {
  const char* env = std::getenv("SC_BENCH_FRAMES");
  int n = env ? std::atoi(env) : 20;
  return n > 0 ? n : 20;
}

void registerBenchmarks() {
  for (auto* b : {benchmark::RegisterBenchmark("BM_FrameMono1280x720", BM_FrameMono1280x720),
                  benchmark::RegisterBenchmark("BM_FrameStereo2x1832x1920", BM_FrameStereo2x1832x1920),
                  benchmark::RegisterBenchmark("BM_ManyDrawsMono1280x720", BM_ManyDrawsMono1280x720),
                  benchmark::RegisterBenchmark("BM_ManyDrawsStereo2x1832x1920", BM_ManyDrawsStereo2x1832x1920)}) {
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
