#include "app/hot_reload.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

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

// One model of the edit's scene: kept as shown, or loaded by the edit's loader.
struct PlannedModel {
  std::size_t index = 0;                  // in the new document's models
  std::optional<std::size_t> shown;       // in models_: the same id and file
  bool load = false;                      // goes through the cooked cache (request `request`)
  std::size_t request = 0;
  std::optional<assets::Model> fresh;     // to upload
  bool reimported = false;
  glm::mat4 transform{1.0f};
};

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

struct SceneHotReload::Pending {
  std::vector<fs::path> changed;  // every change since the last applied reload
  bool everything = false;
  bool sceneChanged = false;
  Clock::time_point started;
  ReloadOutcome out;
  scene::LoadedScene next;
  scene::ValidationReport report;  // the scene file's checks so far
  scene::ValidationReport checks;  // the scene file's own diagnostics
  std::vector<PlannedModel> plan;
  std::vector<fs::path> loading;  // files of the loader's requests, in request order
  std::unique_ptr<assets::AsyncModelLoader> loader;
};

std::string ReloadError::text() const {
  std::string out = summary + "\n";
  for (const auto& d : diagnostics) out += scene::formatDiagnostic(d) + "\n";
  return out;
}

SceneHotReload::SceneHotReload(render::Renderer& renderer, HotReloadOptions options)
    : renderer_(renderer), options_(std::move(options)) {
  if (!options_.environment) options_.environment = [](const scene::SceneDocument& d) { return environmentFor(d); };
}

// An import in flight finishes before its loader goes (Assimp cannot be interrupted).
SceneHotReload::~SceneHotReload() = default;

Result<std::unique_ptr<SceneHotReload>> SceneHotReload::open(const fs::path& sceneFile, render::Renderer& renderer,
                                                             HotReloadOptions options, scene::ValidationReport& report) {
  auto profile = scene::findBudgetProfile(options.budgetProfile);
  if (!profile) return makeError("budget profile '{}': unknown; use quest2 or desktop", options.budgetProfile);
  std::unique_ptr<SceneHotReload> reload(new SceneHotReload(renderer, std::move(options)));
  reload->profile_ = *profile;
  reload->sceneFile_ = normalised(sceneFile);
  if (reload->options_.watch) reload->watcher_ = platform::FileWatcher::create(reload->options_.watchOptions);
  ReloadOutcome first = reload->reload({});
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
  // Frame times: the interval since the previous poll() is the frame the creator just saw.
  auto now = Clock::now();
  if (lastPoll_ && timingReload_) {
    reloadFrames_.push_back(std::chrono::duration<double>(now - *lastPoll_).count());
    if (swappedLastPoll_) {  // the swap's own frame is in now
      std::sort(reloadFrames_.begin(), reloadFrames_.end());
      lastLongestFrame_ = reloadFrames_.back();
      timingReload_ = false;
      spdlog::info("hot reload: longest frame from the edit to the frame after the swap: {:.0f} ms ({} frames, "
                   "median {:.0f} ms)", lastLongestFrame_ * 1000.0, reloadFrames_.size(),
                   reloadFrames_[reloadFrames_.size() / 2] * 1000.0);
    }
  }
  lastPoll_ = now;
  swappedLastPoll_ = false;
  std::erase_if(retiring_, [](const auto& loader) { return loader->progress().finished; });

  std::optional<ReloadOutcome> out = std::move(ready_);
  ready_.reset();
  if (watcher_) {
    auto changed = watcher_->poll();
    if (!changed.empty()) {
      timeReload();
      if (auto decided = start(changed, false)) out = std::move(decided);
    }
  }
  if (pending_) {
    if (pending_->loader->progress().finished) {
      auto pending = std::move(pending_);
      out = finish(*pending);
    } else {
      ++pending_->out.framesWhileLoading;
    }
  }
  if (out) swappedLastPoll_ = true;
  return out;
}

void SceneHotReload::timeReload() {
  if (timingReload_) return;  // a newer edit during a timed reload extends it
  timingReload_ = true;
  reloadFrames_.clear();
}

void SceneHotReload::requestReload(const std::vector<fs::path>& changedFiles) {
  std::vector<fs::path> changed;
  for (const auto& f : changedFiles) changed.push_back(normalised(f));
  timeReload();
  if (auto decided = start(changed, false)) ready_ = std::move(decided);
}

void SceneHotReload::reloadAll() {
  timeReload();
  if (auto decided = start({sceneFile_}, true)) ready_ = std::move(decided);
}

ReloadOutcome SceneHotReload::reload(const std::vector<fs::path>& changedFiles) {
  std::vector<fs::path> changed;
  for (const auto& f : changedFiles) changed.push_back(normalised(f));
  const bool everything = changed.empty();  // open(): the whole scene
  if (auto decided = start(everything ? std::vector<fs::path>{sceneFile_} : changed, everything)) return *decided;
  auto pending = std::move(pending_);
  pending->loader->wait();
  return finish(*pending);
}

