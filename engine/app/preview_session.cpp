#include "app/preview_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "app/preview_selection.hpp"
#include "app/scene_content.hpp"
#include "scene/scene_editor.hpp"

namespace sc::app {

namespace fs = std::filesystem;
using platform::Key;
using platform::MouseButton;

Result<std::unique_ptr<PreviewSession>> PreviewSession::open(const PreviewOptions& options, render::Renderer& renderer,
                                                             scene::ValidationReport& report) {
  std::unique_ptr<PreviewSession> session(new PreviewSession());
  session->renderer_ = &renderer;
  auto reload = SceneHotReload::open(options.scene, renderer, options.reload, report);
  if (!reload) return reload.error();
  session->reload_ = std::move(reload.value());
  session->refreshShown();
  auto camera = sceneCamera(session->reload_->document(), "");
  if (camera) session->lens_ = *camera;
  session->setCameraPose({session->lens_.eye, session->lens_.target});
  if (!options.shaderSources.empty() && !options.shaderOutput.empty()) {
    session->shaders_ = std::make_unique<gpu::LiveShaderSet>(options.shaderSources, options.shaderOutput);
    session->shaderWatcher_ = platform::FileWatcher::create(options.reload.watchOptions);
    if (auto watched = session->shaderWatcher_->setWatched({}, {options.shaderSources}); !watched) {
      spdlog::warn("preview: shaders are not watched: {}", watched.error().message);
      session->shaderWatcher_.reset();
    }
  }
  spdlog::info("preview: {} ({} model(s), {} POI(s)); watching with {}", session->reload_->sceneFile().string(),
               session->reload_->models().size(), session->reload_->document().pois.size(),
               session->reload_->watchDescription());
  return session;
}

void PreviewSession::setStatus(std::string text, bool error) {
  status_ = std::move(text);
  statusIsError_ = error;
}

render::Camera PreviewSession::camera() const {
  render::Camera camera = lens_;
  platform::CameraPose pose = fly_.pose();
  camera.eye = pose.eye;
  camera.target = pose.target;
  return camera;
}

void PreviewSession::setCameraPose(const platform::CameraPose& pose) {
  fly_ = platform::FlyCamera::fromPose(pose);
  // Fly speed follows the size of the scene: a city block wants more than a room.
  float size = reload_ ? glm::length(reload_->bounds().extent()) : 0.0f;
  fly_.speed = std::clamp(size / 20.0f, 2.0f, 60.0f);
}

void PreviewSession::selectPoi(std::size_t index, bool moveCamera) {
  const auto& pois = reload_->document().pois;
  if (index >= pois.size()) return;
  selected_ = index;
  const auto& poi = pois[index];
  spdlog::info("preview: POI {}/{} {} ({})", index + 1, pois.size(), poi.id, poi.name.en);
  if (moveCamera) {
    float speed = fly_.speed;
    move_ = platform::CameraTransition{fly_.pose(), {poi.desktopView.eye, poi.desktopView.target}, 1.0f, 0.0f};
    fly_.speed = speed;
  }
}

Status PreviewSession::saveViewpoint() {
  const auto& pois = reload_->document().pois;
  if (!selected_ || *selected_ >= pois.size()) {
    return makeError("no point of interest is selected: press 1-9, N or Tab first");
  }
  const auto& poi = pois[*selected_];
  platform::CameraPose pose = fly_.pose();
  // The target at the POI's distance along the view, so an orbit around it feels right.
  glm::vec3 forward = glm::normalize(pose.target - pose.eye);
  float distance = std::max(1.0f, glm::length(poi.anchor - pose.eye));
  scene::DesktopViewpoint view{pose.eye, pose.eye + forward * distance};
  SC_TRY(scene::savePoiDesktopViewpoint(reload_->sceneFile(), poi.id, view));
  std::string message = fmt::format("saved the desktop viewpoint of POI '{}': eye ({:.2f}, {:.2f}, {:.2f}) into {} "
                                    "(previous version: {}.bak)", poi.id, view.eye.x, view.eye.y, view.eye.z,
                                    reload_->sceneFile().filename().string(), reload_->sceneFile().filename().string());
  spdlog::info("preview: {}", message);
  setStatus(message, false);
  return okStatus();
}

bool PreviewSession::goToPointer(const std::string& pointer) {
  const auto& doc = reload_->document();
  unsigned index = 0;
  if (std::sscanf(pointer.c_str(), "/pois/%u", &index) == 1 && index < doc.pois.size()) {
    selectPoi(index, true);
    return true;
  }
  if (std::sscanf(pointer.c_str(), "/models/%u", &index) == 1 && index < doc.models.size()) {
    auto model = std::find_if(shown_.begin(), shown_.end(), [&](const ShownModel& m) { return m.id == doc.models[index].id; });
    if (model == shown_.end() || !model->worldBounds.valid()) return false;
    render::Camera framed = render::frameBounds(model->worldBounds, 16.0f / 9.0f);
    move_ = platform::CameraTransition{fly_.pose(), {framed.eye, framed.target}, 1.0f, 0.0f};
    return true;
  }
  return false;
}

const ShownModel* PreviewSession::selectedModel() const {
  if (selectedModel_.empty()) return nullptr;
  auto it = std::find_if(shown_.begin(), shown_.end(), [&](const ShownModel& m) { return m.id == selectedModel_; });
  return it == shown_.end() ? nullptr : &*it;
}

void PreviewSession::selectModel(const std::string& id) {
  auto found = std::find_if(shown_.begin(), shown_.end(), [&](const ShownModel& m) { return m.id == id; });
  const ShownModel* model = id.empty() || found == shown_.end() ? nullptr : &*found;
  if (!model) {
    if (!selectedModel_.empty()) spdlog::info("preview: selection cleared");
    selectedModel_.clear();
    return;
  }
  selectedModel_ = id;
  TransformParts t = decomposeTransform(model->transform);
  spdlog::info("preview: selected model '{}' ({}) at ({:.2f}, {:.2f}, {:.2f})", id, model->file.filename().string(),
               t.position.x, t.position.y, t.position.z);
  setStatus(fmt::format("selected model '{}'", id), false);
}

bool PreviewSession::goToNextProblem() {
  std::vector<const scene::Diagnostic*> places;
  if (const auto& rejected = reload_->lastError()) {
    for (const auto& d : rejected->diagnostics) places.push_back(&d);
  }
  for (const auto& d : reload_->report().diagnostics()) places.push_back(&d);
  for (std::size_t tried = 0; tried < places.size(); ++tried) {
    const scene::Diagnostic& d = *places[(goToNext_ + tried) % places.size()];
    if (goToPointer(d.jsonPointer)) {
      goToNext_ = (goToNext_ + tried + 1) % places.size();
      spdlog::info("preview: go to {}: {}", d.jsonPointer, d.message);
      setStatus(fmt::format("go to {}: {}", d.jsonPointer, d.message), false);
      return true;
    }
  }
  return false;
}

void PreviewSession::pollShaders() {
  if (!shaderWatcher_ || !shaders_) return;
  auto changed = shaderWatcher_->poll();
  if (changed.empty()) return;
  auto update = shaders_->recompile(changed);
  for (const auto& [name, message] : update.errors) {
    spdlog::error("shader {} does not compile; the last good version stays:\n{}", name, message);
    setStatus(fmt::format("shader {} does not compile (last good kept): {}", name, message), true);
  }
  if (update.changed()) {
    // The new SPIR-V is in the renderer's shader folder (Device::shaderDir()); its pipelines are
    // made again from it. Shaders that failed above kept their last good file there.
    auto start = std::chrono::steady_clock::now();
    Status reloaded = renderer_ ? renderer_->reloadPipelines() : okStatus();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!reloaded) {
      spdlog::error("shaders recompiled ({}) but not applied: {}", fmt::join(update.rebuilt, ", "),
                    reloaded.error().message);
      setStatus(fmt::format("shaders not applied (last good kept): {}", reloaded.error().message), true);
    } else {
      spdlog::info("shaders recompiled and applied: {} (pipelines rebuilt in {:.0f} ms)", fmt::join(update.rebuilt, ", "), ms);
      if (update.errors.empty()) setStatus(fmt::format("shaders applied: {}", fmt::join(update.rebuilt, ", ")), false);
    }
  }
}

