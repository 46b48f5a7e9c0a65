#pragma once
// Procedural walk cycle with planted feet.
//
// The gait is a function of PHASE (0..1 per stride = two steps), not time: the WaypointWalker
// advances the phase by distance / stride, so each foot's nominal target moves backwards in root
// space at exactly the speed the root moves forwards and the foot in contact stands still in the
// world. A foot planter locks each foot's world position at heel strike and holds it until toe
// off, which also keeps feet planted while the root turns; at toe off the difference between the
// locked and the nominal position fades out over the swing. Legs reach their targets by two-bone
// IK; the pelvis is lowered when a target would need more than maxLegExtension of the leg.
//
// Left foot: contact for phase in [0, dutyFactor); right foot: [0.5, 0.5 + dutyFactor) mod 1.
#include <span>

#include "anim/humanoid.hpp"
#include "anim/ik.hpp"

namespace sc::anim {

struct WalkParams {
  float stride = 1.2f;           // metres the root travels per full cycle (two steps)
  float dutyFactor = 0.6f;       // fraction of a cycle each foot is on the ground (0.5..0.8)
  float footLift = 0.07f;        // swing height of the ankle, metres
  float hipSway = 0.02f;         // sideways pelvis shift towards the stance foot, metres
  float pelvisTwist = 4.0f * 3.14159265f / 180.0f;  // pelvis yaw, radians
  float armSwing = 16.0f * 3.14159265f / 180.0f;    // upper arm swing, radians
  float maxLegExtension = 0.97f;  // of the hip-to-ankle length

  // Stride for a walking speed (m/s) and leg length (m): longer legs and faster walking take
  // longer strides (stride = leg * (0.8 + 0.45 speed), within [0.6, 1.9] leg lengths), so the
  // cadence stays in the human range of about 90-125 steps a minute.
  static WalkParams forSpeed(float speed, float legLength);
};

class WalkController {
 public:
  WalkController(const HumanoidRig& rig, WalkParams params);

  // Writes the whole local pose (rest pose, then hips, spine, chest, legs, feet and arms; morph
  // weights untouched) for gait `phase` (wrapped into [0, 1)) with the character's root at `root` (world matrix of the model space: position on
  // the ground, heading). `model` is recomputed for the whole pose on return.
  void apply(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
             const glm::mat4& root, float phase);

  // Forget locked feet (after a teleport or when walking resumes from idle).
  void reset();

  const WalkParams& params() const { return params_; }
  void setParams(const WalkParams& params) { params_ = params; }
  // Contact state of the last apply().
  bool inContact(Side side) const { return feet_[index(side)].contact; }
  // Model-space foot target of the last apply() and how far the planter moved it from the
  // nominal gait (metres: ~0 on straight walking, larger while turning).
  glm::vec3 footTarget(Side side) const { return feet_[index(side)].target; }
  float plantCorrection(Side side) const { return feet_[index(side)].correction; }
  // Whether the IK put the ankle on its target in the last apply().
  bool footReached(Side side) const { return feet_[index(side)].reached; }

  // Nominal (unplanted) model-space ankle target of `side` at `phase`, and its contact flag.
  glm::vec3 nominalFoot(Side side, float phase, bool* contact = nullptr) const;

 private:
  struct Foot {
    bool initialised = false;
    bool contact = false;
    bool reached = false;
    glm::vec3 lockWorld{0.0f};
    glm::vec3 swingOffset{0.0f};  // locked - nominal at toe off, faded out over the swing
    glm::vec3 target{0.0f};
    float correction = 0.0f;
  };
  static std::size_t index(Side side) { return side == Side::Left ? 0 : 1; }

  const HumanoidRig* rig_;
  WalkParams params_;
  Foot feet_[2];
};

// The relaxed arms-down rotation delta for an upper arm (T-pose arm rotated ~72 degrees down),
// shared by the walk and the procedural clips.
glm::quat armsDownDelta(Side side);
// Elbow flexion delta for a lower arm (bends the forearm forwards by `angle` radians).
glm::quat elbowFlexDelta(Side side, float angle);

}  // namespace sc::anim
