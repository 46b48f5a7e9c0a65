// The guided tour on the GPU: GuidedTour puts the posed guide into a renderer (visible where the
// director says it stands), and `shancheng render --tour` writes frames, tour.txt and a WAV
// narration mix of the right length that is not silent.
#include "gpu_test_support.hpp"

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include <glm/gtc/matrix_transform.hpp>

#include "app/guided_tour.hpp"
#include "gpu/render_target.hpp"
#include "guide/wav_file.hpp"

namespace sc::test {
namespace {

namespace fs = std::filesystem;
const fs::path kExampleScene = fs::path(SC_SOURCE_DIR) / "scenes" / "example" / "example.scene.json";

class TourRender : public GpuTest {
 protected:
  ImageRgba8 draw(const tour::CameraView& view, std::uint32_t w, std::uint32_t h) {
    render::Camera camera;
    camera.eye = view.eye;
    camera.target = view.target;
    camera.fovY = view.fovY;
    gpu::OffscreenTarget target(*device_, w, h, 1);
    auto stats = renderer_->render(target, render::makeViews(camera, float(w) / float(h), 1));
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  }
};

TEST_F(TourRender, TheGuideIsDrawnWhereTheDirectorPutsIt) {
  app::GuidedTourOptions options;
  options.audio = false;
  options.speech = false;  // silent: this test is about the picture
  options.director.synthesis = tour::SynthesisMode::Inline;
  auto created = app::GuidedTour::create(*renderer_, kExampleScene, options);
  ASSERT_TRUE(created) << created.error().message;
  app::GuidedTour& tour = **created;
  // Walk to the stop and into the gesture (the companion camera frames the guide).
  const tour::GuideFrame* f = &tour.update(0.0, {0.0f, 1.6f, 3.0f});
  for (int i = 0; i < 30 * 12 && !(f->phase == tour::TourPhase::Present && f->timeSec > 0.0); ++i) {
    f = &tour.update(1.0 / 30.0, f->companion.eye);
  }
  ASSERT_EQ(f->phase, tour::TourPhase::Present);
  for (int i = 0; i < 45; ++i) f = &tour.update(1.0 / 30.0, f->companion.eye);  // arm up
  const std::uint32_t w = 160, h = 120;
  const tour::CameraView view = f->companion;
  ImageRgba8 with = draw(view, w, h);
  // The same view without the guide: move its instance far below the ground.
  renderer_->setInstanceTransform(tour.instance(), glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -1000.0f, 0.0f)));
  ImageRgba8 without = draw(view, w, h);
  (void)writePng(testOutputDir() / "tour_guide_with.png", with);
  (void)writePng(testOutputDir() / "tour_guide_without.png", without);
  // Project the guide's chest into the image: the pixels around it changed.
  render::Camera camera;
  camera.eye = view.eye;
  camera.target = view.target;
  camera.fovY = view.fovY;
  glm::vec4 clip = camera.projection(float(w) / float(h)) * camera.view() *
                   glm::vec4(glm::vec3(f->root[3]) + glm::vec3(0.0f, 1.2f, 0.0f), 1.0f);
  ASSERT_GT(clip.w, 0.0f);
  glm::vec2 ndc = glm::vec2(clip) / clip.w;
  int cx = int((ndc.x * 0.5f + 0.5f) * w), cy = int((ndc.y * 0.5f + 0.5f) * h);
  ASSERT_GE(cx, 8);
  ASSERT_LT(cx, int(w) - 8);
  ASSERT_GE(cy, 8);
  ASSERT_LT(cy, int(h) - 8);
  int changed = 0, total = 0;
  for (int y = cy - 6; y <= cy + 6; ++y) {
    for (int x = cx - 4; x <= cx + 4; ++x) {
      glm::vec3 a = meanColor(with, x, y, 0), b = meanColor(without, x, y, 0);
      changed += glm::length(a - b) > 20.0f ? 1 : 0;
      ++total;
    }
  }
  EXPECT_GT(changed, total * 3 / 4) << "the guide's chest at (" << cx << "," << cy << ") is not in the frame";
  // Far from the guide (the top corners: sky) nothing changed.
  EXPECT_LT(glm::length(meanColor(with, 4, 4, 2) - meanColor(without, 4, 4, 2)), 3.0f);
}

// Reads "video: N frames at F fps, S s" and the speech lines from tour.txt.
struct TourLog {
  int frames = 0;
  double videoSec = 0.0;
  std::vector<std::pair<double, double>> speech;  // start, length
};
TourLog readTourLog(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  TourLog log;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, std::regex(R"(^video: (\d+) frames at [0-9.]+ fps, ([0-9.]+) s)"))) {
      log.frames = std::stoi(m[1]);
      log.videoSec = std::stod(m[2]);
    } else if (std::regex_search(line, m, std::regex(R"(^speech: start ([0-9.]+) s, ([0-9.]+) s long)"))) {
      log.speech.emplace_back(std::stod(m[1]), std::stod(m[2]));
    }
  }
  return log;
}

TEST(TourRenderCommand, WritesFramesTourTxtAndTheNarrationWav) {
  if (!guide::haveSpeechSynthesizer() || !guide::haveAudioOutput()) GTEST_SKIP() << "built without espeak-ng or OpenAL";
  fs::path out = testOutputDir() / "tour_render";
  fs::remove_all(out);
  std::string command = std::string(SC_SHANCHENG_EXE) + " -q render " + kExampleScene.string() +
                        " --tour --fps 4 --size 192x108 --msaa 1 --lang both --validation --out " + out.string() +
                        " --audio-out " + (out / "tour.wav").string() + " 2>&1";
  int status = std::system(command.c_str());
  ASSERT_EQ(status, 0) << command;
  TourLog log = readTourLog(out / "tour.txt");
  ASSERT_GT(log.frames, 20);
  EXPECT_NEAR(log.videoSec, log.frames / 4.0, 1e-6);
  for (int k = 1; k <= log.frames; ++k) {
    char name[32];
    std::snprintf(name, sizeof(name), "frame_%05d.png", k);
    EXPECT_TRUE(fs::exists(out / name)) << name;
  }
  ASSERT_EQ(log.speech.size(), 1u);  // the example tour has one stop
  auto [start, length] = log.speech[0];
  EXPECT_GT(length, 1.0);
  auto wav = guide::readWav(out / "tour.wav");
  ASSERT_TRUE(wav) << wav.error().message;
  EXPECT_EQ(wav->channels, 2);
  // The mix lasts as long as the video (within 5%)...
  EXPECT_NEAR(wav->durationSec(), log.videoSec, 0.05 * log.videoSec);
  // ...is silent before the narration starts and loud during it, for the narration's length.
  auto rmsOf = [&](double from, double to) {
    std::size_t a = std::size_t(from * wav->sampleRate) * 2, b = std::size_t(to * wav->sampleRate) * 2;
    b = std::min(b, wav->samples.size());
    return guide::rmsLevel(std::span(wav->samples).subspan(a, b - a));
  };
  EXPECT_LT(rmsOf(0.0, std::max(0.05, start - 0.1)), 1e-4);
  EXPECT_GT(rmsOf(start, start + length), 0.01);
  // The last sound ends where espeak-ng said the narration ends (within 5% of its length).
  double lastLoud = 0.0;
  for (double t = start; t + 0.02 < wav->durationSec(); t += 0.02) {
    if (rmsOf(t, t + 0.02) > 0.003) lastLoud = t + 0.02;
  }
  EXPECT_NEAR(lastLoud - start, length, 0.05 * length);
}

}  // namespace
}  // namespace sc::test
