#include "app/window_scene_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/quaternion.hpp>
#include <spdlog/spdlog.h>

#include "assets/async_loader.hpp"

namespace sc::app {

namespace fs = std::filesystem;

const char* sceneLoadStageName(SceneLoadStage stage) {
  switch (stage) {
    case SceneLoadStage::ReadingScene: return "reading the scene";
    case SceneLoadStage::LoadingModels: return "loading models";
    case SceneLoadStage::BuildingCollider: return "preparing the ground";
    case SceneLoadStage::Done: return "done";
  }
  return "?";
}

float SceneLoadProgress::fraction() const {
  switch (stage) {
    case SceneLoadStage::ReadingScene: return 0.0f;
    case SceneLoadStage::LoadingModels: {
      float models = bytesTotal > 0   ? float(double(bytesDone) / double(bytesTotal))
                     : assetsTotal > 0 ? float(assetsDone) / float(assetsTotal)
                                       : 0.0f;
      return 0.05f + 0.85f * std::clamp(models, 0.0f, 1.0f);
    }
    case SceneLoadStage::BuildingCollider: return 0.9f;
    case SceneLoadStage::Done: return 1.0f;
  }
  return 0.0f;
}

SceneLoadJob::SceneLoadJob(std::string input) : input_(std::move(input)) {
  progress_.stage = SceneLoadStage::ReadingScene;
  progress_.currentItem = fs::path(input_).filename().string();
  worker_ = std::jthread([this](std::stop_token stop) { work(stop); });
}

SceneLoadJob::~SceneLoadJob() {
  worker_.request_stop();
  if (worker_.joinable()) worker_.join();
}

SceneLoadProgress SceneLoadJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::optional<Result<LoadedWindowScene>> SceneLoadJob::take() {
  std::lock_guard lock(mutex_);
  if (!result_) return std::nullopt;
  auto out = std::move(result_);
  result_.reset();
  return out;
}

void SceneLoadJob::work(std::stop_token stop) {
  auto fail = [&](std::string message) {
    std::lock_guard lock(mutex_);
    progress_.stage = SceneLoadStage::Done;
    result_ = Result<LoadedWindowScene>(Error{std::move(message)});
  };
  LoadedWindowScene loaded;
  loaded.input = input_;
  if (!isSceneFile(input_)) {
    auto content = loadViewContent(input_);
    if (!content) return fail(content.error().message);
    loaded.content = std::move(content.value());
  } else {
    scene::ValidationReport report;
    auto scene = scene::loadSceneDocument(input_, {}, report);
    if (!scene) {
      report.sortByPosition();
      std::string text = report.format();
      if (!text.empty()) std::fputs(text.c_str(), stderr);
      return fail(fmt::format("{}: the scene cannot be shown: {}; run 'shancheng validate {}' for every problem",
                              input_, scene.error().message, input_));
    }
    const scene::SceneDocument& doc = scene->doc;
    std::vector<assets::ModelLoadRequest> requests;
    for (const auto& path : scene->resolvedModelPaths) requests.push_back({path, scene->roots, {}, {}});
    {
      std::lock_guard lock(mutex_);
      progress_.stage = SceneLoadStage::LoadingModels;
      progress_.assetsTotal = std::uint32_t(requests.size());
      progress_.currentItem = requests.empty() ? "" : requests.front().file.filename().string();
    }
    std::vector<std::optional<assets::Model>> models(requests.size());
    std::string firstError;
    {
      assets::AsyncLoaderOptions options;
      options.onProgress = [this, &requests](const assets::LoadProgress& p) {
        std::lock_guard lock(mutex_);
        progress_.assetsDone = std::uint32_t(p.assetsDone);
        progress_.bytesDone = p.bytesDone;
        progress_.bytesTotal = p.bytesTotal;
        if (p.assetsDone < requests.size()) progress_.currentItem = requests[p.assetsDone].file.filename().string();
      };
      assets::AsyncModelLoader loader(requests, options);
      for (;;) {
        for (auto& done : loader.poll()) {
          if (done.model) {
            models[done.index] = std::move(done.model.value());
          } else if (firstError.empty()) {
            firstError = fmt::format("{}: /models/{} ({}): {}", input_, done.index, doc.models[done.index].id,
                                     done.model.error().message);
          }
        }
        if (loader.progress().finished) {
          for (auto& done : loader.poll()) {
            if (done.model) models[done.index] = std::move(done.model.value());
            else if (firstError.empty())
              firstError = fmt::format("{}: /models/{} ({}): {}", input_, done.index, doc.models[done.index].id,
                                       done.model.error().message);
          }
          break;
        }
        if (stop.stop_requested()) {
          loader.cancel();
          return;  // nobody waits for this result any more
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
      }
    }
    if (!firstError.empty()) return fail(firstError);
    for (std::size_t i = 0; i < models.size(); ++i) {
      if (!models[i]) return fail(fmt::format("{}: /models/{} ({}) was not loaded", input_, i, doc.models[i].id));
      loaded.content.models.push_back({std::move(*models[i]), modelMatrix(doc.models[i].transform)});
    }
    auto camera = sceneCamera(doc, "");
    if (!camera) return fail(camera.error().message);
    loaded.content.camera = *camera;
    loaded.content.environment = environmentFor(doc);
    if (!doc.lights.empty()) loaded.content.models.push_back({sceneLightsModel(doc, input_ + " (lights)"), glm::mat4(1.0f)});
    attachLoadedScene(loaded.content, *scene);  // the document and the loader's resolved panoramas
    for (const auto& m : loaded.content.models) {
      loaded.content.bounds.add(m.model.worldBounds().transformed(m.transform));
    }
  }
  if (stop.stop_requested()) return;
  {
    std::lock_guard lock(mutex_);
    progress_.stage = SceneLoadStage::BuildingCollider;
    progress_.currentItem.clear();
  }
  auto collider = std::make_shared<platform::SceneCollider>();
  for (const auto& m : loaded.content.models) collider->addModel(m.model, m.transform);
  collider->build();
  spdlog::debug("walk collider: {} triangles", collider->triangleCount());
  loaded.collider = std::move(collider);
  std::lock_guard lock(mutex_);
  progress_.stage = SceneLoadStage::Done;
  progress_.assetsDone = progress_.assetsTotal;
  progress_.bytesDone = progress_.bytesTotal;
  result_ = Result<LoadedWindowScene>(std::move(loaded));
}

}  // namespace sc::app
