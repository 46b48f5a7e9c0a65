// Frame cost of the renderer: CPU time to cull, sort, record and submit a frame (manual time),
// GPU time from timestamp queries (counter gpu_ms) and the whole synchronous frame (frame_ms:
// render, then wait for the GPU), as the picture grows and as the number of objects grows.
//
//   sc_render_bench [--benchmark_out=FILE --benchmark_out_format=json] [--scene=PATH]
// Cases:
//   BM_Resolution/mono/WxH, BM_Resolution/stereo/2xWxH   the landmark (Hongyadong), 640x360 to
//       2560x1440 per view, plus a Quest 2-class stereo eye (2 x 1832x1920); mono and stereo
//       run in the same process so their ratio is measured under the same conditions; and
//       issue 6's headset target, 2 x 2064x2208;
//   BM_Objects/draws/N   N separate 1 m boxes (N instances of one model, as a scene of N small
//       props; the renderer batches them into instanced draws), N = 1,000 .. 100,000;
//   BM_Objects/merged/N  the same N boxes merged into one mesh, one draw: the same triangles,
//       the floor instancing approaches;
//   BM_Courtyards/mono|stereo  the built-in courtyard on an SC_BENCH_GRID x SC_BENCH_GRID grid.
// Environment: SC_BENCH_GPU (device name or index), SC_BENCH_FRAMES (frames per repetition,
// default 20), SC_BENCH_REPS (repetitions, default 3), SC_BENCH_MSAA (1 or 4, default 4),
// SC_BENCH_SEQUENTIAL=1 forces one pass per view even where multiview works; SC_BENCH_HDR=wide
// or packed picks the HDR target's format (default: the renderer's choice);
// SC_BENCH_FORCE_MULTIVIEW=1 records the single multiview pass even on lavapipe, whose multiview
// output is wrong but whose CPU cost is what we measure; SC_BENCH_MAX_OBJECTS caps N.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
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
#include "render/procedural_shapes.hpp"
#include "render/renderer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using Clock = std::chrono::steady_clock;

std::string gScenePath = std::string(SC_SOURCE_DIR) + "/assets/landmarks/hongyadong/hongyadong.gltf";

bool envFlag(const char* name) {
  const char* value = std::getenv(name);
  return value && std::strcmp(value, "1") == 0;
}

int envInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  const int n = value ? std::atoi(value) : 0;
  return n > 0 ? n : fallback;
}

gpu::Device& device() {
  static std::unique_ptr<gpu::Device> d = [] {
    gpu::DeviceOptions options;
    if (const char* gpuName = std::getenv("SC_BENCH_GPU")) options.gpu = gpuName;
    auto created = gpu::Device::create(options);
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().message.c_str());
      std::exit(3);
    }
    return std::move(created.value());
  }();
  return *d;
}

// One content at a time is on the GPU: switching to another case's content frees the previous.
struct World {
  std::string key;
  std::unique_ptr<render::Renderer> renderer;
  render::Camera camera;
  std::string name;
};

World& world(const std::string& key, const std::function<void(World&)>& fill) {
  gpu::Device& d = device();  // first, so that it outlives the static world below
  static World current;
  if (current.key == key && current.renderer) return current;
  (void)d.waitIdle();
  current = World{};
  render::RendererOptions ro;
  ro.sequentialViews = envFlag("SC_BENCH_SEQUENTIAL");
  ro.forceMultiview = envFlag("SC_BENCH_FORCE_MULTIVIEW");
  // SC_BENCH_MSAA=1 spares a CPU rasteriser most of its work; the CPU cost of recording a
  // frame does not depend on it.
  ro.msaaSamples = std::uint32_t(envInt("SC_BENCH_MSAA", 4));
  // SC_BENCH_HDR=wide|packed: the HDR target's format (RendererOptions::hdrPrecision; default auto).
  if (const char* hdr = std::getenv("SC_BENCH_HDR")) {
    if (std::strcmp(hdr, "wide") == 0) ro.hdrPrecision = render::HdrPrecision::Wide;
    if (std::strcmp(hdr, "packed") == 0) ro.hdrPrecision = render::HdrPrecision::Packed;
  }
  auto renderer = render::Renderer::create(d, ro);
  if (!renderer) {
    std::fprintf(stderr, "%s\n", renderer.error().message.c_str());
    std::exit(3);
  }
  current.renderer = std::move(renderer.value());
  current.key = key;
  fill(current);
  return current;
}

