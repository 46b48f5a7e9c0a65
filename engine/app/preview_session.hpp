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
// file, transform and materials. Read-only: nothing is edited from the inspector.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/hot_reload.hpp"
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

  render::Renderer* renderer_ = nullptr;  // the one open() was given; recreates its pipelines on shader edits
  std::unique_ptr<SceneHotReload> reload_;
  std::unique_ptr<gpu::LiveShaderSet> shaders_;
  std::unique_ptr<platform::FileWatcher> shaderWatcher_;
  platform::FlyCamera fly_;
  std::optional<platform::CameraTransition> move_;
  render::Camera lens_;
  std::optional<std::size_t> selected_;
  std::string selectedModel_;  // id; empty: none
  std::deque<FrameTiming> timings_;
  std::string status_;
  bool statusIsError_ = false;
  std::size_t goToNext_ = 0;
};

}  // namespace sc::app
