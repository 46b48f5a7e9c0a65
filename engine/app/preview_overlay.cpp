#include "app/preview_overlay.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/preview_selection.hpp"
#include "app/preview_transform_panel.hpp"
#include "platform/screen_pick.hpp"
#include "ui/ui.hpp"

namespace sc::app {

namespace {

// "PREVIEW\1": the key of the overlay's white image (any non-zero key unlike the font atlas').
constexpr std::uint64_t kWhiteKey = 0x5052455649455701ull;

std::uint32_t rgba(int r, int g, int b, int a) {
  return std::uint32_t(r) | (std::uint32_t(g) << 8) | (std::uint32_t(b) << 16) | (std::uint32_t(a) << 24);
}

// Solid quads, all in one command over the white image.
struct QuadBatch {
  render::OverlayDrawList list;
  explicit QuadBatch(glm::uvec2 pixels) {
    list.width = pixels.x;
    list.height = pixels.y;
    render::OverlayImage white;
    white.key = kWhiteKey;
    white.version = 1;
    auto pixel = std::make_shared<ImageRgba8>();
    pixel->width = 1;
    pixel->height = 1;
    pixel->pixels = {255, 255, 255, 255};
    white.pixels = pixel;
    list.images.push_back(white);
  }
  void rect(glm::vec2 a, glm::vec2 b, std::uint32_t colour) {
    auto base = std::uint32_t(list.vertices.size());
    glm::vec2 uv(0.5f);
    list.vertices.push_back({a, uv, colour});
    list.vertices.push_back({{b.x, a.y}, uv, colour});
    list.vertices.push_back({b, uv, colour});
    list.vertices.push_back({{a.x, b.y}, uv, colour});
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) list.indices.push_back(base + i);
  }
  // A line `width` pixels wide from a to b.
  void line(glm::vec2 a, glm::vec2 b, float width, std::uint32_t colour) {
    glm::vec2 d = b - a;
    float length = glm::length(d);
    if (length < 1e-3f) return;
    glm::vec2 n = glm::vec2(-d.y, d.x) / length * (width * 0.5f);
    auto base = std::uint32_t(list.vertices.size());
    glm::vec2 uv(0.5f);
    list.vertices.push_back({a + n, uv, colour});
    list.vertices.push_back({b + n, uv, colour});
    list.vertices.push_back({b - n, uv, colour});
    list.vertices.push_back({a - n, uv, colour});
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) list.indices.push_back(base + i);
  }
  render::OverlayDrawList finish() {
    if (!list.indices.empty()) {
      list.commands.push_back({glm::vec4(0.0f, 0.0f, float(list.width), float(list.height)), 0, 0,
                               std::uint32_t(list.indices.size()), 0});
    }
    return std::move(list);
  }
};

// Appends `src` after what `dst` holds (both in the same pixel space).
void append(render::OverlayDrawList& dst, const render::OverlayDrawList& src) {
  if (src.empty()) return;
  auto vertexBase = std::int32_t(dst.vertices.size());
  auto indexBase = std::uint32_t(dst.indices.size());
  auto imageBase = std::uint32_t(dst.images.size());
  dst.vertices.insert(dst.vertices.end(), src.vertices.begin(), src.vertices.end());
  dst.indices.insert(dst.indices.end(), src.indices.begin(), src.indices.end());
  dst.images.insert(dst.images.end(), src.images.begin(), src.images.end());
  for (auto cmd : src.commands) {
    cmd.firstIndex += indexBase;
    cmd.vertexOffset += vertexBase;
    cmd.image += imageBase;
    dst.commands.push_back(cmd);
  }
}

