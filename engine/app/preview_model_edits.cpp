// PreviewSession: editing the selected model's transform (preview_session.hpp has the contract:
// unsaved edits shown at once, saved by saveModelEdits, put back after each reload).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/preview_session.hpp"
#include "scene/scene_editor.hpp"

namespace sc::app {

using platform::Key;

namespace {

std::string describePlacement(const TransformParts& p) {
  return fmt::format("position ({:.2f}, {:.2f}, {:.2f}) rotation ({:.1f}, {:.1f}, {:.1f}) "
                     "scale ({:.3f}, {:.3f}, {:.3f})",
                     p.position.x, p.position.y, p.position.z, p.rotationDegrees.x, p.rotationDegrees.y,
                     p.rotationDegrees.z, p.scale.x, p.scale.y, p.scale.z);
}

constexpr std::size_t kMaxUndoSteps = 200;

}  // namespace

void PreviewSession::refreshShown() {
  shown_ = reload_->models();
  for (ShownModel& m : shown_) {
    auto edit = edits_.find(m.id);
    if (edit == edits_.end()) continue;
    m.transform = composeTransform(edit->second.parts);
    m.worldBounds = m.modelBounds.transformed(m.transform);
  }
  shownGeneration_ = reload_->generation();
}

void PreviewSession::applyToRenderer(const std::string& id, const TransformParts& parts) {
  if (const ShownModel* model = reload_->findModel(id); model && renderer_) {
    renderer_->setInstanceTransform(model->instance, composeTransform(parts));
  }
}

std::optional<TransformParts> PreviewSession::modelPlacement(const std::string& id) const {
  if (auto edit = edits_.find(id); edit != edits_.end()) return edit->second.parts;
  const scene::ModelInstance* inFile = reload_->document().findModel(id);
  if (!inFile || !reload_->findModel(id)) return std::nullopt;
  return placementOf(inFile->transform);
}

void PreviewSession::pushUndo(const std::string& id) {
  auto current = modelPlacement(id);
  if (!current) return;
  undo_.push_back({id, *current});
  if (undo_.size() > kMaxUndoSteps) undo_.erase(undo_.begin());
}

bool PreviewSession::editModel(const std::string& id, const TransformParts& parts, bool undoable) {
  const ShownModel* model = reload_->findModel(id);
  const scene::ModelInstance* inFile = reload_->document().findModel(id);
  if (!model || !inFile) return false;
  auto finiteVec = [](const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); };
  bool finite = finiteVec(parts.position) && finiteVec(parts.rotationDegrees) && finiteVec(parts.scale);
  if (!finite || glm::any(glm::lessThan(glm::abs(parts.scale), glm::vec3(1e-4f)))) return false;
  if (undoable) pushUndo(id);
  const TransformParts file = placementOf(inFile->transform);
  auto edit = edits_.find(id);
  if (samePlacement(parts, file)) {
    // Back where the file has it: no unsaved change; show the file's own matrix.
    if (edit != edits_.end()) edits_.erase(edit);
    if (renderer_) renderer_->setInstanceTransform(model->instance, model->transform);
  } else {
    ModelEdit& e = edits_[id];
    if (edit == edits_.end()) e.base = file;
    e.parts = parts;
    e.saved = false;
    applyToRenderer(id, parts);
  }
  refreshShown();
  return true;
}

bool PreviewSession::undoEdit() {
  while (!undo_.empty()) {
    UndoStep step = std::move(undo_.back());
    undo_.pop_back();
    if (!editModel(step.id, step.previous, false)) continue;  // the model has gone since
    spdlog::info("preview: undo: model '{}' back to {}", step.id, describePlacement(step.previous));
    setStatus(fmt::format("undo: model '{}'", step.id), false);
    return true;
  }
  return false;
}

std::vector<std::string> PreviewSession::unsavedModels() const {
  std::vector<std::string> ids;
  for (const auto& [id, edit] : edits_) {
    if (!edit.saved) ids.push_back(id);
  }
  return ids;
}