void SceneHotReload::supersede() {
  if (!pending_) return;
  ++superseded_;
  // Whatever it imports may reach the cache without reaching the screen.
  for (const auto& f : pending_->loading) cookedNotShown_.insert(f);
  pending_->loader->cancel();
  if (!pending_->loader->progress().finished) retiring_.push_back(std::move(pending_->loader));
  spdlog::info("hot reload: a newer edit supersedes the one still loading ({} model(s)); its result is dropped",
               pending_->loading.size());
  pending_.reset();
}

std::optional<ReloadOutcome> SceneHotReload::start(const std::vector<fs::path>& changed, bool everything) {
  supersede();
  for (const auto& c : changed) {
    if (std::find(unapplied_.begin(), unapplied_.end(), c) == unapplied_.end()) unapplied_.push_back(c);
  }
  unappliedEverything_ = unappliedEverything_ || everything;
  auto pending = std::make_unique<Pending>();
  Pending& p = *pending;
  p.started = Clock::now();
  p.changed = unapplied_;
  p.everything = unappliedEverything_;
  p.out.changedFiles = changed;
  // After a rejected edit the scene file is read again whatever changed: the fix may be in a
  // model that only the rejected version of the scene names.
  p.sceneChanged = p.everything || lastError_.has_value() ||
                   std::find(p.changed.begin(), p.changed.end(), sceneFile_) != p.changed.end();

  // 1. The scene file, with every check, before anything is touched (on this thread: a JSON
  //    file and the existence of the files it names).
  if (p.sceneChanged) {
    auto loaded = scene::loadSceneDocument(sceneFile_, options_.load, p.checks);
    p.report.add(p.checks);
    if (!loaded) {
      return reject(p, std::move(p.report),
                    fmt::format("{}: the edit was not applied ({}); the last good scene stays on screen",
                                sceneFile_.string(), loaded.error().message));
    }
    p.next = std::move(loaded.value());
    p.out.sceneReread = true;
  } else {
    p.next = scene_;
    p.checks = sceneChecks_;
    p.report.add(p.checks);
  }

  // 2. Models: reuse what is shown unless one of its files changed; a changed model goes to the
  //    loader (the cooked cache, whose key is its bytes: a hit may mean it did not change).
  std::vector<assets::ModelLoadRequest> requests;
  for (std::size_t i = 0; i < p.next.doc.models.size(); ++i) {
    const auto& instance = p.next.doc.models[i];
    const fs::path& file = p.next.resolvedModelPaths[i];
    PlannedModel m;
    m.index = i;
    m.transform = modelMatrix(instance.transform);
    for (std::size_t s = 0; s < models_.size(); ++s) {
      if (models_[s].id == instance.id && models_[s].file == file) m.shown = s;
    }
    bool touched = p.everything;
    for (const auto& c : p.changed) {
      if (c != sceneFile_ && (c == file || c.parent_path() == file.parent_path())) touched = true;
    }
    if (!m.shown || touched) {
      m.load = true;
      m.request = requests.size();
      requests.push_back({file, p.next.roots, {}, options_.cook});
      p.loading.push_back(file);
    }
    p.plan.push_back(std::move(m));
  }
  assets::AsyncLoaderOptions loaderOptions;
  loaderOptions.workers = options_.importWorkers;
  p.loader = std::make_unique<assets::AsyncModelLoader>(std::move(requests), std::move(loaderOptions));
  if (p.loader->progress().finished) return finish(p);  // nothing to load: swap now
  pending_ = std::move(pending);
  return std::nullopt;
}

ReloadOutcome SceneHotReload::reject(Pending& p, scene::ValidationReport report, std::string summary) {
  report.sortByPosition();
  ReloadError error{std::move(summary), {}};
  for (const auto& d : report.diagnostics()) {
    if (d.severity == scene::Severity::Error) error.diagnostics.push_back(d);
  }
  for (const auto& d : report.diagnostics()) {
    if (d.severity != scene::Severity::Error) error.diagnostics.push_back(d);
  }
  spdlog::error("{}", error.text());
  report_ = std::move(report);
  lastError_ = error;
  ReloadOutcome out = std::move(p.out);
  out.error = std::move(error);
  out.supersededEdits = std::exchange(superseded_, 0);
  out.seconds = secondsSince(p.started);
  return out;
}

