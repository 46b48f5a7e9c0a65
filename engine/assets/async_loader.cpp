#include "assets/async_loader.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace sc::assets {

namespace fs = std::filesystem;

AsyncModelLoader::AsyncModelLoader(std::vector<ModelLoadRequest> requests, AsyncLoaderOptions options)
    : requests_(std::move(requests)), options_(std::move(options)) {
  progress_.assetsTotal = requests_.size();
  for (const ModelLoadRequest& r : requests_) {
    std::error_code ec;
    const auto size = fs::file_size(r.file, ec);
    sizes_.push_back(ec ? 0 : size);
    progress_.bytesTotal += sizes_.back();
  }
  const std::size_t count = std::clamp<std::size_t>(options_.workers, 1, kMaxAsyncLoadWorkers);
  running_ = std::min(count, std::max<std::size_t>(requests_.size(), 1));
  if (requests_.empty()) {
    running_ = 0;
    progress_.finished = true;
    return;
  }
  for (std::size_t i = 0; i < running_; ++i) {
    workers_.emplace_back([this](std::stop_token stop) { work(stop); });
  }
}

AsyncModelLoader::~AsyncModelLoader() {
  cancel();
  wait();
}

void AsyncModelLoader::work(std::stop_token stop) {
  for (;;) {
    std::size_t index;
    {
      std::lock_guard lock(mutex_);
      if (stop.stop_requested() || next_ >= requests_.size()) {
        if (--running_ == 0) progress_.finished = true;
        break;
      }
      index = next_++;
    }
    const ModelLoadRequest& request = requests_[index];
    LoadedModel loaded{.index = index, .file = request.file};
    loaded.model = loadOrCook(request.file, request.roots, request.import, request.cook, &loaded.stats);
    if (loaded.model) {
      spdlog::info("loaded {} ({}, {:.1f} ms)", request.file.string(),
                   loaded.stats.hit ? "cooked cache" : "imported", loaded.stats.totalSeconds * 1e3);
    }
    LoadProgress snapshot;
    {
      std::lock_guard lock(mutex_);
      progress_.assetsDone++;
      if (!loaded.model) progress_.assetsFailed++;
      progress_.bytesDone += sizes_[index];
      ready_.push_back(std::move(loaded));
      snapshot = progress_;
    }
    spdlog::info("loading: {}/{} models, {}/{} KiB", snapshot.assetsDone, snapshot.assetsTotal,
                 snapshot.bytesDone / 1024, snapshot.bytesTotal / 1024);
    if (options_.onProgress) options_.onProgress(snapshot);
  }
}

std::vector<LoadedModel> AsyncModelLoader::poll() {
  std::lock_guard lock(mutex_);
  std::vector<LoadedModel> out;
  out.swap(ready_);
  return out;
}

LoadProgress AsyncModelLoader::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

void AsyncModelLoader::cancel() {
  {
    std::lock_guard lock(mutex_);
    if (progress_.finished || progress_.cancelled) return;
    progress_.cancelled = true;
  }
  for (std::jthread& w : workers_) w.request_stop();
}

void AsyncModelLoader::wait() {
  for (std::jthread& w : workers_) {
    if (w.joinable()) w.join();
  }
}

}  // namespace sc::assets
