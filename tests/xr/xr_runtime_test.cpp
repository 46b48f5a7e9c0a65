// The XR face against a real OpenXR runtime: Monado (tools/build-monado.sh) with its null
// compositor and simulated HMD, the Khronos core validation layer, Vulkan validation, lavapipe.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "core/image_io.hpp"
#include "monado_env.hpp"
#include "xr/xr_command.hpp"
#include "xr/xr_internal.hpp"
#include "xr/xr_system.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;

TEST(XrRuntime, NoRuntimeIsAClearErrorAndFallsBack) {
  setenv("XR_RUNTIME_JSON", "/nonexistent/openxr_runtime.json", 1);
  unsetenv("XR_ENABLE_API_LAYERS");
  xr::Availability why = xr::Availability::Available;
  auto system = xr::System::create({}, &why);
  ASSERT_FALSE(system.ok());
  EXPECT_EQ(why, xr::Availability::NoRuntime) << system.error().message;
  EXPECT_NE(system.error().message.find("no OpenXR runtime"), std::string::npos) << system.error().message;

  xr::XrRequest request;
  request.loadContent = builtinContent;
  request.desktopFallback = [] { return 42; };
  EXPECT_EQ(xr::runXr(request), 42);
  request.noFallback = true;
  EXPECT_EQ(xr::runXr(request), xr::kXrExitNoXr);
}

// Positive control for the validation checks below: with the same settings, the core validation
// layer is loaded, catches an invalid call and writes it to its log file.
TEST(XrRuntime, CoreValidationLayerIsActive) {
  std::string json = monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh";
  ASSERT_TRUE(coreValidationInstalled())
      << "the OpenXR core validation layer is missing: apt-get install openxr-layer-corevalidation";
  fs::path log = fs::temp_directory_path() / fmt::format("sc_xr_layer_{}.txt", ::getpid());
  fs::remove(log);
  useMonado(json, log);
  auto system = xr::System::create({});
  ASSERT_TRUE(system.ok()) << system.error().message;
  auto& impl = (*system)->impl();
  EXPECT_EQ(xrGetSystemProperties(impl.instance, impl.systemId, nullptr), XR_ERROR_VALIDATION_FAILURE);
  system->reset();
  ValidationLog found = readValidationLog(log);
  EXPECT_FALSE(found.errors.empty()) << "the core validation layer reported nothing to " << log;
  fs::remove(log);
}

