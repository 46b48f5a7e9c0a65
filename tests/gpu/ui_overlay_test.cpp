// The visitor UI drawn by the engine's own overlay path on lavapipe with validation: bilingual
// karaoke subtitles and a POI card over the built-in scene change pixels only inside their
// panels; 重庆 draws as real glyphs (not the '?' fallback); UI rendered into a panel texture (XR)
// is non-empty and premultiplied.
#include <limits>
#include <algorithm>

#include "gpu_test_support.hpp"

#include "app/default_scene.hpp"
#include "gpu/render_target.hpp"
#include "ui/ui.hpp"

namespace sc::test {

namespace {

constexpr std::uint32_t kWidth = 480;
constexpr std::uint32_t kHeight = 270;

const char* const kZh = "重庆是山城，洪崖洞在嘉陵江边。";
const char* const kEn = "Chongqing is the mountain city.";

class UiOverlayTest : public GpuTest {
 protected:
  void SetUp() override {
    GpuTest::SetUp();
    if (HasFatalFailure()) return;
    // Small and single-sampled: the UI is what is tested, the scene is a backdrop.
    renderer_.reset();
    auto renderer = render::Renderer::create(*device_, {.msaaSamples = 1, .shadowMapSize = 512});
    ASSERT_TRUE(renderer) << renderer.error().message;
    renderer_ = std::move(renderer.value());
    auto ui = ui::Ui::create({.glyphText = std::string(kZh) + kEn + "洪崖洞 Hongyadong 吊脚楼依山而建。解放碑 Jiefangbei"});
    ASSERT_TRUE(ui) << ui.error().message;
    ui_ = std::move(ui.value());
    ASSERT_TRUE(ui_->hasCjkFont()) << ui_->fontProblem();
  }

  // The built-in courtyard, optionally with an overlay set for this frame.
  ImageRgba8 renderScene(const render::OverlayDrawList* overlay) {
    if (!scene_) {
      auto id = renderer_->addModel(app::makeDefaultScene());
      EXPECT_TRUE(id) << (id ? "" : id.error().message);
      if (!id) return {};
      renderer_->addInstance(*id);
      scene_ = *id;
    }
    if (overlay) renderer_->setOverlay(*overlay);
    gpu::OffscreenTarget target(*device_, kWidth, kHeight, 1);
    render::Camera camera;
    camera.eye = {0.0f, 2.0f, 7.0f};
    camera.target = {0.0f, 1.0f, 0.0f};
    auto views = render::makeViews(camera, float(kWidth) / float(kHeight), 1);
    auto stats = renderer_->render(target, views);
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().message);
    auto pixels = target.readPixels();
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  }

  // Draws a list into a fresh transparent panel texture and reads it back.
  ImageRgba8 renderPanel(const render::OverlayDrawList& list, std::uint32_t width, std::uint32_t height) {
    gpu::TextureHandle panel = renderer_->createOverlayTexture(width, height);
    Status drawn = renderer_->renderOverlayNow(panel, list);
    EXPECT_TRUE(drawn) << (drawn ? "" : drawn.error().message);
    auto pixels = device_->readback(panel);
    EXPECT_TRUE(pixels) << (pixels ? "" : pixels.error().message);
    device_->destroyTexture(panel);
    return pixels ? std::move(pixels.value()) : ImageRgba8{};
  }

  std::unique_ptr<ui::Ui> ui_;
  std::optional<render::ModelId> scene_;
};

const std::uint8_t* pixelAt(const ImageRgba8& image, int x, int y) {
  return &image.pixels[(std::size_t(y) * image.width + std::size_t(x)) * 4];
}

bool inside(const ui::UiRect& r, int x, int y, float margin) {
  return float(x) >= r.min.x - margin && float(x) < r.max.x + margin && float(y) >= r.min.y - margin &&
         float(y) < r.max.y + margin;
}

std::size_t inkPixels(const ImageRgba8& image) {
  std::size_t ink = 0;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) ink += image.pixels[i + 3] > 128 ? 1 : 0;
  return ink;
}

}  // namespace

