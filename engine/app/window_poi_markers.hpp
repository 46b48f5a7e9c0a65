#pragma once
// Points of interest as things to click or tap in the window: a small glowing sphere floats at
// each POI's anchor (drawn by the renderer, so it is in screenshots and under the UI), the
// selected one larger. pick() finds the marker under the pointer (platform::pickPoint: within
// a radius in window points, in front of the camera, not behind a wall).
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "platform/scene_collider.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"
#include "scene/scene_document.hpp"

namespace sc::app {

class PoiMarkers {
 public:
  // One marker per POI of `doc`, sized for the scene (`sceneSize`: its bounds' diagonal).
  // Replaces markers made before. Errors: the renderer refused the marker model.
  Status create(render::Renderer& renderer, const scene::SceneDocument& doc, float sceneSize);
  void clear(render::Renderer& renderer);
  // Bobs the markers gently and enlarges `selected` (-1 none). `visible` false hides them all.
  void update(render::Renderer& renderer, double time, int selected, bool visible = true);
  // The POI index under `pointer` (window points), or -1.
  int pick(const render::Camera& camera, const glm::vec2& windowSize, const glm::vec2& pointer, float radius,
           const platform::SceneCollider* occluders) const;
  const std::vector<std::string>& ids() const { return ids_; }
  const std::vector<glm::vec3>& positions() const { return positions_; }

 private:
  render::ModelId model_ = 0;
  bool haveModel_ = false;
  std::vector<render::InstanceId> instances_;
  std::vector<std::string> ids_;
  std::vector<glm::vec3> positions_;
  float radius_ = 0.3f;
};

}  // namespace sc::app