ReloadOutcome SceneHotReload::finish(Pending& p) {
  const auto swapStarted = Clock::now();
  scene::LoadedScene& next = p.next;
  scene::ValidationReport report = std::move(p.report);
  std::vector<assets::LoadedModel> loaded = p.loader->poll();
  std::sort(loaded.begin(), loaded.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  p.loader.reset();
  std::vector<assets::LoadedModel*> byRequest(p.loading.size(), nullptr);
  for (auto& l : loaded) byRequest[l.index] = &l;
  // Whatever this edit cooked is in the cache now; unless it is swapped in below, a later hit
  // for it is not what is shown.
  for (const auto& l : loaded) {
    if (l.model && !l.stats.hit) cookedNotShown_.insert(l.file);
  }

  for (PlannedModel& m : p.plan) {
    if (!m.load) continue;
    const auto& instance = next.doc.models[m.index];
    const fs::path& file = next.resolvedModelPaths[m.index];
    assets::LoadedModel* l = byRequest[m.request];
    if (!l || !l->model) {
      scene::Diagnostic d;
      d.file = sceneFile_.string();
      d.jsonPointer = fmt::format("/models/{}/path", m.index);
      d.message = fmt::format("model '{}' ({}) cannot be loaded: {}", instance.id, file.string(),
                              l ? l->model.error().message : std::string("its load was cancelled"));
      d.hint = "fix or re-export the model file; the previous version stays on screen until then";
      std::vector<scene::Diagnostic> placed{d};
      if (auto text = readFileText(sceneFile_)) scene::placeDiagnostics(*text, placed);
      report.add(placed);
      updateWatch(&next);  // the fix may come in a folder only the new scene names
      return reject(p, std::move(report),
                    fmt::format("{}: model '{}' could not be loaded; the last good scene stays on screen",
                                sceneFile_.string(), instance.id));
    }
    if (m.shown && l->stats.hit && !cookedNotShown_.contains(file)) {
      m.load = false;  // same bytes as what is shown
    } else {
      m.reimported = !l->stats.hit;
      m.fresh = std::move(l->model.value());
    }
  }

  // 3. Budgets, as `validate` checks them (reported, not blocking).
  ReloadOutcome out = std::move(p.out);
  std::vector<scene::SceneStats> freshStats(p.plan.size());
  scene::SceneStats total;
  for (std::size_t k = 0; k < p.plan.size(); ++k) {
    freshStats[k] = p.plan[k].fresh ? measureModel(*p.plan[k].fresh) : models_[*p.plan[k].shown].stats;
    addStats(total, freshStats[k]);
  }
  report.add(scene::checkBudgets(total, profile_, sceneFile_.string()));

  // 4. Upload the new models first; only when all are in, retire the old ones.
  std::vector<ShownModel> shown;
  std::vector<render::ModelId> added;
  for (std::size_t k = 0; k < p.plan.size(); ++k) {
    PlannedModel& m = p.plan[k];
    const auto& instance = next.doc.models[m.index];
    if (!m.fresh) {
      ShownModel s = models_[*m.shown];
      if (s.transform != m.transform) {
        s.transform = m.transform;
        ++out.transformsChanged;
      }
      shown.push_back(std::move(s));
      continue;
    }
    auto id = renderer_.addModel(*m.fresh);
    if (!id) {
      for (auto a : added) renderer_.removeModel(a);
      scene::Diagnostic d;
      d.file = sceneFile_.string();
      d.jsonPointer = fmt::format("/models/{}", m.index);
      d.message = fmt::format("model '{}' cannot be uploaded: {}", instance.id, id.error().message);
      report.add(d);
      p.out = std::move(out);
      return reject(p, std::move(report),
                    fmt::format("{}: model '{}' could not be uploaded; the last good scene stays on screen",
                                sceneFile_.string(), instance.id));
    }
    added.push_back(*id);
    ShownModel s;
    s.id = instance.id;
    s.file = next.resolvedModelPaths[m.index];
    s.transform = m.transform;
    s.model = *id;
    s.stats = freshStats[k];
    s.materials = m.fresh->materials;
    s.nodes = m.fresh->nodes.size();
    s.meshes = m.fresh->meshes.size();
    s.modelBounds = m.fresh->worldBounds();
    cookedNotShown_.erase(s.file);
    shown.push_back(std::move(s));
    out.modelsSwapped.push_back(instance.id);
    if (m.reimported) out.modelsReimported.push_back(instance.id);
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
  const bool everything = p.everything;
  if (p.sceneChanged) {
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
  sceneChecks_ = std::move(p.checks);
  lastError_.reset();
  unapplied_.clear();
  unappliedEverything_ = false;
  out.supersededEdits = std::exchange(superseded_, 0);
  ++generation_;
  if (modelSetChanged) updateWatch();
  out.applied = true;
  out.seconds = secondsSince(p.started);
  out.swapSeconds = secondsSince(swapStarted);
  out.sinceChangeSeconds = everything ? -1.0 : secondsSinceModified(out.changedFiles);
  if (!everything || generation_ > 1) {
    spdlog::info("hot reload: {}{} model(s) swapped ({} re-imported), {} removed, {} transform(s), environment {}, "
                 "lights {} in {:.0f} ms ({:.0f} ms of it in the swapping frame, {} frame(s) drawn while loading{})",
                 out.sceneReread ? "scene re-read, " : "", out.modelsSwapped.size(),
                 out.modelsReimported.size(), out.modelsRemoved.size(), out.transformsChanged,
                 out.environmentChanged ? "changed" : "same", out.lightsChanged ? "changed" : "same", out.seconds * 1000.0,
                 out.swapSeconds * 1000.0, out.framesWhileLoading,
                 out.supersededEdits ? fmt::format(", {} older edit(s) superseded", out.supersededEdits) : "");
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
