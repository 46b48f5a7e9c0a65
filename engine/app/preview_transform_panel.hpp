#pragma once
// The creator preview's transform editor (drawn by PreviewOverlay with the panels on and a model
// selected): a Dear ImGui window at the top right with the selected model's position (m),
// rotation (Euler degrees about X, then Y, then Z: the scene format's order) and scale as
// DragFloat3 fields (drag a number, or double-click it and type; Enter applies), "uniform scale",
// an "unsaved changes" mark and Save / Undo / Revert buttons. Edits go to
// PreviewSession::editModel (shown at once, unsaved); Save is PreviewSession::saveModelEdits.
//
// A Dear ImGui context of its own: ui::Ui lays out only the widgets of its UiModel, and creator
// tools are no part of the visitor's UI. ImGui's current context is a process-wide global, so
// build() makes this one current and puts the previous one back (one thread, as ui::Ui). Laid
// out in framebuffer pixels: the font (the UI's CJK font, else ImGui's own) and the style are
// scaled to the window's pixels per point. A click that goes down and up between two frames is
// shown to ImGui as down in one frame and up in the next.
//
// When the panel has its size, and whenever it moves or resizes, the log says where a script
// clicks: "preview: transform panel at (x0, y0)-(x1, y1) pixels, its Save button at window point
// (x, y), its position X field at window point (x, y)".
#include <memory>
#include <vector>

#include <glm/glm.hpp>

#include "app/preview_session.hpp"
#include "core/image_io.hpp"
#include "platform/input_state.hpp"
#include "render/ui_overlay.hpp"

struct ImGuiContext;

namespace sc::app {

class TransformPanel {
 public:
  TransformPanel();
  ~TransformPanel();
  TransformPanel(const TransformPanel&) = delete;
  TransformPanel& operator=(const TransformPanel&) = delete;

  // The panel for `session`'s selected model when `show` (else an empty list); edits, Save, Undo
  // and Revert go to `session`. `pixels`: the framebuffer.
  render::OverlayDrawList build(PreviewSession& session, const platform::InputState& in, float pixelsPerPoint,
                                glm::uvec2 pixels, float seconds, bool show);

  // This frame's panel has the pointer (hovered, or a drag that began on it) / a field is being
  // typed into: the preview keeps that input from the camera, scene clicks and its keys.
  bool wantsMouse() const { return wantsMouse_; }
  bool wantsKeyboard() const { return wantsKeyboard_; }

 private:
  void buildFont(float pixelsPerPoint);
  void drawWindow(PreviewSession& session, glm::uvec2 pixels, float pixelsPerPoint);
  void convert(render::OverlayDrawList& out) const;

  ImGuiContext* context_ = nullptr;
  std::vector<unsigned char> fontBytes_;
  std::shared_ptr<const ImageRgba8> atlas_;
  std::uint64_t version_ = 0;
  float builtScale_ = 0.0f;
  bool wantsMouse_ = false;
  bool wantsKeyboard_ = false;
  bool uniform_ = true;
  bool undoPushed_ = false;
  glm::vec4 saveButton_{0.0f};
};

}  // namespace sc::app
