// What Monado's null compositor offers, and the features built on it: panorama (equirect2) and
// UI panel (quad) layers, the AR companion's blend-mode choice, loss of the session or the
// instance (torn down and made again after a wait). Core validation and Vulkan validation on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "monado_env.hpp"
#include "xr/xr_command.hpp"
#include "xr/xr_system.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;

// Skips without Monado; otherwise points the loader at it with core validation logging to a
// fresh folder's file.
#define SC_NEED_MONADO(dirName)                                                                  \
  std::string json = monadoJson();                                                               \
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh"; \
  ASSERT_TRUE(coreValidationInstalled()) << "apt-get install openxr-layer-corevalidation";      \
  fs::path dir = freshDir(dirName);                                                              \
  fs::path validationFile = dir / "core_validation.txt";                                         \
  useMonado(json, validationFile)

void expectNoValidationErrors(const xr::XrRunReport& run, const fs::path& validationFile) {
  EXPECT_EQ(run.vulkanValidationErrors, 0u);
  EXPECT_EQ(run.xrValidationErrors, 0u);
  for (const auto& e : readValidationLog(validationFile).errors) ADD_FAILURE() << "OpenXR core validation: " << e;
}

// A 2:1 equirect test panorama: hue around the horizon, bright sky above, dark ground below.
ImageRgba8 testPanorama(std::uint32_t width) {
  ImageRgba8 image;
  image.width = width;
  image.height = width / 2;
  image.pixels.resize(std::size_t(image.width) * image.height * 4);
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      std::uint8_t* p = image.at(x, y);
      float u = float(x) / float(image.width), v = float(y) / float(image.height);
      p[0] = std::uint8_t(127.5f + 127.5f * std::cos(6.2832f * u));
      p[1] = std::uint8_t(v < 0.5f ? 200 : 60);
      p[2] = std::uint8_t(127.5f + 127.5f * std::sin(6.2832f * u));
      p[3] = 255;
    }
  }
  return image;
}

// Records what the runtime offers (docs/XR.md states it) and checks the parts the features
// rely on, so a different Monado build is noticed here first.
TEST(XrFeatures, MonadoOffersDepthEquirect2RefreshRateAndOnlyOpaque) {
  SC_NEED_MONADO("offers");
  auto system = xr::System::create({});
  ASSERT_TRUE(system.ok()) << system.error().message;
  std::printf("runtime %s, system %s, %ux%u per eye recommended\n", (*system)->runtimeName().c_str(),
              (*system)->systemName().c_str(), (*system)->recommendedWidth(), (*system)->recommendedHeight());
  EXPECT_TRUE((*system)->extensionEnabled("XR_KHR_composition_layer_depth"));
  EXPECT_TRUE((*system)->extensionEnabled("XR_KHR_composition_layer_equirect2"));
  EXPECT_TRUE((*system)->extensionEnabled("XR_FB_display_refresh_rate"));
  EXPECT_EQ((*system)->viewCount(), 2u);
  std::vector<xr::BlendMode> modes = (*system)->blendModes();
  for (auto m : modes) std::printf("environment blend mode: %s\n", xr::blendModeName(m));
  ASSERT_EQ(modes.size(), 1u);
  EXPECT_EQ(modes[0], xr::BlendMode::Opaque);
}