TEST_F(UiOverlayTest, SubtitlesAndCardDrawOnlyInTheirPanels) {
  ui::UiModel model;
  model.language = ui::UiLanguage::Both;
  model.tour.visible = false;
  std::string zh = kZh;
  // Spoken up to and including 山城 (15 bytes), the word being said 洪崖洞 [18, 27).
  model.subtitles = {true, {{zh, 18, 18, 27, 0.5f, true, true}, {kEn, 0, 0, 0, 0.0f, false, false}}};
  model.card = {true, "hongyadong", {"洪崖洞", "Hongyadong"}, {"吊脚楼依山而建。", ""}};
  ui::UiInput input;
  input.displaySize = {float(kWidth), float(kHeight)};
  (void)ui_->frame(model, input);
  (void)ui_->frame(model, input);  // auto-sized panels settle in the second frame
  const ui::UiLayout layout = ui_->layout();
  ASSERT_FALSE(layout.subtitles.empty());
  ASSERT_FALSE(layout.card.empty());

  ImageRgba8 plain = renderScene(nullptr);
  ImageRgba8 withUi = renderScene(&ui_->drawList());
  ASSERT_EQ(plain.width, kWidth);
  ASSERT_EQ(withUi.width, kWidth);
  EXPECT_TRUE(writePng(testOutputDir() / "ui_overlay_scene.png", withUi));
  EXPECT_TRUE(writePng(testOutputDir() / "ui_overlay_scene_plain.png", plain));

  std::size_t changedOutside = 0, gold = 0, word = 0, white = 0, translation = 0;
  for (int y = 0; y < int(kHeight); ++y) {
    for (int x = 0; x < int(kWidth); ++x) {
      const std::uint8_t* a = pixelAt(plain, x, y);
      const std::uint8_t* b = pixelAt(withUi, x, y);
      int delta = std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
      bool inPanels = inside(layout.subtitles, x, y, 1.0f) || inside(layout.card, x, y, 1.0f);
      if (delta > 2 && !inPanels) ++changedOutside;
      if (!inside(layout.subtitles, x, y, 0.0f)) continue;
      // Text colours of the band (ui_widgets.cpp): gold spoken, orange current word, white not yet
      // spoken, blue-grey translation. Only text can be this bright over the dark band.
      if (b[0] > 200 && b[1] > 170 && b[1] < 235 && b[2] < 140) ++gold;
      if (b[0] > 200 && b[1] > 100 && b[1] < 170 && b[2] < 90) ++word;
      if (b[0] > 215 && b[1] > 215 && b[2] > 215) ++white;
      if (b[2] > 190 && b[0] > 170 && b[0] < 215 && b[2] > b[0] + 10) ++translation;
    }
  }
  EXPECT_EQ(changedOutside, 0u) << "the overlay changed pixels outside the subtitle band and the card";
  EXPECT_GT(gold, 40u) << "spoken part (重庆是山城，) not highlighted";
  EXPECT_GT(word, 20u) << "current word (洪崖洞) not marked";
  EXPECT_GT(white, 40u) << "unspoken part not drawn";
  EXPECT_GT(translation, 40u) << "English translation row not drawn";
  // The band darkens the scene behind it (the panel is there, not only the glyphs).
  glm::vec3 behind = meanColor(plain, int(layout.subtitles.min.x) + 4, int(layout.subtitles.min.y) + 3, 1);
  glm::vec3 band = meanColor(withUi, int(layout.subtitles.min.x) + 4, int(layout.subtitles.min.y) + 3, 1);
  EXPECT_LT(band.r + band.g + band.b, behind.r + behind.g + behind.b);
}

