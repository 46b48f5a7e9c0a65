#include "app/window_scene_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

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
    // One request per file: a prop placed many times is loaded once and shown as instances of
    // one model (SceneModel::sameModelAs), as loadSceneContent does for the other faces.
    std::vector<assets::ModelLoadRequest> requests;
    std::vector<std::size_t> requestOf;     // by placement
    std::vector<std::size_t> placementOf;   // by request: its first placement
    std::map<std::filesystem::path, std::size_t> requestOfFile;
    for (std::size_t i = 0; i < scene->resolvedModelPaths.size(); ++i) {
      const auto& path = scene->resolvedModelPaths[i];
      auto [known, added] = requestOfFile.emplace(path, requests.size());
      if (added) {
        requests.push_back({path, scene->roots, {}, {}});
        placementOf.push_back(i);
      }
      requestOf.push_back(known->second);
    }
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
        // `done.index` is the request's; errors name its first placement.
        const auto take = [&](std::vector<assets::LoadedModel> finished) {
          for (auto& done : finished) {
            if (done.model) {
              models[done.index] = std::move(done.model.value());
            } else if (firstError.empty()) {
              const std::size_t placement = placementOf[done.index];
              firstError = fmt::format("{}: /models/{} ({}): {}", input_, placement, doc.models[placement].id,
                                       done.model.error().message);
            }
          }
        };
        take(loader.poll());
        if (loader.progress().finished) {
          take(loader.poll());
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
    for (std::size_t r = 0; r < models.size(); ++r) {
      const std::size_t placement = placementOf[r];
      if (!models[r]) {
        return fail(fmt::format("{}: /models/{} ({}) was not loaded", input_, placement, doc.models[placement].id));
      }
    }
    for (std::size_t i = 0; i < requestOf.size(); ++i) {
      const std::size_t first = placementOf[requestOf[i]];
      if (first == i) {
        loaded.content.models.push_back({std::move(*models[requestOf[i]]), modelMatrix(doc.models[i].transform)});
      } else {
        // A copy of the first placement's model (the collider and the scene's bounds read each
        // placement's geometry; the window drops these copies once the scene is uploaded).
        loaded.content.models.push_back({loaded.content.models[first].model, modelMatrix(doc.models[i].transform),
                                         std::int32_t(first)});
      }
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
