#include "app/cook_command.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "app/render_command.hpp"
#include "assets/async_loader.hpp"
#include "assets/cooked_cache.hpp"
#include "scene/scene_loader.hpp"

namespace sc::app {

namespace fs = std::filesystem;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// What a finished model contributes to the progress line (the loader's own byte counts cover
// the model files only, not their buffers and textures, which are most of the bytes).
struct Totals {
  std::uint64_t sourceBytes = 0;
  std::uint64_t cacheBytes = 0;
};

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), tty_(enabled && ::isatty(STDERR_FILENO) == 1) {}

  void draw(const assets::LoadProgress& p, const Totals& totals, double seconds) {
    if (!tty_) return;
    constexpr int kWidth = 30;
    const int filled = p.assetsTotal == 0 ? kWidth : int(kWidth * p.assetsDone / p.assetsTotal);
    std::string bar(std::size_t(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu assets  %.1f MB read  %.1f MB cache  %.1f s ", bar.c_str(), p.assetsDone,
                 p.assetsTotal, double(totals.sourceBytes) / kMiB, double(totals.cacheBytes) / kMiB, seconds);
    std::fflush(stderr);
    drawn_ = true;
  }

  // A finished model's line; on a terminal it replaces the bar, which the next draw restores.
  void line(const std::string& text) {
    if (!enabled_) return;
    if (drawn_) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "%s\n", text.c_str());
    drawn_ = false;
  }

  void finish() {
    if (drawn_) std::fputc('\n', stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool tty_;
  bool drawn_ = false;
};

std::string describe(const assets::LoadedModel& loaded, std::size_t done, std::size_t total) {
  const auto& s = loaded.stats;
  if (!loaded.model) return fmt::format("[{}/{}] FAILED {}", done, total, loaded.model.error().message);
  if (s.hit) {
    return fmt::format("[{}/{}] hit  {} ({:.2f} MB cache, {:.3f} s)", done, total, loaded.file.string(),
                       double(s.cacheBytes) / kMiB, s.totalSeconds);
  }
  return fmt::format("[{}/{}] miss {} ({}; import {:.2f} s, optimise {:.2f} s, {:.2f} MB {})", done, total,
                     loaded.file.string(), s.missReason.empty() ? "not cooked yet" : s.missReason, s.importSeconds,
                     s.optimizeSeconds, double(s.cacheBytes) / kMiB, s.wrote ? "written" : "NOT written");
}

}  // namespace

Result<CookSummary> cookScene(const CookRequest& request, scene::ValidationReport& report) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  auto loaded = scene::loadSceneDocument(request.scene, {}, report);
  if (!loaded) {
    // The loader's message already starts with the scene file's path.
    return makeError("the scene cannot be cooked: {}; run 'shancheng validate {}' for every problem",
                     loaded.error().message, request.scene.string());
  }
  CookSummary summary;
  summary.cacheDir = request.cacheDir.empty() ? assets::defaultCookedCacheDir() : request.cacheDir;

  // The same options loadSceneContent uses (defaults), with only the folder changed, so the
  // files written here are the ones a load looks up.
  assets::CookOptions cook;
  cook.cacheDir = summary.cacheDir;
  std::vector<assets::ModelLoadRequest> requests;
  const auto& scene = loaded.value();
  for (std::size_t i = 0; i < scene.resolvedModelPaths.size(); ++i) {
    requests.push_back({scene.resolvedModelPaths[i], scene.roots, {}, cook});
    if (i < scene.resolvedLodPaths.size()) {
      for (const auto& lod : scene.resolvedLodPaths[i]) requests.push_back({lod, scene.roots, {}, cook});
    }
  }
  summary.models = requests.size();

  ProgressBar bar(request.progress);
  // Workers signal each finished model, so the loop wakes at once for it (a fixed sleep would
  // add up to one redraw interval to a cook that is all cache hits, a few milliseconds each).
  std::mutex mutex;
  std::condition_variable wake;
  bool changed = false;
  assets::AsyncLoaderOptions options;
  options.workers = request.workers;
  options.onProgress = [&](const assets::LoadProgress&) {
    {
      std::lock_guard lock(mutex);
      changed = true;
    }
    wake.notify_one();
  };
  assets::AsyncModelLoader loader(std::move(requests), options);
  Totals totals;
  std::size_t done = 0;
  while (done < summary.models) {
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, kRedrawInterval, [&] { return changed; });
      changed = false;
    }
    for (auto& model : loader.poll()) {
      ++done;
      const auto& s = model.stats;
      totals.sourceBytes += s.sourceBytes;
      totals.cacheBytes += s.cacheBytes;
      if (!model.model) {
        ++summary.failed;
      } else if (s.hit) {
        ++summary.hits;
      } else {
        ++summary.misses;
        if (s.wrote) ++summary.written;
      }
      bar.line(describe(model, done, summary.models));
    }
    bar.draw(loader.progress(), totals, elapsed());
  }
  loader.wait();
  bar.finish();
  summary.sourceBytes = totals.sourceBytes;
  summary.cacheBytes = totals.cacheBytes;
  summary.seconds = elapsed();
  return summary;
}

int runCook(const CookRequest& request) {
  scene::ValidationReport report;
  auto summary = cookScene(request, report);
  if (!summary) {
    report.sortByPosition();
    const std::string text = report.format();
    if (!text.empty()) std::fputs(text.c_str(), stderr);
    spdlog::error("{}", summary.error().message);
    return kExitBadInput;
  }
  const CookSummary& s = summary.value();
  std::printf("cooked %zu model(s) of %s in %.2f s: %zu hit(s), %zu miss(es) (%zu written), %zu failed; "
              "%.1f MB source, %.1f MB cache in %s\n",
              s.models, request.scene.string().c_str(), s.seconds, s.hits, s.misses, s.written, s.failed,
              double(s.sourceBytes) / kMiB, double(s.cacheBytes) / kMiB, s.cacheDir.string().c_str());
  if (s.failed > 0) {
    spdlog::error("{}: {} of {} model(s) failed to import (see the lines above); fix them and cook again",
                  request.scene.string(), s.failed, s.models);
    return kExitBadInput;
  }
  if (s.written < s.misses) {
    spdlog::warn("{} model(s) could not be written to {} (see the warnings above): later loads will import "
                 "them again; check that the folder is writable and the disk not full",
                 s.misses - s.written, s.cacheDir.string());
  }
  return kExitOk;
}

}  // namespace sc::app
