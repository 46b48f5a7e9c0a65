#include "app/hot_reload.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/quaternion.hpp>
#include <spdlog/spdlog.h>

#include "app/scene_content.hpp"
#include "core/file_io.hpp"
#include "scene/json_locator.hpp"

namespace sc::app {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

fs::path normalised(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  fs::path canon = fs::weakly_canonical(ec ? p : abs, ec);
  return ec ? abs.lexically_normal() : canon;
}

// Everything about the lights that reaches the renderer, to tell whether they changed.
std::string lightsSignature(const scene::SceneDocument& doc) {
  std::string s;
  for (const auto& l : doc.lights) {
    s += fmt::format("{}|{}|{},{},{}|{},{},{}|{},{},{}|{}|{}|{}|{};", l.id, int(l.type), l.position.x, l.position.y,
                     l.position.z, l.direction.x, l.direction.y, l.direction.z, l.color.x, l.color.y, l.color.z,
                     l.intensity, l.range, l.innerConeDeg, l.outerConeDeg);
  }
  return s;
}

bool sameEnvironment(const render::Environment& a, const render::Environment& b) {
  return a.timeOfDayHours == b.timeOfDayHours && a.dayOfYear == b.dayOfYear && a.exposure == b.exposure &&
         a.toneMapper == b.toneMapper && a.fogColor == b.fogColor && a.fogDensity == b.fogDensity &&
         a.sunScale == b.sunScale && a.sunAzimuthDeg == b.sunAzimuthDeg && a.sunElevationDeg == b.sunElevationDeg;
}

// One model's share of the scene's cost, counted exactly as measureScene counts a scene.
scene::SceneStats measureModel(assets::Model& model) {
  SceneContent one;
  one.models.push_back({std::move(model), glm::mat4(1.0f)});
  scene::SceneStats stats = measureScene(one);
  model = std::move(one.models.front().model);
  return stats;
}

void addStats(scene::SceneStats& total, const scene::SceneStats& s) {
  total.triangles += s.triangles;
  total.drawCalls += s.drawCalls;
  total.gpuBytes += s.gpuBytes;
  total.maxTextureSide = std::max(total.maxTextureSide, s.maxTextureSide);
}

// Seconds from the newest modification among `files` to now; negative when none exists.
double secondsSinceModified(const std::vector<fs::path>& files) {
  std::optional<fs::file_time_type> newest;
  for (const auto& f : files) {
    std::error_code ec;
    auto t = fs::last_write_time(f, ec);
    if (!ec && (!newest || t > *newest)) newest = t;
  }
  if (!newest) return -1.0;
  auto age = fs::file_time_type::clock::now() - *newest;
  return std::chrono::duration<double>(age).count();
}

struct PlannedModel {
  std::size_t index = 0;                  // in the new document's models
  const ShownModel* reuse = nullptr;      // kept as it is shown (maybe with a new transform)
  std::optional<assets::Model> fresh;     // to upload
  bool reimported = false;
  glm::mat4 transform{1.0f};
};

}  // namespace

std::string ReloadError::text() const {
  std::string out = summary + "\n";
  for (const auto& d : diagnostics) out += scene::formatDiagnostic(d) + "\n";
  return out;
}

SceneHotReload::SceneHotReload(render::Renderer& renderer, HotReloadOptions options)
    : renderer_(renderer), options_(std::move(options)) {
  if (!options_.environment) options_.environment = [](const scene::SceneDocument& d) { return environmentFor(d); };
}

SceneHotReload::~SceneHotReload() = default;

Result<std::unique_ptr<SceneHotReload>> SceneHotReload::open(const fs::path& sceneFile, render::Renderer& renderer,
                                                             HotReloadOptions options, scene::ValidationReport& report) {
  auto profile = scene::findBudgetProfile(options.budgetProfile);
  if (!profile) return makeError("budget profile '{}': unknown; use quest2 or desktop", options.budgetProfile);
  std::unique_ptr<SceneHotReload> reload(new SceneHotReload(renderer, std::move(options)));
  reload->profile_ = *profile;
  reload->sceneFile_ = normalised(sceneFile);
  if (reload->options_.watch) reload->watcher_ = platform::FileWatcher::create(reload->options_.watchOptions);
  ReloadOutcome first = reload->apply({}, true);
  report.add(reload->report_);
  if (first.error) return makeError("{}", first.error->summary);
  return reload;
}

