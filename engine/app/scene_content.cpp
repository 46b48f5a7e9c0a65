#include "app/scene_content.hpp"

#include <cmath>
#include <map>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/quaternion.hpp>
#include <spdlog/spdlog.h>

#include "app/default_scene.hpp"
#include "assets/cooked_cache.hpp"
#include "assets/importer.hpp"

namespace sc::app {

namespace fs = std::filesystem;

bool isSceneFile(const std::string& path) {
  const std::string suffix = ".scene.json";
  return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

glm::mat4 modelMatrix(const scene::Transform& t) {
  return glm::translate(glm::mat4(1.0f), t.translation) * glm::toMat4(t.rotation) *
         glm::scale(glm::mat4(1.0f), t.scale);
}

assets::Model sceneLightsModel(const scene::SceneDocument& doc, const std::string& sourceName) {
  assets::Model lights;
  lights.sourcePath = sourceName;
  for (const auto& l : doc.lights) {
    assets::Light light;
    light.name = l.id;
    light.type = l.type == scene::LightType::Spot ? assets::LightType::Spot : assets::LightType::Point;
    light.color = l.color;
    light.intensity = l.intensity;
    light.range = l.range;
    light.innerConeAngle = glm::radians(l.innerConeDeg);
    light.outerConeAngle = glm::radians(l.outerConeDeg);
    lights.lights.push_back(light);
    assets::Node node;
    node.name = l.id;
    node.translation = l.position;
    // A light shines along its node's -Z.
    glm::vec3 direction = glm::normalize(l.direction);
    glm::vec3 up = std::abs(direction.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
    node.rotation = glm::quatLookAt(direction, up);
    node.light = std::int32_t(lights.lights.size() - 1);
    lights.nodes.push_back(node);
    lights.rootNodes.push_back(std::uint32_t(lights.nodes.size() - 1));
  }
  return lights;
}

Result<SceneContent> loadSceneContent(const fs::path& file, scene::ValidationReport& report) {
  auto loaded = scene::loadSceneDocument(file, {}, report);
  if (!loaded) return loaded.error();
  SceneContent content;
  content.scene = std::move(loaded.value());
  const scene::SceneDocument& doc = content.scene.doc;
  std::map<fs::path, std::int32_t> firstPlacement;  // resolved model file -> its first entry
  for (std::size_t i = 0; i < doc.models.size(); ++i) {
    const auto& instance = doc.models[i];
    const fs::path& source = content.scene.resolvedModelPaths[i];
    if (auto earlier = firstPlacement.find(source); earlier != firstPlacement.end()) {
      content.models.push_back({content.models[std::size_t(earlier->second)].model, modelMatrix(instance.transform),
                                earlier->second});
      continue;
    }
    // Through the cooked cache (same errors as importModel): a scene pre-cooked by `shancheng
    // cook`, or shown before, loads without Assimp. Default options, as `cook` uses.
    auto model = assets::loadOrCook(source, content.scene.roots);
    if (!model) {
      return makeError("{}: /models/{} ({}): {}", file.string(), i, instance.id, model.error().message);
    }
    firstPlacement.emplace(source, std::int32_t(i));
    content.models.push_back({std::move(model.value()), modelMatrix(instance.transform)});
  }
  content.lights = sceneLightsModel(doc, file.string() + " (lights)");
  return content;
}

scene::SceneStats measureScene(const SceneContent& content) {
  scene::SceneStats stats;
  for (const auto& placed : content.models) {
    const assets::Model& m = placed.model;
    for (const auto& node : m.nodes) {
      if (node.mesh < 0) continue;
      for (const auto& prim : m.meshes[std::size_t(node.mesh)].primitives) {
        stats.triangles += prim.indices.size() / 3;
        stats.drawCalls += 1;
      }
    }
    if (placed.sameModelAs >= 0) continue;  // its GPU memory is the first placement's
    for (const auto& mesh : m.meshes) {
      for (const auto& prim : mesh.primitives) {
        stats.gpuBytes += prim.vertices.size() * sizeof(assets::Vertex) + prim.indices.size() * 4;
      }
    }
    for (const auto& tex : m.textures) {
      stats.maxTextureSide = std::max({stats.maxTextureSide, tex.width, tex.height});
      for (const auto& mip : tex.mips) stats.gpuBytes += mip.size();
    }
  }
  return stats;
}

render::Environment environmentFor(const scene::SceneDocument& doc) {
  const auto& e = doc.environment;
  render::Environment env;
  env.timeOfDayHours = float(e.timeOfDay.hour) + float(e.timeOfDay.minute) / 60.0f;
  env.exposure = std::exp2(e.exposureEv);
  env.sunScale = e.sun.intensity;
  env.sunAzimuthDeg = e.sun.azimuthDeg;
  env.sunElevationDeg = e.sun.elevationDeg;
  if (e.fog.density > 0.0f) {
    env.fogDensity = e.fog.density;
    env.fogColor = e.fog.color;
  }
  return env;
}

Result<render::Camera> sceneCamera(const scene::SceneDocument& doc, const std::string& poiId) {
  render::Camera camera;
  camera.nearPlane = 0.2f;
  camera.farPlane = 3000.0f;
  if (poiId.empty()) {
    camera.eye = doc.spawn.desktop.eye;
    camera.target = doc.spawn.desktop.target;
    return camera;
  }
  const scene::PointOfInterest* poi = doc.findPoi(poiId);
  if (!poi) {
    std::string known;
    for (const auto& p : doc.pois) known += (known.empty() ? "" : ", ") + p.id;
    return makeError("--poi {}: the scene has no such point of interest; it has: {}", poiId, known);
  }
  camera.eye = poi->desktopView.eye;
  camera.target = poi->desktopView.target;
  return camera;
}

Result<ViewContent> loadViewContent(const std::string& input, const std::string& poi) {
  ViewContent content;
  if (input == "builtin:default") {
    content.models.push_back({makeDefaultScene(), glm::mat4(1.0f)});
    render::Camera camera;
    camera.eye = {4.8f, 3.4f, 8.6f};
    camera.target = {-0.2f, 1.0f, 0.0f};
    camera.fovY = 0.85f;
    camera.nearPlane = 0.1f;
    camera.farPlane = 200.0f;
    content.camera = camera;
  } else if (isSceneFile(input)) {
    scene::ValidationReport report;
    auto scene = loadSceneContent(input, report);
    if (!scene) {
      // The scene's own problems, each with its place; the error line sums them up.
      report.sortByPosition();
      // The error line names the problem only when the report did not already print it.
      std::string text = report.format();
      if (!text.empty()) std::fputs(text.c_str(), stderr);
      if (report.errorCount() > 0) {
        return makeError("{}: the scene cannot be shown (its problems are listed above); run "
                         "'shancheng validate {}' after fixing them", input, input);
      }
      return makeError("{}: the scene cannot be shown: {}; run 'shancheng validate {}' for every problem",
                       input, scene.error().message, input);
    }
    auto camera = sceneCamera(scene->scene.doc, poi);
    if (!camera) return camera.error();
    content.camera = *camera;
    content.environment = environmentFor(scene->scene.doc);
    content.models = std::move(scene->models);
    attachLoadedScene(content, scene->scene);
    if (!scene->lights.lights.empty()) content.models.push_back({std::move(scene->lights), glm::mat4(1.0f)});
  } else {
    if (!poi.empty()) {
      return makeError("--poi {}: points of interest come from scene files (*.scene.json), not models", poi);
    }
    std::error_code ec;
    fs::path path = fs::absolute(input, ec);
    if (!fs::exists(path, ec)) {
      return makeError("{}: file not found; check the path (it is relative to {})", input,
                       fs::current_path(ec).string());
    }
    ContentRoots roots({path.parent_path()});
    auto model = assets::importModel(path, roots);
    if (!model) return model.error();
    content.models.push_back({std::move(model.value()), glm::mat4(1.0f)});
  }
  for (const auto& m : content.models) content.bounds.add(m.model.worldBounds().transformed(m.transform));
  return content;
}

void attachLoadedScene(ViewContent& content, const scene::LoadedScene& loaded) {
  content.scene = std::make_shared<const scene::SceneDocument>(loaded.doc);
  content.panoramaFiles = loaded.resolvedPanoramaPaths;
  content.panoramaFiles.resize(loaded.doc.pois.size());  // parallel to the POIs whatever the loader kept
}

Result<fs::path> panoramaFileOf(const ViewContent& content, const std::string& poiId) {
  if (!content.scene) return makeError("POI {}: no scene is shown", poiId);
  const auto& pois = content.scene->pois;
  for (std::size_t i = 0; i < pois.size(); ++i) {
    if (pois[i].id != poiId) continue;
    if (i >= content.panoramaFiles.size() || content.panoramaFiles[i].empty()) {
      return makeError("POI {} has no panorama", poiId);
    }
    return content.panoramaFiles[i];
  }
  return makeError("the scene has no POI {}", poiId);
}

Status showContent(render::Renderer& renderer, const ViewContent& content, ShownContent& shown) {
  std::vector<render::ModelId> modelOf;  // by entry of content.models
  for (const auto& placed : content.models) {
    if (placed.sameModelAs >= 0 && std::size_t(placed.sameModelAs) < modelOf.size()) {
      modelOf.push_back(modelOf[std::size_t(placed.sameModelAs)]);
    } else {
      auto model = renderer.addModel(placed.model);
      if (!model) {
        removeShownContent(renderer, shown);
        return model.error();
      }
      shown.models.push_back(*model);
      modelOf.push_back(*model);
    }
    shown.instances.push_back(renderer.addInstance(modelOf.back(), placed.transform));
  }
  return okStatus();
}

void removeShownContent(render::Renderer& renderer, ShownContent& shown) {
  for (auto instance : shown.instances) renderer.removeInstance(instance);
  for (auto model : shown.models) renderer.removeModel(model);
  shown = ShownContent{};
}

}  // namespace sc::app