// The frame-time graph and budget bars, with their text labels.
void drawMeters(QuadBatch& quads, std::vector<std::pair<glm::vec2, std::string>>& labels, const PreviewSession& session,
                glm::uvec2 pixels) {
  const float graphW = 240.0f, graphH = 90.0f, pad = 10.0f;
  glm::vec2 origin(float(pixels.x) - graphW - pad, float(pixels.y) - graphH - pad - 110.0f);
  quads.rect(origin - glm::vec2(6.0f, 22.0f), origin + glm::vec2(graphW + 6.0f, graphH + 6.0f + 110.0f),
             rgba(0, 0, 0, 170));
  const auto& timings = session.timings();
  double top = 33.4;
  for (const auto& t : timings) top = std::max({top, t.cpuMs, t.gpuMs});
  auto yOf = [&](double ms) { return origin.y + graphH - float(std::min(ms, top) / top) * graphH; };
  for (double line : {16.7, 33.3}) quads.rect({origin.x, yOf(line)}, {origin.x + graphW, yOf(line) + 1.0f}, rgba(120, 120, 120, 200));
  float step = graphW / float(PreviewSession::kTimingHistory);
  for (std::size_t i = 0; i < timings.size(); ++i) {
    float x = origin.x + float(i) * step;
    quads.rect({x, yOf(timings[i].cpuMs)}, {x + std::max(step, 1.0f), origin.y + graphH}, rgba(255, 150, 40, 200));
    if (timings[i].gpuMs >= 0.0) {
      quads.rect({x, yOf(timings[i].gpuMs)}, {x + std::max(step, 1.0f), yOf(timings[i].gpuMs) + 2.0f},
                 rgba(60, 220, 255, 255));
    }
  }
  double cpu = timings.empty() ? 0.0 : timings.back().cpuMs;
  double gpu = timings.empty() ? -1.0 : timings.back().gpuMs;
  labels.push_back({origin + glm::vec2(0.0f, -20.0f),
                    fmt::format("CPU {:.1f}  GPU {} ms  (top {:.0f})", cpu,
                                gpu >= 0.0 ? fmt::format("{:.1f}", gpu) : std::string("?"), top)});
  glm::vec2 bars = origin + glm::vec2(0.0f, graphH + 8.0f);
  labels.push_back({bars, fmt::format("budget: {}", session.scene().budgetProfile().name)});
  int row = 1;
  for (const auto& b : session.budgets()) {
    glm::vec2 at = bars + glm::vec2(0.0f, 20.0f * float(row++));
    float fraction = float(std::min(b.fraction(), 1.0));
    std::uint32_t colour = b.fraction() > 1.0 ? rgba(230, 60, 50, 230) : b.fraction() > 0.75 ? rgba(230, 200, 40, 230)
                                                                                                : rgba(70, 200, 90, 230);
    quads.rect(at + glm::vec2(110.0f, 4.0f), at + glm::vec2(graphW, 16.0f), rgba(60, 60, 60, 220));
    quads.rect(at + glm::vec2(110.0f, 4.0f), at + glm::vec2(110.0f + (graphW - 110.0f) * fraction, 16.0f), colour);
    labels.push_back({at, fmt::format("{} {:.0f}%", b.name, b.fraction() * 100.0)});
  }
}

// The selected model's world bounds as lines, and where its label goes (pixels); nullopt when
// the box is wholly behind the camera. Edges with a corner behind the eye are left out: cheap,
// and the creator can step back to see the whole box.
std::optional<glm::vec2> drawBounds(QuadBatch& quads, const assets::Bounds& b, const glm::mat4& viewProjection,
                                    glm::uvec2 pixels) {
  std::array<std::optional<glm::vec2>, 8> corner;
  std::optional<glm::vec2> top;
  for (int i = 0; i < 8; ++i) {
    glm::vec3 p((i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y, (i & 4) ? b.max.z : b.min.z);
    glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-3f) continue;
    corner[i] = (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * glm::vec2(pixels);
    if (!top || corner[i]->y < top->y) top = corner[i];
  }
  for (int i = 0; i < 8; ++i) {
    for (int axis : {1, 2, 4}) {
      int j = i | axis;
      if (j == i || !corner[i] || !corner[j]) continue;
      quads.line(*corner[i], *corner[j], 2.0f, rgba(255, 220, 40, 230));
    }
  }
  return top;
}

}  // namespace

PreviewOverlay::~PreviewOverlay() = default;

bool PreviewOverlay::capturesPointer() const { return uiHadPointer_; }
bool PreviewOverlay::capturesKeyboard() const { return transformPanel_ && transformPanel_->wantsKeyboard(); }

