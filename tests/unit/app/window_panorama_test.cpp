// The desktop panorama view's pure parts: looking around (yaw / pitch, clamps, drags, keys), the
// camera inside the sphere, reading the image, and the file the scene loader resolved being the
// one both faces show.
#include "app/window_panorama.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include <glm/gtc/constants.hpp>
#include <gtest/gtest.h>

#include "app/scene_content.hpp"
#include "app/window_scene_loader.hpp"
#include "scene/scene_loader.hpp"
#include "support/example_scene.hpp"

namespace sc::app {
namespace {

namespace fs = std::filesystem;
constexpr float kPi = glm::pi<float>();

void expectNear(const glm::vec3& a, const glm::vec3& b, float eps = 1e-4f) {
  EXPECT_NEAR(a.x, b.x, eps) << "x";
  EXPECT_NEAR(a.y, b.y, eps) << "y";
  EXPECT_NEAR(a.z, b.z, eps) << "z";
}

TEST(PanoramaLook, YawZeroLooksAlongMinusZAndGrowsToTheRight) {
  expectNear(PanoramaLook{}.direction(), {0, 0, -1});
  expectNear(PanoramaLook{kPi / 2, 0}.direction(), {1, 0, 0});
  expectNear(PanoramaLook{0, kPi / 4}.direction(), glm::normalize(glm::vec3(0, 1, -1)));
  PanoramaLook right = PanoramaLook::along({3, 0, 0});
  EXPECT_NEAR(right.yaw, kPi / 2, 1e-5f);
  EXPECT_NEAR(right.pitch, 0.0f, 1e-5f);
  PanoramaLook behindUp = PanoramaLook::along({0, 1, 1});
  EXPECT_NEAR(std::abs(behindUp.yaw), kPi, 1e-5f);
  EXPECT_NEAR(behindUp.pitch, kPi / 4, 1e-5f);
  PanoramaLook none = PanoramaLook::along({0, 0, 0});
  EXPECT_EQ(none.yaw, 0.0f);
  EXPECT_EQ(none.pitch, 0.0f);
  // Round trip away from the poles.
  PanoramaLook look{-2.0f, 0.6f};
  PanoramaLook back = PanoramaLook::along(look.direction());
  EXPECT_NEAR(back.yaw, look.yaw, 1e-5f);
  EXPECT_NEAR(back.pitch, look.pitch, 1e-5f);
}

TEST(PanoramaLook, PitchIsClampedAndYawWrapped) {
  PanoramaLook up = PanoramaLook{0.0f, 2.0f}.clamped();
  EXPECT_FLOAT_EQ(up.pitch, kMaxPanoramaPitch);
  PanoramaLook down = PanoramaLook{0.0f, -9.0f}.clamped();
  EXPECT_FLOAT_EQ(down.pitch, -kMaxPanoramaPitch);
  EXPECT_LT(kMaxPanoramaPitch, kPi / 2) << "straight up has no yaw: the view would flip";
  PanoramaLook turned = PanoramaLook{3.0f * kPi + 0.25f, 0.0f}.clamped();
  EXPECT_NEAR(turned.yaw, -kPi + 0.25f, 1e-4f);
  PanoramaLook behind = PanoramaLook{-kPi, 0.0f}.clamped();
  EXPECT_GT(behind.yaw, 0.0f) << "yaw lies in (-pi, pi]";
  PanoramaLook bad = PanoramaLook{std::nanf(""), INFINITY}.clamped();
  EXPECT_EQ(bad.yaw, 0.0f);
  EXPECT_EQ(bad.pitch, 0.0f);
}

TEST(PanoramaLook, DragPullsThePictureAlongWithThePointer) {
  // 1.0 rad of field of view over 500 points: 100 points are 0.2 rad.
  PanoramaLook start{0.5f, 0.1f};
  PanoramaLook right = start.dragged({100.0f, 0.0f}, 1.0f, 500.0f);
  EXPECT_NEAR(right.yaw, 0.3f, 1e-5f) << "dragging right turns the view left";
  EXPECT_NEAR(right.pitch, 0.1f, 1e-6f);
  PanoramaLook down = start.dragged({0.0f, 50.0f}, 1.0f, 500.0f);
  EXPECT_NEAR(down.pitch, 0.2f, 1e-5f) << "dragging down looks up";
  EXPECT_NEAR(down.yaw, 0.5f, 1e-6f);
  PanoramaLook far = start.dragged({0.0f, 10000.0f}, 1.0f, 500.0f);
  EXPECT_FLOAT_EQ(far.pitch, kMaxPanoramaPitch);
  // A zero-height window (minimised) does not divide by zero.
  PanoramaLook zero = start.dragged({10.0f, 0.0f}, 1.0f, 0.0f);
  EXPECT_TRUE(std::isfinite(zero.yaw));
}

TEST(PanoramaLook, KeysAndSticksTurnAtTheTurnSpeed) {
  PanoramaLook start{0.0f, 0.0f};
  PanoramaLook right = start.turned({1.0f, 0.0f}, 0.5f);
  EXPECT_NEAR(right.yaw, kPanoramaTurnSpeed * 0.5f, 1e-5f);
  PanoramaLook up = start.turned({0.0f, 5.0f}, 0.1f);
  EXPECT_NEAR(up.pitch, kPanoramaTurnSpeed * 0.1f, 1e-5f) << "a rate beyond 1 is clamped";
  PanoramaLook none = start.turned({1.0f, 1.0f}, -1.0f);
  EXPECT_EQ(none.yaw, 0.0f);
  PanoramaLook long_ = start.turned({0.0f, -1.0f}, 100.0f);
  EXPECT_FLOAT_EQ(long_.pitch, -kMaxPanoramaPitch);
}

TEST(PanoramaLook, TurnInputFromArrowsAndTheRightStick) {
  using platform::Key;
  platform::InputState input;
  input.keysDown.set(std::size_t(Key::Right));
  input.keysDown.set(std::size_t(Key::Up));
  EXPECT_EQ(panoramaTurnInput(input, true), glm::vec2(1.0f, 1.0f));
  EXPECT_EQ(panoramaTurnInput(input, false), glm::vec2(0.0f)) << "keys that belong elsewhere";
  input.keysDown.set(std::size_t(Key::Left));
  EXPECT_EQ(panoramaTurnInput(input, true).x, 0.0f);
  platform::InputState pad;
  pad.gamepad.connected = true;
  pad.gamepad.rightStick = {-1.0f, 0.0f};
  EXPECT_NEAR(panoramaTurnInput(pad, true).x, -1.0f, 1e-5f);
  EXPECT_NEAR(panoramaTurnInput(pad, false).x, -1.0f, 1e-5f) << "the stick turns while keys belong elsewhere";
  pad.gamepad.rightStick = {0.1f, 0.1f};
  EXPECT_EQ(panoramaTurnInput(pad, true), glm::vec2(0.0f)) << "a resting stick inside the dead zone";
}

TEST(PanoramaCamera, StandsAtTheCentreWithTheLensAndNoRoll) {
  render::Camera lens;
  lens.eye = {5, 5, 5};
  lens.up = {0.3f, 1.0f, 0.0f};  // a rolled lens is levelled
  lens.fovY = 0.7f;
  lens.nearPlane = 0.05f;
  lens.farPlane = 300.0f;
  glm::vec3 centre{1, 2, 3};
  render::Camera c = panoramaCamera(lens, centre, PanoramaLook{kPi / 2, 0.3f});
  expectNear(c.eye, centre);
  expectNear(c.target - c.eye, PanoramaLook{kPi / 2, 0.3f}.direction());
  expectNear(c.up, {0, 1, 0});
  EXPECT_EQ(c.fovY, 0.7f);
  EXPECT_EQ(c.nearPlane, 0.05f);
  EXPECT_EQ(c.farPlane, 300.0f);
  // No roll: the view's right axis stays horizontal.
  glm::mat4 view = c.view();
  EXPECT_NEAR(view[1][0], 0.0f, 1e-5f);
  // A pitch past the pole is clamped in the camera too.
  render::Camera top = panoramaCamera(lens, centre, PanoramaLook{0.0f, 3.0f});
  EXPECT_NEAR(glm::normalize(top.target - top.eye).y, std::sin(kMaxPanoramaPitch), 1e-5f);
}

void writeFile(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

ImageRgba8 solid(std::uint32_t width, std::uint32_t height) {
  ImageRgba8 image;
  image.width = width;
  image.height = height;
  image.pixels.assign(std::size_t(width) * height * 4, 200);
  return image;
}

TEST(PanoramaImage, MustBeTwoToOneAndReadable) {
  fs::path dir = fs::temp_directory_path() / "sc-window-panorama-image";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_TRUE(writePng(dir / "pano.png", solid(64, 32)));
  auto good = loadPanoramaImage(dir / "pano.png");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->width, 64u);
  EXPECT_EQ(good->height, 32u);
  EXPECT_EQ(good->pixels.size(), 64u * 32u * 4u);

  ASSERT_TRUE(writePng(dir / "square.png", solid(64, 64)));
  auto square = loadPanoramaImage(dir / "square.png");
  ASSERT_FALSE(square);
  EXPECT_NE(square.error().message.find("square.png"), std::string::npos) << square.error().message;
  EXPECT_NE(square.error().message.find("64x64"), std::string::npos) << square.error().message;
  EXPECT_NE(square.error().message.find("twice as wide"), std::string::npos) << square.error().message;

  writeFile(dir / "broken.png", "not a png at all");
  auto broken = loadPanoramaImage(dir / "broken.png");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("broken.png"), std::string::npos) << broken.error().message;

