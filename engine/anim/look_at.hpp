#pragma once
// Head and eye look-at towards a point (the visitor's camera or HMD), and arm aim for pointing
// at a point of interest, both within natural limits.
//
// Angles are measured in the torso's frame (the parent of the neck, or of the head without a
// neck), as animated, with the rest pose facing +Z: yaw turns towards +X (the character's left),
// pitch looks up. The head turn is split between neck (neckShare) and head; the eyes then cover
// what the head could not, measured from each eye's own position, so the gaze converges.
#include <cmath>
#include <span>

#include "anim/humanoid.hpp"
#include "anim/ik.hpp"

namespace sc::anim {

inline constexpr float kDegrees = 3.14159265358979f / 180.0f;

struct LookAtLimits {
  float headYaw = 70.0f * kDegrees;    // |yaw| of the head relative to the torso
  float headPitch = 40.0f * kDegrees;  // |pitch| of the head relative to the torso
  float eyeYaw = 30.0f * kDegrees;     // |yaw| of each eye relative to the head
  float eyePitch = 30.0f * kDegrees;   // |pitch| of each eye relative to the head
  float neckShare = 0.3f;              // fraction of the head turn done by the neck bone
};

struct LookAngles {
  float headYaw = 0.0f, headPitch = 0.0f;  // radians, torso frame
  float eyeYaw = 0.0f, eyePitch = 0.0f;    // radians, head frame (both eyes share them)
};

// Yaw (towards +X) and pitch (up) of direction d in a frame facing +Z with +Y up.
inline float yawOf(const glm::vec3& d) { return std::atan2(d.x, d.z); }
inline float pitchOf(const glm::vec3& d) { return std::atan2(d.y, std::hypot(d.x, d.z)); }
// Rotation turning +Z to the direction of (yaw, pitch).
glm::quat yawPitchRotation(float yaw, float pitch);

// Head angles that face `target` (model space), clamped to the limits; eye angles left at 0.
// `model` holds the pose's current model matrices.
LookAngles headAnglesTowards(const HumanoidRig& rig, std::span<const glm::mat4> model,
                             const glm::vec3& target, const LookAtLimits& limits);

// Sets neck and head to `angles` (blended with the animated pose by weight in [0, 1]), then
// aims each eye at `target` within the eye limits (eye angles written back into `angles`).
// Recomputes `model` for the whole pose on return.
void applyLookAt(const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
                 std::span<glm::mat4> model, const glm::vec3& target,
                 const LookAtLimits& limits, LookAngles& angles, float weight = 1.0f);

// Smoothed look-at: head angles follow their clamped goal with time constant headSeconds, the
// eyes re-aim every frame from where the head is (so they lead and the head follows). Angles
// snap onto the goal once within 1e-5 rad, so a clamped goal is held exactly at the limit.
class LookAtController {
 public:
  LookAtLimits limits;
  float headSeconds = 0.25f;
  float weight = 1.0f;

  // target in model space (transform world points by the inverse root matrix first).
  void update(float dt, const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
              std::span<glm::mat4> model, const glm::vec3& target);
  const LookAngles& angles() const { return angles_; }
  void reset() { angles_ = {}; }

 private:
  LookAngles angles_;
};

struct ArmAimLimits {
  // Azimuth in the torso frame from straight ahead (0) towards the arm's own side (positive),
  // so -30 degrees points a little across the body.
  float minAzimuth = -30.0f * kDegrees;
  float maxAzimuth = 110.0f * kDegrees;
  float minElevation = -60.0f * kDegrees;
  float maxElevation = 75.0f * kDegrees;
  float reach = 0.97f;  // hand distance from the shoulder, as a fraction of arm length
};

struct ArmAimResult {
  glm::vec3 direction{0.0f, 0.0f, 1.0f};  // model-space pointing direction after clamping
  bool clamped = false;                   // the target lay outside the limits
};

// Points `side`'s arm at `target` (model space): the hand goes to shoulder + direction *
// reach * armLength by two-bone IK with the elbow bent down and back. A target nearer than that
// is touched instead. Recomputes `model` on return.
ArmAimResult aimArm(const HumanoidRig& rig, const Skeleton& skeleton, Pose& pose,
                    std::span<glm::mat4> model, Side side, const glm::vec3& target,
                    const ArmAimLimits& limits = {});

// The torso frame used above: the animated rotation of the neck's (or head's) parent relative
// to its rest rotation.
glm::quat torsoFrame(const HumanoidRig& rig, std::span<const glm::mat4> model);

}  // namespace sc::anim