TEST(XrRuntime, MonadoTourReachesFocusedRendersBothEyesAndRestarts) {
  std::string json = monadoJson();
  if (json.empty()) {
    GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh (about 4 minutes), "
                    "or set SC_MONADO_JSON to an openxr_monado-dev.json";
  }
  ASSERT_TRUE(coreValidationInstalled())
      << "the OpenXR core validation layer is missing: apt-get install openxr-layer-corevalidation";
  fs::path dir = freshDir("tour");
  fs::path validationFile = dir / "core_validation.txt";
  useMonado(json, validationFile);

  xr::XrRequest request = quickRequest(100);
  request.sessions = 2;
  request.readbackDir = dir.string();
  if (const char* frames = std::getenv("SC_XR_TEST_FRAMES")) request.frames = std::uint32_t(std::atoi(frames));
  request.readbackFrame = request.frames / 2;
  xr::Availability why = xr::Availability::Failed;
  auto run = xr::runXrSession(request, &why);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(why, xr::Availability::Available);
  std::printf("runtime %s, system %s, %ux%u per eye, space %s, %s swapchains\n", run->runtime.c_str(),
              run->system.c_str(), run->width, run->height, run->space.c_str(),
              run->arraySwapchain ? "array" : "per-eye");

  // Lifecycle: both sessions reached FOCUSED, began once, submitted >= 100 frames; the second
  // session is the "ended and begun again" one.
  ASSERT_EQ(run->sessions.size(), 2u);
  EXPECT_EQ(run->sessionLosses, 0u);
  for (std::size_t i = 0; i < run->sessions.size(); ++i) {
    const auto& s = run->sessions[i];
    double fps = s.seconds > 0 ? double(s.framesEnded - 1) / s.seconds : 0.0;
    std::printf("session %zu: %s, %llu submitted, %llu ended, %.2f s, %.2f fps, period %.1f ms, CPU %.2f ms mean "
                "%.2f max, recording %.2f ms\n",
                i, xr::sessionStateName(s.highestState), (unsigned long long)s.framesSubmitted,
                (unsigned long long)s.framesEnded, s.seconds, fps, s.displayPeriodMs, s.cpuMsMean, s.cpuMsMax,
                s.recordMsMean);
    EXPECT_EQ(s.highestState, xr::SessionState::Focused) << "session " << i;
    EXPECT_EQ(s.timesBegun, 1u) << "session " << i;
    EXPECT_GE(s.framesSubmitted, request.frames) << "session " << i;
    EXPECT_FALSE(s.lost);
    EXPECT_GT(s.displayPeriodMs, 0.0);
    // Depth (Monado offers XR_KHR_composition_layer_depth): every projection layer carried the
    // eyes' depth, and the read-back depth is the scene's (some sky at 1, geometry nearer).
    std::printf("session %zu: %llu frames with depth, %llu with the panel; depth covers %.3f, nearest %.4f\n", i,
                (unsigned long long)s.framesWithDepth, (unsigned long long)s.framesWithPanel, s.depthCoveredShare,
                s.depthMin);
    EXPECT_EQ(s.framesWithDepth, s.framesSubmitted) << "session " << i;
    EXPECT_GT(s.depthCoveredShare, 0.2) << "session " << i;
    EXPECT_LT(s.depthCoveredShare, 1.0) << "session " << i;  // the sky is at the far plane
    EXPECT_GT(s.depthMin, 0.0f);
    EXPECT_LT(s.depthMin, 0.999f);
    // The UI panel (quad layer) went with every frame that showed anything.
    EXPECT_EQ(s.framesWithPanel, s.framesSubmitted) << "session " << i;
  }
  EXPECT_TRUE(run->depthOffered);

  // Input: every profile whose extension the runtime offers had its bindings accepted, and the
  // core ones a tourist is most likely to hold are among them.
  std::set<std::string> accepted;
  for (const auto& b : run->bindings) {
    std::printf("binding %s: %s\n", b.profile.c_str(), b.result.c_str());
    if (b.offered) {
      EXPECT_TRUE(b.accepted) << b.profile << ": " << b.result;
    }
    if (b.accepted) accepted.insert(b.profile);
  }
  for (const char* profile : {"/interaction_profiles/khr/simple_controller", "/interaction_profiles/oculus/touch_controller",
                              "/interaction_profiles/valve/index_controller", "/interaction_profiles/htc/vive_controller"}) {
    EXPECT_TRUE(accepted.count(profile)) << profile;
  }

  // Both eyes of both sessions were read back: the scene is there (many colours, not one
  // cleared or constant image) and the eyes differ slightly (parallax), not wholly.
  auto lefts = filesEndingIn(run->readbackFiles, "-left.png");
  auto rights = filesEndingIn(run->readbackFiles, "-right.png");
  auto panels = filesEndingIn(run->readbackFiles, "-panel.png");
  ASSERT_EQ(lefts.size(), 2u);
  ASSERT_EQ(rights.size(), 2u);
  // The panel drawn through engine/ui (Renderer::renderOverlayNow into the quad layer's
  // swapchain): the title "山城 Shancheng" in white on a translucent dark card.
  ASSERT_EQ(panels.size(), 2u);
  for (const auto& file : panels) {
    auto panel = readPng(file);
    ASSERT_TRUE(panel.ok());
    std::size_t text = 0, card = 0;
    for (std::size_t i = 0; i < panel->pixels.size(); i += 4) {
      if (panel->pixels[i] > 150 && panel->pixels[i + 3] > 200) ++text;
      // The card: alpha 0.75, colour 0.02 linear (about 39 in sRGB) premultiplied.
      if (panel->pixels[i] < 60 && std::abs(int(panel->pixels[i + 3]) - 191) <= 2) ++card;
    }
    std::size_t pixels = panel->pixels.size() / 4;
    std::printf("%s: %zu text pixels, %zu card pixels of %zu\n", file.c_str(), text, card, pixels);
    EXPECT_GT(text, pixels / 100) << file;
    EXPECT_LT(text, pixels / 3) << file;
    EXPECT_GT(card, pixels / 2) << file;
  }
  for (std::size_t session = 0; session < 2; ++session) {
    auto left = readPng(lefts[session]);
    auto right = readPng(rights[session]);
    ASSERT_TRUE(left.ok() && right.ok());
    ASSERT_EQ(left->width, run->width);
    ASSERT_EQ(right->height, run->height);
    for (const auto* eye : {&*left, &*right}) {
      ImageFacts facts = describe(*eye);
      EXPECT_GT(facts.colours, 200u) << "session " << session;
      EXPECT_GT(facts.variedShare, 0.2) << "session " << session;
    }
    double difference = meanAbsDifference(*left, *right);
    std::printf("session %zu: eyes differ by %.2f per channel on average\n", session, difference);
    EXPECT_GT(difference, 0.5);
    EXPECT_LT(difference, 40.0);
  }

  EXPECT_EQ(run->vulkanValidationErrors, 0u);
  EXPECT_EQ(run->xrValidationErrors, 0u);
  // The layer writes its log only when it has something to say (CoreValidationLayerIsActive
  // proves it is loaded and reports there).
  ValidationLog log = readValidationLog(validationFile);
  for (const auto& e : log.errors) ADD_FAILURE() << "OpenXR core validation: " << e;
  std::printf("OpenXR core validation: %zu errors, %zu known 1.0.20 layer false positives\n", log.errors.size(),
              log.whitelisted);
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