TEST_F(UiOverlayTest, ChongqingDrawsRealGlyphsNotTheFallback) {
  ASSERT_TRUE(ui_->hasGlyph(U'重'));
  ASSERT_TRUE(ui_->hasGlyph(U'庆'));
  ASSERT_FALSE(ui_->hasGlyph(U'鬱'));  // in the font, never in the UI's text: the fallback case
  const std::uint32_t w = 96, h = 48;
  ImageRgba8 chongqing = renderPanel(ui_->textDrawList("重庆", {4.0f, 4.0f}, w, h, true), w, h);
  ImageRgba8 missing = renderPanel(ui_->textDrawList("鬱鬱", {4.0f, 4.0f}, w, h, true), w, h);
  ImageRgba8 questions = renderPanel(ui_->textDrawList("??", {4.0f, 4.0f}, w, h, true), w, h);
  ASSERT_EQ(chongqing.width, w);
  EXPECT_TRUE(writePng(testOutputDir() / "ui_glyphs_chongqing.png", chongqing));
  EXPECT_TRUE(writePng(testOutputDir() / "ui_glyphs_missing.png", missing));
  // A glyph not in the atlas draws exactly as the fallback '?'...
  EXPECT_EQ(compareImages(missing, questions, 0).fractionWithin, 1.0);
  // ...and 重庆 does not: two dense ideographs, far more ink than two question marks.
  EXPECT_LT(compareImages(chongqing, questions, 16).fractionWithin, 0.9);
  std::size_t inkChongqing = inkPixels(chongqing), inkFallback = inkPixels(questions);
  EXPECT_GT(inkFallback, 10u);
  EXPECT_GT(inkChongqing, 3 * inkFallback) << inkChongqing << " vs " << inkFallback;
  // Both glyphs are there side by side: ink in the left and in the right half of the text.
  std::size_t left = 0, right = 0;
  for (std::uint32_t y = 0; y < h; ++y) {
    for (std::uint32_t x = 0; x < w; ++x) {
      if (pixelAt(chongqing, int(x), int(y))[3] > 128) (x < 4 + 24 ? left : right) += 1;
    }
  }
  EXPECT_GT(left, 40u);
  EXPECT_GT(right, 40u);
}

TEST_F(UiOverlayTest, UiIntoAPanelTextureForXr) {
  ui::UiModel model;
  model.tour.visible = false;
  model.card = {true, "hongyadong", {"洪崖洞", "Hongyadong"}, {"吊脚楼依山而建。", ""}};
  ui::UiInput input;
  input.displaySize = {256.0f, 160.0f};
  (void)ui_->frame(model, input);
  (void)ui_->frame(model, input);
  ASSERT_FALSE(ui_->layout().card.empty());
  // Drawn during a scene frame, as an XR app does before it hands the image to a quad layer.
  gpu::TextureHandle panel = renderer_->createOverlayTexture(256, 160);
  renderer_->drawOverlayInto(panel, ui_->drawList());
  ImageRgba8 frame = renderScene(nullptr);
  ASSERT_EQ(frame.width, kWidth);
  auto pixels = device_->readback(panel);
  ASSERT_TRUE(pixels) << pixels.error().message;
  device_->destroyTexture(panel);
  EXPECT_TRUE(writePng(testOutputDir() / "ui_panel.png", *pixels));
  std::size_t opaque = 0, clear = 0, notPremultiplied = 0;
  for (std::size_t i = 0; i < pixels->pixels.size(); i += 4) {
    const std::uint8_t* p = &pixels->pixels[i];
    opaque += p[3] > 150 ? 1 : 0;
    clear += p[3] == 0 ? 1 : 0;
    // sRGB encoding of premultiplied linear colour: a channel may exceed alpha only slightly.
    if (p[3] == 0 && (p[0] | p[1] | p[2])) ++notPremultiplied;
  }
  EXPECT_GT(opaque, 2000u);  // the card
  EXPECT_GT(clear, 2000u);   // transparent around it
  EXPECT_EQ(notPremultiplied, 0u);
}

