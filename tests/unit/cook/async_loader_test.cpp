#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "assets/async_loader.hpp"
#include "cook_test_support.hpp"

namespace sc::assets {
namespace {

using cooktest::kModels;
using cooktest::TempFolder;

std::vector<ModelLoadRequest> fiveModels(const std::filesystem::path& cacheDir) {
  std::vector<ModelLoadRequest> requests;
  for (const char* relative :
       {"glTF2/BoxTextured-glTF/BoxTextured.gltf", "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb",
        "glTF2/simple_skin/simple_skin.gltf",
        "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf", "FBX/animation_with_skeleton.fbx"}) {
    requests.push_back({kModels / relative, ContentRoots({kModels}), {}, CookOptions{.cacheDir = cacheDir}});
  }
  return requests;
}

TEST(AsyncLoader, LoadsFiveModelsWithMonotoneProgress) {
  TempFolder cache("async");
  std::mutex mutex;
  std::vector<LoadProgress> pushed;
  AsyncModelLoader loader(fiveModels(cache.path()),
                          {.workers = 2, .onProgress = [&](const LoadProgress& p) {
                             std::lock_guard lock(mutex);
                             pushed.push_back(p);
                           }});
  std::vector<LoadedModel> results;
  LoadProgress last;
  int frames = 0;
  // The caller's "render loop": keeps running, polls, reads progress snapshots.
  while (!loader.progress().finished) {
    const LoadProgress p = loader.progress();
    EXPECT_GE(p.assetsDone, last.assetsDone);
    EXPECT_GE(p.bytesDone, last.bytesDone);
    EXPECT_LE(p.bytesDone, p.bytesTotal);
    last = p;
    for (auto& r : loader.poll()) results.push_back(std::move(r));
    ++frames;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  for (auto& r : loader.poll()) results.push_back(std::move(r));
  ASSERT_EQ(results.size(), 5u);
  std::vector<bool> seen(5, false);
  for (const LoadedModel& r : results) {
    ASSERT_TRUE(r.model.ok()) << r.model.error().message;
    EXPECT_FALSE(r.model->meshes.empty());
    seen[r.index] = true;
  }
  EXPECT_EQ(seen, std::vector<bool>(5, true));
  const LoadProgress end = loader.progress();
  EXPECT_EQ(end.assetsDone, 5u);
  EXPECT_EQ(end.assetsFailed, 0u);
  EXPECT_EQ(end.bytesDone, end.bytesTotal);
  EXPECT_GT(end.bytesTotal, 1000000u);  // 2CylinderEngine.glb alone is about 1.8 MB
  EXPECT_GT(frames, 1) << "the caller kept running while models loaded";
  ASSERT_EQ(pushed.size(), 5u);
  for (std::size_t i = 0; i < pushed.size(); ++i) {
    EXPECT_EQ(pushed[i].assetsDone, i + 1);
    if (i > 0) {
      EXPECT_GE(pushed[i].bytesDone, pushed[i - 1].bytesDone);
    }
  }
  // Second run: everything comes from the cache.
  AsyncModelLoader again(fiveModels(cache.path()), {.workers = 1});
  again.wait();
  auto cached = again.poll();
  ASSERT_EQ(cached.size(), 5u);
  for (const LoadedModel& r : cached) EXPECT_TRUE(r.stats.hit) << r.file << ": " << r.stats.missReason;
}

TEST(AsyncLoader, CancelStopsFurtherLoads) {
  TempFolder cache("async_cancel");
  auto requests = fiveModels(cache.path());
  // Twenty requests, one worker: cancelling from the first progress report leaves most unloaded.
  for (int i = 0; i < 3; ++i) {
    auto more = fiveModels(cache.path());
    requests.insert(requests.end(), more.begin(), more.end());
  }
  AsyncModelLoader* self = nullptr;
  std::atomic<bool> ready{false};
  AsyncModelLoader loader(std::move(requests), {.workers = 1, .onProgress = [&](const LoadProgress&) {
                                                  while (!ready.load()) std::this_thread::yield();
                                                  self->cancel();
                                                }});
  self = &loader;
  ready = true;
  loader.wait();
  const LoadProgress p = loader.progress();
  EXPECT_TRUE(p.cancelled);
  EXPECT_TRUE(p.finished);
  EXPECT_LT(p.assetsDone, 20u);
  EXPECT_GE(p.assetsDone, 1u);
  EXPECT_EQ(loader.poll().size(), p.assetsDone);
}

TEST(AsyncLoader, EmptyListAndFailuresAreReported) {
  AsyncModelLoader empty({});
  EXPECT_TRUE(empty.progress().finished);
  TempFolder cache("async_fail");
  std::vector<ModelLoadRequest> requests{{kModels / "does/not/exist.gltf", ContentRoots({kModels}), {},
                                          CookOptions{.cacheDir = cache.path()}}};
  AsyncModelLoader loader(std::move(requests));
  loader.wait();
  auto results = loader.poll();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].model.ok());
  EXPECT_EQ(loader.progress().assetsFailed, 1u);
}

}  // namespace
}  // namespace sc::assets
