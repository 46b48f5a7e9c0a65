#pragma once
// Shared layout of the guide: joint indices by VRM bone, the jacket's texture mapping (which the
// texture painter and the mesh builder must agree on) and the qipao placket line.
#include <array>
#include <vector>

#include <glm/glm.hpp>

#include "guide_model.hpp"

namespace sc::avatar {

// Joint indices of the guide's skeleton (the order of sc::anim::makeReferenceHumanoid).
struct RigJoints {
  int hips, spine, chest, upperChest, neck, head, leftEye, rightEye;
  int leftShoulder, leftUpperArm, leftLowerArm, leftHand;
  int rightShoulder, rightUpperArm, rightLowerArm, rightHand;
  int leftUpperLeg, leftLowerLeg, leftFoot, leftToes;
  int rightUpperLeg, rightLowerLeg, rightFoot, rightToes;
  // Left <-> right swap of every joint index (identity for the centre line).
  std::vector<int> mirrorMap;
};
// Panics (our own contract) when the model lacks one of the 24 bones.
RigJoints rigJoints(const GuideModel& model);

// Jacket body texture: the upper 7/8 of jacket_basecolor.png maps the torso and hem, u around
// the body (u = 0.5 at the front centre, 0.25 at the wearer's right side, seam at the back) and v
// from the collar line (kJacketTopY) down to the hem (kJacketHemY). The lower 1/8 is a trim band
// (red with gold piping) for the collar, cuffs and hem edge.
inline constexpr float kJacketTopY = 1.47f;
inline constexpr float kJacketHemY = 0.82f;
inline constexpr float kJacketBodyV = 0.875f;
inline constexpr glm::vec2 kTrimBandV{0.885f, 0.99f};

inline float jacketV(float y) {
  return (kJacketTopY - y) / (kJacketTopY - kJacketHemY) * kJacketBodyV;
}
// Angle around the body measured from the front (+Z), positive towards +X (the wearer's left).
inline float jacketU(float angleFromFront) { return 0.5f + angleFromFront / 6.28318531f; }

// The placket of the qipao-style jacket: from the collar's front down to the wearer's right
// armpit, then down the right side seam to the hem, as (angle from front, height) points.
inline constexpr std::array<glm::vec2, 7> kPlacket = {
    glm::vec2{0.00f, 1.470f}, glm::vec2{-0.22f, 1.425f}, glm::vec2{-0.60f, 1.365f},
    glm::vec2{-1.00f, 1.305f}, glm::vec2{-1.35f, 1.255f}, glm::vec2{-1.5708f, 1.20f},
    glm::vec2{-1.5708f, 0.82f}};
// Frog buttons sit on the placket at these (angle from front, height) points.
inline constexpr std::array<glm::vec2, 4> kFrogButtons = {
    glm::vec2{-0.24f, 1.421f}, glm::vec2{-0.80f, 1.335f}, glm::vec2{-1.5708f, 1.18f},
    glm::vec2{-1.5708f, 1.02f}};

}  // namespace sc::avatar
