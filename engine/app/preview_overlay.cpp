#include "app/preview_overlay.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <imgui/imgui.h>  // Debian's libimgui-dev 1.86 (linked through sc_ui)
#include <spdlog/spdlog.h>

#include "app/preview_selection.hpp"
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

// The transform editor. A Dear ImGui context of its own: ui::Ui lays out only the widgets of its
// UiModel, and the creator tools are no part of the visitor's UI. ImGui's current context is a
// process-wide global, so build() makes this one current and puts the previous one back.
// Everything is laid out in framebuffer pixels (the font and the style are scaled to the
// window's pixels per point).
class TransformPanel {
 public:
  TransformPanel() {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    using platform::Key;
    // The keys a typed entry needs. Not Tab: it would move the focus into a field and keep the
    // preview's own Tab (next POI) from the session.
    const std::pair<ImGuiKey_, Key> keys[] = {{ImGuiKey_LeftArrow, Key::Left}, {ImGuiKey_RightArrow, Key::Right},
                                              {ImGuiKey_UpArrow, Key::Up},     {ImGuiKey_DownArrow, Key::Down},
                                              {ImGuiKey_Backspace, Key::Backspace}, {ImGuiKey_Enter, Key::Enter},
                                              {ImGuiKey_Escape, Key::Escape},  {ImGuiKey_A, Key::A}};
    for (const auto& [imgui, key] : keys) io.KeyMap[imgui] = int(key);
    std::ifstream font(ui::defaultFontPath(), std::ios::binary);
    fontBytes_.assign(std::istreambuf_iterator<char>(font), {});
    ImGui::SetCurrentContext(previous);
  }
  ~TransformPanel() { ImGui::DestroyContext(context_); }
  TransformPanel(const TransformPanel&) = delete;
  TransformPanel& operator=(const TransformPanel&) = delete;

  bool wantsMouse() const { return wantsMouse_; }
  bool wantsKeyboard() const { return wantsKeyboard_; }

