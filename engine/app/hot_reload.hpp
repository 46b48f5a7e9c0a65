#pragma once
// Hot reload of a shown scene (creator preview, tour): edits to the scene file or to a model's
// files are picked up while the renderer keeps drawing, and only what changed is redone.
//
//   scene file changed  -> re-read and checked with every check of `shancheng validate` (schema,
//                          references, content paths, model imports, budgets) BEFORE anything
//                          is swapped; environment, lights, transforms, POIs and tours then apply
//                          without importing any model again.
//   model file changed  -> a file inside a model's folder changed (the model, its .bin, a
//                          texture): that model goes through the cooked cache again; a cache hit
//                          means its bytes did not change (nothing is swapped), a miss re-imports
//                          it and swaps it in the renderer. Other models are not touched.
//   broken edit         -> nothing is swapped: the last good scene stays on screen, and the
//                          outcome carries the error (file, line, JSON pointer, hint).
//
// Budget overruns are reported (in report(), as `validate` does) but do not block a swap: the
// preview is where a creator sees and fixes them.
//
// Imports run in the background (poll(), requestReload(), reloadAll()): the scene file is read
// and checked on the calling thread (a JSON file: milliseconds), the models that must go through
// the cooked cache (import, texture decoding, cooking) load on assets::AsyncModelLoader's worker
// threads, and the frame loop keeps drawing the shown scene meanwhile. When every model of the
// edit is in, one poll() swaps it in (GPU upload, then the old models are retired): the new
// content appears in one frame, never part of it. An edit that needs no import (environment,
// lights, transforms, POIs, a model that is a cache hit) is swapped in the poll() that sees it.
//   newer edit during an import -> supersedes the older one: the older loader is cancelled and
//                          its result dropped (a model already being imported finishes on its
//                          worker and is thrown away; Assimp cannot be interrupted). The newer
//                          edit answers every change since the last applied one, so nothing the
//                          older edit would have shown is lost.
//   failed edit            -> as before: nothing is swapped; its changes stay pending, so the next
//                          edit (the fix) loads them again.
// reload() is the blocking form (waits for its imports on the calling thread; tests, tools).
//
// Watched: the scene file and, not recursively, the folder of every model (a model's buffers and
// textures normally sit beside it; files in sub-folders are not seen). Threads: one thread (the
// frame loop's) calls every method and owns the renderer; the loader's workers only run
// loadOrCook and touch nothing of this object. The destructor waits for an import in flight.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "assets/async_loader.hpp"
#include "assets/cooked_cache.hpp"
#include "assets/model.hpp"
#include "core/result.hpp"
#include "platform/file_watcher.hpp"
#include "render/renderer.hpp"
#include "scene/budget.hpp"
#include "scene/diagnostics.hpp"
#include "scene/scene_loader.hpp"

namespace sc::app {

struct HotReloadOptions {
  scene::SceneLoadOptions load;
  assets::CookOptions cook;              // cache folder (tests use their own)
  std::string budgetProfile = "quest2";  // scene::findBudgetProfile name
  bool watch = true;                     // false: only reload()/requestReload()/reloadAll() (tests)
  // Worker threads for imports (1..assets::kMaxAsyncLoadWorkers). One leaves the other core of
  // a small machine to the frame loop; an edit rarely touches more than one model.
  std::size_t importWorkers = 1;
  platform::FileWatchOptions watchOptions;
  // The renderer's environment for a scene; default: environmentFor (scene_content.hpp). The
  // preview wraps it to apply command-line overrides (tone mapper, exposure).
  std::function<render::Environment(const scene::SceneDocument&)> environment;
};

// What the error panel shows when an edit could not be applied.
struct ReloadError {
  std::string summary;                         // one line: what failed and that the old scene stays
  std::vector<scene::Diagnostic> diagnostics;  // errors first, each with file, line, pointer, hint
  std::string text() const;                    // summary, then one formatted diagnostic per line
};

struct ReloadOutcome {
  std::vector<std::filesystem::path> changedFiles;
  bool applied = false;        // the renderer shows the new content
  bool sceneReread = false;    // the scene file was parsed and checked again
  std::vector<std::string> modelsReimported;  // ids whose sources were imported again (Assimp)
  std::vector<std::string> modelsSwapped;     // ids uploaded anew (re-imported, new, or moved path)
  std::vector<std::string> modelsRemoved;     // ids no longer in the scene
  std::size_t transformsChanged = 0;
  bool environmentChanged = false;
  bool lightsChanged = false;
  std::optional<ReloadError> error;  // set: nothing was swapped, the last good scene stays
  // From the start of the reload (the poll that saw the change) to the end of the swap:
  // checks, imports (on workers) and uploads.
  double seconds = 0.0;
  double swapSeconds = 0.0;           // of that, the frame loop's share in the swapping poll()
  std::size_t framesWhileLoading = 0; // poll() calls that returned while its models imported
  std::size_t supersededEdits = 0;    // older edits dropped unshown in favour of this one
  // From the newest modification time of the changed files to the end of the swap (includes
  // the watcher's debounce); negative when unknown (deleted files, explicit reloads).
  double sinceChangeSeconds = -1.0;
};

// One model of the shown scene, for the inspector and "go to".
struct ShownModel {
  std::string id;
  std::filesystem::path file;  // resolved model file
  glm::mat4 transform{1.0f};
  render::ModelId model = 0;
  render::InstanceId instance = 0;
  assets::Bounds modelBounds;  // in the model's own space
  assets::Bounds worldBounds;  // placed by `transform`
  scene::SceneStats stats;                   // this model's share of the scene's cost
  std::vector<assets::Material> materials;   // as imported (inspector)
  std::size_t nodes = 0;
  std::size_t meshes = 0;
};

class SceneHotReload {
 public:
  // Loads `sceneFile` with every check of `validate` and uploads it to `renderer` (which must
  // outlive this object). Fails, with every problem in `report`, when the scene cannot be shown.
  static Result<std::unique_ptr<SceneHotReload>> open(const std::filesystem::path& sceneFile,
                                                      render::Renderer& renderer, HotReloadOptions options,
                                                      scene::ValidationReport& report);
  ~SceneHotReload();
  SceneHotReload(const SceneHotReload&) = delete;
  SceneHotReload& operator=(const SceneHotReload&) = delete;

