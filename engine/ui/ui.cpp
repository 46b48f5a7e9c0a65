#include "ui/ui.hpp"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>

#include <spdlog/spdlog.h>
#include <stb/stb_truetype.h>

#include "ui/glyph_ranges.hpp"
#include "ui/imgui_output.hpp"
#include "ui/ui_internal.hpp"

namespace sc::ui {

namespace {

constexpr float kTouchTextFactor = 1.4f;
// The atlas is one texture; its TextureId in ImGui is this tag, mapped to image 0 of the list.
ImTextureID const kAtlasTextureId = reinterpret_cast<ImTextureID>(std::uintptr_t(1));

std::atomic<std::uint64_t> nextAtlasKey{0x55490000u};  // "UI" + counter: distinct per Ui

// Reads the font and checks it holds the requested face, so that a wrong path or a broken file
// becomes one message instead of an assertion deep inside ImGui's atlas builder.
std::string loadFont(const std::filesystem::path& path, int face, std::vector<char>& bytes) {
  const std::string fix = fmt::format(
      "Chinese subtitles and labels cannot be shown (they draw as '?'; Latin text uses the built-in font). Install "
      "the Debian package fonts-wqy-microhei (tools/install-deps.sh), or set {} to a TrueType/OpenType font with "
      "simplified Chinese",
      kFontPathVariable);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("UI font {}: cannot open it ({}). {}", path.string(), std::strerror(errno), fix);
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  int faces = bytes.size() >= 12 ? stbtt_GetNumberOfFonts(data) : -1;
  if (faces <= 0) {
    bytes.clear();
    return fmt::format("UI font {}: not a TrueType/OpenType font. {}", path.string(), fix);
  }
  int offset = face >= 0 && face < faces ? stbtt_GetFontOffsetForIndex(data, face) : -1;
  stbtt_fontinfo info;
  if (offset < 0 || !stbtt_InitFont(&info, data, offset)) {
    bytes.clear();
    return fmt::format("UI font {}: has no usable face {} (it holds {}; UiOptions::fontFaceIndex counts from 0). {}",
                       path.string(), face, faces, fix);
  }
  if (stbtt_FindGlyphIndex(&info, 0x91CD) == 0) {  // 重: a font without it is no use here
    bytes.clear();
    return fmt::format("UI font {} (face {}) has no Chinese glyphs (no U+91CD 重). {}", path.string(), face, fix);
  }
  return {};
}

// True the first time `problem` is reported in this process.
bool firstReport(const std::string& problem) {
  static std::mutex mutex;
  static std::set<std::string> reported;
  std::lock_guard<std::mutex> lock(mutex);
  return reported.insert(problem).second;
}

}  // namespace

std::filesystem::path defaultFontPath() {
  const char* value = std::getenv(kFontPathVariable);
  return value && *value ? std::filesystem::path(value) : std::filesystem::path(kDefaultCjkFontPath);
}

UiRect lastItemRect() {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return {{a.x, a.y}, {b.x, b.y}};
}

UiRect currentWindowRect() {
  ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
  return {{p.x, p.y}, {p.x + s.x, p.y + s.y}};
}

Ui::Impl::~Impl() {
  if (context) ImGui::DestroyContext(context);
}

void Ui::Impl::buildAtlas(float pixelsPerPoint, float textScale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  std::string text = uiLabelText() + glyphText;
  std::vector<std::uint16_t> ranges = glyphRangesFor(text);
  glyphRanges.assign(ranges.begin(), ranges.end());
  // Glyphs are rasterised at the pixel size they are shown at (sharp on HiDPI and when the
  // visitor picks larger text); layout stays in points through FontGlobalScale.
  float points = options.baseFontPoints * textScale;
  float pixels = std::max(6.0f, std::round(points * pixelsPerPoint));
  float largePixels = std::max(8.0f, std::round(points * options.subtitleScale * pixelsPerPoint));
  if (!fontBytes.empty()) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // fontBytes outlives the atlas
    config.FontNo = options.fontFaceIndex;
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    body = atlas->AddFontFromMemoryTTF(fontBytes.data(), int(fontBytes.size()), pixels, &config, glyphRanges.data());
    large = atlas->AddFontFromMemoryTTF(fontBytes.data(), int(fontBytes.size()), largePixels, &config,
                                        glyphRanges.data());
  } else {
    // Latin-only fallback: ImGui's built-in bitmap font, scaled.
    ImFontConfig config;
    config.SizePixels = pixels;
    body = atlas->AddFontDefault(&config);
    config.SizePixels = largePixels;
    large = atlas->AddFontDefault(&config);
  }
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  if (!atlas->Build()) {
    spdlog::error("UI font atlas could not be built; falling back to the built-in Latin font");
    fontBytes.clear();
    fontProblem = fmt::format("UI font {}: the font atlas could not be built from it", options.fontPath.string());
    buildAtlas(pixelsPerPoint, textScale);
    return;
  }
  atlasPixels = takeFontAtlasPixels(*atlas, kAtlasTextureId);
  ImGui::GetIO().FontGlobalScale = 1.0f / pixelsPerPoint;
  ImGui::GetIO().FontDefault = body;
  ++atlasVersion;
  builtPixelsPerPoint = pixelsPerPoint;
  builtTextScale = textScale;
  glyphsChanged = false;
}

