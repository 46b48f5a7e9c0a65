// The desktop panorama view's pure parts: looking around (yaw / pitch, clamps, drags, keys), the
// camera inside the sphere, and finding and reading the image.
#include "app/window_panorama.hpp"

#include <filesystem>
#include <fstream>

#include <glm/gtc/constants.hpp>
#include <gtest/gtest.h>

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

TEST(PanoramaImage, ResolvedThroughTheScenesContentRoots) {
  fs::path dir = fs::temp_directory_path() / "sc-window-panorama-roots";
  fs::remove_all(dir);
  writeFile(dir / "scene" / "here.png", "x");
  writeFile(dir / "shared" / "panoramas" / "river.png", "x");
  scene::SceneDocument doc;
  doc.contentRoots = {"../shared"};
  fs::path sceneFile = dir / "scene" / "a.scene.json";
  scene::PointOfInterest poi;
  poi.id = "river";

  poi.panorama = "panoramas/river.png";
  auto shared = resolvePanoramaFile(doc, sceneFile, poi);
  ASSERT_TRUE(shared) << shared.error().message;
  EXPECT_TRUE(fs::equivalent(*shared, dir / "shared" / "panoramas" / "river.png"));

  poi.panorama = "here.png";
  auto local = resolvePanoramaFile(doc, sceneFile, poi);
  ASSERT_TRUE(local) << local.error().message;
  EXPECT_TRUE(fs::equivalent(*local, dir / "scene" / "here.png"));

  poi.panorama = "gone.png";
  auto gone = resolvePanoramaFile(doc, sceneFile, poi);
  ASSERT_FALSE(gone);
  EXPECT_NE(gone.error().message.find("gone.png"), std::string::npos) << gone.error().message;
  EXPECT_NE(gone.error().message.find("river"), std::string::npos) << "names the POI: " << gone.error().message;

  poi.panorama = "../outside.png";
  EXPECT_FALSE(resolvePanoramaFile(doc, sceneFile, poi)) << "content paths stay inside the roots";

  poi.panorama.clear();
  auto none = resolvePanoramaFile(doc, sceneFile, poi);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("no panorama"), std::string::npos) << none.error().message;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sc::app