  // The panel for the selected model when `show`; edits go to `session`. Pixels.
  render::OverlayDrawList build(PreviewSession& session, const platform::InputState& in, float pixelsPerPoint,
                                glm::uvec2 pixels, float seconds, bool show) {
    render::OverlayDrawList out;
    out.width = pixels.x;
    out.height = pixels.y;
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    if (pixelsPerPoint != builtScale_) buildFont(pixelsPerPoint);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(pixels.x), float(pixels.y));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = std::max(seconds, 1e-3f);
    io.MousePos = ImVec2(in.cursor.x * pixelsPerPoint, in.cursor.y * pixelsPerPoint);
    // A click that went down and up between two frames (xdotool, a quick tap) is shown to ImGui
    // as down in this frame and up in the next; ImGui only sees states, not events.
    using platform::MouseButton;
    io.MouseDown[0] = in.down(MouseButton::Left) || in.pressed(MouseButton::Left);
    for (int k = 0; k < int(platform::Key::Count); ++k) {
      io.KeysDown[k] = in.down(platform::Key(k)) || in.pressed(platform::Key(k));
    }
    io.KeyCtrl = in.ctrl();
    io.KeyShift = in.shift();
    io.KeyAlt = in.alt();
    if (!in.typed.empty()) io.AddInputCharactersUTF8(in.typed.c_str());
    ImGui::NewFrame();
    if (show) drawWindow(session, pixels, pixelsPerPoint);
    ImGui::Render();
    wantsMouse_ = show && io.WantCaptureMouse;
    wantsKeyboard_ = show && io.WantTextInput;
    if (!show) saveButton_ = glm::vec4(0.0f);
    convert(out);
    ImGui::SetCurrentContext(previous);
    return out;
  }

 private:
  void buildFont(float pixelsPerPoint) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    float size = std::round(15.0f * pixelsPerPoint);
    ImFont* font = nullptr;
    if (!fontBytes_.empty()) {
      ImFontConfig config;
      config.FontDataOwnedByAtlas = false;  // fontBytes_ outlives the atlas
      config.OversampleH = 2;
      config.PixelSnapH = true;
      font = atlas->AddFontFromMemoryTTF(fontBytes_.data(), int(fontBytes_.size()), size, &config);
    }
    if (!font) {
      ImFontConfig config;
      config.SizePixels = size;
      atlas->AddFontDefault(&config);
    }
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    atlas->Build();
    unsigned char* data = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsRGBA32(&data, &width, &height);
    auto image = std::make_shared<ImageRgba8>();
    image->width = std::uint32_t(width);
    image->height = std::uint32_t(height);
    image->pixels.assign(data, data + std::size_t(width) * std::size_t(height) * 4);
    atlas_ = std::move(image);
    atlas->SetTexID(reinterpret_cast<ImTextureID>(std::intptr_t(1)));
    atlas->ClearTexData();
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.05f, 0.06f, 0.08f, 0.97f);  // over the inspector's text
    style.ScaleAllSizes(pixelsPerPoint);
    ImGui::GetStyle() = style;
    ++version_;
    builtScale_ = pixelsPerPoint;
  }

  void drawWindow(PreviewSession& session, glm::uvec2 pixels, float pixelsPerPoint) {
    const ShownModel* model = session.selectedModel();
    if (!model) return;
    const std::string id = model->id;
    auto placement = session.modelPlacement(id);
    if (!placement) return;
    TransformParts p = *placement;
    const std::vector<std::string> unsaved = session.unsavedModels();
    ImGui::SetNextWindowPos(ImVec2(float(pixels.x) - 8.0f, 8.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    std::string title = fmt::format("transform of '{}'###transform", id);
    ImGui::Begin(title.c_str(), nullptr,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings);
    if (!unsaved.empty()) {
      ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.2f, 1.0f), "* unsaved changes (%zu model%s)", unsaved.size(),
                         unsaved.size() == 1 ? "" : "s");
    } else {
      ImGui::TextDisabled("as in the scene file");
    }
    ImGui::PushItemWidth(250.0f * pixelsPerPoint);
    bool changed = false;
    auto field = [&](const char* label, glm::vec3& v, float speed, const char* format) {
      changed |= ImGui::DragFloat3(label, &v.x, speed, 0.0f, 0.0f, format);
      if (ImGui::IsItemActivated()) undoPushed_ = false;  // a new drag (or typed entry) begins
    };
    field("position (m)", p.position, 0.01f, "%.3f");
    // The X field's centre: the first third of the item (three fields of equal width).
    const glm::vec2 positionX((ImGui::GetItemRectMin().x * 5.0f + ImGui::GetItemRectMax().x) / 6.0f,
                              (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f);
    field("rotation (deg, X Y Z)", p.rotationDegrees, 0.25f, "%.2f");
    const glm::vec3 scaleBefore = p.scale;
    field("scale", p.scale, 0.002f, "%.4f");
    if (uniform_ && p.scale != scaleBefore) {
      int axis = p.scale.x != scaleBefore.x ? 0 : p.scale.y != scaleBefore.y ? 1 : 2;
      p.scale = glm::vec3(p.scale[axis]);
    }
    ImGui::PopItemWidth();
    ImGui::Checkbox("uniform scale", &uniform_);
    if (changed && session.editModel(id, p, !undoPushed_)) undoPushed_ = true;

    if (ImGui::Button("Save (Ctrl+Shift+S)")) {
      if (auto saved = session.saveModelEdits(); !saved) spdlog::error("{}", saved.error().message);
    }
    glm::vec4 save(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                   ImGui::GetItemRectMax().y);
    ImGui::SameLine();
    if (ImGui::Button("Undo (Ctrl+Z)")) session.undoEdit();
    ImGui::SameLine();
    if (ImGui::Button("Revert")) {
      if (const scene::ModelInstance* inFile = session.scene().document().findModel(id)) {
        session.editModel(id, placementOf(inFile->transform));
      }
    }
    ImGui::TextDisabled("keys: arrows move x/z 0.1 m (Shift: 1 m), Alt+Up/Down: y");
    ImGui::TextDisabled("R / Shift+R: turn 15 deg about Y, G / Shift+G: scale x1.1 / 1.1");
    ImGui::TextDisabled("Materials are shown in the inspector; edit them in the model file.");
    const bool appearing = ImGui::IsWindowAppearing();
    const ImVec2 origin = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    glm::vec4 window(origin.x, origin.y, origin.x + size.x, origin.y + size.y);
    ImGui::End();
    // Where a script clicks (window points): logged when the panel has its size (an auto-sized
    // window is measured, not drawn, on its first frame) and whenever it moves or resizes.
    if (save != saveButton_ && !appearing) {
      glm::vec2 at = glm::vec2(save.x + save.z, save.y + save.w) * 0.5f / pixelsPerPoint;
      glm::vec2 x = positionX / pixelsPerPoint;
      spdlog::info("preview: transform panel at ({:.0f}, {:.0f})-({:.0f}, {:.0f}) pixels, its Save button at window "
                   "point ({:.0f}, {:.0f}), its position X field at window point ({:.0f}, {:.0f})", window.x, window.y,
                   window.z, window.w, at.x, at.y, x.x, x.y);
      saveButton_ = save;
    }
  }

  void convert(render::OverlayDrawList& out) const {
    ImDrawData* data = ImGui::GetDrawData();
    if (!data || data->TotalIdxCount == 0 || !atlas_) return;
    out.images.push_back({kPanelFontKey, version_, atlas_, {}});
    for (int l = 0; l < data->CmdListsCount; ++l) {
      const ImDrawList* list = data->CmdLists[l];
      auto baseVertex = std::int32_t(out.vertices.size());
      auto baseIndex = std::uint32_t(out.indices.size());
      for (const ImDrawVert& v : list->VtxBuffer) out.vertices.push_back({{v.pos.x, v.pos.y}, {v.uv.x, v.uv.y}, v.col});
      for (ImDrawIdx i : list->IdxBuffer) out.indices.push_back(i);
      for (const ImDrawCmd& c : list->CmdBuffer) {
        if (c.UserCallback || c.ElemCount == 0) continue;
        render::OverlayCommand command;
        command.clipRect = glm::vec4(c.ClipRect.x - data->DisplayPos.x, c.ClipRect.y - data->DisplayPos.y,
                                     c.ClipRect.z - data->DisplayPos.x, c.ClipRect.w - data->DisplayPos.y);
        command.image = 0;
        command.firstIndex = baseIndex + c.IdxOffset;
        command.indexCount = c.ElemCount;
        command.vertexOffset = baseVertex + std::int32_t(c.VtxOffset);
        out.commands.push_back(command);
      }
    }
  }

  // "PREVIEW\2": the panel's font atlas (unlike the white image's and the UI's keys).
  static constexpr std::uint64_t kPanelFontKey = 0x5052455649455702ull;
  ImGuiContext* context_ = nullptr;
  std::vector<unsigned char> fontBytes_;
  std::shared_ptr<ImageRgba8> atlas_;
  std::uint64_t version_ = 0;
  float builtScale_ = 0.0f;
  bool wantsMouse_ = false;
  bool wantsKeyboard_ = false;
  bool uniform_ = true;
  bool undoPushed_ = false;
  glm::vec4 saveButton_{0.0f};
};

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
