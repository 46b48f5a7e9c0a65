#pragma once
// Desktop camera controllers: pure math on glm, no window and no GPU, so they are unit-tested
// without either. Right-handed world, +Y up, metres, angles in radians. Yaw 0 looks along -Z,
// positive yaw turns right (towards +X); positive pitch looks up. Pitch is kept within
// +-kMaxPitch so the view never flips over the pole.
#include <glm/glm.hpp>

namespace sc::platform {

inline constexpr float kMaxPitch = 1.5f;  // about 86 degrees

// Where the camera is and what it looks at (what render::Camera takes as eye and target).
struct CameraPose {
  glm::vec3 eye{0.0f, 1.6f, 5.0f};
  glm::vec3 target{0.0f, 1.6f, 0.0f};
};

// The unit vector a yaw/pitch pair looks along.
glm::vec3 directionFromAngles(float yaw, float pitch);

// Turns around a target point: drag to rotate, scroll to zoom, drag with the other button to pan.
struct OrbitCamera {
  glm::vec3 target{0.0f};
  float distance = 10.0f;  // metres, within [minDistance, maxDistance]
  float yaw = 0.0f;
  float pitch = -0.3f;
  float minDistance = 0.5f;
  float maxDistance = 5000.0f;

  // The orbit that shows `pose` (eye and target may not coincide: a 1 mm offset is assumed).
  static OrbitCamera fromPose(const CameraPose& pose);
  // Mouse movement in pixels; `radiansPerPixel` sets the sensitivity.
  void rotate(float dxPixels, float dyPixels, float radiansPerPixel = 0.005f);
  // Scroll steps: positive moves closer, each step by 10% of the distance.
  void zoom(float steps);
  // Moves the target in the view plane, scaled by the distance (so it feels the same near and far).
  void pan(float dxPixels, float dyPixels, float metresPerPixelAtOneMetre = 0.0015f);
  CameraPose pose() const;
};

// First-person free flight: mouse look, WASD along the view, Q/E down/up.
struct FlyCamera {
  glm::vec3 position{0.0f, 1.6f, 5.0f};
  float yaw = 0.0f;
  float pitch = 0.0f;
  float speed = 5.0f;  // metres per second; `fast` multiplies it by 4

  static FlyCamera fromPose(const CameraPose& pose);
  void look(float dxPixels, float dyPixels, float radiansPerPixel = 0.003f);
  // `move` in the camera's frame: x right, y up (world up), z forward; any length, normalised here.
  void fly(const glm::vec3& move, float seconds, bool fast = false);
  CameraPose pose() const;  // target one metre ahead
};

// A smooth move between two poses (a jump to a tour stop): eye and target ease in and out
// (smoothstep) over `duration` seconds.
struct CameraTransition {
  CameraPose from;
  CameraPose to;
  float duration = 1.5f;
  float elapsed = 0.0f;

  // Advances by `seconds` and returns the pose now; returns `to` once done.
  CameraPose advance(float seconds);
  bool done() const { return elapsed >= duration; }
};

}  // namespace sc::platform
