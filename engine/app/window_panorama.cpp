#include "app/window_panorama.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <spdlog/spdlog.h>

#include "app/window_loop.hpp"
#include "assets/texture_decode.hpp"
#include "core/file_io.hpp"
#include "render/panorama_sphere.hpp"

namespace sc::app {

namespace {

const glm::mat4 kHidden = glm::scale(glm::mat4(1.0f), glm::vec3(0.0f));

}  // namespace

PanoramaLook PanoramaLook::clamped() const {
  PanoramaLook out = *this;
  if (!std::isfinite(out.yaw)) out.yaw = 0.0f;
  if (!std::isfinite(out.pitch)) out.pitch = 0.0f;
  // Wrapped so a long turn never loses precision; (-pi, pi].
  out.yaw = std::remainder(out.yaw, glm::two_pi<float>());
  if (out.yaw <= -glm::pi<float>()) out.yaw += glm::two_pi<float>();
  out.pitch = std::clamp(out.pitch, -kMaxPanoramaPitch, kMaxPanoramaPitch);
  return out;
}

glm::vec3 PanoramaLook::direction() const {
  float c = std::cos(pitch);
  return {c * std::sin(yaw), std::sin(pitch), -c * std::cos(yaw)};
}

PanoramaLook PanoramaLook::along(const glm::vec3& direction) {
  float length = glm::length(direction);
  if (!(length > 1e-6f)) return {};
  glm::vec3 d = direction / length;
  return PanoramaLook{std::atan2(d.x, -d.z), std::asin(std::clamp(d.y, -1.0f, 1.0f))}.clamped();
}

PanoramaLook PanoramaLook::dragged(glm::vec2 delta, float fovY, float windowHeight) const {
  float perPoint = fovY / std::max(1.0f, windowHeight);
  return PanoramaLook{yaw - delta.x * perPoint, pitch + delta.y * perPoint}.clamped();
}

PanoramaLook PanoramaLook::turned(glm::vec2 rate, float seconds) const {
  rate = glm::clamp(rate, glm::vec2(-1.0f), glm::vec2(1.0f));
  float step = kPanoramaTurnSpeed * std::max(0.0f, seconds);
  return PanoramaLook{yaw + rate.x * step, pitch + rate.y * step}.clamped();
}

render::Camera panoramaCamera(const render::Camera& lens, const glm::vec3& centre, const PanoramaLook& look) {
  render::Camera camera = lens;
  camera.eye = centre;
  camera.target = centre + look.clamped().direction();
  camera.up = {0.0f, 1.0f, 0.0f};  // no roll
  return camera;
}

glm::vec2 panoramaTurnInput(const platform::InputState& input, bool keyboard) {
  using platform::Key;
  glm::vec2 rate(0.0f);
  if (keyboard) {
    rate.x += float(input.down(Key::Right)) - float(input.down(Key::Left));
    rate.y += float(input.down(Key::Up)) - float(input.down(Key::Down));
  }
  if (input.gamepad.connected) rate += platform::applyDeadZone(input.gamepad.rightStick);
  return glm::clamp(rate, glm::vec2(-1.0f), glm::vec2(1.0f));
}

Result<ImageRgba8> loadPanoramaImage(const std::filesystem::path& file) {
  auto bytes = readFileBytes(file);
  if (!bytes) return makeError("panorama {}: {}", file.string(), bytes.error().message);
  assets::ImportOptions limits;
  limits.maxTextureSize = 8192;
  limits.downscaleAbove = 4096;
  auto texture = assets::decodeTexture(*bytes, file.string(), true, limits);
  if (!texture) return makeError("panorama {}: {}", file.string(), texture.error().message);
  ImageRgba8 image;
  image.width = texture->width;
  image.height = texture->height;
  const auto& level = texture->mips.front();
  image.pixels.assign(level.begin(), level.end());
  if (image.width == 0 || image.width != 2 * image.height) {
    return makeError("panorama {}: the image is {}x{}; a 360-degree panorama must be twice as wide as it is tall "
                     "(an equirectangular image, e.g. 4096x2048)",
                     file.string(), image.width, image.height);
  }
  return image;
}

Result<std::size_t> WindowPanorama::sphereFor(render::Renderer& renderer, const std::filesystem::path& file) {
  for (std::size_t i = 0; i < spheres_.size(); ++i) {
    if (spheres_[i].file == file) return i;
  }
  auto image = loadPanoramaImage(file);
  if (!image) return image.error();
  // A unit sphere, scaled per use: one upload serves any radius.
  auto model = render::makePanoramaSphere(*image, 1.0f);
  if (!model) return makeError("panorama {}: {}", file.string(), model.error().message);
  auto id = renderer.addModel(*model);
  if (!id) return makeError("panorama {}: {}", file.string(), id.error().message);
  render::InstanceId instance = renderer.addInstance(*id, kHidden);
  renderer.setInstanceCastsShadow(instance, false);  // around the visitor, not in the world: no shade on the guide
  spheres_.push_back({file, *id, instance});
  return spheres_.size() - 1;
}

void WindowPanorama::showLandmarks(WindowLoop& loop, bool shown) {
  const ViewContent* content = loop.content();
  const ShownContent& on = loop.shownContent();
  for (std::size_t i = 0; i < on.instances.size(); ++i) {
    glm::mat4 transform = content && i < content->models.size() ? content->models[i].transform : glm::mat4(1.0f);
    loop.renderer().setInstanceTransform(on.instances[i], shown ? transform : kHidden);
  }
}

Status WindowPanorama::open(WindowLoop& loop, const scene::PointOfInterest& poi, const render::Camera& from) {
  const ViewContent* content = loop.content();
  if (!content || !content->scene) return makeError("no scene is shown");
  // The file the scene loader resolved when the scene loaded (the headset shows the same one).
  auto file = panoramaFileOf(*content, poi.id);
  if (!file) return makeError("the panorama of POI {} cannot be shown: {}", poi.id, file.error().message);
  auto index = sphereFor(loop.renderer(), *file);
  if (!index) return index.error();
  if (open_ && shown_ != *index) loop.renderer().setInstanceTransform(spheres_[shown_].instance, kHidden);
  // Inside the clip planes whatever the scene's scale; nearer things (the guide) stay in front.
  float radius = std::clamp(kPanoramaRadius, from.nearPlane * 4.0f, std::max(from.nearPlane * 4.0f, from.farPlane * 0.5f));
  loop.renderer().setInstanceTransform(spheres_[*index].instance,
                                       glm::scale(glm::translate(glm::mat4(1.0f), from.eye), glm::vec3(radius)));
  if (!open_) {
    from_ = from;
    look_ = PanoramaLook::along(from.target - from.eye);
    look_.pitch = 0.0f;  // level with the horizon of the picture
  }
  showLandmarks(loop, false);
  shown_ = *index;
  open_ = true;
  poiId_ = poi.id;
  dragging_ = false;
  spdlog::info("panorama of POI {} ({}): in, radius {:.1f} m", poi.id, file->filename().string(), radius);
  return okStatus();
}

render::Camera WindowPanorama::close(WindowLoop& loop) {
  if (!open_) return from_;
  loop.renderer().setInstanceTransform(spheres_[shown_].instance, kHidden);
  showLandmarks(loop, true);
  open_ = false;
  dragging_ = false;
  spdlog::info("panorama of POI {}: out", poiId_);
  poiId_.clear();
  return from_;
}

render::Camera WindowPanorama::update(const platform::InputState& input, float seconds, glm::vec2 windowSize, bool drag,
                                      bool keyboard) {
  using platform::MouseButton;
  // A drag starts off the UI and goes on wherever the pointer goes while the button is down.
  if (input.pressed(MouseButton::Left) && drag) dragging_ = true;
  if (!input.down(MouseButton::Left)) dragging_ = false;
  if (dragging_ && input.cursorDelta != glm::vec2(0.0f)) {
    look_ = look_.dragged(input.cursorDelta, from_.fovY, windowSize.y);
  }
  glm::vec2 rate = panoramaTurnInput(input, keyboard);
  if (rate != glm::vec2(0.0f)) look_ = look_.turned(rate, seconds);
  return camera();
}

void WindowPanorama::sceneChanged(render::Renderer& renderer) {
  for (const auto& sphere : spheres_) {
    renderer.removeInstance(sphere.instance);
    renderer.removeModel(sphere.model);
  }
  spheres_.clear();
  open_ = false;
  dragging_ = false;
  poiId_.clear();
}

}  // namespace sc::app
