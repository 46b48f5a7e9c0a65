#include "render/camera.hpp"

#include <cmath>
#include <sstream>

#include <glm/gtc/matrix_transform.hpp>

namespace sc::render {

glm::mat4 Camera::view() const { return glm::lookAt(eye, target, up); }

glm::mat4 Camera::projection(float aspect) const {
  glm::mat4 p = glm::perspective(fovY, aspect, nearPlane, farPlane);
  p[1][1] *= -1.0f;  // Vulkan's framebuffer y points down
  return p;
}

std::vector<ViewCamera> makeViews(const Camera& camera, float aspect, std::uint32_t views,
                                  float interpupillary) {
  std::vector<ViewCamera> out;
  glm::mat4 centre = camera.view();
  glm::mat4 proj = camera.projection(aspect);
  for (std::uint32_t i = 0; i < views; ++i) {
    float offset = views == 1 ? 0.0f : (i == 0 ? -0.5f : 0.5f) * interpupillary;
    // Shift the eye along the camera's right axis (view space x).
    glm::mat4 view = glm::translate(glm::mat4(1.0f), glm::vec3(-offset, 0.0f, 0.0f)) * centre;
    ViewCamera v;
    v.view = view;
    v.proj = proj;
    v.eye = glm::vec3(glm::inverse(view)[3]);
    v.nearPlane = camera.nearPlane;
    v.farPlane = camera.farPlane;
    out.push_back(v);
  }
  return out;
}

Camera frameBounds(const assets::Bounds& bounds, float aspect, float fovY) {
  Camera camera;
  camera.fovY = fovY;
  if (!bounds.valid()) return camera;
  glm::vec3 centre = bounds.center();
  float radius = std::max(glm::length(bounds.extent()) * 0.5f, 1e-3f);
  float halfFov = std::min(fovY, 2.0f * std::atan(std::tan(fovY * 0.5f) * aspect)) * 0.5f;
  float distance = radius / std::sin(halfFov) * 1.05f;
  glm::vec3 direction = glm::normalize(glm::vec3(0.55f, 0.4f, 1.0f));
  camera.eye = centre + direction * distance;
  camera.target = centre;
  camera.nearPlane = std::max(distance - radius * 1.5f, distance * 0.01f);
  camera.farPlane = distance + radius * 4.0f;
  return camera;
}

Result<Camera> parseCameraSpec(const std::string& spec) {
  std::vector<float> values;
  std::stringstream stream(spec);
  std::string item;
  while (std::getline(stream, item, ',')) {
    try {
      std::size_t used = 0;
      float v = std::stof(item, &used);
      if (used != item.size() || !std::isfinite(v)) throw std::invalid_argument(item);
      values.push_back(v);
    } catch (const std::exception&) {
      return makeError("--camera '{}': '{}' is not a number; write eye,target[,up] as 6 or 9 "
                       "comma-separated numbers, e.g. 0,2,10,0,1,0", spec, item);
    }
  }
  if (values.size() != 6 && values.size() != 9) {
    return makeError("--camera '{}': {} numbers given; write eye,target[,up] as 6 or 9 "
                     "comma-separated numbers, e.g. 0,2,10,0,1,0", spec, values.size());
  }
  Camera camera;
  camera.eye = {values[0], values[1], values[2]};
  camera.target = {values[3], values[4], values[5]};
  if (values.size() == 9) camera.up = {values[6], values[7], values[8]};
  if (glm::length(camera.target - camera.eye) < 1e-4f) {
    return makeError("--camera '{}': eye and target are the same point", spec);
  }
  if (glm::length(glm::cross(glm::normalize(camera.target - camera.eye), camera.up)) < 1e-4f) {
    return makeError("--camera '{}': the up vector is parallel to the viewing direction", spec);
  }
  return camera;
}

}  // namespace sc::render
