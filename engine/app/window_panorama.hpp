#pragma once
// The desktop's 360-degree view of a POI's panorama (VR 全景, scene POI "panorama"): the same
// inside-out sphere as the headset's (render/panorama_sphere.hpp, the same mapping: the image's
// centre lies along -Z), centred on the camera's eye, the landmark models hidden meanwhile. The
// visitor only turns (yaw and pitch, no roll, pitch within +-kMaxPanoramaPitch): a drag pulls
// the picture along with the pointer, arrow keys and the gamepad's right stick turn at
// kPanoramaTurnSpeed. Leaving puts the landmark models back and hands back the camera the view
// was entered from; the tour (guide, narration, subtitles) goes on all the while.
//
// Images are read as textures are (PNG, JPEG, ...; downscaled above 4096 wide) from the file
// the scene loader resolved (ViewContent::panoramaFiles, app/scene_content.hpp: the same file
// the headset shows), and kept on the GPU per file until the scene changes. A missing,
// unreadable or non-2:1 image is an Error with one message naming the file.
//
// Used by WindowTourSession (the desktop tour and the kiosk); the pure parts (PanoramaLook,
// panoramaCamera) are tested in tests/unit/app.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "platform/input_state.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"
#include "scene/scene_document.hpp"

namespace sc::app {

class WindowLoop;

inline constexpr float kMaxPanoramaPitch = 1.4835f;   // 85 degrees: never quite straight up/down
inline constexpr float kPanoramaTurnSpeed = 1.5708f;  // radians per second (keys, a full stick)
inline constexpr float kPanoramaRadius = 20.0f;       // metres, as the headset's sphere

// Where the visitor looks inside a panorama: yaw 0 along -Z, growing to the right (+X), within
// (-pi, pi]; pitch up positive, within +-kMaxPanoramaPitch. No roll.
struct PanoramaLook {
  float yaw = 0.0f;
  float pitch = 0.0f;

  // Yaw wrapped, pitch clamped.
  PanoramaLook clamped() const;
  glm::vec3 direction() const;
  // The look along `direction` (a zero vector gives yaw 0, pitch 0).
  static PanoramaLook along(const glm::vec3& direction);
  // A drag of `delta` window points (x right, y down) in a window `windowHeight` points tall seen
  // with vertical field of view `fovY`: the picture follows the pointer (dragging right turns
  // the view left, dragging down looks up), a drag across the window's height turns by fovY.
  PanoramaLook dragged(glm::vec2 delta, float fovY, float windowHeight) const;
  // Turning by `rate` (x right, y up; each within -1..1) for `seconds` at kPanoramaTurnSpeed.
  PanoramaLook turned(glm::vec2 rate, float seconds) const;
};

// The camera inside the sphere: at `centre`, looking along `look`, the lens (fov, clip planes)
// of `lens`, +Y up.
render::Camera panoramaCamera(const render::Camera& lens, const glm::vec3& centre, const PanoramaLook& look);

// Arrow keys and the gamepad's right stick as a turn rate (x right, y up).
glm::vec2 panoramaTurnInput(const platform::InputState& input, bool keyboard);

// A panorama image as RGBA8, checked to be 2:1 (the message names the file and its size).
Result<ImageRgba8> loadPanoramaImage(const std::filesystem::path& file);

class WindowPanorama {
 public:
  // Enters `poi`'s panorama seen from `from` (its eye becomes the sphere's centre, its view
  // direction the first look). Hides the loop's landmark models. Errors (nothing changes): as
  // panoramaFileOf (scene_content.hpp) and loadPanoramaImage, or the renderer refused the sphere.
  Status open(WindowLoop& loop, const scene::PointOfInterest& poi, const render::Camera& from);
  // Back out: the sphere hidden, the landmark models where they were. Returns the camera the
  // view was entered from.
  render::Camera close(WindowLoop& loop);
  bool isOpen() const { return open_; }
  const std::string& poiId() const { return poiId_; }
  const PanoramaLook& look() const { return look_; }
  // One frame of looking around: `drag` false while the pointer is over the UI, `keyboard`
  // false while keys belong elsewhere. Returns the camera to draw from.
  render::Camera update(const platform::InputState& input, float seconds, glm::vec2 windowSize, bool drag,
                        bool keyboard);
  render::Camera camera() const { return panoramaCamera(from_, from_.eye, look_); }
  // The scene was replaced: its instances are gone, the cached spheres are removed (the view is
  // closed without touching the old scene's instances).
  void sceneChanged(render::Renderer& renderer);
  void shutdown(render::Renderer& renderer) { sceneChanged(renderer); }

 private:
  struct Sphere {
    std::filesystem::path file;
    render::ModelId model = 0;
    render::InstanceId instance = 0;
  };
  Result<std::size_t> sphereFor(render::Renderer& renderer, const std::filesystem::path& file);
  void showLandmarks(WindowLoop& loop, bool shown);

  std::vector<Sphere> spheres_;  // by resolved file; hidden while not shown
  std::size_t shown_ = 0;  // index into spheres_ while open_
  bool open_ = false;
  std::string poiId_;
  render::Camera from_;
  PanoramaLook look_;
  bool dragging_ = false;
};

}  // namespace sc::app
