#pragma once
// Ui's private state (Ui::Impl), shared by ui.cpp (context, fonts, input, draw list) and
// ui_widgets.cpp (the widgets). Include only from engine/ui.
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/ui.hpp"

namespace sc::ui {

struct Ui::Impl {
  UiOptions options;
  ImGuiContext* context = nullptr;
  ImFont* body = nullptr;   // labels
  ImFont* large = nullptr;  // subtitles and headings
  std::vector<char> fontBytes;  // the .ttc, kept alive for the atlas (not owned by ImGui)
  std::string fontProblem;
  std::string glyphText;               // everything the atlas must cover, beyond the labels
  std::vector<ImWchar> glyphRanges;    // ImGui keeps a pointer to this until the atlas is built
  bool glyphsChanged = true;
  float builtPixelsPerPoint = 0.0f;    // font size the atlas was built for (0: not built)
  float builtTextScale = 0.0f;
  std::uint64_t atlasKey = 0;
  std::uint64_t atlasVersion = 0;
  std::shared_ptr<const ImageRgba8> atlasPixels;

  render::OverlayDrawList drawList;
  UiLayout layout;
  std::vector<UiAction> actions;
  float volumeSlider = 1.0f;  // the slider's value while dragged (the model is read-only)
  bool volumeDragging = false;

  ~Impl();
  void buildAtlas(float pixelsPerPoint, float textScale);
  void applyStyle(bool touch);
  void feedInput(const UiInput& input);
  void convertDrawData();

  // Widgets (ui_widgets.cpp), in points.
  void drawWidgets(const UiModel& model);
  void drawSubtitles(const UiModel& model, float bottom);
  float drawControls(const UiModel& model);  // returns the bar's top edge
  void drawCard(const UiModel& model);
  void drawPicker(const UiModel& model);
  void drawSettings(const UiModel& model);
  void drawLoading(const UiModel& model);
  void drawError(const UiModel& model);
  void emit(UiActionKind kind) { actions.push_back(UiAction{kind}); }
};

UiRect lastItemRect();
UiRect currentWindowRect();

}  // namespace sc::ui
