#pragma once
// Cameras and views. Right-handed world, +Y up, metres. Projections map to Vulkan clip space
// (depth 0..1, y down).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::render {

struct Camera {
  glm::vec3 eye{0.0f, 1.6f, 5.0f};
  glm::vec3 target{0.0f, 1.0f, 0.0f};
  glm::vec3 up{0.0f, 1.0f, 0.0f};
  float fovY = 0.9f;  // radians
  float nearPlane = 0.1f;
  float farPlane = 2000.0f;

  glm::mat4 view() const;
  glm::mat4 projection(float aspect) const;
};

// One view of a frame (one eye in XR): what the shaders get per gl_ViewIndex.
struct ViewCamera {
  glm::mat4 view{1.0f};
  glm::mat4 proj{1.0f};
  glm::vec3 eye{0.0f};
  float nearPlane = 0.1f;
  float farPlane = 2000.0f;
};

// Views for a desktop camera (views == 1) or a stereo pair 64 mm apart (views == 2), each with
// its own matrices, as an XR runtime would give them.
std::vector<ViewCamera> makeViews(const Camera& camera, float aspect, std::uint32_t views,
                                  float interpupillary = 0.064f);

// A camera that frames `bounds` whole, looking from the front-right and a little above.
Camera frameBounds(const assets::Bounds& bounds, float aspect, float fovY = 0.9f);

// Parses "eye.x,eye.y,eye.z,target.x,target.y,target.z[,up.x,up.y,up.z]".
Result<Camera> parseCameraSpec(const std::string& spec);

}  // namespace sc::render
