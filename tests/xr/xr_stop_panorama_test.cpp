// XrTourHooks::panorama (a tour stop's POI panorama) under Monado: through the equirect2 layer
// under the eyes while the hook names a file, the eyes still rendered on top with a transparent
// background and their alpha blended (the landmarks hidden, the app's things in front), nothing
// of it before or after; the sphere where the layer is not used. Core and Vulkan validation on.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "monado_env.hpp"
#include "render/procedural_shapes.hpp"
#include "xr/xr_command.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::xrtest;

constexpr std::uint32_t kFirstCall = 5, kLastCall = 12;  // the hook names the file on these calls

// 2:1: green sky band above, dark ground below, red rising to the right.
ImageRgba8 stopPanorama() {
  ImageRgba8 image;
  image.width = 256;
  image.height = 128;
  image.pixels.resize(std::size_t(image.width) * image.height * 4);
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      std::uint8_t* p = image.at(x, y);
      p[0] = std::uint8_t(x);
      p[1] = std::uint8_t(y < image.height / 2 ? 210 : 40);
      p[2] = 90;
      p[3] = 255;
    }
  }
  return image;
}

// The courtyard plus a gold marker 2 m ahead of the visitor at eye height (an overlay: the
// app's kind of thing, kept in front of the panorama).
Result<xr::XrContent> contentWithMarker(const std::string& input) {
  auto content = builtinContent(input);
  if (!content) return content;
  assets::Model marker;
  assets::Material gold;
  gold.baseColorFactor = {1.0f, 0.75f, 0.2f, 1.0f};
  gold.metallicFactor = 0.0f;
  gold.emissiveFactor = {0.6f, 0.4f, 0.05f};
  marker.materials = {gold};
  glm::vec3 ahead = glm::normalize(glm::vec3(content->lookAt.x - content->spawn.x, 0.0f, content->lookAt.z - content->spawn.z));
  render::addPrimitiveNode(marker, render::makeSphere(0.25f), 0, content->spawn + ahead * 2.0f + glm::vec3(0, 1.5f, 0), "marker");
  content->overlays.push_back({std::move(marker), glm::mat4(1.0f)});
  return content;
}

struct Wired {
  std::uint32_t calls = 0;
  std::uint32_t framesSeeingIt = 0;  // onFrame saw XrFrameInfo::panorama == the file
  std::uint32_t framesSeeingLayer = 0;
};

xr::XrRequest stopRequest(const fs::path& dir, Wired& wired, const std::string& file) {
  xr::XrRequest request = quickRequest(18);
  request.loadContent = contentWithMarker;
  request.readbackDir = dir.string();
  request.readbackFrame = 8;  // inside calls 5..12
  request.hooks.panorama = [&wired, file](const xr::XrFrameInfo&) -> std::string {
    ++wired.calls;
    if (wired.calls >= kFirstCall && wired.calls <= kLastCall) return file;
    if (wired.calls == 15 || wired.calls == 16) return file + ".missing.png";  // reported, nothing shown
    return "";
  };
  request.hooks.onFrame = [&wired, file](render::Renderer&, const xr::XrFrameInfo& f) {
    if (f.panorama == file) ++wired.framesSeeingIt;
    if (f.panorama == file && f.panoramaLayer) ++wired.framesSeeingLayer;
  };
  return request;
}

void expectNoValidationErrors(const xr::XrRunReport& run, const fs::path& validationFile) {
  EXPECT_EQ(run.vulkanValidationErrors, 0u);
  EXPECT_EQ(run.xrValidationErrors, 0u);
  for (const auto& e : readValidationLog(validationFile).errors) ADD_FAILURE() << "OpenXR core validation: " << e;
}

#define SC_NEED_MONADO(dirName)                                                                  \
  std::string json = monadoJson();                                                               \
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh"; \
  ASSERT_TRUE(coreValidationInstalled()) << "apt-get install openxr-layer-corevalidation";      \
  fs::path dir = freshDir(dirName);                                                              \
  fs::path validationFile = dir / "core_validation.txt";                                         \
  useMonado(json, validationFile)

