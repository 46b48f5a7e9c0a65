#include "app/tour_render.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/guided_tour.hpp"
#include "app/scene_content.hpp"
#include "app/viewer.hpp"
#include "core/file_io.hpp"
#include "core/image_io.hpp"
#include "gpu/render_target.hpp"
#include "guide/audio_output.hpp"
#include "guide/wav_file.hpp"
#include "ui/glyph_ranges.hpp"
#include "ui/ui.hpp"

namespace sc::app {

namespace {

namespace fs = std::filesystem;
constexpr double kStepSec = 1.0 / 30.0;  // director step, whatever the video's fps

// The subtitle band as engine/ui draws it (minimal mode: nothing but subtitles).
ui::UiModel subtitleModel(const tour::GuideFrame& f) {
  ui::UiModel model;
  model.minimal = true;
  model.language = f.language == tour::TourLanguage::Chinese   ? ui::UiLanguage::Chinese
                   : f.language == tour::TourLanguage::English ? ui::UiLanguage::English
                                                               : ui::UiLanguage::Both;
  model.tour.visible = false;
  model.subtitles.visible = !f.subtitles.empty();
  for (std::size_t i = 0; i < f.subtitles.size(); ++i) {
    ui::SubtitleRowView row;
    row.text = std::string(f.subtitles[i].text);
    row.highlightBytes = f.subtitles[i].highlightBytes;
    row.spoken = f.subtitles[i].spoken;
    row.chinese = f.language == tour::TourLanguage::Chinese || (f.language == tour::TourLanguage::Both && i == 0);
    model.subtitles.rows.push_back(std::move(row));
  }
  return model;
}

// Key moments of the headless fallback: what a visitor would want a still of at each stop.
struct MomentTracker {
  tour::TourPhase phase = tour::TourPhase::Finished;
  int stop = -2;
  double phaseStart = 0.0;
  bool walkShot = false, pointShot = false, speakShot = false, endShot = false;

