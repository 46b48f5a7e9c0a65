#pragma once
// The creator preview's state, independent of the window loop that drives it: the shown scene
// with hot reload (hot_reload.hpp), shader hot reload (gpu/shader_compiler.hpp), a free fly
// camera, the selected point of interest, "save this viewpoint to the POI"
// (scene/scene_editor.hpp), frame timings and the budget meter.
//
// Keys (update()): WASD / QE fly, Shift faster, left drag look, wheel forward/back; 1-9 go to
// POI n, N / P next / previous POI (camera glides there), Tab selects the next POI without
// moving; Ctrl+S saves the camera as the selected POI's desktop viewpoint; Enter reloads
// everything; F1 prints the inspector and the validation report to the log (and the preview
// shows them as panels); Space goes to the next problem of the report that names a POI or model.
// A left click (no drag) on a model in the view, or on its line in the inspector's scene tree,
// selects it (PreviewOverlay finds which: preview_selection.hpp); the inspector then shows its
// file, transform and materials.
//
// Editing the selected model's transform (editModel(); keys below, or the inspector's fields):
// the change shows at once (Renderer::setInstanceTransform, no reload) and is kept as an UNSAVED
// edit until saveModelEdits() (Ctrl+Shift+S) writes every unsaved edit into the scene file in one
// go (scene::saveModelTransforms: only those numbers change, parser check, atomic, .bak). Hot
// reload then re-reads the file, whose transforms now equal what is shown. After every applied
// reload the unsaved edits are put back on the renderer (a reload sets every instance to the
// file's transform); an edit is dropped when the file now holds it, or when the file's transform
// of that model changed in the meantime (an edit made in a text editor wins; logged). Keys with a
// model selected (world axes; Shift: 10x): Left / Right x -/+ 0.1 m, Up / Down z -/+ 0.1 m,
// Alt+Up / Alt+Down y +/- 0.1 m, R +15 degrees about Y (Shift+R -15), G scale x1.1 (Shift+G
// /1.1); Ctrl+Z undoes the last unsaved edit step; Ctrl+Shift+S saves. Materials are not edited
// here (they live in the model file).
#include <bitset>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/hot_reload.hpp"
#include "app/preview_selection.hpp"
#include "gpu/shader_compiler.hpp"
#include "platform/camera_controller.hpp"
#include "platform/file_watcher.hpp"
#include "platform/input_state.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"

namespace sc::app {

struct PreviewOptions {
  std::filesystem::path scene;
  HotReloadOptions reload;
  // GLSL sources to watch and recompile (empty: no shader hot reload) and the folder the
  // renderer reads SPIR-V from (Device::shaderDir(); the preview's session copy).
  std::filesystem::path shaderSources;
  std::filesystem::path shaderOutput;
};

struct FrameTiming {
  double cpuMs = 0.0;
  double gpuMs = -1.0;  // negative: not known (yet)
};

// One budget of the target profile: what the scene uses and the limit.
struct BudgetUse {
  const char* name = "";
  double used = 0.0;
  double limit = 0.0;
  double fraction() const { return limit > 0.0 ? used / limit : 0.0; }
};

class PreviewSession {
 public:
  static constexpr std::size_t kTimingHistory = 240;  // frames kept for the frame-time graph

  // Opens the scene on `renderer` (every check of `validate`). Fails, with the problems in
  // `report`, when the scene cannot be shown at all.
  static Result<std::unique_ptr<PreviewSession>> open(const PreviewOptions& options, render::Renderer& renderer,
                                                      scene::ValidationReport& report);

  // One frame: hot reload, shader reload, keys and camera. `timing` is the previous frame's.
  void update(const platform::InputState& input, float seconds, const FrameTiming& timing);

  // The camera to draw from (the fly camera with the scene's lens).
  render::Camera camera() const;
  void setCameraPose(const platform::CameraPose& pose);

  // POIs: selection, camera moves, saving the current camera as the selected POI's viewpoint.
  std::optional<std::size_t> selectedPoi() const { return selected_; }
  void selectPoi(std::size_t index, bool moveCamera);
  Status saveViewpoint();
  // "Go to" for a validation diagnostic: the camera to the POI or model its pointer names.
  bool goToPointer(const std::string& jsonPointer);
  // Space: the camera to the next problem of the report (or the rejected edit) whose pointer
  // names a POI or a model. False when none does.
  bool goToNextProblem();

