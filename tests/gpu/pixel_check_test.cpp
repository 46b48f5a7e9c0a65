// Known geometry, checked pixel by pixel: depth order, alpha modes, blending order, shadows,
// multiview, culling.
#include "gpu_test_support.hpp"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "render/procedural_shapes.hpp"
#include "render/sky.hpp"

namespace sc::test {

namespace {

std::uint32_t addUnlit(assets::Model& model, glm::vec4 color, assets::AlphaMode mode = assets::AlphaMode::Opaque) {
  assets::Material m;
  m.unlit = true;
  m.baseColorFactor = color;
  m.alphaMode = mode;
  m.doubleSided = true;
  model.materials.push_back(m);
  return std::uint32_t(model.materials.size() - 1);
}

// Unlit colours below 0.76 pass PBR Neutral tone mapping unchanged, so pixels can be predicted.
render::Environment exactColors() {
  render::Environment env;
  env.toneMapper = render::ToneMapper::PbrNeutral;
  env.exposure = 1.0f / render::skyForTime(env.timeOfDayHours, env.dayOfYear).autoExposure;
  return env;
}

render::Camera lookDownMinusZ() {
  render::Camera c;
  c.eye = {0, 0, 0};
  c.target = {0, 0, -1};
  c.nearPlane = 0.1f;
  c.farPlane = 100.0f;
  return c;
}

// Pixel position of a world point.
glm::ivec2 project(const render::Camera& c, glm::vec3 p, int w, int h) {
  glm::vec4 clip = c.projection(float(w) / float(h)) * c.view() * glm::vec4(p, 1.0f);
  glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return {int((ndc.x * 0.5f + 0.5f) * float(w)), int((ndc.y * 0.5f + 0.5f) * float(h))};
}

}  // namespace

class PixelChecks : public GpuTest {};

TEST_F(PixelChecks, NearerSurfacesHideFartherOnesWhateverTheDrawOrder) {
  assets::Model model;
  model.sourcePath = "test:depth";
  // The far green quad is added after the near red one, so only the depth test can hide it.
  render::addPrimitiveNode(model, render::makeQuad({1, 1}), addUnlit(model, {0.6f, 0, 0, 1}), {0, 0, -5}, "near red");
  render::addPrimitiveNode(model, render::makeQuad({5, 5}), addUnlit(model, {0, 0.6f, 0, 1}), {0, 0, -10}, "far green");
  auto image = renderModel(model, lookDownMinusZ(), 128, 128, 1, exactColors());
  glm::vec3 centre = meanColor(image, 64, 64), edge = meanColor(image, 10, 64);
  EXPECT_GT(centre.r, 150.0f);
  EXPECT_LT(centre.g, 30.0f);
  EXPECT_GT(edge.g, 150.0f);
  EXPECT_LT(edge.r, 30.0f);
}

TEST_F(PixelChecks, BlendedSurfacesMixBackToFrontAndMaskCutsHoles) {
  assets::Model model;
  model.sourcePath = "test:alpha";
  // A black wall keeps every expected colour's smallest channel at zero, where PBR Neutral
  // tone mapping changes nothing.
  render::addPrimitiveNode(model, render::makeQuad({12, 12}), addUnlit(model, {0, 0, 0, 1}), {0, 0, -20}, "black wall");
  // Two half-transparent quads, listed near first: correct sorting draws the far one first.
  render::addPrimitiveNode(model, render::makeQuad({1, 1}), addUnlit(model, {0, 0, 0.7f, 0.5f}, assets::AlphaMode::Blend),
                           {-0.5f, 0, -5}, "near blue");
  render::addPrimitiveNode(model, render::makeQuad({1, 1}), addUnlit(model, {0.7f, 0, 0, 0.5f}, assets::AlphaMode::Blend),
                           {-0.5f, 0, -8}, "far red");
  // A masked quad whose alpha is below the cutoff vanishes completely.
  render::addPrimitiveNode(model, render::makeQuad({0.5f, 0.5f}), addUnlit(model, {0.7f, 0.7f, 0, 0.3f}, assets::AlphaMode::Mask),
                           {1.2f, 0, -5}, "masked away");
  render::Camera camera = lookDownMinusZ();
  auto image = renderModel(model, camera, 160, 120, 1, exactColors());
  glm::ivec2 both = project(camera, {-0.5f, 0, -5}, 160, 120);
  glm::vec3 mixed = meanColor(image, both.x, both.y);
  // Back to front: red over black gives (0.35, 0, 0), blue over that (0.175, 0, 0.35) in linear
  // light. The wrong order would give (0.35, 0, 0.175).
  auto srgb = [](float linear) { return 255.0f * (linear <= 0.0031308f ? linear * 12.92f : 1.055f * std::pow(linear, 1.0f / 2.4f) - 0.055f); };
  EXPECT_NEAR(mixed.r, srgb(0.175f), 4.0f);
  EXPECT_NEAR(mixed.g, 0.0f, 2.0f);
  EXPECT_NEAR(mixed.b, srgb(0.35f), 4.0f);
  glm::ivec2 masked = project(camera, {1.2f, 0, -5}, 160, 120);
  glm::vec3 wall = meanColor(image, masked.x, masked.y);
  EXPECT_LT(wall.r + wall.g + wall.b, 3.0f) << "the masked quad was drawn";
}

TEST_F(PixelChecks, TheSunCastsAShadowWhereItMustAndNowhereElse) {
  assets::Model model;
  model.sourcePath = "test:shadow";
  assets::Material ground;
  ground.baseColorFactor = {0.8f, 0.8f, 0.8f, 1.0f};
  ground.metallicFactor = 0.0f;
  ground.roughnessFactor = 0.9f;
  model.materials.push_back(ground);
  render::addPrimitiveNode(model, render::makeBox({30, 0.05f, 30}), 0, {0, -0.05f, 0}, "ground");
  render::addPrimitiveNode(model, render::makeBox({0.5f, 2.0f, 0.5f}), 0, {0, 2.0f, 0}, "pillar");

  render::Environment env;
  env.timeOfDayHours = 15.0f;
  env.fogDensity = 0.0f;
  glm::vec3 sun = render::skyForTime(env.timeOfDayHours, env.dayOfYear).sunDirection;
  // Where the top of the pillar's shadow falls, and a point as far away on the sunny side.
  glm::vec3 top(0, 4, 0);
  glm::vec3 shadowTip = top - sun * (top.y / sun.y);
  glm::vec3 inShadow = glm::mix(glm::vec3(0), shadowTip, 0.6f);
  glm::vec3 sunlit(-inShadow.x, 0, -inShadow.z);

  render::Camera camera;
  camera.eye = {0, 14, 14};
  camera.target = {0, 0, 0};
  auto image = renderModel(model, camera, 256, 256, 1, env);
  glm::ivec2 s = project(camera, inShadow, 256, 256), l = project(camera, sunlit, 256, 256);
  ASSERT_TRUE(s.x > 3 && s.x < 252 && s.y > 3 && s.y < 252) << "shadow point off screen";
  float shadowed = glm::dot(meanColor(image, s.x, s.y), glm::vec3(1.0f / 3.0f));
  float lit = glm::dot(meanColor(image, l.x, l.y), glm::vec3(1.0f / 3.0f));
  EXPECT_LT(shadowed, lit * 0.7f) << "no shadow behind the pillar (shadow " << shadowed << ", lit " << lit << ")";
  // Away from the pillar, no shadow: two sunlit points far apart read the same.
  glm::ivec2 l2 = project(camera, {sunlit.x + 3.0f, 0, sunlit.z + 1.0f}, 256, 256);
  float lit2 = glm::dot(meanColor(image, l2.x, l2.y), glm::vec3(1.0f / 3.0f));
  EXPECT_NEAR(lit, lit2, lit * 0.12f);
  (void)writePng(testOutputDir() / "shadow_check.png", image);
}

// An instance that casts no shadow (a panorama sphere around the visitor) leaves the ground lit
// where its own shadow would fall, and is still drawn itself.
TEST_F(PixelChecks, AnInstanceThatCastsNoShadowLeavesTheGroundLit) {
  assets::Material grey;
  grey.baseColorFactor = {0.8f, 0.8f, 0.8f, 1.0f};
  grey.metallicFactor = 0.0f;
  grey.roughnessFactor = 0.9f;
  assets::Model ground;
  ground.sourcePath = "test:ground";
  ground.materials.push_back(grey);
  render::addPrimitiveNode(ground, render::makeBox({30, 0.05f, 30}), 0, {0, -0.05f, 0}, "ground");
  assets::Model pillar;
  pillar.sourcePath = "test:pillar";
  assets::Material red = grey;
  red.baseColorFactor = {0.8f, 0.1f, 0.1f, 1.0f};
  pillar.materials.push_back(red);
  render::addPrimitiveNode(pillar, render::makeBox({0.5f, 2.0f, 0.5f}), 0, {0, 2.0f, 0}, "pillar");

  render::Environment env;
  env.timeOfDayHours = 15.0f;
  env.fogDensity = 0.0f;
  renderer_->setEnvironment(env);
  glm::vec3 sun = render::skyForTime(env.timeOfDayHours, env.dayOfYear).sunDirection;
  glm::vec3 top(0, 4, 0);
  glm::vec3 inShadow = glm::mix(glm::vec3(0), top - sun * (top.y / sun.y), 0.6f);
  glm::vec3 sunlit(-inShadow.x, 0, -inShadow.z);
  render::Camera camera;
  camera.eye = {0, 14, 14};
  camera.target = {0, 0, 0};

  auto groundId = renderer_->addModel(ground);
  auto pillarId = renderer_->addModel(pillar);
  ASSERT_TRUE(groundId && pillarId);
  renderer_->addInstance(*groundId);
  render::InstanceId pillarInstance = renderer_->addInstance(*pillarId);
  auto draw = [&] {
    gpu::OffscreenTarget target(*device_, 256, 256, 1);
    auto stats = renderer_->render(target, render::makeViews(camera, 1.0f, 1));
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  };
  auto grey3 = [](glm::vec3 c) { return glm::dot(c, glm::vec3(1.0f / 3.0f)); };
  glm::ivec2 s = project(camera, inShadow, 256, 256), l = project(camera, sunlit, 256, 256);
  glm::ivec2 p = project(camera, {0, 3.5f, 0}, 256, 256);

  ImageRgba8 casting = draw();
  ASSERT_LT(grey3(meanColor(casting, s.x, s.y)), grey3(meanColor(casting, l.x, l.y)) * 0.7f)
      << "the pillar casts no shadow even by default";
  renderer_->setInstanceCastsShadow(pillarInstance, false);
  ImageRgba8 notCasting = draw();
  float shaded = grey3(meanColor(notCasting, s.x, s.y)), lit = grey3(meanColor(notCasting, l.x, l.y));
  EXPECT_NEAR(shaded, lit, lit * 0.12f) << "the ground is still shaded by an instance that casts no shadow";
  glm::vec3 pillarColor = meanColor(notCasting, p.x, p.y);
  EXPECT_GT(pillarColor.r, pillarColor.g * 2.0f) << "the pillar itself is no longer drawn";
  (void)writePng(testOutputDir() / "shadow_not_cast.png", notCasting);
}

TEST_F(PixelChecks, BothMultiviewEyesMatchAMonoRenderWhenTheyCoincide) {
  assets::Model model;
  model.sourcePath = "test:multiview";
  assets::Material lit;
  lit.baseColorFactor = {0.9f, 0.5f, 0.2f, 1.0f};
  model.materials.push_back(lit);
  render::addPrimitiveNode(model, render::makeSphere(1.0f), 0, {0, 0, -4}, "sphere");
  render::addPrimitiveNode(model, render::makeBox({5, 0.1f, 5}), 0, {0, -1.2f, -4}, "floor");
  render::Camera camera = lookDownMinusZ();
  auto mono = renderModel(model, camera, 96, 96, 1);
  auto stereo = renderModel(model, camera, 96, 96, 2, {}, 0.0f);
  ASSERT_EQ(stereo.width, 192u);
  ImageRgba8 left, right;
  left.width = right.width = 96;
  left.height = right.height = 96;
  for (std::uint32_t y = 0; y < 96; ++y) {
    left.pixels.insert(left.pixels.end(), stereo.at(0, y), stereo.at(0, y) + 96 * 4);
    right.pixels.insert(right.pixels.end(), stereo.at(96, y), stereo.at(96, y) + 96 * 4);
  }
  EXPECT_GE(compareImages(left, mono, 2).fractionWithin, 0.999);
  EXPECT_GE(compareImages(right, mono, 2).fractionWithin, 0.999);
  // With a real interpupillary distance the eyes differ (each has its own matrices).
  auto apart = renderModel(model, camera, 96, 96, 2, {}, 0.2f);
  ImageRgba8 leftApart = left;
  leftApart.pixels.clear();
  for (std::uint32_t y = 0; y < 96; ++y) leftApart.pixels.insert(leftApart.pixels.end(), apart.at(0, y), apart.at(0, y) + 96 * 4);
  EXPECT_LT(compareImages(leftApart, mono, 2).fractionWithin, 0.99);
}

TEST_F(PixelChecks, ObjectsOutsideEveryViewAreCulled) {
  assets::Model model;
  model.sourcePath = "test:cull";
  std::uint32_t m = addUnlit(model, {1, 1, 1, 1});
  render::addPrimitiveNode(model, render::makeBox({0.5f, 0.5f, 0.5f}), m, {0, 0, -5}, "in front");
  render::addPrimitiveNode(model, render::makeBox({0.5f, 0.5f, 0.5f}), m, {0, 0, 5}, "behind");
  render::addPrimitiveNode(model, render::makeBox({0.5f, 0.5f, 0.5f}), m, {40, 0, -5}, "far right");
  auto id = renderer_->addModel(model);
  ASSERT_TRUE(id);
  renderer_->addInstance(*id);
  gpu::OffscreenTarget target(*device_, 64, 64, 1);
  auto views = render::makeViews(lookDownMinusZ(), 1.0f, 1);
  auto stats = renderer_->render(target, views);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->culled, 2u);
  EXPECT_EQ(stats->drawCalls, 2u);  // the box in front and the sky
  EXPECT_EQ(stats->triangles, 12u);
}