TEST_F(UiOverlayTest, BrokenListIsRefusedAndTheFrameStillRenders) {
  render::OverlayDrawList bad;
  bad.vertices.resize(3);
  bad.indices = {0, 1, 7};  // past the vertices
  bad.images.push_back({1, 1, std::make_shared<ImageRgba8>(ImageRgba8{1, 1, {255, 255, 255, 255}}), {}});
  bad.commands.push_back({{0.0f, 0.0f, 10.0f, 10.0f}, 0, 0, 3, 0});
  Status checked = render::checkOverlayDrawList(bad);
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("command 0"), std::string::npos) << checked.error().message;
  ImageRgba8 plain = renderScene(nullptr);
  ImageRgba8 withBad = renderScene(&bad);
  EXPECT_EQ(compareImages(withBad, plain, 0).fractionWithin, 1.0);
}

// A command whose clip rectangle holds NaN (from NaN positions a caller gave ImGui) is
// skipped instead of becoming a garbage viewport. The fixture fails the test on any validation
// error.
TEST_F(UiOverlayTest, NanClipRectangleIsSkipped) {
  render::OverlayDrawList list;
  list.vertices.resize(3);
  list.vertices[1].position = {40.0f, 0.0f};
  list.vertices[2].position = {0.0f, 40.0f};
  list.indices = {0, 1, 2};
  list.images.push_back({1, 1, std::make_shared<ImageRgba8>(ImageRgba8{1, 1, {255, 255, 255, 255}}), {}});
  const float nan = std::numeric_limits<float>::quiet_NaN();
  list.commands.push_back({{0.0f, nan, 40.0f, 40.0f}, 0, 0, 3, 0});
  list.commands.push_back({{nan, nan, nan, nan}, 0, 0, 3, 0});
  ImageRgba8 plain = renderScene(nullptr);
  ImageRgba8 withNan = renderScene(&list);
  EXPECT_EQ(compareImages(withNan, plain, 0).fractionWithin, 1.0) << "a NaN-clipped command drew something";
}

// A list whose images are all new makes the overlay create textures while it records; the
// target's size must not be read through the device's texture table across that (it once was:
// the table grew, and the viewport came out 122,111,712 x 21,965 in the preview's first F1
// frame). 200 new images grow the table for certain; the fixture fails on validation errors.
TEST_F(UiOverlayTest, ListWithManyNewImagesDrawsIntoItsTarget) {
  render::OverlayDrawList list;
  list.vertices.resize(3);
  list.vertices[1].position = {64.0f, 0.0f};
  list.vertices[2].position = {0.0f, 64.0f};
  list.indices = {0, 1, 2};
  for (std::uint32_t i = 0; i < 200; ++i) {
    list.images.push_back({5000 + i, 0, std::make_shared<ImageRgba8>(ImageRgba8{1, 1, {255, 255, 255, 255}}), {}});
    list.commands.push_back({{0.0f, 0.0f, 64.0f, 64.0f}, i, 0, 3, 0});
  }
  ImageRgba8 panel = renderPanel(list, 128, 96);
  ASSERT_EQ(panel.width, 128u);
  EXPECT_EQ(pixelAt(panel, 8, 8)[3], 255) << "the triangle is missing";
  EXPECT_EQ(pixelAt(panel, 120, 90)[3], 0) << "drawn outside the triangle";
}

