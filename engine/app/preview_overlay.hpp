#pragma once
// What the creator preview draws over the scene (render::OverlayDrawList, Renderer::setOverlay):
//   - the visitor UI's error panel (engine/ui) while an edit is rejected or a shader does not
//     compile: the first problem with its file, line and hint; Dismiss hides it until the next
//     error, Retry reloads everything;
//   - with panels on (F1): the inspector and validation report as text (left), the frame-time
//     graph (CPU orange, GPU cyan, the last 240 frames, 16.7 and 33.3 ms lines) and the budget
//     meter of the target profile (one bar per budget: green, yellow above 75%, red above 100%)
//     at the bottom right;
//   - the selected model (preview_selection.hpp): its world bounds as yellow lines and its id
//     above them, with or without panels;
//   - with panels on and a model selected: the transform editor at the top right
//     (preview_transform_panel.hpp).
// Selection: a left click (press and release within 4 points, not over the error panel) in the
// view selects the model under the pointer or clears the selection over empty space; with panels
// on, a click on a model's line of the inspector's scene tree selects that model. F1 logs where
// each model's bounds centre is on screen ("preview: model 'ID' on screen at window point (x, y)").
// All in framebuffer pixels. Text comes from ui::Ui (Dear ImGui, the CJK font); bars and
// backgrounds are quads on a 1x1 white image of the overlay's own.
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/preview_session.hpp"
#include "core/result.hpp"
#include "platform/input_state.hpp"
#include "render/ui_overlay.hpp"

namespace sc::ui {
class Ui;
}

namespace sc::app {

class TransformPanel;  // preview_overlay.cpp

class PreviewOverlay {
 public:
  // Never fails for a missing font (the UI falls back to a Latin font and logs why).
  static Result<std::unique_ptr<PreviewOverlay>> create();
  ~PreviewOverlay();

  // The frame's overlay. `windowPoints`: the window in points (cursor space); `pixels`: the
  // framebuffer. Handles the error panel's buttons (Retry reloads everything through `session`).
  render::OverlayDrawList build(PreviewSession& session, const platform::InputState& input, glm::vec2 windowPoints,
                                glm::uvec2 pixels, float seconds);

  bool panels = false;  // inspector, report, frame-time graph, budget meter (F1)

  // The last frame's panels took the pointer (hovered, or a drag that began on them) or the
  // keyboard (a field is being typed into): the preview then keeps that input from the camera,
  // the scene clicks and its keys.
  bool capturesPointer() const;
  bool capturesKeyboard() const;

 private:
  PreviewOverlay() = default;
  std::unique_ptr<ui::Ui> ui_;
  std::unique_ptr<TransformPanel> transformPanel_;
  bool uiHadPointer_ = false;
  std::string dismissed_;  // the error text the creator dismissed
  glm::vec4 panelRect_{0.0f};  // last logged error panel rectangle (pixels)
  // Click tracking (window points): where the left button went down, whether it moved or went
  // down over the UI since.
  glm::vec2 pressAt_{0.0f};
  bool pressIsClick_ = false;
  // The inspector panel as last drawn (pixels) and the model id of each of its text lines
  // (empty for lines that are not a model), for clicks on the scene tree.
  glm::vec4 inspectorRect_{0.0f};
  std::vector<std::string> lineModels_;

  void handleClick(PreviewSession& session, const platform::InputState& input, bool overUi, glm::vec2 windowPoints,
                   float pixelsPerPoint);
};

}  // namespace sc::app
