// CPU cost of the digital-human guide per frame and the speed of its speech.
//
//   sc_guide_bench [--benchmark_out=FILE --benchmark_out_format=json]
// Cases:
//   BM_GuideFrame/walk|present   one TourDirector::update of the default guide (assets/guide) on
//       Hongyadong's tour: locomotion or idle + gesture/talk layers, arm aim, look-at, viseme and
//       blink morphs and the skin palette (joint matrices + morph weights) the renderer uploads;
//   BM_GuidePalette              buildFramePalette alone (part of the above);
//   BM_Tts/zh|en                 synthesizeNarration of a two-sentence line through espeak-ng;
//       counter rtf = synthesis time / spoken length (goal <= 0.1).
#include <chrono>
#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>

#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#include "scene/scene_loader.hpp"
#include "tour/tour_director.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;

std::shared_ptr<const tour::GuideAvatar> loadAvatar() {
  static std::shared_ptr<const tour::GuideAvatar> avatar = [] {
    fs::path dir = fs::path(SC_SOURCE_DIR) / "assets" / "guide";
    auto model = assets::importModel(dir / "guide.gltf", ContentRoots({dir}));
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

}  // namespace

BENCHMARK_CAPTURE(BM_GuideFrame, walk, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_GuideFrame, present, true)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GuidePalette)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tts, zh, "眼前就是洪崖洞，一层层吊脚楼贴着嘉陵江边的悬崖叠上去。重庆人把这里叫作山城的阳台。")
    ->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(BM_Tts, en, "This is Hongyadong, with layer upon layer of stilted buildings clinging to the cliff. "
                           "People in Chongqing call it the balcony of the mountain city.")
    ->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
