#include "app/window_poi_markers.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "platform/screen_pick.hpp"
#include "render/procedural_shapes.hpp"

namespace sc::app {

Status PoiMarkers::create(render::Renderer& renderer, const scene::SceneDocument& doc, float sceneSize) {
  clear(renderer);
  if (doc.pois.empty()) return okStatus();
  // Big enough to find in a 300 m landmark, small enough not to cover a 10 m courtyard's details.
  radius_ = std::clamp(sceneSize * 0.004f, 0.15f, 1.2f);
  assets::Model model;
  model.sourcePath = "POI markers";
  assets::Material material;
  material.name = "poi-marker";
  material.baseColorFactor = {1.0f, 0.72f, 0.18f, 1.0f};  // lantern gold
  material.emissiveFactor = {1.0f, 0.55f, 0.1f};
  material.unlit = true;
  model.materials.push_back(material);
  render::addPrimitiveNode(model, render::makeSphere(1.0f, 12, 24), 0, glm::vec3(0.0f), "marker");
  auto id = renderer.addModel(model);
  if (!id) return id.error();
  model_ = *id;
  haveModel_ = true;
  for (const auto& poi : doc.pois) {
    ids_.push_back(poi.id);
    positions_.push_back(poi.anchor);
    instances_.push_back(renderer.addInstance(model_, glm::scale(glm::translate(glm::mat4(1.0f), poi.anchor),
                                                                 glm::vec3(radius_))));
  }
  return okStatus();
}

void PoiMarkers::clear(render::Renderer& renderer) {
  for (auto instance : instances_) renderer.removeInstance(instance);
  if (haveModel_) renderer.removeModel(model_);
  haveModel_ = false;
  instances_.clear();
  ids_.clear();
  positions_.clear();
}

void PoiMarkers::update(render::Renderer& renderer, double time, int selected, bool visible) {
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    float bob = float(std::sin(time * 2.0 + double(i))) * radius_ * 0.3f;
    float scale = !visible ? 0.0f : int(i) == selected ? radius_ * 1.6f : radius_;
    glm::mat4 m = glm::translate(glm::mat4(1.0f), positions_[i] + glm::vec3(0.0f, bob, 0.0f));
    renderer.setInstanceTransform(instances_[i], glm::scale(m, glm::vec3(std::max(scale, 1e-4f))));
  }
}

int PoiMarkers::pick(const render::Camera& camera, const glm::vec2& windowSize, const glm::vec2& pointer,
                     float radius, const platform::SceneCollider* occluders) const {
  if (positions_.empty() || windowSize.x <= 0.0f || windowSize.y <= 0.0f) return -1;
  glm::mat4 viewProjection = camera.projection(windowSize.x / windowSize.y) * camera.view();
  return platform::pickPoint(positions_, viewProjection, windowSize, pointer, radius, camera.eye, occluders);
}

}  // namespace sc::app