void fillLandmark(World& w) {
  assets::Model model;
  if (fs::exists(gScenePath)) {
    ContentRoots roots({fs::path(gScenePath).parent_path()});
    auto imported = assets::importModel(gScenePath, roots);
    if (!imported) {
      std::fprintf(stderr, "%s\n", imported.error().message.c_str());
      std::exit(1);
    }
    model = std::move(imported.value());
    w.name = fs::path(gScenePath).filename().string();
  } else {
    model = app::makeDefaultScene();
    w.name = "builtin:default";
  }
  w.camera = render::frameBounds(model.worldBounds(), 16.0f / 9.0f);
  // Look from a visitor's distance: a third of the framing distance, still at the model.
  w.camera.eye = glm::mix(w.camera.target, w.camera.eye, 0.35f);
  w.camera.nearPlane = 1.0f;  // frameBounds' near plane fits the far framing position, not this one
  w.renderer->addInstance(w.renderer->addModel(model).value());
}

void fillCourtyards(World& w) {
  const int grid = envInt("SC_BENCH_GRID", 12);
  render::ModelId id = w.renderer->addModel(app::makeDefaultScene()).value();
  for (int x = 0; x < grid; ++x)
    for (int z = 0; z < grid; ++z)
      w.renderer->addInstance(id, glm::translate(glm::mat4(1.0f), glm::vec3(x * 14.0f - 77.0f, 0, z * 12.0f - 66.0f)));
  w.camera.eye = {0, 60, 110};
  w.camera.target = {0, 0, 0};
  w.camera.farPlane = 600.0f;
  w.name = "builtin courtyard x" + std::to_string(grid * grid);
}

// N boxes of 1 m on a square grid 2 m apart, framed whole: either N instances of a one-box
// model (instanced draws) or one model whose single primitive holds all N boxes (one draw).
void fillObjects(World& w, int count, bool merged) {
  const int side = int(std::ceil(std::sqrt(double(count))));
  auto position = [&](int i) { return glm::vec3((i % side) * 2.0f - side, 0.5f, (i / side) * 2.0f - side); };
  assets::Model model;
  assets::Material material;
  material.name = "painted wood";
  material.baseColorFactor = {0.62f, 0.18f, 0.12f, 1.0f};
  material.roughnessFactor = 0.6f;
  material.metallicFactor = 0.0f;
  model.materials.push_back(material);
  const assets::Primitive box = render::makeBox(glm::vec3(0.5f));
  assets::Bounds bounds;
  if (merged) {
    assets::Primitive all;
    all.vertices.reserve(box.vertices.size() * std::size_t(count));
    all.indices.reserve(box.indices.size() * std::size_t(count));
    for (int i = 0; i < count; ++i) {
      const auto base = std::uint32_t(all.vertices.size());
      for (assets::Vertex v : box.vertices) {
        v.position += position(i);
        all.bounds.add(v.position);
        all.vertices.push_back(v);
      }
      for (std::uint32_t index : box.indices) all.indices.push_back(base + index);
    }
    bounds = all.bounds;
    render::addPrimitiveNode(model, std::move(all), 0, glm::vec3(0.0f), "boxes");
    w.renderer->addInstance(w.renderer->addModel(model).value());
  } else {
    render::addPrimitiveNode(model, box, 0, glm::vec3(0.0f), "box");
    render::ModelId id = w.renderer->addModel(model).value();
    for (int i = 0; i < count; ++i) {
      w.renderer->addInstance(id, glm::translate(glm::mat4(1.0f), position(i)));
      bounds.add(box.bounds.transformed(glm::translate(glm::mat4(1.0f), position(i))));
    }
  }
  w.camera = render::frameBounds(bounds, 16.0f / 9.0f);
  w.name = std::to_string(count) + (merged ? " boxes in one mesh" : " boxes, one instance each");
}

