#pragma once
// `shancheng soak`: a kiosk's day in fast motion, headless. One device, renderer, offscreen
// target and touch UI for the whole run (as the kiosk keeps them); the scenes are shown in turn:
// load, upload, the guided tour with its guide, speech (espeak-ng, synthesised in the
// background as in the kiosk) and the UI overlay (controls, card, subtitles), a visitor reset
// half-way (the tour made again from a later stop), then the scene is removed and the next one
// loaded. Memory is sampled every --sample-every and between two scenes (nothing loaded).
//
// Checks, each a non-zero exit (kExitSoakFailed) with a message saying what failed:
//  - growth: least-squares slope of RSS (VmRSS) and of GPU memory in use (Device::memoryStats)
//    over the samples after the warm-up must stay under --max-growth MB per 10 minutes. The
//    fit uses the between-scene samples (same state each time: no scene loaded) when there are
//    at least 3 after the warm-up, else every sample after it. The warm-up ends after --warmup
//    AND after the first round through the scenes (first visits fill caches: pipelines,
//    samplers, glyphs). Too few samples after it is a failure too (run longer).
//  - live objects: once the scene, tour, UI, target and renderer are gone and before the device
//    is destroyed, Device::liveObjects() must report no buffer, texture, pipeline or bind group
//    (the kinds named in the message); the device-owned caches (samplers, bind group layouts)
//    must not have grown after the warm-up.
//  - validation errors (with --validation) and render failures.
// Output: samples as CSV (--out FILE.csv) or JSON (any other name, with the summary), and one
// summary line "soak: ..." on stdout.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace sc::app {

inline constexpr int kExitSoakFailed = 7;

struct SoakRequest {
  std::string duration = "30m";     // parseDuration forms: 90, 90s, 2.5m, 1h
  std::string sampleEvery = "60s";
  std::string warmup;               // empty: 5 min, at most 30% of the duration
  std::string sceneTime = "45s";    // how long each scene is shown (loading not counted)
  std::string scenes;               // comma-separated; empty: every <contentDir>/*/ scene with a tour + builtin:default
  std::string contentDir = "scenes";
  std::string size = "320x180";
  std::string out;                  // samples file (.csv: CSV, else JSON); empty: none
  std::string screenshotDir;        // one PNG per scene of the first round (to look at)
  std::string gpu;
  std::uint32_t msaa = 1;
  double fps = 10.0;                // frames per second at most (the rest of the time sleeps)
  double maxGrowthMb = 1.0;         // per 10 minutes, RSS and GPU each
  bool validation = false;
  bool speech = true;
  bool audio = false;               // narration through OpenAL (a sound device)
  bool testLeak = false;            // hidden: leave one buffer alive to prove the live-object check
  // --xr: XR sessions begun and ended under the active OpenXR runtime instead (app/soak_xr.hpp).
  bool xr = false;
  std::uint32_t sessions = 0;           // 0: as many as --duration allows
  std::uint32_t framesPerSession = 60;
};

int runSoak(const SoakRequest& request);
#ifdef SC_HAVE_XR
int runSoakXr(const SoakRequest& request);  // app/soak_xr.cpp (the executable, with sc_xr)
#endif

// Registers `soak` on a CLI11 app (a template so that only main.cpp sees CLI11); the returned
// function runs it with the parsed options.
template <typename CliApp>
std::function<int()> addSoakCommand(CliApp& app) {
  auto r = std::make_shared<SoakRequest>();
  auto* cmd = app.add_subcommand("soak", "Kiosk endurance run, headless: tours and scene switches, memory growth and leak checks");
  cmd->add_option("--duration", r->duration, "How long: 90s, 10m, 1h")->capture_default_str();
  cmd->add_option("--sample-every", r->sampleEvery, "Memory sample period")->capture_default_str();
  cmd->add_option("--warmup", r->warmup, "Not judged before this (default 5m, at most 30% of --duration)");
  cmd->add_option("--scene-time", r->sceneTime, "Time on each scene before switching")->capture_default_str();
  cmd->add_option("--scenes", r->scenes, "Comma-separated scene files / builtin:default (default: every scene with a tour + builtin:default)");
  cmd->add_option("--content-dir", r->contentDir, "Folder of landmark scenes for the default list")->capture_default_str();
  cmd->add_option("--size", r->size, "Render size WxH")->capture_default_str();
  cmd->add_option("--out", r->out, "Samples: FILE.csv (CSV) or FILE.json (JSON with the summary)");
  cmd->add_option("--screenshot-dir", r->screenshotDir, "One PNG per scene of the first round");
  cmd->add_option("--gpu", r->gpu, "Vulkan device: index or part of its name");
  cmd->add_option("--msaa", r->msaa, "Samples per pixel")->capture_default_str();
  cmd->add_option("--fps", r->fps, "Frames per second at most")->capture_default_str();
  cmd->add_option("--max-growth", r->maxGrowthMb, "Allowed growth, MB per 10 minutes (RSS and GPU each)")->capture_default_str();
  cmd->add_flag("--validation,!--no-validation", r->validation, "Vulkan validation layer (default off)");
  cmd->add_flag("!--no-speech", r->speech, "Silent narrations (no espeak-ng)");
  cmd->add_flag("--audio", r->audio, "Play narrations on the default sound device");
  cmd->add_flag("--test-leak", r->testLeak)->group("");
  cmd->add_flag("--xr", r->xr, "XR session begin/end cycles under the OpenXR runtime (first of --scenes; --size: eye width)");
  cmd->add_option("--sessions", r->sessions, "--xr: this many sessions (default: until --duration)");
  cmd->add_option("--frames-per-session", r->framesPerSession, "--xr: frames submitted per session")->capture_default_str();
#ifdef SC_HAVE_XR
  return [r] { return r->xr ? runSoakXr(*r) : runSoak(*r); };
#else
  return [r] { return runSoak(*r); };
#endif
}

}  // namespace sc::app