// Every widget, mouse and touch layouts, drawn into panel textures (no 3D scene: fast): each
// widget's reported rectangle holds drawn pixels, and HiDPI (2 pixels per point) draws the same
// layout at twice the resolution. The PNGs are for looking at.
TEST_F(UiOverlayTest, WidgetGallery) {
  ui::UiModel model;
  model.tour = {true, true, 1, 5, {"洪崖洞", "Hongyadong"}};
  model.subtitles = {true, {{kZh, 9, 9, 15, 0.3f, true, true}, {kEn, 0, 0, 0, 0.0f, false, false}}};
  model.picker.landmarks = {{"hongyadong", {"洪崖洞", "Hongyadong"}}, {"jiefangbei", {"解放碑", "Jiefangbei"}}};
  const glm::vec4 clear(0.02f, 0.02f, 0.02f, 1.0f);
  auto shoot = [&](const char* name, ui::UiModel m, std::uint32_t w, std::uint32_t h, float scale,
                   std::vector<std::pair<const char*, ui::UiRect>> (*rects)(const ui::UiLayout&)) {
    ui::UiInput input;
    input.displaySize = {float(w), float(h)};
    input.framebufferScale = scale;
    (void)ui_->frame(m, input);
    (void)ui_->frame(m, input);
    auto pw = std::uint32_t(float(w) * scale), ph = std::uint32_t(float(h) * scale);
    gpu::TextureHandle panel = renderer_->createOverlayTexture(pw, ph);
    Status drawn = renderer_->renderOverlayNow(panel, ui_->drawList(), clear);
    ASSERT_TRUE(drawn) << drawn.error().message;
    auto image = device_->readback(panel);
    device_->destroyTexture(panel);
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_TRUE(writePng(testOutputDir() / (std::string("ui_gallery_") + name + ".png"), *image));
    for (auto [what, r] : rects(ui_->layout())) {
      ASSERT_FALSE(r.empty()) << name << ": " << what << " not laid out";
      std::size_t drawnPixels = 0;
      for (int y = int(r.min.y * scale); y < int(r.max.y * scale); ++y) {
        for (int x = int(r.min.x * scale); x < int(r.max.x * scale); ++x) {
          if (x < 0 || y < 0 || x >= int(pw) || y >= int(ph)) continue;
          drawnPixels += pixelAt(*image, x, y)[0] > 20 ? 1 : 0;
        }
      }
      EXPECT_GT(drawnPixels, 20u) << name << ": nothing drawn in " << what;
    }
  };
  shoot("controls", model, 640, 360, 1.0f, [](const ui::UiLayout& l) {
    return std::vector<std::pair<const char*, ui::UiRect>>{
        {"play/pause", l.playPause}, {"next", l.next}, {"language zh", l.languageZh}, {"subtitles", l.subtitles}};
  });
  ui::UiModel touch = model;
  touch.touch = true;
  touch.picker.open = true;
  shoot("touch_picker", touch, 960, 540, 1.0f, [](const ui::UiLayout& l) {
    return std::vector<std::pair<const char*, ui::UiRect>>{
        {"picker", l.picker}, {"entry 1", l.pickerEntries.at(1)}, {"next", l.next}};
  });
  ui::UiModel settings = model;
  settings.settings.open = true;
  settings.language = ui::UiLanguage::Chinese;
  shoot("settings_hidpi", settings, 480, 270, 2.0f, [](const ui::UiLayout& l) {
    return std::vector<std::pair<const char*, ui::UiRect>>{
        {"settings", l.settings}, {"quality high", l.qualityHigh}, {"volume", l.volume}};
  });
  ui::UiModel loading;
  loading.loading = {true, {"解放碑", "Jiefangbei"}, 3, 10, 1200000, 4000000, "landmarks/jiefangbei/jiefangbei.gltf"};
  shoot("loading", loading, 640, 360, 1.0f, [](const ui::UiLayout& l) {
    return std::vector<std::pair<const char*, ui::UiRect>>{{"loading bar", l.loadingBar}};
  });
  ui::UiModel error = model;
  error.error = {true, {"出错了", "Something went wrong"},
                 "scenes/jiefangbei/jiefangbei.scene.json:12: /models/0/path: file not found", true};
  shoot("error", error, 640, 360, 1.0f, [](const ui::UiLayout& l) {
    return std::vector<std::pair<const char*, ui::UiRect>>{{"error", l.error}, {"retry", l.errorRetry}};
  });
}

}  // namespace sc::test
