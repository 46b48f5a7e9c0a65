// shancheng: one executable, several faces (docs/ARCHITECTURE.md).
#include <cstdlib>
#include <cstring>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/cook_command.hpp"
#include "app/guided_tour.hpp"
#include "app/preview_cli.hpp"
#include "app/kiosk_mode.hpp"
#include "app/render_command.hpp"
#include "app/soak_command.hpp"
#include "app/scene_content.hpp"
#include "app/tour_render.hpp"
#include "app/validate_command.hpp"
#include "app/window_tour.hpp"
#include "core/file_io.hpp"
#include "core/log.hpp"
#include "scene/scene_loader.hpp"
#include "core/version.hpp"
#include "gpu/device.hpp"
#ifdef SC_HAVE_XR
#include "app/xr_face.hpp"
#include "xr/xr_command.hpp"
#endif

namespace {

bool validationByDefault() {
  if (const char* env = std::getenv("SC_VALIDATION")) return std::strcmp(env, "0") != 0;
#ifdef SC_VALIDATION_DEFAULT
  return true;
#else
  return false;
#endif
}

bool parseSize(const std::string& text, std::uint32_t& width, std::uint32_t& height) {
  unsigned w = 0, h = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%ux%u%c", &w, &h, &extra) != 2) return false;
  width = w;
  height = h;
  return true;
}

int listGpus() {
  auto devices = sc::gpu::Device::listDevices();
  if (!devices) {
    spdlog::error("{}", devices.error().message);
    return sc::app::kExitNoGpu;
  }
  for (const auto& d : *devices) {
    std::printf("%u: %s (%s, Vulkan %s)\n", d.index, d.name.c_str(), d.type.c_str(), d.apiVersion.c_str());
  }
  if (devices->empty()) {
    spdlog::error("no Vulkan device found; install your GPU's Vulkan driver or mesa-vulkan-drivers");
    return sc::app::kExitNoGpu;
  }
  return sc::app::kExitOk;
}

}  // namespace

// The guided tour without a display (engine/app/tour_render.hpp): a few stills per stop with the
// guide walking, gesturing and speaking, subtitles drawn in, the narration in tour.wav and
// tour.txt beside them. 960x540 unless --size was given, one sample per pixel on a CPU.
int runGuidedTourHeadless(const sc::app::RenderRequest& base, const std::string& scenePath, const std::string& outDir) {
  sc::app::TourRenderRequest request;
  request.render = base;
  request.render.input = scenePath;
  if (base.width == 1280 && base.height == 720) request.render.width = 960, request.render.height = 540;
  request.outDir = outDir;
  request.audioOut = outDir + "/tour.wav";
  request.keyMomentsOnly = true;
  return sc::app::runTourRender(request);
}

// The tour without a display: the guided tour's key moments (runGuidedTourHeadless). A scene
// without tours, or builtin:default, gives its spawn view at four times of day.
int runHeadlessTour(const sc::app::RenderRequest& base, const std::string& scenePath, const std::string& outDir) {
  spdlog::info("no display: rendering the tour of {} headless into {}/", scenePath, outDir);
  std::vector<std::pair<std::string, std::string>> frames;  // (time of day, output name)
  if (sc::app::isSceneFile(scenePath)) {
    sc::scene::ValidationReport report;
    auto content = sc::scene::loadSceneDocument(scenePath, {}, report);
    if (!content) {
      std::fputs(report.format().c_str(), stderr);
      spdlog::error("{}", content.error().message);
      return sc::app::kExitBadInput;
    }
    // A scene with a tour gets the guided tour; one without shows its spawn view (below).
    if (!content->doc.tours.empty()) return runGuidedTourHeadless(base, scenePath, outDir);
  }
  for (const char* time : {"dawn", "noon", "dusk", "night"}) frames.emplace_back(time, std::string(time) + ".png");
  sc::app::RenderRequest request = base;
  request.input = scenePath;
  for (const auto& [time, file] : frames) request.shots.push_back({"", time, outDir + "/" + file});
  return sc::app::runRender(request);
}

