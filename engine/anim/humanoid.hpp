#pragma once
// Humanoid rigs: VRM humanoid bone names mapped onto joints of any skeleton.
//
// Resolution order for each joint name: (1) the creator's mapping table (their name -> VRM
// name, e.g. from the scene file), (2) the VRM name itself (case-insensitive), (3) the built-in
// Mixamo table ("mixamorig:Hips" -> hips, "LeftUpLeg" -> leftUpperLeg, any "prefix:" dropped).
// The first joint (parents-first order) that resolves to a bone wins.
//
// Procedural motion is authored as rotation DELTAS in character axes (+Y up, facing +Z, left
// hand at +X) applied to a bone in its rest orientation relative to its parent's rest frame:
//   local = inverse(restModelRotation(parent)) * delta * restModelRotation(bone).
// This assumes the rest pose is a T-pose facing +Z (VRM 1.0's normalised pose; Mixamo exports
// match once imported Y-up). A skeleton whose rest pose differs moves differently but safely.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anim/skeleton.hpp"
#include "core/result.hpp"

namespace sc::anim {

enum class HumanoidBone : std::uint8_t {
  Hips, Spine, Chest, UpperChest, Neck, Head, LeftEye, RightEye,
  LeftShoulder, LeftUpperArm, LeftLowerArm, LeftHand,
  RightShoulder, RightUpperArm, RightLowerArm, RightHand,
  LeftUpperLeg, LeftLowerLeg, LeftFoot, LeftToes,
  RightUpperLeg, RightLowerLeg, RightFoot, RightToes,
  Count
};
inline constexpr std::size_t kHumanoidBoneCount = static_cast<std::size_t>(HumanoidBone::Count);

enum class Side : std::uint8_t { Left, Right };

// "hips", "leftUpperArm", ... exactly as VRM spells them.
std::string_view vrmBoneName(HumanoidBone bone);
// Case-insensitive inverse of vrmBoneName.
std::optional<HumanoidBone> parseVrmBoneName(std::string_view name);
// VRM 1.0's required bones: hips, spine, head and the upper/lower arm, hand, upper/lower leg
// and foot of both sides. Everything else (chest, upperChest, neck, eyes, shoulders, toes) may be
// missing; the runtime then skips it.
bool isRequiredBone(HumanoidBone bone);
// The Mixamo name's VRM bone ("Hips", "Spine1" -> chest, "LeftForeArm" -> leftLowerArm, ...),
// after dropping any "namespace:" prefix; nullopt when it is not a Mixamo humanoid name.
std::optional<HumanoidBone> mixamoBone(std::string_view jointName);

HumanoidBone sided(Side side, HumanoidBone leftBone);  // LeftHand + Right -> RightHand

// Their joint name -> VRM bone name.
using BoneNameMap = std::map<std::string, std::string>;

class HumanoidRig {
 public:
  // Errors name the missing required bones, mapping entries naming no joint, and mapping
  // values that are not VRM bone names, and say to fix the scene's mapping table.
  static Result<HumanoidRig> fromSkeleton(const Skeleton& skeleton,
                                          const BoneNameMap& mapping = {});

  std::int32_t joint(HumanoidBone bone) const { return joints_[static_cast<std::size_t>(bone)]; }
  bool has(HumanoidBone bone) const { return joint(bone) != kNoJoint; }

  // Rest pose, model space, of every joint of the skeleton.
  const std::vector<glm::mat4>& restModel() const { return restModel_; }
  glm::vec3 restPosition(HumanoidBone bone) const;
  glm::quat restRotation(HumanoidBone bone) const;
  // Model-space rest rotation and parent of any joint of the skeleton (kNoJoint: identity).
  glm::quat restRotationOfJoint(std::int32_t joint) const;
  std::int32_t parentOf(std::int32_t joint) const;
  // Hip-to-ankle length of a leg (upper + lower bone) and shoulder-to-wrist of an arm, rest pose.
  float legLength(Side side) const;
  float armLength(Side side) const;

  // Local rotation realising `delta` (see the note at the top) for `bone`.
  glm::quat localFromDelta(HumanoidBone bone, const glm::quat& delta) const;
  // pose.local[joint(bone)].rotation = localFromDelta(bone, delta); no-op for a missing bone.
  void applyDelta(Pose& pose, HumanoidBone bone, const glm::quat& delta) const;

 private:
  std::array<std::int32_t, kHumanoidBoneCount> joints_{};
  std::vector<glm::mat4> restModel_;
  std::vector<glm::quat> restRotation_;  // model-space rest rotation per joint
  std::vector<std::int32_t> parents_;
};

// A 1.70 m reference humanoid with VRM bone names (all 24 bones), T-pose facing +Z, identity
// rest rotations, hips at 0.95 m, ankles 0.08 m above the ground: for tests and as the bone
// layout the avatar generator (tools/avatar) can copy.
Skeleton makeReferenceHumanoid();

}  // namespace sc::anim