  // The selected model (a click in the view or on the scene tree), nullptr when none; a reload
  // keeps the selection while a model with that id is shown.
  const ShownModel* selectedModel() const;
  // Selects the model with this id (logs "preview: selected model 'ID' (...)"); an empty or
  // unknown id clears the selection (logs "preview: selection cleared" when there was one).
  void selectModel(const std::string& id);

  // The shown models with the unsaved edits applied (transform and world bounds): for picking,
  // the bounds lines and the inspector. scene().models() holds what the scene file says.
  const std::vector<ShownModel>& shownModels() const { return shown_; }
  // The placement shown for model `id` (its unsaved edit, else the scene file's); nullopt when no
  // such model is shown.
  std::optional<TransformParts> modelPlacement(const std::string& id) const;
  // Shows `parts` for model `id` at once, unsaved. `undoable`: the previous placement goes on the
  // undo stack (false while a field is being dragged: the drag's start was pushed once). False
  // when no such model is shown or the placement is unusable (not finite, a zero scale).
  bool editModel(const std::string& id, const TransformParts& parts, bool undoable = true);
  // Puts the current placement of `id` on the undo stack (the start of a drag in the inspector).
  void pushUndo(const std::string& id);
  // Undoes the last unsaved edit step (Ctrl+Z). False when there is none.
  bool undoEdit();
  // Model ids with unsaved transform edits (the "unsaved changes" mark), sorted.
  std::vector<std::string> unsavedModels() const;
  bool hasUnsavedEdits() const { return !unsavedModels().empty(); }
  // Writes every unsaved edit into the scene file (Ctrl+Shift+S, the inspector's Save button).
  // On failure nothing is written and the edits stay unsaved.
  Status saveModelEdits();

  const SceneHotReload& scene() const { return *reload_; }
  SceneHotReload& scene() { return *reload_; }
  const gpu::LiveShaderSet* shaders() const { return shaders_.get(); }
  const std::deque<FrameTiming>& timings() const { return timings_; }
  std::vector<BudgetUse> budgets() const;
  // The newest message for a status line (reloads, saves, errors), empty when none.
  const std::string& status() const { return status_; }
  // The window title: scene, selected POI, frame times, budgets, error flag.
  std::string title() const;
  // The inspector and the validation report as text (F1; also for tests).
  std::string inspectorText() const;

 private:
  PreviewSession() = default;
  void handleKeys(const platform::InputState& in, float seconds);
  void pollShaders();
  void setStatus(std::string text, bool error);
  void handleModelKeys(const platform::InputState& in, bool ctrl);
  // After an applied reload: drops saved or superseded edits, puts the others back on screen.
  void reconcileEdits();
  void refreshShown();
  void applyToRenderer(const std::string& id, const TransformParts& parts);

  struct ModelEdit {
    TransformParts parts;  // shown
    TransformParts base;   // the scene file's placement when the edit began (or was saved)
    bool saved = false;    // written; kept until the reload of the saved file shows it
  };
  struct UndoStep {
    std::string id;
    TransformParts previous;
  };

  render::Renderer* renderer_ = nullptr;  // the one open() was given; recreates its pipelines on shader edits
  std::unique_ptr<SceneHotReload> reload_;
  std::unique_ptr<gpu::LiveShaderSet> shaders_;
  std::unique_ptr<platform::FileWatcher> shaderWatcher_;
  platform::FlyCamera fly_;
  std::optional<platform::CameraTransition> move_;
  render::Camera lens_;
  std::optional<std::size_t> selected_;
  std::string selectedModel_;  // id; empty: none
  std::map<std::string, ModelEdit> edits_;  // unsaved transform edits by model id
  std::vector<UndoStep> undo_;
  std::vector<ShownModel> shown_;
  std::uint64_t shownGeneration_ = 0;
  std::bitset<std::size_t(platform::Key::Count)> chorded_;  // fly keys held since a Ctrl combination
  std::deque<FrameTiming> timings_;
  std::string status_;
  bool statusIsError_ = false;
  std::size_t goToNext_ = 0;
};

}  // namespace sc::app
