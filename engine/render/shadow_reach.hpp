#pragma once
// Which draws the sun's shadow cascades can reach this frame. pbr.frag's shadow lookup returns
// "lit" for every pixel beyond the last cascade, but a CPU rasteriser (lavapipe) runs the
// lookup's taps for every pixel whatever the early return; draws no cascade reaches use PBR
// pipelines built without the lookup (ViewPipelines::pbr) - the same picture, cheaper there.
#include <span>

#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "render/camera.hpp"
#include "render/gpu_layouts.hpp"

namespace sc::render {

class ShadowReach {
 public:
  // `shadowFar`: the last cascade's far distance (view-space depth as pbr.vert computes it); 0
  // or less (no shadow pass this frame) reaches nothing. At most kMaxViews views.
  ShadowReach(std::span<const ViewCamera> views, float shadowFar);

  // Whether any part of `worldBox` inside a view's frustum can be nearer than shadowFar.
  bool reaches(const assets::Bounds& worldBox) const;

 private:
  struct View {
    glm::vec4 planes[6];  // frustum sides and near plane, and "depth < reach"
    glm::vec3 pyramid[5]; // the eye and the four corners of the view where depth = reach
  };
  View views_[kMaxViews];
  std::size_t viewCount_ = 0;
  bool any_ = false;
};

// One-off form of ShadowReach(views, shadowFar).reaches(worldBox).
bool shadowsReach(const assets::Bounds& worldBox, std::span<const ViewCamera> views, float shadowFar);

}  // namespace sc::render