void PreviewSession::update(const platform::InputState& in, float seconds, const FrameTiming& timing) {
  timings_.push_back(timing);
  while (timings_.size() > kTimingHistory) timings_.pop_front();

  if (auto outcome = reload_->poll()) {
    if (outcome->error) {
      setStatus(outcome->error->text(), true);
    } else {
      setStatus(fmt::format("reloaded in {:.0f} ms{}{}", outcome->seconds * 1000.0,
                            outcome->modelsSwapped.empty() ? "" : fmt::format(": {}", fmt::join(outcome->modelsSwapped, ", ")),
                            outcome->sinceChangeSeconds >= 0.0
                                ? fmt::format(" ({:.0f} ms after the save)", outcome->sinceChangeSeconds * 1000.0)
                                : std::string()),
                false);
      spdlog::info("preview: {}", status_);
      if (selected_ && *selected_ >= reload_->document().pois.size()) selected_.reset();
    }
  }
  if (reload_->generation() != shownGeneration_) {
    reconcileEdits();
    refreshShown();
  }
  pollShaders();
  handleKeys(in, seconds);
}

void PreviewSession::handleKeys(const platform::InputState& in, float seconds) {
  const auto& pois = reload_->document().pois;
  // Pressed counts too: a quick Ctrl+S can go down and up between two frames.
  bool ctrl = in.down(Key::LeftControl) || in.down(Key::RightControl) || in.pressed(Key::LeftControl) ||
              in.pressed(Key::RightControl);
  if (!ctrl) {
    for (int digit = 1; digit <= 9; ++digit) {
      if (in.pressed(Key(int(Key::Num0) + digit))) selectPoi(std::size_t(digit - 1), true);
    }
  }
  if (!pois.empty()) {
    std::size_t current = selected_.value_or(pois.size() - 1);
    if (in.pressed(Key::N)) selectPoi((current + 1) % pois.size(), true);
    if (in.pressed(Key::P)) selectPoi((current + pois.size() - 1) % pois.size(), true);
    if (in.pressed(Key::Tab)) selectPoi((selected_ ? *selected_ + 1 : 0) % pois.size(), false);
  }
  // Ctrl held when S went down (GLFW's modifier bits): Ctrl may go up again before this frame.
  const std::uint8_t sMods = in.pressedMods[std::size_t(Key::S)];
  bool ctrlS = in.pressed(Key::S) && (ctrl || (sMods & platform::kModCtrl) != 0);
  bool shiftS = ctrlS && (in.shift() || (sMods & platform::kModShift) != 0);
  if (shiftS) {
    if (auto saved = saveModelEdits(); !saved) {
      spdlog::error("{}", saved.error().message);
      setStatus(saved.error().message, true);
    }
  } else if (ctrlS) {
    if (auto saved = saveViewpoint(); !saved) {
      spdlog::error("{}", saved.error().message);
      setStatus(saved.error().message, true);
    }
  }
  if (in.pressed(Key::Enter)) {
    reload_->reloadAll();  // imports in the background; update() shows the outcome when it is in
    setStatus("reloading everything", false);
  }
  if (in.pressed(Key::F1)) spdlog::info("preview inspector:\n{}", inspectorText());
  if (in.pressed(Key::Space)) goToNextProblem();
  handleModelKeys(in, ctrl);

  // A fly key that went down with Ctrl (Ctrl+S, Ctrl+Shift+S) does not fly while it stays down,
  // also when Ctrl is let go first (xdotool and quick hands do): the camera would drift back.
  for (Key k : {Key::W, Key::A, Key::S, Key::D, Key::Q, Key::E}) {
    const std::size_t i = std::size_t(k);
    if (in.pressed(k) && (ctrl || (in.pressedMods[i] & platform::kModCtrl) != 0)) chorded_.set(i);
    else if (!in.down(k)) chorded_.reset(i);
  }
  auto flyKey = [&](Key k) { return float(in.down(k) && !chorded_.test(std::size_t(k))); };
  glm::vec3 move(flyKey(Key::D) - flyKey(Key::A), flyKey(Key::E) - flyKey(Key::Q), flyKey(Key::W) - flyKey(Key::S));
  if (ctrl || ctrlS) move = glm::vec3(0.0f);
  bool looking = in.down(MouseButton::Left) && in.cursorDelta != glm::vec2(0.0f);
  if (move_) {
    if (glm::length(move) == 0.0f && !looking && in.scroll.y == 0.0f) {
      float speed = fly_.speed;
      fly_ = platform::FlyCamera::fromPose(move_->advance(seconds));
      fly_.speed = speed;
      if (move_->done()) move_.reset();
      return;
    }
    move_.reset();
  }
  if (looking) fly_.look(in.cursorDelta.x, in.cursorDelta.y);
  fly_.fly(move, seconds, in.down(Key::LeftShift) || in.down(Key::RightShift));
  if (in.scroll.y != 0.0f) fly_.fly({0.0f, 0.0f, in.scroll.y}, 0.25f);
}