void PreviewOverlay::handleClick(PreviewSession& session, const platform::InputState& input, bool overUi,
                                 glm::vec2 windowPoints, float pixelsPerPoint) {
  using platform::MouseButton;
  // A press and release within 4 points is a click; more is the fly camera's drag-to-look.
  if (input.pressed(MouseButton::Left)) {
    pressAt_ = input.cursor;
    pressIsClick_ = !overUi;
  }
  if (glm::length(input.cursor - pressAt_) > 4.0f) pressIsClick_ = false;
  if (!input.released(MouseButton::Left) || !pressIsClick_) return;
  pressIsClick_ = false;
  glm::vec2 pixel = input.cursor * pixelsPerPoint;
  if (panels && pixel.x >= inspectorRect_.x && pixel.x <= inspectorRect_.z && pixel.y >= inspectorRect_.y &&
      pixel.y <= inspectorRect_.w) {
    // The scene tree: text lines 18 pixels apart from y = 10 (the panel's layout below).
    int line = int(std::floor((pixel.y - 10.0f) / 18.0f));
    if (line >= 0 && std::size_t(line) < lineModels_.size() && !lineModels_[std::size_t(line)].empty()) {
      session.selectModel(lineModels_[std::size_t(line)]);
    }
    return;  // a click on the panel is never a click into the scene behind it
  }
  const auto& models = session.shownModels();
  auto picked = pickModel(models, rayThroughPoint(session.camera(), windowPoints, input.cursor));
  session.selectModel(picked ? models[*picked].id : std::string());
}

Result<std::unique_ptr<PreviewOverlay>> PreviewOverlay::create() {
  auto ui = ui::Ui::create();
  if (!ui) return ui.error();
  std::unique_ptr<PreviewOverlay> overlay(new PreviewOverlay());
  overlay->ui_ = std::move(ui.value());
  overlay->transformPanel_ = std::make_unique<TransformPanel>();
  overlay->ui_->addGlyphText("编辑未生效");
  return overlay;
}

