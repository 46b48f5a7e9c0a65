#pragma once
// Loads a list of models on worker threads (loadOrCook: cache hit or import + cook) while the
// caller's thread keeps running (the renderer keeps drawing a loading screen or the previous
// scene). Results are handed over on the caller's thread through poll(); progress is readable
// at any time as a consistent snapshot and is also pushed to an optional callback.
//
// Threads: 1..kMaxAsyncLoadWorkers std::jthread workers take requests in list order. The
// callback runs on a worker thread (keep it short, and thread-safe). Cancelling stops workers
// from starting further requests; a model already being imported finishes (Assimp cannot be
// interrupted) and is still delivered. The destructor cancels and joins.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "assets/cooked_cache.hpp"
#include "assets/importer.hpp"
#include "core/content_roots.hpp"
#include "core/result.hpp"

namespace sc::assets {

inline constexpr std::size_t kMaxAsyncLoadWorkers = 2;

struct ModelLoadRequest {
  std::filesystem::path file;
  ContentRoots roots;
  ImportOptions import;
  CookOptions cook;
};

struct LoadProgress {
  std::size_t assetsDone = 0;    // finished, successfully or not
  std::size_t assetsFailed = 0;  // of those, how many returned an error
  std::size_t assetsTotal = 0;
  std::uint64_t bytesDone = 0;   // sizes of the finished requests' model files
  std::uint64_t bytesTotal = 0;  // sizes of all requests' model files (0 for missing ones)
  bool cancelled = false;
  bool finished = false;         // no worker is running any more (all done, or cancelled)
};

struct LoadedModel {
  std::size_t index = 0;  // position in the request list
  std::filesystem::path file;
  Result<Model> model = Error{"not loaded"};
  CookStats stats;
};

struct AsyncLoaderOptions {
  std::size_t workers = 2;  // clamped to 1..kMaxAsyncLoadWorkers
  std::function<void(const LoadProgress&)> onProgress;  // called on a worker thread
};

class AsyncModelLoader {
 public:
  // Starts loading at once.
  AsyncModelLoader(std::vector<ModelLoadRequest> requests, AsyncLoaderOptions options = {});
  ~AsyncModelLoader();
  AsyncModelLoader(const AsyncModelLoader&) = delete;
  AsyncModelLoader& operator=(const AsyncModelLoader&) = delete;

  // Models finished since the last call, in completion order. Call from the owning thread.
  std::vector<LoadedModel> poll();
  LoadProgress progress() const;
  void cancel();
  // Blocks until every worker has stopped (all loaded, or cancelled and in-flight ones done).
  void wait();

 private:
  void work(std::stop_token stop);

  std::vector<ModelLoadRequest> requests_;
  std::vector<std::uint64_t> sizes_;
  AsyncLoaderOptions options_;
  mutable std::mutex mutex_;
  std::size_t next_ = 0;
  std::size_t running_ = 0;
  LoadProgress progress_;
  std::vector<LoadedModel> ready_;
  std::vector<std::jthread> workers_;
};

}  // namespace sc::assets
