#pragma once
// The visitor's UI: a Dear ImGui context (no window, no Vulkan) that lays out the widgets of a
// UiModel, turns plain input into UiActions and produces a render::OverlayDrawList, which the
// renderer draws over the frame (Renderer::setOverlay) or into a panel texture for XR
// (Renderer::drawOverlayInto). Headless use is identical: no window is needed.
//
// Typical frame:
//   ui::UiFrame frame = ui.frame(model, input);          // layout + actions
//   for (auto& a : frame.actions) if (!ui::applyUiAction(model, a)) app.handle(a);
//   renderer.setOverlay(ui.drawList());                  // drawn by the next render()
//
// Each Ui owns its own ImGui context; several may live side by side (a screen UI and an XR panel
// UI). Not thread-safe: ImGui's current context is a process-wide global, so every Ui must be
// used from the same thread.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "render/ui_overlay.hpp"
#include "ui/ui_model.hpp"

namespace sc::ui {

// Debian's fonts-wqy-microhei (simplified Chinese + Latin).
inline const char* const kDefaultCjkFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
// The environment variable that replaces kDefaultCjkFontPath for every UI of the process (a
// font file somewhere else: a kiosk image without the Debian package, or the fault tests that
// point it at a missing file). Empty or unset: kDefaultCjkFontPath.
inline const char* const kFontPathVariable = "SC_UI_FONT";
// $SC_UI_FONT when set and not empty, else kDefaultCjkFontPath.
std::filesystem::path defaultFontPath();

struct UiOptions {
  std::filesystem::path fontPath = defaultFontPath();
  int fontFaceIndex = 0;       // face in a .ttc collection (ImFontConfig::FontNo)
  float baseFontPoints = 18.0f;  // label text at textScale 1 (touch mode: x1.4)
  float subtitleScale = 1.35f;   // subtitles and headings relative to labels
  // Text the UI will show beyond its own labels (glyphTextForScene of each scene the visitor may
  // open, landmark titles): its codepoints go into the atlas (see glyph_ranges.hpp).
  std::string glyphText;
};

// Where the widgets were drawn last frame, in points (empty rect: not drawn). For tests, for
// hit-testing in the application (a click on a widget is not a click on the scene) and for XR
// panels that want to size themselves to their content.
struct UiRect {
  glm::vec2 min{0.0f};
  glm::vec2 max{0.0f};
  bool empty() const { return max.x <= min.x || max.y <= min.y; }
  bool contains(glm::vec2 p) const { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }
  glm::vec2 center() const { return (min + max) * 0.5f; }
};

struct UiLayout {
  UiRect subtitles;
  UiRect card;
  UiRect cardClose;
  UiRect cardPanorama;  // the card's 360° button (empty when the POI has no panorama)
  UiRect controls;
  UiRect playPause, previous, next, repeat;
  UiRect languageZh, languageEn, languageBoth;
  UiRect pickerButton, settingsButton;
  UiRect picker;
  std::vector<UiRect> pickerEntries;  // by landmark index
  UiRect settings;
  UiRect qualityLow, qualityMedium, qualityHigh;
  UiRect volume, textScale;         // sliders
  UiRect settingsClose, pickerClose;
  UiRect loading, loadingBar;
  UiRect error, errorRetry, errorDismiss;
};

struct UiFrame {
  std::vector<UiAction> actions;  // in the order the visitor took them
  bool pointerOverUi = false;     // the pointer is over a widget: do not treat it as a scene click
  bool wantsKeyboard = false;     // a text field has focus
};

class Ui {
 public:
  // Builds the ImGui context and the font atlas. A missing or unreadable font is not fatal: the
  // UI falls back to ImGui's built-in Latin-only font (Chinese then draws as '?'), and
  // fontProblem() says what is wrong and what to do. It is logged as a warning once per process
  // and problem (a window makes its UI again on resizes and touch toggles: one line, not many).
  static Result<std::unique_ptr<Ui>> create(const UiOptions& options = {});
  ~Ui();
  Ui(const Ui&) = delete;
  Ui& operator=(const Ui&) = delete;

  // Lays out `model` for this frame's input and returns the actions taken. Rebuilds the atlas
  // when model.settings.textScale, model.touch or input.framebufferScale changed.
  UiFrame frame(const UiModel& model, const UiInput& input);

  // The draw list of the last frame() in pixels (displaySize * framebufferScale). It references
  // the font atlas as an OverlayImage (key fontAtlasKey(), version bumped on every rebuild).
  const render::OverlayDrawList& drawList() const;
  const UiLayout& layout() const;

  // Adds text whose glyphs the atlas must hold (e.g. after loading another scene); rebuilds the
  // atlas at the next frame when new codepoints appear.
  void addGlyphText(std::string_view text);

  // Font state. fontProblem(): empty when the CJK font loaded; else the reason (file, what to do).
  const std::string& fontProblem() const;
  bool hasCjkFont() const;
  // True when the atlas holds a real glyph for the codepoint (not the '?' fallback).
  bool hasGlyph(char32_t codepoint) const;
  glm::uvec2 fontAtlasSize() const;
  std::uint64_t fontAtlasKey() const;

  // Lays out a single text string at `pixelSize` into a draw list of its own (glyph checks,
  // labels on 3D objects): white text at (x, y) in a width x height list.
  render::OverlayDrawList textDrawList(std::string_view text, glm::vec2 position, std::uint32_t width,
                                       std::uint32_t height, bool large = false);

 private:
  struct Impl;
  explicit Ui(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::ui
