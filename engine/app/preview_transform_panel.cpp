#include "app/preview_transform_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <utility>

#include <fmt/format.h>
#include <imgui/imgui.h>  // Debian's libimgui-dev 1.86 (linked through sc_ui)
#include <spdlog/spdlog.h>

#include "app/preview_selection.hpp"
#include "ui/imgui_output.hpp"
#include "ui/ui.hpp"

namespace sc::app {

namespace {

// "PREVIEW\2": the panel's font atlas (unlike the overlay's white image and the UI's keys).
constexpr std::uint64_t kPanelFontKey = 0x5052455649455702ull;

}  // namespace

TransformPanel::TransformPanel() {
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

TransformPanel::~TransformPanel() { ImGui::DestroyContext(context_); }

render::OverlayDrawList TransformPanel::build(PreviewSession& session, const platform::InputState& in,
                                              float pixelsPerPoint, glm::uvec2 pixels, float seconds, bool show) {
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

void TransformPanel::buildFont(float pixelsPerPoint) {
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
  atlas_ = ui::takeFontAtlasPixels(*atlas, reinterpret_cast<ImTextureID>(std::intptr_t(1)));
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

void TransformPanel::drawWindow(PreviewSession& session, glm::uvec2 pixels, float pixelsPerPoint) {
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

void TransformPanel::convert(render::OverlayDrawList& out) const {
  ImDrawData* data = ImGui::GetDrawData();
  if (!data || data->TotalIdxCount == 0 || !atlas_) return;
  out.images.push_back({kPanelFontKey, version_, atlas_, {}});
  ui::appendDrawData(*data, std::uint32_t(out.images.size() - 1), out);
}

}  // namespace sc::app
