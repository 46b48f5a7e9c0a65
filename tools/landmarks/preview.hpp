#pragma once
// A small software rasteriser for looking at generated landmarks without a GPU: perspective,
// z-buffered, textured with the base colour maps, one sun (day) or emissive-only glow (night).
// It is a development aid for checking shapes, not the engine renderer.
#include <filesystem>

#include "core/result.hpp"
#include "model.hpp"

namespace sc::landmarks {

struct PreviewCamera {
  glm::vec3 eye{100.0f};
  glm::vec3 target{0.0f};
  float fovYDegrees = 50.0f;
};

// Renders the model (animated objects at the middle of their animation) to a PNG of
// width x height pixels.
Status renderPreview(const Model& model, const PreviewCamera& camera, bool night, int width,
                     int height, const std::filesystem::path& png);

}  // namespace sc::landmarks