const ShownModel* SceneHotReload::findModel(const std::string& id) const {
  for (const auto& m : models_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

scene::SceneStats SceneHotReload::stats() const {
  scene::SceneStats total;
  for (const auto& m : models_) addStats(total, m.stats);
  return total;
}

assets::Bounds SceneHotReload::bounds() const {
  assets::Bounds b;
  for (const auto& m : models_) b.add(m.worldBounds);
  return b;
}

std::string SceneHotReload::watchDescription() const { return watcher_ ? watcher_->describe() : "not watching"; }

std::optional<ReloadOutcome> SceneHotReload::poll() {
  if (!watcher_) return std::nullopt;
  auto changed = watcher_->poll();
  if (changed.empty()) return std::nullopt;
  return apply(changed, false);
}

ReloadOutcome SceneHotReload::reload(const std::vector<fs::path>& changedFiles) {
  std::vector<fs::path> changed;
  for (const auto& f : changedFiles) changed.push_back(normalised(f));
  return apply(changed, false);
}

ReloadOutcome SceneHotReload::reloadAll() { return apply({sceneFile_}, true); }

ReloadOutcome SceneHotReload::apply(const std::vector<fs::path>& changed, bool everything) {
  auto started = Clock::now();
  ReloadOutcome out;
  out.changedFiles = changed;
  scene::ValidationReport report;
  auto fail = [&](std::string summary) {
    report.sortByPosition();
    ReloadError error{std::move(summary), {}};
    for (const auto& d : report.diagnostics()) {
      if (d.severity == scene::Severity::Error) error.diagnostics.push_back(d);
    }
    for (const auto& d : report.diagnostics()) {
      if (d.severity != scene::Severity::Error) error.diagnostics.push_back(d);
    }
    spdlog::error("{}", error.text());
    report_ = report;
    lastError_ = error;
    out.error = std::move(error);
    out.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return out;
  };
  // After a rejected edit the scene file is read again whatever changed: the fix may be in a
  // model that only the rejected version of the scene names.
  const bool sceneChanged = everything || lastError_.has_value() ||
                            std::find(changed.begin(), changed.end(), sceneFile_) != changed.end();

  // 1. The scene file, with every check, before anything is touched.
  scene::LoadedScene next;
  scene::ValidationReport checks;
  if (sceneChanged) {
    auto loaded = scene::loadSceneDocument(sceneFile_, options_.load, checks);
    report.add(checks);
    if (!loaded) {
      return fail(fmt::format("{}: the edit was not applied ({}); the last good scene stays on screen",
                              sceneFile_.string(), loaded.error().message));
    }
    next = std::move(loaded.value());
    out.sceneReread = true;
  } else {
    next = scene_;
    checks = sceneChecks_;
    report.add(checks);
  }

  // 2. Models: reuse what is shown unless one of its files changed; a changed model goes through
  //    the cooked cache, whose key is its bytes (a hit: it did not really change).
  std::vector<PlannedModel> plan;
  for (std::size_t i = 0; i < next.doc.models.size(); ++i) {
    const auto& instance = next.doc.models[i];
    const fs::path& file = next.resolvedModelPaths[i];
    PlannedModel p;
    p.index = i;
    p.transform = modelMatrix(instance.transform);
    const ShownModel* old = nullptr;
    for (const auto& m : models_) {
      if (m.id == instance.id && m.file == file) old = &m;
    }
    bool touched = everything;
    for (const auto& c : changed) {
      if (c != sceneFile_ && (c == file || c.parent_path() == file.parent_path())) touched = true;
    }
    if (old && !touched) {
      p.reuse = old;
      plan.push_back(std::move(p));
      continue;
    }
    assets::CookStats cook;
    auto model = assets::loadOrCook(file, next.roots, {}, options_.cook, &cook);
    if (!model) {
      scene::Diagnostic d;
      d.file = sceneFile_.string();
      d.jsonPointer = fmt::format("/models/{}/path", i);
      d.message = fmt::format("model '{}' ({}) cannot be loaded: {}", instance.id, file.string(), model.error().message);
      d.hint = "fix or re-export the model file; the previous version stays on screen until then";
      std::vector<scene::Diagnostic> placed{d};
      if (auto text = readFileText(sceneFile_)) scene::placeDiagnostics(*text, placed);
      report.add(placed);
      updateWatch(&next);  // the fix may come in a folder only the new scene names
      return fail(fmt::format("{}: model '{}' could not be loaded; the last good scene stays on screen",
                              sceneFile_.string(), instance.id));
    }
    if (old && cook.hit) {
      p.reuse = old;  // same bytes as what is shown
    } else {
      p.reimported = !cook.hit;
      p.fresh = std::move(model.value());
    }
    plan.push_back(std::move(p));
  }

  // 3. Budgets, as `validate` checks them (reported, not blocking).
  std::vector<scene::SceneStats> freshStats(plan.size());
  scene::SceneStats total;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    freshStats[k] = plan[k].fresh ? measureModel(*plan[k].fresh) : plan[k].reuse->stats;
    addStats(total, freshStats[k]);
  }
  report.add(scene::checkBudgets(total, profile_, sceneFile_.string()));

  // 4. Upload the new models first; only when all are in, retire the old ones.
  std::vector<ShownModel> shown;
  std::vector<render::ModelId> added;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    PlannedModel& p = plan[k];
    const auto& instance = next.doc.models[p.index];
    if (p.reuse) {
      ShownModel m = *p.reuse;
      if (m.transform != p.transform) {
        m.transform = p.transform;
        ++out.transformsChanged;
      }
      shown.push_back(std::move(m));
      continue;
    }
    auto id = renderer_.addModel(*p.fresh);
    if (!id) {
      for (auto a : added) renderer_.removeModel(a);
      scene::Diagnostic d;
      d.file = sceneFile_.string();
      d.jsonPointer = fmt::format("/models/{}", p.index);
      d.message = fmt::format("model '{}' cannot be uploaded: {}", instance.id, id.error().message);
      report.add(d);
      return fail(fmt::format("{}: model '{}' could not be uploaded; the last good scene stays on screen",
                              sceneFile_.string(), instance.id));
    }
    added.push_back(*id);
    ShownModel m;
    m.id = instance.id;
    m.file = next.resolvedModelPaths[p.index];
    m.transform = p.transform;
    m.model = *id;
    m.stats = freshStats[k];
    m.materials = p.fresh->materials;
    m.nodes = p.fresh->nodes.size();
    m.meshes = p.fresh->meshes.size();
    m.modelBounds = p.fresh->worldBounds();
    shown.push_back(std::move(m));
    out.modelsSwapped.push_back(instance.id);
    if (p.reimported) out.modelsReimported.push_back(instance.id);
  }
  for (auto& m : shown) {
    bool isNew = std::find(added.begin(), added.end(), m.model) != added.end();
    if (isNew) {
      m.instance = renderer_.addInstance(m.model, m.transform);
    } else {
      renderer_.setInstanceTransform(m.instance, m.transform);
    }
    m.worldBounds = m.modelBounds.transformed(m.transform);
  }
  for (const auto& old : models_) {
    bool kept = std::any_of(shown.begin(), shown.end(), [&](const ShownModel& m) { return m.model == old.model; });
    if (kept) continue;
    renderer_.removeModel(old.model);
    bool stillThere = std::any_of(shown.begin(), shown.end(), [&](const ShownModel& m) { return m.id == old.id; });
    if (!stillThere) out.modelsRemoved.push_back(old.id);
  }

  // 5. Lights and environment (no import involved).
  if (sceneChanged) {
    bool lightsChanged = everything || lightsSignature(next.doc) != lightsSignature(scene_.doc);
    if (lightsChanged) {
      if (lightsModel_) renderer_.removeModel(*lightsModel_);
      lightsModel_.reset();
      lightsInstance_.reset();
      if (!next.doc.lights.empty()) {
        auto id = renderer_.addModel(sceneLightsModel(next.doc, sceneFile_.string() + " (lights)"));
        if (id) {
          lightsModel_ = *id;
          lightsInstance_ = renderer_.addInstance(*id);
        } else {
          spdlog::warn("{}: the scene's lights could not be uploaded: {}", sceneFile_.string(), id.error().message);
        }
      }
      out.lightsChanged = true;
    }
    render::Environment environment = options_.environment(next.doc);
    out.environmentChanged = !sameEnvironment(environment, renderer_.environment());
    renderer_.setEnvironment(environment);
  }

  bool modelSetChanged = !out.modelsSwapped.empty() || !out.modelsRemoved.empty() || everything;
  scene_ = std::move(next);
  shared_ = std::make_shared<const scene::SceneDocument>(scene_.doc);
  models_ = std::move(shown);
  report.sortByPosition();
  report_ = std::move(report);
  sceneChecks_ = std::move(checks);
  lastError_.reset();
  ++generation_;
  if (modelSetChanged) updateWatch();
  out.applied = true;
  out.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  out.sinceChangeSeconds = changed.empty() || everything ? -1.0 : secondsSinceModified(changed);
  if (!everything || generation_ > 1) {
    spdlog::info("hot reload: {}{} model(s) swapped ({} re-imported), {} removed, {} transform(s), environment {}, "
                 "lights {} in {:.0f} ms", out.sceneReread ? "scene re-read, " : "", out.modelsSwapped.size(),
                 out.modelsReimported.size(), out.modelsRemoved.size(), out.transformsChanged,
                 out.environmentChanged ? "changed" : "same", out.lightsChanged ? "changed" : "same", out.seconds * 1000.0);
  }
  return out;
}

void SceneHotReload::updateWatch(const scene::LoadedScene* pending) {
  if (!watcher_) return;
  std::set<fs::path> folders;
  for (const auto& m : models_) folders.insert(m.file.parent_path());
  if (pending) {
    for (const auto& file : pending->resolvedModelPaths) folders.insert(file.parent_path());
  }
  auto status = watcher_->setWatched({sceneFile_}, std::vector<fs::path>(folders.begin(), folders.end()));
  if (!status) spdlog::warn("hot reload: {}", status.error().message);
}

}  // namespace sc::app