std::vector<BudgetUse> PreviewSession::budgets() const {
  scene::SceneStats s = reload_->stats();
  const scene::BudgetProfile& p = reload_->budgetProfile();
  return {{"triangles", double(s.triangles), double(p.maxTriangles)},
          {"draws", double(s.drawCalls), double(p.maxDrawCalls)},
          {"texture px", double(s.maxTextureSide), double(p.maxTextureSize)},
          {"GPU MB", double(s.gpuBytes) / (1 << 20), double(p.maxGpuBytes) / (1 << 20)}};
}

std::string PreviewSession::title() const {
  const auto& doc = reload_->document();
  std::string poi = "no POI selected";
  if (selected_ && *selected_ < doc.pois.size()) {
    poi = fmt::format("POI {}/{} {}", *selected_ + 1, doc.pois.size(), doc.pois[*selected_].id);
  }
  double cpu = 0.0, gpu = 0.0;
  std::size_t gpuFrames = 0;
  std::size_t n = std::min<std::size_t>(timings_.size(), 30);
  for (std::size_t i = timings_.size() - n; i < timings_.size(); ++i) {
    cpu += timings_[i].cpuMs;
    if (timings_[i].gpuMs >= 0.0) {
      gpu += timings_[i].gpuMs;
      ++gpuFrames;
    }
  }
  std::string budget;
  for (const auto& b : budgets()) budget += fmt::format(" {} {:.0f}%", b.name, b.fraction() * 100.0);
  return fmt::format("Shancheng preview - {}{} - {} - CPU {:.1f} ms GPU {} - {}:{}{}",
                     doc.title.en.empty() ? reload_->sceneFile().filename().string() : doc.title.en,
                     hasUnsavedEdits() ? " * UNSAVED model edits (Ctrl+Shift+S)" : "", poi,
                     n ? cpu / double(n) : 0.0, gpuFrames ? fmt::format("{:.1f} ms", gpu / double(gpuFrames)) : "?",
                     reload_->budgetProfile().name, budget, reload_->lastError() ? " - EDIT REJECTED (see log)" : "");
}

