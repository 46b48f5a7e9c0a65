#pragma once
// Loads what a window shows on a worker thread, in stages the loading screen can follow:
// reading the scene file (parse + validation) -> models (assets::AsyncModelLoader through the
// cooked cache, per-model progress) -> the walk collider (platform::SceneCollider). The GPU
// upload is the window loop's job, on its own thread, after take() returned the content.
//
// Model files and builtin:default load in one stage (loadViewContent). Errors are one line:
// the scene's own problems are also printed (as `validate` does) to stderr.
// Destroying a job cancels it (models being imported finish first: Assimp cannot be stopped).
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/scene_content.hpp"
#include "core/result.hpp"
#include "platform/scene_collider.hpp"

namespace sc::app {

enum class SceneLoadStage : std::uint8_t { ReadingScene, LoadingModels, BuildingCollider, Done };
const char* sceneLoadStageName(SceneLoadStage stage);  // "reading the scene", ...

struct SceneLoadProgress {
  SceneLoadStage stage = SceneLoadStage::Done;
  std::uint32_t assetsDone = 0;
  std::uint32_t assetsTotal = 0;
  std::uint64_t bytesDone = 0;
  std::uint64_t bytesTotal = 0;
  std::string currentItem;  // the file or stage being worked on
  // 0..1 over all stages (the scene file 5%, models 85%, the collider 10%).
  float fraction() const;
};

struct LoadedWindowScene {
  std::string input;
  ViewContent content;
  std::shared_ptr<const platform::SceneCollider> collider;
};

class SceneLoadJob {
 public:
  explicit SceneLoadJob(std::string input);  // starts the worker
  ~SceneLoadJob();
  SceneLoadJob(const SceneLoadJob&) = delete;
  SceneLoadJob& operator=(const SceneLoadJob&) = delete;

  const std::string& input() const { return input_; }
  SceneLoadProgress progress() const;
  // The result once the worker has finished (then the job is spent), else nullopt.
  std::optional<Result<LoadedWindowScene>> take();

 private:
  void work(std::stop_token stop);
  std::string input_;
  mutable std::mutex mutex_;
  SceneLoadProgress progress_;
  std::optional<Result<LoadedWindowScene>> result_;
  std::jthread worker_;
};

}  // namespace sc::app
