#include "anim/walk.hpp"

#include <algorithm>
#include <cmath>

namespace sc::anim {
namespace {

constexpr float kTwoPi = 6.28318530718f;
const glm::vec3 kUp(0.0f, 1.0f, 0.0f);
const glm::vec3 kRight(1.0f, 0.0f, 0.0f);  // +X: the character's left

float fract(float x) { return x - std::floor(x); }

}  // namespace

glm::quat armsDownDelta(Side side) {
  const float angle = 72.0f * 3.14159265f / 180.0f;
  return glm::angleAxis(side == Side::Left ? -angle : angle, glm::vec3(0.0f, 0.0f, 1.0f));
}

glm::quat elbowFlexDelta(Side side, float angle) {
  // In the T-pose the forearm lies along +-X; a turn about Y brings it towards +Z (forwards).
  return glm::angleAxis(side == Side::Left ? -angle : angle, kUp);
}

WalkParams WalkParams::forSpeed(float speed, float legLength) {
  WalkParams p;
  const float leg = std::max(legLength, 0.1f);
  p.stride = std::clamp(leg * (0.8f + 0.45f * std::max(speed, 0.0f)), 0.6f * leg, 1.9f * leg);
  return p;
}

WalkController::WalkController(const HumanoidRig& rig, WalkParams params)
    : rig_(&rig), params_(params) {}

void WalkController::reset() {
  feet_[0] = Foot{};
  feet_[1] = Foot{};
}

glm::vec3 WalkController::nominalFoot(Side side, float phase, bool* contact) const {
  const float duty = std::clamp(params_.dutyFactor, 0.5f, 0.8f);
  const float u = fract(phase - (side == Side::Left ? 0.0f : 0.5f));
  const glm::vec3 rest = rig_->restPosition(sided(side, HumanoidBone::LeftFoot));
  const float stanceLength = duty * params_.stride;
  glm::vec3 p = rest;
  if (u < duty) {
    // Stance: the foot moves back linearly in phase, hence at minus the root's speed.
    p.z = rest.z + stanceLength * (0.5f - u / duty);
    if (contact) *contact = true;
  } else {
    const float v = (u - duty) / (1.0f - duty);
    const float ease = 0.5f - 0.5f * std::cos(3.14159265f * v);
    p.z = rest.z + stanceLength * (ease - 0.5f);
    p.y = rest.y + params_.footLift * std::sin(3.14159265f * v);
    if (contact) *contact = false;
  }
  return p;
}

void WalkController::apply(const Skeleton& skeleton, Pose& pose, std::span<glm::mat4> model,
                           const glm::mat4& root, float phaseIn) {
  const HumanoidRig& rig = *rig_;
  const float phase = fract(phaseIn);
  const float duty = std::clamp(params_.dutyFactor, 0.5f, 0.8f);
  const glm::mat4 rootInverse = glm::inverse(root);

  // 1. Foot targets: nominal gait, then the planter.
  for (Side side : {Side::Left, Side::Right}) {
    Foot& f = feet_[index(side)];
    bool contact = false;
    const glm::vec3 nominal = nominalFoot(side, phase, &contact);
    glm::vec3 target = nominal;
    if (contact) {
      if (!f.initialised || !f.contact) f.lockWorld = glm::vec3(root * glm::vec4(nominal, 1.0f));
      target = glm::vec3(rootInverse * glm::vec4(f.lockWorld, 1.0f));
    } else {
      if (f.initialised && f.contact) {
        // Toe off: carry the planted position's offset into the swing and fade it out.
        const glm::vec3 locked = glm::vec3(rootInverse * glm::vec4(f.lockWorld, 1.0f));
        f.swingOffset = locked - nominal;
      } else if (!f.initialised) {
        f.swingOffset = glm::vec3(0.0f);
      }
      const float u = fract(phase - (side == Side::Left ? 0.0f : 0.5f));
      const float v = std::clamp((u - duty) / (1.0f - duty), 0.0f, 1.0f);
      const float fade = 0.5f + 0.5f * std::cos(3.14159265f * v);  // 1 at toe off, 0 at strike
      target = nominal + f.swingOffset * fade;
    }
    f.initialised = true;
    f.contact = contact;
    f.target = target;
    f.correction = glm::length(target - nominal);
  }

  // 2. Pelvis: sway towards the stance foot, twist with the legs, height limited by reach.
  pose.local = skeleton.restPose;  // legs, spine and arms start from rest; IK fills the rest
  const float wave = std::cos(kTwoPi * (phase - 0.5f * duty));
  const std::int32_t hips = rig.joint(HumanoidBone::Hips);
  const glm::vec3 hipsRest = rig.restPosition(HumanoidBone::Hips);
  const float yaw = -params_.pelvisTwist * std::cos(kTwoPi * phase);
  const glm::quat pelvisTurn = glm::angleAxis(yaw, kUp);
  glm::vec3 pelvis = hipsRest + kRight * (params_.hipSway * wave);
  float height = hipsRest.y - 0.01f;  // knees never quite locked
  for (Side side : {Side::Left, Side::Right}) {
    const glm::vec3 offset =
        pelvisTurn * (rig.restPosition(sided(side, HumanoidBone::LeftUpperLeg)) - hipsRest);
    const glm::vec3 target = feet_[index(side)].target;
    const glm::vec2 horizontal(pelvis.x + offset.x - target.x, pelvis.z + offset.z - target.z);
    const float reach = params_.maxLegExtension * rig.legLength(side);
    const float h2 = reach * reach - glm::dot(horizontal, horizontal);
    if (h2 > 0.0f) height = std::min(height, target.y - offset.y + std::sqrt(h2));
  }
  pelvis.y = height;
  computeModelMatrices(skeleton, pose.local, model);
  setModelTranslation(skeleton, pose, model, hips, pelvis);
  setModelRotation(skeleton, pose, model, hips, pelvisTurn * rig.restRotation(HumanoidBone::Hips));

  // 3. Upper body: undo the pelvis twist in the spine and counter-rotate the chest; arms swing
  // opposite to the legs (left arm forwards while the right foot is forwards).
  rig.applyDelta(pose, HumanoidBone::Spine, glm::angleAxis(-yaw, kUp));
  rig.applyDelta(pose, HumanoidBone::Chest, glm::angleAxis(-0.6f * yaw, kUp));
  for (Side side : {Side::Left, Side::Right}) {
    const float forward =
        params_.armSwing * std::cos(kTwoPi * (phase - (side == Side::Left ? 0.5f : 0.0f)));
    rig.applyDelta(pose, sided(side, HumanoidBone::LeftUpperArm),
                   glm::angleAxis(-forward, kRight) * armsDownDelta(side));
    rig.applyDelta(pose, sided(side, HumanoidBone::LeftLowerArm),
                   elbowFlexDelta(side, 0.25f + 0.1f * std::max(forward, 0.0f) / 0.3f));
  }
  computeModelMatrices(skeleton, pose.local, model);

  // 4. Legs by IK, knees bending forwards; feet kept level in root space.
  for (Side side : {Side::Left, Side::Right}) {
    Foot& f = feet_[index(side)];
    const TwoBoneChain chain{rig.joint(sided(side, HumanoidBone::LeftUpperLeg)),
                             rig.joint(sided(side, HumanoidBone::LeftLowerLeg)),
                             rig.joint(sided(side, HumanoidBone::LeftFoot))};
    const glm::vec3 hip(model[static_cast<std::size_t>(chain.root)][3]);
    const glm::vec3 pole = 0.5f * (hip + f.target) + glm::vec3(0.0f, 0.0f, 1.0f);
    f.reached = solveTwoBone(skeleton, pose, model, chain, f.target, pole, 1.0f).reached;
    setModelRotation(skeleton, pose, model, chain.end,
                     rig.restRotation(sided(side, HumanoidBone::LeftFoot)));
  }
  computeModelMatrices(skeleton, pose.local, model);
}

}  // namespace sc::anim
