#include "gpu_test_support.hpp"

#include <cstdio>
#include <cstdlib>

#include "assets/importer.hpp"
#include "gpu/render_target.hpp"

namespace sc::test {

namespace fs = std::filesystem;

fs::path testOutputDir() {
  fs::path dir = SC_TEST_OUTPUT_DIR;
  fs::create_directories(dir);
  return dir;
}

void GpuTest::SetUp() {
  gpu::DeviceOptions options;
  options.gpu = "llvmpipe";  // goldens are made on lavapipe
  options.validation = true;
  options.syncValidation = true;
  auto device = gpu::Device::create(options);
  ASSERT_TRUE(device) << device.error().message;
  device_ = std::move(device.value());
  auto renderer = render::Renderer::create(*device_);
  ASSERT_TRUE(renderer) << renderer.error().message;
  renderer_ = std::move(renderer.value());
}

void GpuTest::TearDown() {
  renderer_.reset();
  if (device_) {
    EXPECT_EQ(device_->validationErrorCount(), 0u) << "Vulkan validation errors (see the log)";
  }
  device_.reset();
}

RenderedFrame GpuTest::renderFrame(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                                   std::uint32_t height, std::uint32_t views,
                                   const render::Environment& environment, float interpupillary,
                                   const anim::FramePalette* pose) {
  RenderedFrame frame;
  renderer_->setEnvironment(environment);
  auto id = renderer_->addModel(model);
  EXPECT_TRUE(id) << (id ? "" : id.error().message);
  if (!id) return frame;
  auto instance = renderer_->addInstance(*id);
  if (pose) {
    Status posed = renderer_->setInstancePose(instance, *pose);
    EXPECT_TRUE(posed) << (posed ? "" : posed.error().message);
  }
  {
    gpu::OffscreenTarget target(*device_, width, height, views);
    auto cameras = render::makeViews(camera, float(width) / float(height), views, interpupillary);
    auto stats = renderer_->render(target, cameras);
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    if (stats) frame.stats = *stats;
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    if (pixels) frame.image = std::move(pixels.value());
  }
  renderer_->removeInstance(instance);
  renderer_->removeModel(*id);
  return frame;
}

ImageRgba8 GpuTest::renderModel(const assets::Model& model, const render::Camera& camera, std::uint32_t width,
                                std::uint32_t height, std::uint32_t views,
                                const render::Environment& environment, float interpupillary,
                                const anim::FramePalette* pose) {
  return renderFrame(model, camera, width, height, views, environment, interpupillary, pose).image;
}

void GpuTest::setRendererOptions(const render::RendererOptions& options) {
  Status set = renderer_->setOptions(options);
  EXPECT_TRUE(set) << (set ? "" : set.error().message);
}

render::Camera builtinCourtyardCamera() {
  render::Camera camera;
  camera.eye = {4.8f, 3.4f, 8.6f};
  camera.target = {-0.2f, 1.0f, 0.0f};
  camera.fovY = 0.85f;
  camera.farPlane = 200.0f;
  return camera;
}

std::optional<LandmarkView> hongyadongPeerView() {
  fs::path gltf = fs::path(SC_SOURCE_DIR) / "assets/landmarks/hongyadong/hongyadong.gltf";
  auto model = assets::importModel(gltf, ContentRoots({gltf.parent_path()}));
  EXPECT_TRUE(model) << (model ? "" : model.error().message);
  if (!model) return std::nullopt;
  LandmarkView view{std::move(model.value()), {}};
  view.camera = render::frameBounds(view.model.worldBounds(), 16.0f / 9.0f);
  view.camera.eye = glm::mix(view.camera.target, view.camera.eye, 0.35f);
  view.camera.nearPlane = 1.0f;
  return view;
}

ImageDifference compareImages(const ImageRgba8& actual, const ImageRgba8& expected, int tolerance) {
  ImageDifference d;
  if (actual.width != expected.width || actual.height != expected.height) return d;
  std::size_t within = 0, count = std::size_t(actual.width) * actual.height;
  for (std::size_t i = 0; i < count; ++i) {
    int worst = 0;
    for (int c = 0; c < 4; ++c) {
      worst = std::max(worst, std::abs(int(actual.pixels[i * 4 + c]) - int(expected.pixels[i * 4 + c])));
    }
    d.maxChannelDelta = std::max(d.maxChannelDelta, worst);
    within += worst <= tolerance ? 1 : 0;
  }
  d.fractionWithin = double(within) / double(count);
  return d;
}

void expectMatchesGolden(const ImageRgba8& actual, const std::string& name) {
  ASSERT_GT(actual.width, 0u);
  fs::path golden = fs::path(SC_GOLDEN_DIR) / (name + ".png");
  const char* update = std::getenv("SC_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    ASSERT_TRUE(writePng(golden, actual));
    std::printf("updated golden %s: look at it before committing\n", golden.c_str());
    return;
  }
  auto expected = readPng(golden);
  ASSERT_TRUE(expected) << "no golden image " << golden
                        << "; create it with SC_UPDATE_GOLDENS=1, look at it, commit it";
  ASSERT_EQ(actual.width, expected->width);
  ASSERT_EQ(actual.height, expected->height);
  ImageDifference d = compareImages(actual, *expected, 5);
  if (d.fractionWithin < 0.999) {
    fs::path out = testOutputDir();
    (void)writePng(out / (name + ".actual.png"), actual);
    ImageRgba8 diff = actual;
    for (std::size_t i = 0; i < diff.pixels.size(); i += 4) {
      int worst = 0;
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(actual.pixels[i + c]) - int(expected->pixels[i + c])));
      std::uint8_t v = std::uint8_t(std::min(255, worst * 8));
      diff.pixels[i] = v;
      diff.pixels[i + 1] = worst > 5 ? 0 : v;
      diff.pixels[i + 2] = worst > 5 ? 0 : v;
      diff.pixels[i + 3] = 255;
    }
    (void)writePng(out / (name + ".diff.png"), diff);
    ADD_FAILURE() << name << ": only " << d.fractionWithin * 100.0 << "% of pixels within 5/255 (need 99.9%), "
                  << "largest difference " << d.maxChannelDelta << "; see " << (out / (name + ".diff.png"));
  }
}

glm::vec3 meanColor(const ImageRgba8& image, int x, int y, int radius) {
  glm::vec3 sum(0.0f);
  int n = 0;
  for (int dy = -radius; dy <= radius; ++dy) {
    for (int dx = -radius; dx <= radius; ++dx) {
      int px = std::clamp(x + dx, 0, int(image.width) - 1), py = std::clamp(y + dy, 0, int(image.height) - 1);
      const std::uint8_t* p = image.at(std::uint32_t(px), std::uint32_t(py));
      sum += glm::vec3(p[0], p[1], p[2]);
      ++n;
    }
  }
  return sum / float(n);
}

RunResult runShancheng(const std::string& arguments, const std::string& environment) {
  return runCommand(environment + " " + SC_SHANCHENG_EXE + " " + arguments);
}

assets::Model importTestModel(const std::string& relative) {
  std::filesystem::path path = std::filesystem::path(SC_ASSIMP_MODELS) / relative;
  ContentRoots roots({path.parent_path()});
  auto model = assets::importModel(path, roots);
  EXPECT_TRUE(model) << (model ? "" : model.error().message);
  return model ? std::move(model.value()) : assets::Model{};
}

}  // namespace sc::test