// The multisampled path of the depth layer: sample 0 of the 4x depth is resolved into the
// depth swapchain (the single-sample path is checked by the 100-frame tour test).
TEST(XrFeatures, DepthLayerFromMultisampledRendering) {
  SC_NEED_MONADO("msaadepth");
  xr::XrRequest request = quickRequest(5);
  request.msaa = 4;
  request.readbackDir = dir.string();
  request.readbackFrame = 3;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  ASSERT_EQ(run->sessions.size(), 1u);
  const auto& s = run->sessions[0];
  std::printf("4x MSAA: %llu frames with depth of %llu; depth covers %.3f, nearest %.4f\n",
              (unsigned long long)s.framesWithDepth, (unsigned long long)s.framesSubmitted, s.depthCoveredShare,
              s.depthMin);
  EXPECT_EQ(s.framesWithDepth, s.framesSubmitted);
  EXPECT_GT(s.depthCoveredShare, 0.2);
  EXPECT_LT(s.depthCoveredShare, 1.0);
  EXPECT_GT(s.depthMin, 0.0f);
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

TEST(XrFeatures, PanoramaAndPanelLayersAreSubmitted) {
  SC_NEED_MONADO("layers");
  fs::path panorama = dir / "panorama.png";
  ASSERT_TRUE(writePng(panorama, testPanorama(256)).ok());
  xr::XrRequest request = quickRequest(20);
  request.panoramaFile = panorama.string();
  request.panoramaFromFrame = 5;
  request.panoramaFrames = 8;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  ASSERT_EQ(run->sessions.size(), 1u);
  const auto& s = run->sessions[0];
  std::printf("%llu ended, %llu submitted, %llu with panorama, %llu with panel\n", (unsigned long long)s.framesEnded,
              (unsigned long long)s.framesSubmitted, (unsigned long long)s.framesWithPanorama,
              (unsigned long long)s.framesWithPanel);
  EXPECT_TRUE(run->equirect2Offered);
  // Frames 5..12 showed the panorama instead of the eyes (the visitor stands inside it; a
  // frame the runtime says not to render shows nothing) ...
  EXPECT_GE(s.framesWithPanorama, 6u);
  EXPECT_LE(s.framesWithPanorama, 8u);
  EXPECT_GE(s.framesEnded, s.framesSubmitted + s.framesWithPanorama);
  // ... and the panel went with every frame that showed anything.
  EXPECT_EQ(s.framesWithPanel, s.framesSubmitted + s.framesWithPanorama);
  EXPECT_GE(s.framesSubmitted, 20u);
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

// Mean of one channel over a band of rows (fractions of the height).
double bandMean(const ImageRgba8& image, int channel, float from, float to) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::uint32_t y = std::uint32_t(from * image.height); y < std::uint32_t(to * image.height); ++y)
    for (std::uint32_t x = 0; x < image.width; ++x, ++n) sum += image.at(x, y)[channel];
  return n ? sum / double(n) : 0.0;
}

// The fallback where equirect2 is missing (forced here: Monado offers it): the renderer draws
// the panorama on a sphere around the eyes, the landmarks hidden. The read-back eye must show
// the test panorama: bright green sky band above, dark below, red/blue hue changing across.
TEST(XrFeatures, PanoramaSphereFallbackIsDrawnAroundTheEyes) {
  SC_NEED_MONADO("panosphere");
  fs::path panorama = dir / "panorama.png";
  ASSERT_TRUE(writePng(panorama, testPanorama(512)).ok());
  xr::XrRequest request = quickRequest(8);
  request.panoramaFile = panorama.string();
  request.panoramaAsSphere = true;
  request.readbackDir = dir.string();
  request.readbackFrame = 6;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto& s = run->sessions.at(0);
  EXPECT_EQ(s.framesWithPanorama, 0u);  // not through the compositor
  EXPECT_GE(s.framesWithPanoramaSphere, s.framesSubmitted);
  std::vector<std::string> eyes = filesEndingIn(run->readbackFiles, "-left.png");
  for (const auto& f : filesEndingIn(run->readbackFiles, "-right.png")) eyes.push_back(f);
  ASSERT_EQ(eyes.size(), 2u);
  for (const auto& file : eyes) {
    auto eye = readPng(file);
    ASSERT_TRUE(eye.ok());
    double top = bandMean(*eye, 1, 0.0f, 0.3f), bottom = bandMean(*eye, 1, 0.7f, 1.0f);
    std::uint8_t lo = 255, hi = 0;
    for (std::uint32_t x = 0; x < eye->width; ++x) {
      std::uint8_t red = eye->at(x, eye->height / 2)[0];
      lo = std::min(lo, red);
      hi = std::max(hi, red);
    }
    std::printf("%s: green top %.0f, bottom %.0f; red across the middle row %u..%u\n", file.c_str(), top, bottom, lo, hi);
    EXPECT_GT(top - bottom, 60.0) << file;
    EXPECT_GT(int(hi) - int(lo), 20) << file;
  }
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

TEST(XrFeatures, PanoramaFileMustBeEquirect) {
  fs::path dir = freshDir("badpano");
  ImageRgba8 square = testPanorama(64);
  square.height = 64;
  square.pixels.resize(64 * 64 * 4, 255);
  ASSERT_TRUE(writePng(dir / "square.png", square).ok());
  xr::XrRequest request = quickRequest(1);
  request.panoramaFile = (dir / "square.png").string();
  auto run = xr::runXrSession(request);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().message.find("twice as wide as high"), std::string::npos) << run.error().message;
  cleanUp(dir);
}

