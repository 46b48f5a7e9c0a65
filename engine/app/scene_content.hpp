#pragma once
// A scene file with its models imported: what `render`, `validate` and the tour load.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "core/result.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"
#include "scene/budget.hpp"
#include "scene/scene_loader.hpp"

namespace sc::app {

struct SceneModel {
  assets::Model model;
  glm::mat4 transform{1.0f};
  // The index of an earlier entry placed from the same file, or -1: the file is imported once
  // and shown with that entry's GPU model, so N placements of one prop cost one upload and
  // draw as instances of it (render/draw_batches.hpp). `model` is still a copy of that entry's
  // (colliders and measureScene read each placement's geometry).
  std::int32_t sameModelAs = -1;
};

struct SceneContent {
  scene::LoadedScene scene;
  std::vector<SceneModel> models;
  assets::Model lights;  // the scene file's own lights, as light nodes (no geometry)
};

// Checks the scene file (every problem goes into `report`), then imports every model through
// the scene's content roots. Nothing is returned unless all of that succeeded.
Result<SceneContent> loadSceneContent(const std::filesystem::path& file, scene::ValidationReport& report);

// A scene model's placement as a matrix (translation * rotation * scale).
glm::mat4 modelMatrix(const scene::Transform& transform);

// The scene file's lights as light nodes of one model without geometry (a light shines along
// its node's -Z). `sourceName` names the model in messages, e.g. "<file> (lights)".
assets::Model sceneLightsModel(const scene::SceneDocument& doc, const std::string& sourceName);

// What the scene costs on the GPU, for budgets: triangles and draws of both eyes together are
// counted once (multiview), textures with their mip chains.
scene::SceneStats measureScene(const SceneContent& content);

// The renderer's environment for the scene's environment block.
render::Environment environmentFor(const scene::SceneDocument& doc);

// The desktop camera for a point of interest id, or the scene's desktop spawn point.
Result<render::Camera> sceneCamera(const scene::SceneDocument& doc, const std::string& poiId);

bool isSceneFile(const std::string& path);

// Whatever `render`, `tour` and `xr` can show: builtin:default, a scene file, or a model file.
struct ViewContent {
  std::vector<SceneModel> models;
  std::optional<render::Camera> camera;  // the content's own camera (a POI, the spawn point)
  std::optional<render::Environment> environment;
  assets::Bounds bounds;                 // of everything, in world space
  std::shared_ptr<const scene::SceneDocument> scene;  // for scene files: POIs, tours
  // For scene files: each POI's panorama as the scene loader resolved it through the scene's
  // content roots (scene::LoadedScene::resolvedPanoramaPaths), parallel to scene->pois; empty:
  // the POI has none. The one resolution of panorama paths: the desktop's panorama view and the
  // headset's read these (panoramaFileOf), never the scene's text again.
  std::vector<std::filesystem::path> panoramaFiles;
};

// Gives `content` the loaded scene's document and its resolved per-POI files (every loader of
// a ViewContent from a scene file calls this).
void attachLoadedScene(ViewContent& content, const scene::LoadedScene& loaded);

// The panorama file of POI `poiId` as the scene loader resolved it. Errors (one line, naming
// the POI): no scene is shown, the scene has no such POI, the POI has no panorama. The file was
// there when the scene loaded; reading it may still fail later (a message naming the file).
Result<std::filesystem::path> panoramaFileOf(const ViewContent& content, const std::string& poiId);

// Loads `input`; `poi` picks a scene's point of interest for the camera (scene files only).
Result<ViewContent> loadViewContent(const std::string& input, const std::string& poi = {});

// Content on a renderer: its models uploaded (once per file: see SceneModel::sameModelAs), one
// instance each at its placement (instances[i] is content.models[i]'s).
struct ShownContent {
  std::vector<render::ModelId> models;
  std::vector<render::InstanceId> instances;
};
// Uploads `content`'s models into `shown` (added to what it holds); on a model that cannot be
// uploaded, removes everything in `shown` and returns the error.
Status showContent(render::Renderer& renderer, const ViewContent& content, ShownContent& shown);
// Removes the instances and models (the GPU frees them once their frames are done).
void removeShownContent(render::Renderer& renderer, ShownContent& shown);

}  // namespace sc::app