void Ui::Impl::applyStyle(bool touch) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 8.0f;
  style.FrameRounding = 6.0f;
  style.GrabRounding = 6.0f;
  style.WindowBorderSize = 0.0f;
  style.WindowPadding = ImVec2(12.0f, 10.0f);
  style.FramePadding = ImVec2(10.0f, 6.0f);
  style.ItemSpacing = ImVec2(8.0f, 8.0f);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.05f, 0.06f, 0.08f, 0.82f);
  style.Colors[ImGuiCol_Button] = ImVec4(0.20f, 0.24f, 0.30f, 0.95f);
  style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.72f, 0.22f, 0.16f, 1.0f);  // Chongqing red
  style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.86f, 0.30f, 0.18f, 1.0f);
  style.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.86f, 0.30f, 0.18f, 1.0f);
  if (touch) {
    style.ScaleAllSizes(1.6f);
    style.TouchExtraPadding = ImVec2(6.0f, 6.0f);
  }
  ImGui::GetStyle() = style;
}

void Ui::Impl::feedInput(const UiInput& input) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(std::max(1.0f, input.displaySize.x), std::max(1.0f, input.displaySize.y));
  io.DisplayFramebufferScale = ImVec2(input.framebufferScale, input.framebufferScale);
  io.DeltaTime = float(std::max(input.deltaSeconds, 1e-4));
  io.MousePos = input.pointerPresent ? ImVec2(input.pointer.x, input.pointer.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = input.pointerDown;
  io.MouseWheel = input.wheel;
  for (std::size_t k = 0; k < std::size_t(UiKey::Count); ++k) io.KeysDown[k] = input.keysDown[k];
  if (!input.typed.empty()) io.AddInputCharactersUTF8(input.typed.c_str());
}

void Ui::Impl::convertDrawData() {
  ImDrawData* data = ImGui::GetDrawData();
  render::OverlayDrawList& out = drawList;
  out.vertices.clear();
  out.indices.clear();
  out.commands.clear();
  out.images.clear();
  ImVec2 display = ImGui::GetIO().DisplaySize;
  out.width = std::uint32_t(std::lround(display.x));
  out.height = std::uint32_t(std::lround(display.y));
  out.images.push_back({atlasKey, atlasVersion, atlasPixels, {}});
  if (!data) return;
  appendDrawData(*data, 0, out);  // only the font atlas is ever bound (kAtlasTextureId)
}

// --- Ui --------------------------------------------------------------------------------------