render::OverlayDrawList PreviewOverlay::build(PreviewSession& session, const platform::InputState& input,
                                              glm::vec2 windowPoints, glm::uvec2 pixels, float seconds) {
  render::OverlayDrawList out;
  out.width = pixels.x;
  out.height = pixels.y;
  if (pixels.x == 0 || pixels.y == 0) return out;

  // The error panel of the visitor UI, for a rejected edit or a shader that does not compile.
  std::string error;
  if (const auto& rejected = session.scene().lastError()) {
    // The first problem, short: the file's name (the log has the whole path and every problem).
    if (!rejected->diagnostics.empty()) {
      scene::Diagnostic d = rejected->diagnostics.front();
      d.file = std::filesystem::path(d.file).filename().string();
      error = scene::formatDiagnostic(d);
    } else {
      error = rejected->summary;
    }
    error += "\nThe last good scene stays on screen; fix the file and save again.";
  } else if (session.shaders() && !session.shaders()->errors().empty()) {
    const auto& [name, message] = *session.shaders()->errors().begin();
    error = fmt::format("shader {} does not compile; the last good version is kept:\n{}", name, message);
  }
  if (error.empty()) dismissed_.clear();
  ui::UiModel model;
  model.minimal = true;
  model.error.visible = !error.empty() && error != dismissed_;
  model.error.title = {"编辑未生效", "Edit not applied"};
  model.error.message = error;
  model.error.canRetry = true;
  ui::UiInput in;
  in.displaySize = windowPoints;
  in.framebufferScale = windowPoints.x > 0.0f ? float(pixels.x) / windowPoints.x : 1.0f;
  in.deltaSeconds = std::max(seconds, 1e-3f);
  in.pointer = input.cursor;
  in.pointerDown = input.down(platform::MouseButton::Left);
  ui::UiFrame frame = ui_->frame(model, in);
  // Copied now: textDrawList below reuses the UI's list.
  render::OverlayDrawList panel = ui_->drawList();
  render::OverlayDrawList editor =
      transformPanel_->build(session, input, in.framebufferScale, pixels, seconds, panels);
  uiHadPointer_ = frame.pointerOverUi || transformPanel_->wantsMouse();
  handleClick(session, input, uiHadPointer_, windowPoints, in.framebufferScale);
  render::Camera camera = session.camera();
  glm::mat4 viewProjection = camera.projection(float(pixels.x) / float(pixels.y)) * camera.view();
  if (input.pressed(platform::Key::F1)) {
    for (const auto& m : session.shownModels()) {
      if (!m.worldBounds.valid()) continue;
      if (auto at = platform::projectToWindow(viewProjection, m.worldBounds.center(), windowPoints)) {
        spdlog::info("preview: model '{}' on screen at window point ({:.0f}, {:.0f})", m.id, at->x, at->y);
      }
    }
  }
  if (model.error.visible) {
    // Where the panel is whenever it moves or resizes (ImGui sizes it over its first frames);
    // tests compare the picture around it.
    const ui::UiRect& r = ui_->layout().error;
    glm::vec4 rect(r.min * in.framebufferScale, r.max * in.framebufferScale);
    if (rect != panelRect_) {
      glm::vec2 close = ui_->layout().errorDismiss.center();
      spdlog::info("preview: error panel at ({:.0f}, {:.0f})-({:.0f}, {:.0f}) pixels, its Close button at window point "
                   "({:.0f}, {:.0f})", rect.x, rect.y, rect.z, rect.w, close.x, close.y);
      panelRect_ = rect;
    }
  } else {
    panelRect_ = glm::vec4(0.0f);
  }
  for (const auto& action : frame.actions) {
    if (action.kind == ui::UiActionKind::DismissError) dismissed_ = error;
    if (action.kind == ui::UiActionKind::Retry) session.scene().reloadAll();
  }

  QuadBatch quads(pixels);
  std::vector<std::pair<glm::vec2, std::string>> labels;
  if (const ShownModel* selected = session.selectedModel(); selected && selected->worldBounds.valid()) {
    if (auto top = drawBounds(quads, selected->worldBounds, viewProjection, pixels)) {
      labels.push_back({*top + glm::vec2(-4.0f, -24.0f), selected->id});
    }
  }
  if (panels) {
    std::string text = session.inspectorText();
    // Keep the panel on screen: at most as many lines as fit.
    std::size_t maxLines = std::max<std::size_t>(4, (pixels.y - 20) / 18), lines = 0, cut = 0;
    while (cut < text.size() && lines < maxLines) {
      cut = text.find('\n', cut);
      if (cut == std::string::npos) cut = text.size();
      else ++cut;
      ++lines;
    }
    if (cut < text.size()) text = text.substr(0, cut) + "...";
    std::size_t longest = 0;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = std::min(text.find('\n', at), text.size());
      std::size_t points = 0;  // code points: continuation bytes do not count
      for (std::size_t i = at; i < end; ++i) points += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
      longest = std::max(longest, points);
      at = end + 1;
    }
    float panelW = std::min(float(pixels.x) - 6.0f, 20.0f + 8.2f * float(longest));
    ui_->addGlyphText(text);  // POI names and narration in Chinese
    inspectorRect_ = {6.0f, 6.0f, panelW, 14.0f + 18.0f * float(lines + 1)};
    quads.rect({inspectorRect_.x, inspectorRect_.y}, {inspectorRect_.z, inspectorRect_.w}, rgba(0, 0, 0, 170));
    labels.push_back({{12.0f, 10.0f}, text});
    // Which line names which model: "  [> ]ID FILE at (" in the scene tree.
    lineModels_.clear();
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = std::min(text.find('\n', at), text.size());
      std::string_view line(text.data() + at, end - at);
      std::string id;
      for (const auto& m : session.shownModels()) {
        std::string tail = " " + m.file.filename().string() + " at (";
        if ((line.starts_with("  " + m.id + tail) || line.starts_with("  > " + m.id + tail))) id = m.id;
      }
      lineModels_.push_back(std::move(id));
      at = end + 1;
    }
    drawMeters(quads, labels, session, pixels);
  } else {
    inspectorRect_ = glm::vec4(0.0f);
  }
  append(out, quads.finish());
  for (const auto& [at, label] : labels) append(out, ui_->textDrawList(label, at, pixels.x, pixels.y));
  append(out, panel);
  append(out, editor);
  return out;
}

}  // namespace sc::app