  auto missing = loadPanoramaImage(dir / "missing.png");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.png"), std::string::npos) << missing.error().message;
  fs::remove_all(dir);
}

// The scene loader resolves each POI's panorama once, through the scene's content roots
// (scene::LoadedScene::resolvedPanoramaPaths); the content both faces are given carries that
// file: loadViewContent (the headset's XrFace and loadXrContent) and the window's SceneLoadJob
// (the desktop tour and the kiosk, whose WindowPanorama opens panoramaFileOf).
TEST(PanoramaImage, BothFacesGetTheFileTheSceneLoaderResolved) {
  fs::path dir = fs::temp_directory_path() / "sc-window-panorama-files";
  fs::remove_all(dir);
  fs::create_directories(dir / "shared" / "panoramas");
  // Only a declared content root holds it: found only by resolving as the loader does.
  ASSERT_TRUE(test::writeCheckerPanorama(dir / "shared" / "panoramas" / "river.png"));
  std::string file = test::writeExampleScene(
      dir, "river.scene.json",
      {{"\"contentRoots\": [", "\"contentRoots\": [\"shared\", "}, test::examplePanoramaEdit("panoramas/river.png")});
  ASSERT_FALSE(file.empty());

  scene::ValidationReport report;
  auto loaded = scene::loadSceneDocument(file, {}, report);
  ASSERT_TRUE(loaded) << report.format();
  ASSERT_EQ(loaded->doc.pois.size(), 1u);
  ASSERT_EQ(loaded->doc.pois[0].id, "marker");
  const fs::path resolved = loaded->resolvedPanoramaPaths[0];
  ASSERT_FALSE(resolved.empty());
  EXPECT_TRUE(fs::equivalent(resolved, dir / "shared" / "panoramas" / "river.png"));

  auto content = loadViewContent(file);
  ASSERT_TRUE(content) << content.error().message;
  auto headset = panoramaFileOf(*content, "marker");
  ASSERT_TRUE(headset) << headset.error().message;
  EXPECT_EQ(*headset, resolved);

  SceneLoadJob job(file);
  std::optional<Result<LoadedWindowScene>> window;
  for (int i = 0; i < 6000 && !window; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    window = job.take();
  }
  ASSERT_TRUE(window.has_value()) << "the window's scene load did not finish in 60 s";
  ASSERT_TRUE(*window) << (*window).error().message;
  auto desktop = panoramaFileOf((*window)->content, "marker");
  ASSERT_TRUE(desktop) << desktop.error().message;
  EXPECT_EQ(*desktop, resolved);

  auto unknown = panoramaFileOf(*content, "nowhere");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("nowhere"), std::string::npos) << unknown.error().message;
  EXPECT_FALSE(panoramaFileOf(ViewContent{}, "marker")) << "no scene, no panorama";

  // The example's own POI has none: one message naming it.
  auto plain = loadViewContent(test::writeExampleScene(dir, "plain.scene.json"));
  ASSERT_TRUE(plain) << plain.error().message;
  auto none = panoramaFileOf(*plain, "marker");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("marker has no panorama"), std::string::npos) << none.error().message;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sc::app
