#pragma once
// `shancheng cook <scene.scene.json> [--cache-dir DIR]`: imports every model of a scene (each
// model and each of its LOD levels) through the cooked cache (assets/cooked_cache.hpp) on the
// AsyncModelLoader's worker threads, so that the next `render`, `tour` or `xr` of the scene
// reads the cache and never calls Assimp. Uses the same import and cook options as
// loadSceneContent (scene_content.hpp), so what it writes is exactly what a load looks up.
//
// Output: a progress bar on stderr (assets done/total, MB of source files read, MB of cache),
// redrawn in place on a terminal and one line per finished model otherwise; then one line per
// model (hit or miss and why, or its error) and a summary with hits, misses and time.
// Exit codes (render_command.hpp): 0 when every model is in the cache afterwards, 1 when the
// scene file is invalid or any model failed to import (each error names the file and the fix).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "scene/diagnostics.hpp"

namespace sc::app {

struct CookRequest {
  std::filesystem::path scene;      // *.scene.json
  std::filesystem::path cacheDir;   // empty: assets::defaultCookedCacheDir()
  std::size_t workers = 2;          // clamped by the loader to 1..kMaxAsyncLoadWorkers
  bool progress = true;             // draw the progress bar and per-model lines on stderr
};

struct CookSummary {
  std::size_t models = 0;    // models and LOD levels requested
  std::size_t hits = 0;      // read from the cache
  std::size_t misses = 0;    // imported (and written, unless `written` is lower)
  std::size_t written = 0;   // cache files written
  std::size_t failed = 0;    // import errors (each logged with its file)
  std::uint64_t sourceBytes = 0;  // model files and their dependencies, read and hashed
  std::uint64_t cacheBytes = 0;   // cache files read or written
  double seconds = 0.0;           // wall time of the whole cook, scene check included
  std::filesystem::path cacheDir;
};

// Checks the scene (problems go into `report`; an invalid scene is an error and cooks nothing),
// then cooks every model. Model failures do not stop the others: they are counted in `failed`.
Result<CookSummary> cookScene(const CookRequest& request, scene::ValidationReport& report);

// The command: prints the report's problems, the progress and the summary; returns the exit code.
int runCook(const CookRequest& request);

}  // namespace sc::app