int main(int argc, char** argv) {
  CLI::App app{"shancheng (山城): guided 3D tours of Chongqing's landmarks"};
  app.footer(
      "Exit codes: 0 ok, 1 bad input (missing or invalid file), 2 wrong arguments, 3 no usable "
      "Vulkan device, 4 Vulkan validation errors, 5 no OpenXR runtime (xr --no-fallback), 6 the GPU was lost "
      "(kiosk: restart it), 7 soak check failed, 8 the OpenXR runtime went away and did not come back.\nRun 'shancheng COMMAND --help' for a command's options.");
  app.set_version_flag("--version", std::string("shancheng ") + sc::kVersion);
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output");
  app.add_flag("-q,--quiet", quiet, "Only warnings and errors");

  sc::app::RenderRequest render;
  render.validation = validationByDefault();
  std::string size = "1280x720";
  auto addRenderOptions = [&](CLI::App* cmd) {
    cmd->add_option("--size", size, "Image size WxH")->capture_default_str();
    cmd->add_option("--time-of-day", render.timeOfDay, "HH:MM, or dawn/noon/dusk/night (default: the scene's, else 15:30)");
    cmd->add_option("--gpu", render.gpu, "Vulkan device: index or part of its name (see list-gpus)");
    cmd->add_option("--msaa", render.msaa, "Samples per pixel: 1 or 4 (default: 4 on a GPU, 1 on a CPU rasteriser)");
    cmd->add_option("--quality", render.quality, "Quality preset: low, medium (default) or high (docs/CLIENT.md)")->check(CLI::IsMember({"low", "medium", "high"}));
    cmd->add_option("--tonemap", render.toneMapper, "aces or neutral (Khronos PBR Neutral)")->capture_default_str();
    cmd->add_option("--exposure", render.exposure, "Exposure multiplier")->capture_default_str();
    cmd->add_flag("--validation,!--no-validation", render.validation, "Vulkan validation layer on/off");
  };

  CLI::App* renderCmd = app.add_subcommand("render", "Render a model or scene to a PNG, headless");
  renderCmd->add_option("input", render.input, "Scene file (*.scene.json), model file (glTF/GLB, FBX, OBJ, Collada, ...) or builtin:default")
      ->capture_default_str();
  renderCmd->add_option("--camera", render.camera, "eye,target[,up] as comma-separated numbers");
  renderCmd->add_option("--poi", render.poi, "Point of interest id (scene files)");
  renderCmd->add_option("--views", render.views, "1 (mono) or 2 (stereo, side by side)")->capture_default_str();
  renderCmd->add_option("--out", render.out, "Output PNG")->capture_default_str();
  renderCmd->add_option("--background", render.background, "sky, or transparent (no sky: a PNG with alpha)")->capture_default_str();
  addRenderOptions(renderCmd);
  sc::app::TourRenderRequest tourRender;  // render --tour (engine/app/tour_render.hpp)
  bool renderTour = false;
  renderCmd->add_flag("--tour", renderTour, "Render the scene's guided tour: numbered PNG frames into --out DIR (default out/tour)");
  renderCmd->add_option("--seconds", tourRender.seconds, "Tour: video length in seconds (0 = the whole tour)");
  renderCmd->add_option("--fps", tourRender.fps, "Tour: frames per second")->capture_default_str();
  renderCmd->add_option("--lang", tourRender.language, "Tour: zh, en or both (subtitles; zh is spoken for both)")->capture_default_str();
  renderCmd->add_option("--audio-out", tourRender.audioOut, "Tour: the narration mix as a WAV file");

  std::string tourOut = "out/tour";
  std::string tourScene = "scenes/hongyadong/hongyadong.scene.json";
  CLI::App* tourCmd = app.add_subcommand("tour", "The guided tour (the default command)");
  tourCmd->add_option("scene", tourScene, "Scene file (*.scene.json) or builtin:default")->capture_default_str();
  tourCmd->add_option("--out", tourOut, "Folder for the headless tour's frames")->capture_default_str();
  addRenderOptions(tourCmd);
  sc::app::WindowTourRequest windowTour;
  std::vector<std::string> screenshotAfter;
  bool headless = false, noVsync = false;
  tourCmd->add_flag("--headless", headless, "Render the tour's stops to PNGs even when a display is there");
  tourCmd->add_option("--screenshot-after", screenshotAfter, "N FILE: write FILE after N frames and exit (window)")
      ->expected(2);
  tourCmd->add_option("--screenshot-dir", windowTour.screenshotDir, "Folder for F12 screenshots")->capture_default_str();
  tourCmd->add_option("--frames", windowTour.frames, "Exit after N frames (window; 0 = until closed)");
  tourCmd->add_option("--stop", windowTour.startStop, "Tour stop shown first (1-based)");
  tourCmd->add_flag("--no-vsync", noVsync, "Present without waiting for the display (V toggles)");
  tourCmd->add_flag("--fullscreen", windowTour.fullscreen, "Fullscreen on the primary monitor (F11 toggles)");
  bool noUi = false;
  tourCmd->add_flag("--no-ui", noUi, "No on-screen UI in the window (keys and clicks still work)");
  tourCmd->add_flag("!--no-guide", windowTour.guide, "No digital-human guide in the window");
  tourCmd->add_flag("!--no-audio", windowTour.audio, "No narration audio (subtitles only)");

  sc::app::KioskRequest kiosk;
  CLI::App* kioskCmd = app.add_subcommand("kiosk", "The unattended museum kiosk: fullscreen, attract loop, admin exit (docs/CLIENT.md)");
  kioskCmd->add_option("--config", kiosk.configFile, "Kiosk configuration (TOML; default assets/kiosk/kiosk.toml)");
  kioskCmd->add_option("--scene", kiosk.scene, "Landmark scene file (overrides the config's)");
  kioskCmd->add_flag("--windowed", kiosk.windowed, "A --size window instead of fullscreen (testing)");
  kioskCmd->add_option("--idle-seconds", kiosk.idleSeconds, "Override the config's idle_seconds");
  kioskCmd->add_option("--attract-after", kiosk.attractAfterSeconds, "Override the config's attract_after_seconds");
  kioskCmd->add_option("--screenshot-dir", kiosk.screenshotDir, "Screenshots at each attract / reset into this folder (tests)");
  kioskCmd->add_flag("!--no-audio", kiosk.audio, "No narration audio (subtitles only)");
  kioskCmd->add_option("--test-device-loss-after", kiosk.testDeviceLossAfter)->group("");
  kioskCmd->add_option("--test-render-error-after", kiosk.testRenderErrorAfter)->group("");
  addRenderOptions(kioskCmd);

  sc::app::CookRequest cook;
  std::string cookScenePath, cookCacheDir;
  CLI::App* cookCmd = app.add_subcommand("cook", "Import a scene's models into the cooked cache ahead of time");
  cookCmd->add_option("scene", cookScenePath, "Scene file (*.scene.json)")->required();
  cookCmd->add_option("--cache-dir", cookCacheDir, "Cache folder (default ~/.cache/shancheng/cooked)");

  std::string validateScene, validateProfile = "quest2";
  CLI::App* validateCmd = app.add_subcommand("validate", "Check a scene file, its assets and its budgets");
  validateCmd->add_option("scene", validateScene, "Scene file (*.scene.json)")->required();
  validateCmd->add_option("--profile", validateProfile, "Budget profile: quest2 or desktop")->capture_default_str();
  auto runPreviewCommand = sc::app::addPreviewCommand(app, addRenderOptions);
  auto runSoakCommand = sc::app::addSoakCommand(app);

#ifdef SC_HAVE_XR
  sc::xr::XrRequest xr;
  xr.validation = validationByDefault();
  CLI::App* xrCmd = app.add_subcommand("xr", "The tour in an OpenXR headset (falls back to the desktop)");
  xrCmd->add_option("input", xr.input, "Scene file, model file or builtin:default")->capture_default_str();
  xrCmd->add_option("--frames", xr.frames, "Stop after N submitted frames (0 = until the session ends)");
  xrCmd->add_option("--readback-dir", xr.readbackDir, "Write both eyes of --readback-frame as PNGs here");
  xrCmd->add_option("--readback-frame", xr.readbackFrame)->capture_default_str();
  xrCmd->add_flag("--no-fallback", xr.noFallback, "Fail instead of showing the desktop tour");
  xrCmd->add_flag("--seated", xr.seated, "Seated mode");
  xrCmd->add_option("--eye-height", xr.eyeHeight, "Metres, local space only");
  xrCmd->add_option("--space", xr.space, "local-floor, stage or local")->capture_default_str();
  xrCmd->add_option("--msaa", xr.msaa)->capture_default_str();
  xrCmd->add_flag("--validation,!--no-validation", xr.validation, "Vulkan validation layer on/off");
  xrCmd->add_flag("--ar", xr.ar, "AR companion (guide and markers over the real place) where the headset sees through");
  xrCmd->add_flag("!--no-depth", xr.depthLayer, "Do not submit depth to the compositor");
  xrCmd->add_option("--panorama", xr.panoramaFile, "Stand inside this 360-degree equirect image (PNG/JPEG)");
  xrCmd->add_option("--refresh-rate", xr.refreshRateHz, "Display refresh rate in Hz where selectable (0 = highest)");
  xrCmd->add_option("--max-eye-width", xr.maxEyeWidth, "Eye images at most this wide (0 = runtime's choice)");
  xrCmd->add_option("--shadow-map-size", xr.shadowMapSize, "Pixels per shadow cascade")->capture_default_str();
#endif

  app.add_subcommand("list-gpus", "List the Vulkan devices and their indices");

  CLI11_PARSE(app, argc, argv);
  sc::initLogging(quiet ? sc::LogLevel::Quiet : verbose ? sc::LogLevel::Verbose : sc::LogLevel::Normal);

  if (!parseSize(size, render.width, render.height)) {
    spdlog::error("--size {}: write WIDTHxHEIGHT, e.g. 1280x720", size);
    return sc::app::kExitUsage;
  }
  if (app.got_subcommand("list-gpus")) return listGpus();
  if (app.got_subcommand("preview")) return runPreviewCommand(render);
  if (app.got_subcommand("soak")) return runSoakCommand();
  if (app.got_subcommand("render") && renderTour) {
    tourRender.render = render;
    tourRender.outDir = renderCmd->count("--out") > 0 ? render.out : "out/tour";
    return sc::app::runTourRender(tourRender);
  }
  if (app.got_subcommand("render")) return sc::app::runRender(render);
  if (app.got_subcommand("validate")) return sc::app::runValidate(validateScene, validateProfile);
  if (app.got_subcommand("kiosk")) {
    if (!sc::app::windowAvailable()) {
      spdlog::error("kiosk: no display to open a window on (is $DISPLAY set, and a Vulkan loader installed?)");
      return sc::app::kExitNoGpu;
    }
    kiosk.render = render;
    return sc::app::runKiosk(kiosk);
  }
  if (app.got_subcommand("cook")) {
    cook.scene = cookScenePath;
    cook.cacheDir = cookCacheDir;
    return sc::app::runCook(cook);
  }
#ifdef SC_HAVE_XR
  if (app.got_subcommand("xr")) {
    sc::app::XrFace face(xr.input);  // content, the guide and its panel UI (app/xr_face.hpp)
    face.wire(xr);
    xr.desktopFallback = [&] {
      spdlog::info("showing the tour on the desktop instead");
      return runHeadlessTour(render, xr.input, tourOut);
    };
    return sc::xr::runXr(xr);
  }
#endif

  // The tour opens a window where there is a display; without one it renders its stops headless.
  if (!headless && sc::app::windowAvailable()) {
    windowTour.render = render;
    windowTour.render.input = tourScene;
    windowTour.vsync = !noVsync;
    windowTour.ui = !noUi;
    if (!screenshotAfter.empty()) {
      try {
        windowTour.screenshotAfter = std::uint32_t(std::stoul(screenshotAfter[0]));
      } catch (const std::exception&) {
        spdlog::error("--screenshot-after {} {}: write a frame count, then a PNG file", screenshotAfter[0],
                      screenshotAfter[1]);
        return sc::app::kExitUsage;
      }
      windowTour.screenshotFile = screenshotAfter[1];
    }
    return sc::app::runWindowTour(windowTour);
  }
  return runHeadlessTour(render, tourScene, tourOut);
}