  // The moment's name when frame `f` should be kept, else empty.
  std::string take(const tour::GuideFrame& f) {
    if (f.phase != phase || f.stopIndex != stop) {
      if (f.stopIndex != stop) walkShot = pointShot = speakShot = false;
      phase = f.phase;
      stop = f.stopIndex;
      phaseStart = f.timeSec;
    }
    double in = f.timeSec - phaseStart;
    if (phase == tour::TourPhase::Walk && !walkShot && in >= 2.0) return walkShot = true, "walk";
    if (phase == tour::TourPhase::Present && !pointShot && in >= 1.6) return pointShot = true, "gesture";
    if (phase == tour::TourPhase::Present && !speakShot && f.audio.clip &&
        f.audio.clipTimeSec >= 0.5 * f.audio.clip->durationSec) {
      return speakShot = true, "speak";
    }
    if (phase == tour::TourPhase::Finished && !endShot && in >= 0.5) return endShot = true, "end";
    return {};
  }
};

std::string narrationText(const scene::SceneDocument& doc, const scene::Tour& tour) {
  std::string text;
  int index = 1;
  for (const auto& stop : tour.stops) {
    const auto* poi = doc.findPoi(stop.poi);
    if (!poi) continue;
    const auto& n = stop.narration ? *stop.narration : poi->narration;
    text += fmt::format("{:02d}-{}\n  {}\n  {}\n  {}\n  {}\n\n", index++, stop.poi, poi->name.zh, n.shortText.zh,
                        poi->name.en, n.shortText.en);
  }
  return text;
}

// Mixes the narrations into a WAV exactly `durationSec` long (the video's length): the guide in
// front of the listener, a little to the right, as the companion camera frames it.
Status writeNarrationWav(const std::vector<tour::SpokenCue>& cues, double durationSec, const fs::path& path) {
  std::vector<guide::PlacedClip> placed;
  for (const auto& cue : cues) {
    if (cue.clip && cue.startTimeSec < durationSec) placed.push_back({cue.clip.get(), {0.6f, 0.0f, -2.0f}, cue.startTimeSec});
  }
  guide::WavData wav;
  wav.sampleRate = 44100;
  wav.channels = 2;
  if (!placed.empty()) {
    auto mixed = guide::renderToWav(placed, path);
    if (!mixed) return mixed.error();
    wav = std::move(mixed.value());
  }
  wav.samples.resize(std::size_t(std::llround(durationSec * wav.sampleRate)) * std::size_t(wav.channels), 0);
  return guide::writeWav(path, wav);
}

}  // namespace

int runTourRender(const TourRenderRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  if (!isSceneFile(request.render.input)) {
    spdlog::error("{}: a guided tour needs a scene file (*.scene.json)", request.render.input);
    return kExitUsage;
  }
  if (!(request.fps > 0.0 && request.fps <= 60.0) || request.seconds < 0.0) {
    spdlog::error("--fps must be in (0, 60] and --seconds >= 0");
    return kExitUsage;
  }
  auto language = tour::parseTourLanguage(request.language);
  if (!language) {
    spdlog::error("--lang {}: write zh, en or both", request.language);
    return kExitUsage;
  }
  const RenderRequest& rr = request.render;
  if (rr.width < 16 || rr.height < 16 || rr.width > 8192 || rr.height > 8192) {
    spdlog::error("--size {}x{}: each side must be between 16 and 8192 pixels", rr.width, rr.height);
    return kExitUsage;
  }
  auto hours = render::parseTimeOfDay(rr.timeOfDay.empty() ? "15:30" : rr.timeOfDay);
  if (!hours) {
    spdlog::error("--time-of-day: {}", hours.error().message);
    return kExitUsage;
  }
  auto content = loadViewContent(rr.input);
  if (!content) {
    spdlog::error("{}", content.error().message);
    return kExitBadInput;
  }
  int failure = kExitOk;
  auto viewer = openViewer(rr, *hours, *content, deviceOptionsFor(rr), failure);
  if (!viewer) return failure;
  std::error_code ec;
  fs::create_directories(request.outDir, ec);
  if (ec) {
    spdlog::error("{}: cannot create the output folder ({})", request.outDir, ec.message());
    return kExitBadInput;
  }

  int code = kExitOk;
  {
    GuidedTourOptions options;
    options.audio = false;  // headless: the mix goes to the WAV instead
    options.speech = request.speech;
    options.director.language = *language;
    options.director.synthesis = tour::SynthesisMode::Inline;
    options.director.maxWalkMetres = request.maxWalkMetres;
    auto guided = GuidedTour::create(*viewer->renderer, rr.input, options);
    if (!guided) {
      spdlog::error("{}", guided.error().message);
      return kExitBadInput;
    }
    GuidedTour& tour = **guided;
    if (auto prepared = tour.director().prepareAll(); !prepared) spdlog::warn("{}", prepared.error().message);
    spdlog::info("narration synthesised in {:.1f} s",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

    std::unique_ptr<ui::Ui> overlay;
    if (request.subtitles) {
      ui::UiOptions uiOptions;
      uiOptions.glyphText = ui::glyphTextForScene(tour.scene()) + ui::uiLabelText();
      // Subtitles sized for the frame: 22 pt labels suit 720 lines.
      uiOptions.baseFontPoints = std::max(10.0f, 22.0f * float(rr.height) / 720.0f);
      auto created = ui::Ui::create(uiOptions);
      if (created) overlay = std::move(created.value());
      else spdlog::warn("frames without subtitles: {}", created.error().message);
    }

    gpu::OffscreenTarget target(*viewer->device, rr.width, rr.height, 1);
    const float aspect = float(rr.width) / float(rr.height);
    const double frameSec = 1.0 / request.fps;
    const int substeps = std::max(1, int(std::ceil(frameSec / kStepSec - 1e-9)));
    const double step = frameSec / substeps;
    const double length = request.seconds > 0.0 ? request.seconds : request.maxTourSeconds;
    std::string log;
    MomentTracker moments;
    double finishedAt = -1.0;
    int written = 0;
    glm::vec3 visitor = tour.director().frame().companion.eye;
    const tour::GuideFrame* f = &tour.update(0.0, visitor);
    visitor = f->companion.eye;
    // Draws the current frame from the companion camera with its subtitles and writes `name`.
    auto renderFrame = [&](const std::string& name, double dt) -> int {
      render::Camera camera;
      camera.eye = f->companion.eye;
      camera.target = f->companion.target;
      camera.fovY = f->companion.fovY;
      camera.nearPlane = 0.1f;
      camera.farPlane = 3000.0f;
      if (overlay) {
        ui::UiInput input;
        input.displaySize = glm::vec2(float(rr.width), float(rr.height));
        input.deltaSeconds = dt;
        input.pointerPresent = false;
        overlay->frame(subtitleModel(*f), input);
        viewer->renderer->setOverlay(overlay->drawList());
      }
      auto stats = viewer->renderer->render(target, render::makeViews(camera, aspect, 1));
      auto pixels = stats ? target.readPixels() : Result<ImageRgba8>(stats.error());
      if (!pixels) {
        spdlog::error("rendering failed: {}", pixels.error().message);
        return kExitNoGpu;
      }
      if (auto w = writePng(fs::path(request.outDir) / name, *pixels); !w) {
        spdlog::error("{}", w.error().message);
        return kExitBadInput;
      }
      ++written;
      log += fmt::format("{}  t={:.2f}s  {} {}{}\n", name, f->timeSec, tour::phaseName(f->phase),
                         f->poi ? f->poi->id : "",
                         f->subtitles.empty() ? "" : fmt::format("  \"{}\"", f->subtitles[0].text));
      return kExitOk;
    };
    double videoSec = 0.0;
    for (int k = 0;; ++k) {
      const double t = k * frameSec;
      if (t >= length - 1e-9) break;
      if (request.seconds <= 0.0 && finishedAt >= 0.0 && t > finishedAt + 1.0) break;
      if (k > 0) {
        for (int s = 0; s < substeps; ++s) {
          f = &tour.update(step, visitor);
          visitor = f->companion.eye;
          std::string moment = request.keyMomentsOnly ? moments.take(*f) : std::string();
          if (!moment.empty()) {
            // Key moments are taken at director steps, not at frame times.
            std::string name = fmt::format("{:03d}-{}-{}.png", written + 1, f->poi ? f->poi->id : "tour", moment);
            if (int c = renderFrame(name, step); c != kExitOk) return c;
            spdlog::info("wrote {} ({} at {:.1f} s of the tour)", name, moment, f->timeSec);
          }
        }
      }
      if (f->phase == tour::TourPhase::Finished && finishedAt < 0.0) finishedAt = f->timeSec;
      videoSec = t + frameSec;
      if (request.keyMomentsOnly) continue;
      if (int c = renderFrame(fmt::format("frame_{:05d}.png", k + 1), frameSec); c != kExitOk) return c;
    }

    // The narration of every stop, the frames, and when each narration starts (for the WAV).
    std::string text = narrationText(tour.scene(), tour.director().tour());
    text += fmt::format("video: {} frames at {} fps, {:.3f} s\n", written, request.fps, videoSec);
    for (const auto& cue : tour.director().spokenCues()) {
      if (cue.clip) text += fmt::format("speech: start {:.3f} s, {:.3f} s long\n", cue.startTimeSec, cue.clip->durationSec);
    }
    text += log;
    fs::path txt = fs::path(request.outDir) / "tour.txt";
    if (auto w = writeFileAtomic(txt, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}); !w) {
      spdlog::warn("{}", w.error().message);
    }
    if (!request.audioOut.empty()) {
      if (auto w = writeNarrationWav(tour.director().spokenCues(), videoSec, request.audioOut); !w) {
        spdlog::error("narration audio: {}", w.error().message);
        code = kExitBadInput;
      } else {
        spdlog::info("narration mix: {} ({:.2f} s)", request.audioOut, videoSec);
      }
    }
    spdlog::info("{} frames in {}/ ({:.1f} s of tour) in {:.1f} s", written, request.outDir, videoSec,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  viewer->renderer.reset();
  std::uint32_t errors = viewer->device->validationErrorCount();
  viewer->device.reset();
  if (errors > 0) {
    spdlog::error("the Vulkan validation layer reported {} error(s); see the messages above", errors);
    return kExitValidation;
  }
  return code;
}

}  // namespace sc::app