Result<std::unique_ptr<Ui>> Ui::create(const UiOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->glyphText = options.glyphText;
  impl->atlasKey = ++nextAtlasKey;
  impl->context = ImGui::CreateContext();
  ImGui::SetCurrentContext(impl->context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written next to the executable
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  const ImGuiKey map[] = {ImGuiKey_Tab, ImGuiKey_Enter, ImGuiKey_Escape, ImGuiKey_Space, ImGuiKey_LeftArrow,
                          ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_Backspace};
  for (std::size_t k = 0; k < std::size(map); ++k) io.KeyMap[map[k]] = int(k);
  impl->fontProblem = loadFont(options.fontPath, options.fontFaceIndex, impl->fontBytes);
  // A warning, not an error: the UI goes on in the built-in font (a kiosk keeps running). Once
  // per process and problem: windows and the XR panel make several Ui objects.
  if (!impl->fontProblem.empty() && firstReport(impl->fontProblem)) spdlog::warn("{}", impl->fontProblem);
  impl->buildAtlas(1.0f, 1.0f);
  impl->applyStyle(false);
  return std::unique_ptr<Ui>(new Ui(std::move(impl)));
}

Ui::Ui(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ui::~Ui() = default;

UiFrame Ui::frame(const UiModel& model, const UiInput& input) {
  Impl& u = *impl_;
  ImGui::SetCurrentContext(u.context);
  float pixelsPerPoint = std::clamp(input.framebufferScale, 0.5f, 4.0f);
  float textScale = std::clamp(model.settings.textScale, kMinTextScale, kMaxTextScale) *
                    (model.touch ? kTouchTextFactor : 1.0f);
  if (u.glyphsChanged || pixelsPerPoint != u.builtPixelsPerPoint || textScale != u.builtTextScale) {
    u.buildAtlas(pixelsPerPoint, textScale);
  }
  u.applyStyle(model.touch);
  u.feedInput(input);
  u.actions.clear();
  u.layout = UiLayout{};
  ImGui::NewFrame();
  u.drawWidgets(model);
  ImGui::Render();
  u.convertDrawData();
  UiFrame result;
  result.actions = u.actions;
  result.pointerOverUi = ImGui::GetIO().WantCaptureMouse;
  result.wantsKeyboard = ImGui::GetIO().WantTextInput;
  return result;
}

const render::OverlayDrawList& Ui::drawList() const { return impl_->drawList; }
const UiLayout& Ui::layout() const { return impl_->layout; }

void Ui::addGlyphText(std::string_view text) {
  Impl& u = *impl_;
  std::vector<std::uint16_t> have(u.glyphRanges.begin(), u.glyphRanges.end());
  for (char32_t c : codepointsOf(text)) {
    // Control characters (the newlines between a scene's texts) have no glyph and are never in
    // the ranges: counted as new, every scene visit appended its text again and rebuilt the atlas.
    if (c < 0x20 || c > 0xFFFF || rangesCover(have, c)) continue;
    u.glyphText += text;
    u.glyphText += '\n';
    u.glyphsChanged = true;
    return;
  }
}

const std::string& Ui::fontProblem() const { return impl_->fontProblem; }
bool Ui::hasCjkFont() const { return impl_->fontProblem.empty(); }

bool Ui::hasGlyph(char32_t codepoint) const {
  if (codepoint > 0xFFFF || !impl_->body) return false;
  return impl_->body->FindGlyphNoFallback(ImWchar(codepoint)) != nullptr;
}

glm::uvec2 Ui::fontAtlasSize() const {
  return impl_->atlasPixels ? glm::uvec2(impl_->atlasPixels->width, impl_->atlasPixels->height) : glm::uvec2(0);
}

std::uint64_t Ui::fontAtlasKey() const { return impl_->atlasKey; }

render::OverlayDrawList Ui::textDrawList(std::string_view text, glm::vec2 position, std::uint32_t width,
                                         std::uint32_t height, bool large) {
  Impl& u = *impl_;
  ImGui::SetCurrentContext(u.context);
  if (u.glyphsChanged || u.builtPixelsPerPoint == 0.0f) u.buildAtlas(1.0f, 1.0f);
  // A frame of its own with no windows: only the foreground list, so the visitor UI's window
  // state is untouched (its windows are simply not submitted this frame).
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(std::max(width, 1u)), float(std::max(height, 1u)));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = false;
  ImGui::NewFrame();
  ImFont* font = large ? u.large : u.body;
  std::string owned(text);
  ImGui::GetForegroundDrawList()->AddText(font, font->FontSize * io.FontGlobalScale, ImVec2(position.x, position.y),
                                          IM_COL32_WHITE, owned.c_str(), owned.c_str() + owned.size());
  ImGui::Render();
  u.convertDrawData();
  return u.drawList;
}

}  // namespace sc::ui
