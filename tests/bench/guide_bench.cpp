// CPU cost of the digital-human guide per frame and the speed of its speech.
//
//   sc_guide_bench [--benchmark_out=FILE --benchmark_out_format=json]
// Cases:
//   BM_GuideFrame/walk|present   one TourDirector::update of the default guide (assets/guide) on
//       Hongyadong's tour: locomotion or idle + gesture/talk layers, arm aim, look-at, viseme and
//       blink morphs and the skin palette (joint matrices + morph weights) the renderer uploads;
//   BM_GuidePalette              buildFramePalette alone (part of the above);
//   BM_Tts/zh|en                 synthesizeNarration of a two-sentence line through espeak-ng;
//       counter rtf = synthesis time / spoken length (goal <= 0.1);
//   BM_GuideGpu/rest|posed/N/W   N guides drawn by the renderer at W x (W*9/16) (shadows included),
//       in their rest pose (the vertex shader skips skinning and morphs) or posed every frame
//       (a new wave pose + viseme weights each frame: upload, joint skinning, morph blending).
//       Same triangles and pixels in both: (posed - rest) / N is the GPU cost of skinning and
//       morphs per guide per frame (counter gpu_ms from timestamp queries), and the same for
//       the CPU's recording and pose upload (manual time). At W = 128 the pixels cost little, so
//       the vertex work stands out even on a CPU rasteriser. SC_BENCH_GPU picks the device.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>

#include <glm/gtc/matrix_transform.hpp>

#include "anim/clip.hpp"
#include "anim/skin_palette.hpp"
#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "render/renderer.hpp"
#include "scene/scene_loader.hpp"
#include "tour/tour_director.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;

const assets::Model* guideModel() {
  static std::optional<assets::Model> model = []() -> std::optional<assets::Model> {
    fs::path dir = fs::path(SC_SOURCE_DIR) / "assets" / "guide";
    auto imported = assets::importModel(dir / "guide.gltf", ContentRoots({dir}));
    if (!imported) return std::nullopt;
    return std::move(imported.value());
  }();
  return model ? &*model : nullptr;
}

std::shared_ptr<const tour::GuideAvatar> loadAvatar() {
  static std::shared_ptr<const tour::GuideAvatar> avatar = [] {
    const assets::Model* model = guideModel();
    if (!model) return std::shared_ptr<const tour::GuideAvatar>();
    auto a = tour::makeGuideAvatar(*model);
    return a ? std::make_shared<const tour::GuideAvatar>(std::move(a.value())) : nullptr;
  }();
  return avatar;
}

std::shared_ptr<const scene::SceneDocument> loadScene() {
  static std::shared_ptr<const scene::SceneDocument> doc = [] {
    scene::ValidationReport report;
    auto loaded = scene::loadSceneDocument(fs::path(SC_SOURCE_DIR) / "scenes/hongyadong/hongyadong.scene.json", {}, report);
    return loaded ? std::make_shared<const scene::SceneDocument>(loaded->doc) : nullptr;
  }();
  return doc;
}

// `present`: runs the director into its first Present phase first (gesture and talk layers).
void BM_GuideFrame(benchmark::State& state, bool present) {
  auto avatar = loadAvatar();
  auto doc = loadScene();
  if (!avatar || !doc) {
    state.SkipWithError("cannot load assets/guide or the Hongyadong scene");
    return;
  }
  tour::TourDirectorOptions options;
  options.synthesis = tour::SynthesisMode::Inline;
  auto director = tour::TourDirector::create(doc, avatar, nullptr, options);
  if (!director) {
    state.SkipWithError(director.error().message.c_str());
    return;
  }
  tour::TourDirector& d = **director;
  const double dt = 1.0 / 90.0;  // a headset's frame
  glm::vec3 visitor = d.frame().companion.eye;
  if (present) {
    for (int i = 0; i < 90 * 120 && d.frame().phase != tour::TourPhase::Present; ++i) visitor = d.update(dt, visitor).companion.eye;
  }
  for (auto _ : state) {
    const tour::GuideFrame& f = d.update(dt, visitor);
    benchmark::DoNotOptimize(f.palette->jointMatrices.data());
    visitor = f.companion.eye;
  }
  state.counters["joints"] = double(avatar->skeleton.jointCount());
  state.counters["morphs"] = double(avatar->skeleton.morphWeightCount());
}

void BM_GuidePalette(benchmark::State& state) {
  auto avatar = loadAvatar();
  if (!avatar) {
    state.SkipWithError("cannot load assets/guide");
    return;
  }
  anim::Pose pose = anim::restPose(avatar->skeleton);
  anim::FramePalette palette;
  for (auto _ : state) {
    anim::buildFramePalette(avatar->skeleton, pose, glm::mat4(1.0f), avatar->skins, palette);
    benchmark::DoNotOptimize(palette.jointMatrices.data());
  }
}