std::string PreviewSession::inspectorText() const {
  const auto& doc = reload_->document();
  std::string out = fmt::format("scene {} (generation {})\n", reload_->sceneFile().string(), reload_->generation());
  const ShownModel* picked = selectedModel();
  const std::vector<std::string> unsaved = unsavedModels();
  auto isUnsaved = [&](const std::string& id) {
    return std::find(unsaved.begin(), unsaved.end(), id) != unsaved.end();
  };
  if (!unsaved.empty()) {
    out += fmt::format("* unsaved transform edits: {} (Ctrl+Shift+S saves, Ctrl+Z undoes)\n", fmt::join(unsaved, ", "));
  }
  if (picked) out += describeModel(*picked);
  out += "models (click one to select it):\n";
  for (const auto& m : shown_) {
    glm::vec3 t(m.transform[3]);
    out += fmt::format("  {}{} {} at ({:.2f}, {:.2f}, {:.2f}){}: {} nodes, {} meshes, {} triangles, {} draws\n",
                       &m == picked ? "> " : "", m.id, m.file.filename().string(), t.x, t.y, t.z,
                       isUnsaved(m.id) ? " *" : "", m.nodes, m.meshes,
                       m.stats.triangles, m.stats.drawCalls);
    for (const auto& mat : m.materials) {
      out += fmt::format("    material {}: base colour ({:.2f}, {:.2f}, {:.2f}, {:.2f}), metallic {:.2f}, roughness {:.2f}\n",
                         mat.name, mat.baseColorFactor.r, mat.baseColorFactor.g, mat.baseColorFactor.b,
                         mat.baseColorFactor.a, mat.metallicFactor, mat.roughnessFactor);
    }
  }
  out += "points of interest:\n";
  for (std::size_t i = 0; i < doc.pois.size(); ++i) {
    const auto& p = doc.pois[i];
    out += fmt::format("  {}{} {} / {}: eye ({:.2f}, {:.2f}, {:.2f})\n", selected_ == i ? "> " : "  ", p.id, p.name.zh,
                       p.name.en, p.desktopView.eye.x, p.desktopView.eye.y, p.desktopView.eye.z);
  }
  for (const auto& tour : doc.tours) {
    out += fmt::format("tour {} ({}):\n", tour.id, tour.title.en);
    for (std::size_t i = 0; i < tour.stops.size(); ++i) {
      const auto& stop = tour.stops[i];
      const auto* poi = doc.findPoi(stop.poi);
      const scene::Narration* text = stop.narration ? &*stop.narration : poi ? &poi->narration : nullptr;
      out += fmt::format("  {}. {} ({} guide waypoints, gesture {}, dwell {:.1f} s): {}\n", i + 1, stop.poi,
                         stop.guideWaypoints.size(), scene::gestureName(stop.gesture), stop.dwellSeconds,
                         text ? text->shortText.en : "");
    }
  }
  out += "budgets (" + std::string(reload_->budgetProfile().name) + "):\n";
  for (const auto& b : budgets()) {
    out += fmt::format("  {:<10} {:>12.0f} of {:>12.0f} ({:.0f}%)\n", b.name, b.used, b.limit, b.fraction() * 100.0);
  }
  std::string report = reload_->report().format();
  out += report.empty() ? "validation: no problems\n" : "validation:\n" + report;
  if (reload_->lastError()) out += "rejected edit:\n" + reload_->lastError()->text();
  return out;
}

}  // namespace sc::app