Status PreviewSession::saveModelEdits() {
  std::vector<scene::ModelPlacementEdit> list;
  for (const auto& [id, edit] : edits_) {
    if (!edit.saved) list.push_back({id, {edit.parts.position, edit.parts.rotationDegrees, edit.parts.scale}});
  }
  if (list.empty()) {
    return makeError("no unsaved model edits to save: select a model and move it first (arrow keys, R, G or the "
                     "inspector's fields)");
  }
  SC_TRY(scene::saveModelTransforms(reload_->sceneFile(), list));
  std::string names;
  for (auto& [id, edit] : edits_) {
    if (edit.saved) continue;
    names += fmt::format("{}'{}' {}", names.empty() ? "" : ", ", id, describePlacement(edit.parts));
    // The file holds it now: kept (as saved) only until the reload of the file shows it.
    edit.saved = true;
    edit.base = edit.parts;
  }
  undo_.clear();
  std::string file = reload_->sceneFile().filename().string();
  std::string message = fmt::format("saved the transform of {} into {} (previous version: {}.bak)", names, file, file);
  spdlog::info("preview: {}", message);
  setStatus(message, false);
  return okStatus();
}

void PreviewSession::reconcileEdits() {
  for (auto it = edits_.begin(); it != edits_.end();) {
    const std::string& id = it->first;
    ModelEdit& edit = it->second;
    const scene::ModelInstance* inFile = reload_->document().findModel(id);
    bool drop = false;
    if (!inFile || !reload_->findModel(id)) {
      if (!edit.saved) spdlog::warn("preview: model '{}' is no longer in the scene; its unsaved edit is dropped", id);
      drop = true;
    } else if (TransformParts file = placementOf(inFile->transform); samePlacement(file, edit.parts)) {
      drop = true;  // saved: the file now holds what is shown
    } else if (!samePlacement(file, edit.base)) {
      // Someone changed this model's transform in the file meanwhile: the newer file wins.
      spdlog::warn("preview: the scene file's transform of model '{}' changed; the {} edit is dropped and the file's "
                   "is shown", id, edit.saved ? "saved" : "unsaved");
      drop = true;
    }
    if (drop) {
      std::erase_if(undo_, [&](const UndoStep& step) { return step.id == id; });
      it = edits_.erase(it);
    } else {
      applyToRenderer(id, edit.parts);  // a reload sets every instance to the file's transform
      ++it;
    }
  }
}

void PreviewSession::handleModelKeys(const platform::InputState& in, bool ctrl) {
  if (in.pressed(Key::Z) && (ctrl || (in.pressedMods[std::size_t(Key::Z)] & platform::kModCtrl) != 0)) {
    if (!undoEdit()) setStatus("nothing to undo", false);
    return;
  }
  const ShownModel* model = selectedModel();
  if (!model || ctrl) return;
  const std::string id = model->id;
  auto current = modelPlacement(id);
  if (!current) return;
  TransformParts p = *current;
  bool changed = false;
  auto mod = [&](Key key, std::uint8_t bit) { return (in.pressedMods[std::size_t(key)] & bit) != 0; };
  auto shift = [&](Key key) { return in.shift() || mod(key, platform::kModShift); };
  auto alt = [&](Key key) { return in.alt() || mod(key, platform::kModAlt); };
  auto nudge = [&](Key key, int axis, float direction) {
    if (!in.pressed(key)) return;
    p.position[axis] += direction * (shift(key) ? 1.0f : 0.1f);
    changed = true;
  };
  nudge(Key::Left, 0, -1.0f);
  nudge(Key::Right, 0, 1.0f);
  nudge(Key::Up, alt(Key::Up) ? 1 : 2, alt(Key::Up) ? 1.0f : -1.0f);
  nudge(Key::Down, alt(Key::Down) ? 1 : 2, alt(Key::Down) ? -1.0f : 1.0f);
  if (in.pressed(Key::R)) {
    p.rotationDegrees.y = std::fmod(p.rotationDegrees.y + (shift(Key::R) ? -15.0f : 15.0f), 360.0f);
    changed = true;
  }
  if (in.pressed(Key::G)) {
    p.scale *= shift(Key::G) ? 1.0f / 1.1f : 1.1f;
    changed = true;
  }
  if (!changed || !editModel(id, p)) return;
  spdlog::info("preview: model '{}' now at {} ({})", id, describePlacement(p),
               hasUnsavedEdits() ? "unsaved; Ctrl+Shift+S saves" : "as in the file");
  setStatus(fmt::format("model '{}' edited (unsaved)", id), false);
}

}  // namespace sc::app