void BM_Tts(benchmark::State& state, const char* text) {
  if (!guide::haveSpeechSynthesizer()) {
    state.SkipWithError("built without espeak-ng");
    return;
  }
  auto synth = guide::createSpeechSynthesizer();
  if (!synth) {
    state.SkipWithError(synth.error().message.c_str());
    return;
  }
  double spoken = 0.0, spent = 0.0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto clip = guide::synthesizeNarration(**synth, text);
    spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!clip) {
      state.SkipWithError(clip.error().message.c_str());
      return;
    }
    spoken += clip->durationSec;
  }
  state.counters["rtf"] = spoken > 0.0 ? spent / spoken : 0.0;
  state.counters["spoken_s"] = spoken / double(state.iterations());
}

gpu::Device* device() {
  static std::unique_ptr<gpu::Device> d = []() -> std::unique_ptr<gpu::Device> {
    gpu::DeviceOptions options;
    if (const char* name = std::getenv("SC_BENCH_GPU")) options.gpu = name;
    auto created = gpu::Device::create(options);
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().message.c_str());
      return nullptr;
    }
    return std::move(created.value());
  }();
  return d.get();
}

// N guides on a grid 1.2 m apart, facing the camera, framed whole at W x (W*9/16).
void BM_GuideGpu(benchmark::State& state, bool posed) {
  gpu::Device* d = device();
  auto avatar = loadAvatar();
  const assets::Model* model = guideModel();
  if (!d || !avatar || !model) {
    state.SkipWithError("no Vulkan device, or assets/guide cannot be loaded");
    return;
  }
  const int count = int(state.range(0));
  const auto width = std::uint32_t(state.range(1)), height = width * 9 / 16;
  render::RendererOptions ro;
  ro.msaaSamples = d->info().isSoftware ? 1 : 4;  // as `shancheng render` chooses
  auto renderer = render::Renderer::create(*d, ro);
  if (!renderer) {
    state.SkipWithError(renderer.error().message.c_str());
    return;
  }
  render::Renderer& r = **renderer;
  render::ModelId id = r.addModel(*model).value();
  const int columns = int(std::ceil(std::sqrt(double(count))));
  std::vector<render::InstanceId> guides;
  assets::Bounds bounds;
  for (int i = 0; i < count; ++i) {
    glm::mat4 at = glm::translate(glm::mat4(1.0f), glm::vec3(float(i % columns) * 1.2f, 0.0f, float(i / columns) * 1.2f));
    guides.push_back(r.addInstance(id, at));
    bounds.add(model->worldBounds().transformed(at));
  }
  render::Camera camera = render::frameBounds(bounds, 16.0f / 9.0f);
  gpu::OffscreenTarget target(*d, width, height, 1);
  auto views = render::makeViews(camera, 16.0f / 9.0f, 1);

  anim::Pose pose = anim::restPose(avatar->skeleton);
  anim::FramePalette palette;
  float t = 0.0f;
  auto pose_all = [&] {
    if (!posed) return;
    anim::sampleClip(avatar->clips.wave, avatar->skeleton, t, true, pose);
    anim::buildFramePalette(avatar->skeleton, pose, glm::mat4(1.0f), avatar->skins, palette);
    // Every morph weight non-zero and changing: the worst case of a talking, blinking face.
    for (std::size_t m = 0; m < palette.morphWeights.size(); ++m) palette.morphWeights[m] = 0.3f + 0.2f * std::sin(t * 7.0f + float(m));
    for (render::InstanceId g : guides) (void)r.setInstancePose(g, palette);
    t += 1.0f / 90.0f;
  };
  for (int i = 0; i < 2; ++i) {  // warm-up: pipelines, uploads
    pose_all();
    (void)r.render(target, views);
  }
  (void)d->waitIdle();
  double gpuMsSum = 0.0, frameMsSum = 0.0;
  int gpuSamples = 0;
  std::uint64_t triangles = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    pose_all();
    auto stats = r.render(target, views);
    const double cpu = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!stats) {
      state.SkipWithError(stats.error().message.c_str());
      break;
    }
    (void)d->waitIdle();
    frameMsSum += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(cpu);
    if (d->lastGpuFrameMs() >= 0.0) {
      gpuMsSum += d->lastGpuFrameMs();
      ++gpuSamples;
    }
    triangles = stats->triangles;
  }
  state.counters["gpu_ms"] = gpuSamples ? gpuMsSum / gpuSamples : -1.0;
  state.counters["frame_ms"] = frameMsSum / double(std::max<std::int64_t>(1, state.iterations()));
  state.counters["guides"] = double(count);
  state.counters["triangles"] = double(triangles);
  state.SetLabel(d->info().name);
}

}  // namespace

BENCHMARK_CAPTURE(BM_GuideGpu, rest, false)->ArgsProduct({{1, 8, 32}, {128, 1280}})->UseManualTime()->Unit(benchmark::kMillisecond)
    ->Iterations(20)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_GuideGpu, posed, true)->ArgsProduct({{1, 8, 32}, {128, 1280}})->UseManualTime()->Unit(benchmark::kMillisecond)
    ->Iterations(20)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_GuideFrame, walk, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_GuideFrame, present, true)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GuidePalette)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tts, zh, "眼前就是洪崖洞，一层层吊脚楼贴着嘉陵江边的悬崖叠上去。重庆人把这里叫作山城的阳台。")
    ->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(BM_Tts, en, "This is Hongyadong, with layer upon layer of stilted buildings clinging to the cliff. "
                           "People in Chongqing call it the balcony of the mountain city.")
    ->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