TEST(XrStopPanorama, LayerUnderTheEyesWhileAStopShowsOne) {
  SC_NEED_MONADO("stoppano");
  fs::path file = dir / "stop.png";
  ASSERT_TRUE(writePng(file, stopPanorama()).ok());
  Wired wired;
  auto run = xr::runXrSession(stopRequest(dir, wired, file.string()));
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto& s = run->sessions.at(0);
  std::printf("%llu ended, %llu submitted, %llu with panorama, %llu alpha-blended projections, %llu with panel; "
              "onFrame saw it %u times (layer %u)\n",
              (unsigned long long)s.framesEnded, (unsigned long long)s.framesSubmitted,
              (unsigned long long)s.framesWithPanorama, (unsigned long long)s.framesWithAlphaProjection,
              (unsigned long long)s.framesWithPanel, wired.framesSeeingIt, wired.framesSeeingLayer);
  ASSERT_TRUE(run->equirect2Offered);
  // The layer on the stop's frames only (a frame the runtime says not to render shows nothing),
  // not for the missing file afterwards.
  EXPECT_GE(s.framesWithPanorama, kLastCall - kFirstCall - 1);
  EXPECT_LE(s.framesWithPanorama, kLastCall - kFirstCall + 1);
  // The eyes went on top of it every time, blended by their alpha; opaque otherwise (Monado
  // offers only OPAQUE, so no other frame has the alpha flag).
  EXPECT_EQ(s.framesWithAlphaProjection, s.framesWithPanorama);
  // Unlike the run's panorama, the eyes are never left out: every shown frame has them.
  EXPECT_EQ(s.framesWithPanel, s.framesSubmitted);
  EXPECT_GE(s.framesSubmitted, 18u);
  EXPECT_EQ(s.framesWithPanoramaSphere, 0u);
  EXPECT_EQ(wired.framesSeeingLayer, wired.framesSeeingIt);
  EXPECT_GE(wired.framesSeeingIt, kLastCall - kFirstCall - 1);

  // Frame 8, inside the stop: no sky and no landmarks (alpha 0, black), the marker opaque.
  auto lefts = filesEndingIn(run->readbackFiles, "-left.png");
  ASSERT_EQ(lefts.size(), 1u);
  auto eye = readPng(lefts[0]);
  ASSERT_TRUE(eye.ok());
  std::size_t clear = 0, opaque = 0, colourWithoutAlpha = 0, goldOpaque = 0, n = eye->pixels.size() / 4;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &eye->pixels[i * 4];
    if (p[3] == 0 && (p[0] | p[1] | p[2]) == 0) ++clear;
    if (p[3] == 0 && (p[0] | p[1] | p[2]) != 0) ++colourWithoutAlpha;
    if (p[3] == 255) ++opaque;
    if (p[3] == 255 && p[0] > p[2] + 60) ++goldOpaque;
  }
  // The alpha as grey, to look at.
  ImageRgba8 alpha = *eye;
  for (std::size_t i = 0; i < n; ++i) {
    alpha.pixels[i * 4] = alpha.pixels[i * 4 + 1] = alpha.pixels[i * 4 + 2] = eye->pixels[i * 4 + 3];
    alpha.pixels[i * 4 + 3] = 255;
  }
  ASSERT_TRUE(writePng(dir / "left-alpha.png", alpha).ok());
  std::printf("%s: %.3f transparent black, %.3f opaque (%zu gold), %zu coloured without alpha\n", lefts[0].c_str(),
              double(clear) / double(n), double(opaque) / double(n), goldOpaque, colourWithoutAlpha);
  EXPECT_GT(double(clear) / double(n), 0.5) << "landmarks or sky drawn over the panorama";
  EXPECT_EQ(colourWithoutAlpha, 0u);
  EXPECT_GT(goldOpaque, 30u) << "the marker in front of the panorama";
  EXPECT_LT(double(opaque) / double(n), 0.3);
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

// Where the layer is not used (forced here), the same hook puts the visitor in the sphere.
TEST(XrStopPanorama, SphereWhereTheLayerIsNotUsed) {
  SC_NEED_MONADO("stoppanosphere");
  fs::path file = dir / "stop.png";
  ASSERT_TRUE(writePng(file, stopPanorama()).ok());
  Wired wired;
  xr::XrRequest request = stopRequest(dir, wired, file.string());
  request.panoramaAsSphere = true;
  auto run = xr::runXrSession(request);
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto& s = run->sessions.at(0);
  std::printf("%llu submitted, %llu with panorama, %llu in the sphere; onFrame saw it %u times (layer %u)\n",
              (unsigned long long)s.framesSubmitted, (unsigned long long)s.framesWithPanorama,
              (unsigned long long)s.framesWithPanoramaSphere, wired.framesSeeingIt, wired.framesSeeingLayer);
  EXPECT_EQ(s.framesWithPanorama, 0u);
  EXPECT_EQ(s.framesWithAlphaProjection, 0u);
  EXPECT_GE(s.framesWithPanoramaSphere, kLastCall - kFirstCall - 1);
  EXPECT_LE(s.framesWithPanoramaSphere, kLastCall - kFirstCall + 1);
  EXPECT_EQ(wired.framesSeeingLayer, 0u);
  auto lefts = filesEndingIn(run->readbackFiles, "-left.png");
  ASSERT_EQ(lefts.size(), 1u);
  auto eye = readPng(lefts[0]);
  ASSERT_TRUE(eye.ok());
  // The picture all round: green band above the horizon, dark below, everything opaque.
  double top = 0.0, bottom = 0.0;
  std::size_t rows = eye->height * 3 / 10, opaque = 0;
  for (std::uint32_t x = 0; x < eye->width; ++x) {
    for (std::size_t y = 0; y < rows; ++y) {
      top += eye->at(x, std::uint32_t(y))[1];
      bottom += eye->at(x, std::uint32_t(eye->height - 1 - y))[1];
    }
  }
  for (std::size_t i = 3; i < eye->pixels.size(); i += 4) opaque += eye->pixels[i] == 255 ? 1 : 0;
  top /= double(rows * eye->width);
  bottom /= double(rows * eye->width);
  std::printf("%s: green top %.0f, bottom %.0f\n", lefts[0].c_str(), top, bottom);
  EXPECT_GT(top - bottom, 60.0);
  EXPECT_EQ(opaque, eye->pixels.size() / 4);
  expectNoValidationErrors(*run, validationFile);
  if (!HasFailure()) cleanUp(dir);
}

}  // namespace