  // Once per frame: when watched files have settled (debounced), starts a reload of what they
  // affect (superseding one in flight); returns an outcome when a reload was swapped in or
  // rejected in this call, nullopt otherwise (also while imports run).
  std::optional<ReloadOutcome> poll();
  // As if these files (absolute or relative paths) had changed: starts a reload; its outcome
  // comes from a later poll() (at the latest the next one when no model must load).
  void requestReload(const std::vector<std::filesystem::path>& changedFiles);
  // Re-reads the scene file and every model through the cache (a "reload all" key), in the
  // background like requestReload().
  void reloadAll();
  // Blocking: reloads now for these changed files, waiting for their imports on this thread.
  // Supersedes a reload in flight.
  ReloadOutcome reload(const std::vector<std::filesystem::path>& changedFiles);
  // True while an edit's models are loading (its outcome is still to come from poll()).
  bool reloading() const { return pending_ != nullptr; }
  // The longest interval between two poll() calls from the one that started the newest
  // watched/requested reload to the one after its swap (the longest frame the creator saw
  // during it); negative before the first such reload.
  double lastReloadLongestFrameSeconds() const { return lastLongestFrame_; }

  const scene::LoadedScene& scene() const { return scene_; }
  const scene::SceneDocument& document() const { return scene_.doc; }
  std::shared_ptr<const scene::SceneDocument> sharedDocument() const { return shared_; }
  const std::filesystem::path& sceneFile() const { return sceneFile_; }
  const std::vector<ShownModel>& models() const { return models_; }
  const ShownModel* findModel(const std::string& id) const;
  // Diagnostics of the last check (warnings and budget problems of the shown scene, or the
  // errors of a rejected edit).
  const scene::ValidationReport& report() const { return report_; }
  // Set while the newest edit is rejected; cleared by the next successful reload.
  const std::optional<ReloadError>& lastError() const { return lastError_; }
  scene::SceneStats stats() const;
  const scene::BudgetProfile& budgetProfile() const { return profile_; }
  assets::Bounds bounds() const;
  std::uint64_t generation() const { return generation_; }  // +1 per applied reload
  std::string watchDescription() const;

 private:
  struct Pending;  // an edit whose models load (hot_reload.cpp)

  SceneHotReload(render::Renderer& renderer, HotReloadOptions options);
  // Starts a reload answering `changed` plus every change not applied yet. Returns the outcome
  // when it is decided at once (the scene file is rejected, or nothing must load); otherwise
  // pending_ holds it until its loader has finished.
  std::optional<ReloadOutcome> start(const std::vector<std::filesystem::path>& changed, bool everything);
  // The loader of pending_ has finished: builds the outcome and swaps (or rejects).
  ReloadOutcome finish(Pending& pending);
  ReloadOutcome reject(Pending& pending, scene::ValidationReport report, std::string summary);
  // Drops pending_ unshown; its loader finishes an import in flight in retiring_.
  void supersede();
  // Starts timing the frames of a watched or requested reload (lastReloadLongestFrameSeconds).
  void timeReload();
  // Watches the scene file and the folders of the shown models, plus those of `pending` (a
  // scene read but rejected) so that fixing its model is seen.
  void updateWatch(const scene::LoadedScene* pending = nullptr);

  render::Renderer& renderer_;
  HotReloadOptions options_;
  std::filesystem::path sceneFile_;  // canonical; what is re-read and watched
  scene::BudgetProfile profile_;
  scene::LoadedScene scene_;
  std::shared_ptr<const scene::SceneDocument> shared_;
  std::vector<ShownModel> models_;
  std::optional<render::ModelId> lightsModel_;
  std::optional<render::InstanceId> lightsInstance_;
  scene::ValidationReport report_;
  scene::ValidationReport sceneChecks_;  // the shown scene file's own diagnostics (no budgets)
  std::optional<ReloadError> lastError_;
  std::unique_ptr<platform::FileWatcher> watcher_;
  std::uint64_t generation_ = 0;

  std::unique_ptr<Pending> pending_;
  std::optional<ReloadOutcome> ready_;  // decided by requestReload()/reloadAll(), for poll()
  // Loaders of superseded edits, cancelled, kept until their import in flight has finished
  // (destroying one joins its workers, which would block the frame loop).
  std::vector<std::unique_ptr<assets::AsyncModelLoader>> retiring_;
  std::vector<std::filesystem::path> unapplied_;  // changes since the last applied reload
  bool unappliedEverything_ = false;
  std::size_t superseded_ = 0;                    // edits dropped since the last outcome
  // Model files that an edit not swapped in (superseded or rejected) may have cooked anew: a
  // cache hit for them no longer means "the bytes on screen".
  std::set<std::filesystem::path> cookedNotShown_;

  // Frame times around a reload (poll() intervals), for lastReloadLongestFrameSeconds().
  std::optional<std::chrono::steady_clock::time_point> lastPoll_;
  bool timingReload_ = false;
  bool swappedLastPoll_ = false;
  std::vector<double> reloadFrames_;  // intervals seen during the reload being timed
  double lastLongestFrame_ = -1.0;
};

}  // namespace sc::app