void renderFrames(benchmark::State& state, World& w, std::uint32_t width, std::uint32_t height, std::uint32_t views) {
  gpu::Device& d = device();
  std::optional<bool> layered;
  if (envFlag("SC_BENCH_FORCE_MULTIVIEW")) layered = true;
  gpu::OffscreenTarget target(d, width, height, views, layered);
  auto cameras = render::makeViews(w.camera, float(width) / float(height), views);
  // Warm up: pipelines, targets, uploads.
  for (int i = 0; i < 2; ++i) (void)w.renderer->render(target, cameras);
  (void)d.waitIdle();
  double gpuMsSum = 0.0, frameMsSum = 0.0;
  int gpuSamples = 0, frames = 0;
  render::FrameStats last;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto stats = w.renderer->render(target, cameras);
    if (!stats) {
      state.SkipWithError(stats.error().message.c_str());
      break;
    }
    // Synchronous frames: frame_ms is the whole frame, render to finished picture.
    (void)d.waitIdle();
    frameMsSum += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++frames;
    state.SetIterationTime(stats->cpuMs / 1000.0);
    if (d.lastGpuFrameMs() >= 0.0) {
      gpuMsSum += d.lastGpuFrameMs();
      ++gpuSamples;
    }
    last = *stats;
  }
  state.counters["gpu_ms"] = gpuSamples ? gpuMsSum / gpuSamples : -1.0;
  state.counters["frame_ms"] = frames ? frameMsSum / frames : -1.0;
  state.counters["triangles"] = double(last.triangles);
  state.counters["draws"] = double(last.drawCalls);
  state.counters["shadow_draws"] = double(last.shadowDrawCalls);
  state.counters["pixels"] = double(width) * height * views;
  const bool multiview = (d.info().multiviewReliable || envFlag("SC_BENCH_FORCE_MULTIVIEW")) && !envFlag("SC_BENCH_SEQUENTIAL");
  state.SetLabel(d.info().name + " | " + w.name + (views > 1 ? (multiview ? " | multiview" : " | per-view passes") : ""));
}

void registerBenchmarks() {
  const int frames = envInt("SC_BENCH_FRAMES", 20);
  const int reps = envInt("SC_BENCH_REPS", 3);
  auto add = [&](const std::string& name, std::function<void(benchmark::State&)> fn, int iterations) {
    benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& s) { fn(s); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(iterations)
        ->Repetitions(reps)
        ->ReportAggregatesOnly(true);
  };
  const std::pair<std::uint32_t, std::uint32_t> sizes[] = {{640, 360}, {1280, 720}, {1920, 1080}, {2560, 1440}};
  for (std::uint32_t views : {1u, 2u}) {
    for (auto [width, height] : sizes) {
      const std::string size = std::to_string(width) + "x" + std::to_string(height);
      add(std::string("BM_Resolution/") + (views == 1 ? "mono/" : "stereo/2x") + size,
          [=](benchmark::State& s) { renderFrames(s, world("landmark", fillLandmark), width, height, views); }, frames);
    }
  }
  add("BM_Resolution/stereo/2x1832x1920",
      [](benchmark::State& s) { renderFrames(s, world("landmark", fillLandmark), 1832, 1920, 2); }, frames);
  // Issue 6's GPU target: a 2064x2208-per-eye headset (Quest 3 class) at the default 4x MSAA.
  add("BM_Resolution/stereo/2x2064x2208",
      [](benchmark::State& s) { renderFrames(s, world("landmark", fillLandmark), 2064, 2208, 2); }, frames);
  add("BM_Courtyards/mono/1280x720",
      [](benchmark::State& s) { renderFrames(s, world("courtyards", fillCourtyards), 1280, 720, 1); }, frames);
  add("BM_Courtyards/stereo/2x1832x1920",
      [](benchmark::State& s) { renderFrames(s, world("courtyards", fillCourtyards), 1832, 1920, 2); }, frames);
  const int maxObjects = envInt("SC_BENCH_MAX_OBJECTS", 100000);
  for (int count : {1000, 3000, 10000, 30000, 100000}) {
    if (count > maxObjects) continue;
    // Large counts take seconds per frame on a CPU rasteriser: fewer frames there.
    const int n = count >= 30000 ? std::max(1, frames / 3) : frames;
    for (bool merged : {false, true}) {
      const std::string key = std::string(merged ? "merged" : "draws") + std::to_string(count);
      add(std::string("BM_Objects/") + (merged ? "merged/" : "draws/") + std::to_string(count),
          [=](benchmark::State& s) {
            renderFrames(s, world(key, [=](World& w) { fillObjects(w, count, merged); }), 1280, 720, 1);
          },
          n);
    }
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