// Instances of one primitive are one instanced draw; each must still be drawn with its own
// matrix (read per instance from the frame's draw data), and a removed one must leave a hole.
TEST_F(PixelChecks, InstancesOfOnePrimitiveAreOneDrawEachInItsOwnPlace) {
  assets::Model model;
  model.sourcePath = "test:instances";
  render::addPrimitiveNode(model, render::makeBox({0.5f, 0.5f, 0.5f}), addUnlit(model, {0.6f, 0.3f, 0.0f, 1}),
                           {0, 0, 0}, "crate");
  renderer_->setEnvironment(exactColors());
  auto id = renderer_->addModel(model);
  ASSERT_TRUE(id) << id.error().message;
  const glm::vec3 places[] = {{-3, 0, -10}, {-1, 0, -10}, {1, 0, -10}, {3, 0, -10}};
  std::vector<render::InstanceId> crates;
  for (glm::vec3 p : places) crates.push_back(renderer_->addInstance(*id, glm::translate(glm::mat4(1.0f), p)));
  renderer_->addInstance(*id, glm::translate(glm::mat4(1.0f), glm::vec3(0, 0, 10)));  // behind: culled
  render::Camera camera = lookDownMinusZ();
  gpu::OffscreenTarget target(*device_, 128, 64, 1);
  auto views = render::makeViews(camera, 2.0f, 1);
  // (0.6, 0.3, 0) linear, unchanged by PBR Neutral (a zero channel), in sRGB bytes.
  auto isCrate = [](glm::vec3 c) { return glm::distance(c, glm::vec3(203.0f, 149.0f, 0.0f)) < 8.0f; };

  auto stats = renderer_->render(target, views);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->drawCalls, 2u);  // all four crates in one draw, and the sky
  EXPECT_EQ(stats->triangles, 4u * 12u);
  EXPECT_EQ(stats->culled, 1u);
  auto image = target.readPixels();
  ASSERT_TRUE(image) << image.error().message;
  for (glm::vec3 p : places) {
    glm::ivec2 at = project(camera, p, 128, 64);
    EXPECT_TRUE(isCrate(meanColor(*image, at.x, at.y, 1))) << "no crate at x = " << p.x;
  }
  glm::ivec2 between = project(camera, {0, 0, -10}, 128, 64);  // the gap between crates 2 and 3
  EXPECT_FALSE(isCrate(meanColor(*image, between.x, between.y, 0)));

  renderer_->removeInstance(crates[2]);
  stats = renderer_->render(target, views);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->drawCalls, 2u);
  EXPECT_EQ(stats->triangles, 3u * 12u);
  image = target.readPixels();
  ASSERT_TRUE(image) << image.error().message;
  for (std::size_t i = 0; i < 4; ++i) {
    glm::ivec2 at = project(camera, places[i], 128, 64);
    EXPECT_EQ(isCrate(meanColor(*image, at.x, at.y, 1)), i != 2) << "crate " << i;
  }
  (void)writePng(testOutputDir() / "instanced_crates.png", *image);
}

}  // namespace sc::test