// Monado's null compositor offers only OPAQUE: asking for the AR companion gives one clear
// message and the full VR tour (landmarks drawn); the AR branch itself is unit-tested
// (blend_mode_test.cpp).
TEST(XrFeatures, ArCompanionFallsBackToOpaqueWhenNotOffered) {
  SC_NEED_MONADO("ar");
  xr::XrRequest request = quickRequest(6);
  request.ar = true;
  request.readbackDir = dir.string();
  request.readbackFrame = 4;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  std::printf("%s\n", run->blendMessage.c_str());
  EXPECT_EQ(run->blendMode, "opaque");
  EXPECT_NE(run->blendMessage.find("no see-through blending"), std::string::npos);
  auto lefts = filesEndingIn(run->readbackFiles, "-left.png");
  ASSERT_EQ(lefts.size(), 1u);
  auto left = readPng(lefts[0]);
  ASSERT_TRUE(left.ok());
  EXPECT_GT(describe(*left).colours, 200u);  // the landmark is drawn in the VR fallback
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

TEST(XrFeatures, LostSessionIsMadeAgainAfterAWait) {
  SC_NEED_MONADO("sessionloss");
  xr::XrRequest request = quickRequest(12);
  request.simulateSessionLossAtFrame = 5;
  request.sessionRetrySeconds = 0.5;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->sessionLosses, 1u);
  EXPECT_EQ(run->instanceLosses, 0u);
  ASSERT_EQ(run->sessions.size(), 2u);
  EXPECT_TRUE(run->sessions[0].lost);
  EXPECT_GE(run->sessions[0].framesSubmitted, 5u);
  EXPECT_FALSE(run->sessions[1].lost);
  EXPECT_EQ(run->sessions[1].highestState, xr::SessionState::Focused);
  EXPECT_GE(run->sessions[1].framesSubmitted, 12u);
  EXPECT_GE(run->sessions[1].retryWaitSeconds, 0.45);  // waited, did not spin
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

TEST(XrFeatures, LostInstanceIsMadeAgainWithDeviceAndRenderer) {
  SC_NEED_MONADO("instanceloss");
  xr::XrRequest request = quickRequest(8);
  request.simulateInstanceLossAtFrame = 4;
  request.sessionRetrySeconds = 0.5;
  int starts = 0, stops = 0;
  request.hooks.onStart = [&](render::Renderer&) {
    ++starts;
    return okStatus();
  };
  request.hooks.onStop = [&] { ++stops; };
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->instanceLosses, 1u);
  ASSERT_EQ(run->sessions.size(), 2u);
  EXPECT_TRUE(run->sessions[0].instanceLost);
  EXPECT_GE(run->sessions[1].retryWaitSeconds, 0.45);  // waited, did not spin
  EXPECT_EQ(run->sessions[1].highestState, xr::SessionState::Focused);
  EXPECT_GE(run->sessions[1].framesSubmitted, 8u);
  EXPECT_EQ(starts, 2);  // the app's hooks saw the renderer go and come back
  EXPECT_EQ(stops, 2);
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
