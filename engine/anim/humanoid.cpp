#include "anim/humanoid.hpp"

#include <algorithm>
#include <cctype>

namespace sc::anim {
namespace {

constexpr std::array<std::string_view, kHumanoidBoneCount> kVrmNames = {
    "hips", "spine", "chest", "upperChest", "neck", "head", "leftEye", "rightEye",
    "leftShoulder", "leftUpperArm", "leftLowerArm", "leftHand",
    "rightShoulder", "rightUpperArm", "rightLowerArm", "rightHand",
    "leftUpperLeg", "leftLowerLeg", "leftFoot", "leftToes",
    "rightUpperLeg", "rightLowerLeg", "rightFoot", "rightToes"};

struct MixamoEntry {
  std::string_view name;
  HumanoidBone bone;
};
constexpr MixamoEntry kMixamo[] = {
    {"Hips", HumanoidBone::Hips}, {"Spine", HumanoidBone::Spine},
    {"Spine1", HumanoidBone::Chest}, {"Spine2", HumanoidBone::UpperChest},
    {"Neck", HumanoidBone::Neck}, {"Head", HumanoidBone::Head},
    {"LeftEye", HumanoidBone::LeftEye}, {"RightEye", HumanoidBone::RightEye},
    {"LeftShoulder", HumanoidBone::LeftShoulder}, {"LeftArm", HumanoidBone::LeftUpperArm},
    {"LeftForeArm", HumanoidBone::LeftLowerArm}, {"LeftHand", HumanoidBone::LeftHand},
    {"RightShoulder", HumanoidBone::RightShoulder}, {"RightArm", HumanoidBone::RightUpperArm},
    {"RightForeArm", HumanoidBone::RightLowerArm}, {"RightHand", HumanoidBone::RightHand},
    {"LeftUpLeg", HumanoidBone::LeftUpperLeg}, {"LeftLeg", HumanoidBone::LeftLowerLeg},
    {"LeftFoot", HumanoidBone::LeftFoot}, {"LeftToeBase", HumanoidBone::LeftToes},
    {"RightUpLeg", HumanoidBone::RightUpperLeg}, {"RightLeg", HumanoidBone::RightLowerLeg},
    {"RightFoot", HumanoidBone::RightFoot}, {"RightToeBase", HumanoidBone::RightToes}};

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view vrmBoneName(HumanoidBone bone) {
  return kVrmNames[static_cast<std::size_t>(bone)];
}

std::optional<HumanoidBone> parseVrmBoneName(std::string_view name) {
  for (std::size_t i = 0; i < kHumanoidBoneCount; ++i) {
    if (equalsNoCase(kVrmNames[i], name)) return static_cast<HumanoidBone>(i);
  }
  return std::nullopt;
}

bool isRequiredBone(HumanoidBone bone) {
  switch (bone) {
    case HumanoidBone::Hips: case HumanoidBone::Spine: case HumanoidBone::Head:
    case HumanoidBone::LeftUpperArm: case HumanoidBone::LeftLowerArm: case HumanoidBone::LeftHand:
    case HumanoidBone::RightUpperArm: case HumanoidBone::RightLowerArm:
    case HumanoidBone::RightHand: case HumanoidBone::LeftUpperLeg:
    case HumanoidBone::LeftLowerLeg: case HumanoidBone::LeftFoot:
    case HumanoidBone::RightUpperLeg: case HumanoidBone::RightLowerLeg:
    case HumanoidBone::RightFoot:
      return true;
    default:
      return false;
  }
}

std::optional<HumanoidBone> mixamoBone(std::string_view jointName) {
  const std::size_t colon = jointName.rfind(':');
  const std::string_view bare = colon == std::string_view::npos ? jointName
                                                                : jointName.substr(colon + 1);
  for (const MixamoEntry& e : kMixamo) {
    if (e.name == bare) return e.bone;
  }
  return std::nullopt;
}

HumanoidBone sided(Side side, HumanoidBone leftBone) {
  if (side == Side::Left) return leftBone;
  switch (leftBone) {
    case HumanoidBone::LeftEye: return HumanoidBone::RightEye;
    case HumanoidBone::LeftShoulder: return HumanoidBone::RightShoulder;
    case HumanoidBone::LeftUpperArm: return HumanoidBone::RightUpperArm;
    case HumanoidBone::LeftLowerArm: return HumanoidBone::RightLowerArm;
    case HumanoidBone::LeftHand: return HumanoidBone::RightHand;
    case HumanoidBone::LeftUpperLeg: return HumanoidBone::RightUpperLeg;
    case HumanoidBone::LeftLowerLeg: return HumanoidBone::RightLowerLeg;
    case HumanoidBone::LeftFoot: return HumanoidBone::RightFoot;
    case HumanoidBone::LeftToes: return HumanoidBone::RightToes;
    default: return leftBone;
  }
}

Result<HumanoidRig> HumanoidRig::fromSkeleton(const Skeleton& skeleton,
                                              const BoneNameMap& mapping) {
  HumanoidRig rig;
  rig.joints_.fill(kNoJoint);
  for (const auto& [theirs, vrm] : mapping) {
    const auto bone = parseVrmBoneName(vrm);
    if (!bone) {
      return makeError("bone mapping '{}' -> '{}': '{}' is not a VRM humanoid bone name (use "
                       "e.g. hips, spine, head, leftUpperArm); fix the scene's mapping table",
                       theirs, vrm, vrm);
    }
    const std::int32_t j = skeleton.find(theirs);
    if (j == kNoJoint) {
      return makeError("bone mapping '{}' -> '{}': the skeleton has no joint named '{}'; fix "
                       "the scene's mapping table",
                       theirs, vrm, theirs);
    }
    rig.joints_[static_cast<std::size_t>(*bone)] = j;
  }
  for (std::size_t j = 0; j < skeleton.jointCount(); ++j) {
    if (mapping.count(skeleton.names[j])) continue;
    auto bone = parseVrmBoneName(skeleton.names[j]);
    if (!bone) bone = mixamoBone(skeleton.names[j]);
    if (!bone) continue;
    std::int32_t& slot = rig.joints_[static_cast<std::size_t>(*bone)];
    if (slot == kNoJoint) slot = static_cast<std::int32_t>(j);
  }
  std::string missing;
  for (std::size_t b = 0; b < kHumanoidBoneCount; ++b) {
    if (rig.joints_[b] == kNoJoint && isRequiredBone(static_cast<HumanoidBone>(b))) {
      missing += missing.empty() ? "" : ", ";
      missing += kVrmNames[b];
    }
  }
  if (!missing.empty()) {
    return makeError("the skeleton is not a humanoid the guide can drive: no joint for {}; add "
                     "a mapping table (their joint name -> VRM bone name) to the scene",
                     missing);
  }
  rig.restModel_ = modelMatrices(skeleton, restPose(skeleton));
  rig.restRotation_.reserve(skeleton.jointCount());
  for (const glm::mat4& m : rig.restModel_) rig.restRotation_.push_back(rotationOf(m));
  rig.parents_ = skeleton.parents;
  return rig;
}

glm::vec3 HumanoidRig::restPosition(HumanoidBone bone) const {
  const std::int32_t j = joint(bone);
  return j == kNoJoint ? glm::vec3(0.0f) : glm::vec3(restModel_[static_cast<std::size_t>(j)][3]);
}

glm::quat HumanoidRig::restRotation(HumanoidBone bone) const {
  const std::int32_t j = joint(bone);
  return j == kNoJoint ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f)
                       : restRotation_[static_cast<std::size_t>(j)];
}

glm::quat HumanoidRig::restRotationOfJoint(std::int32_t joint) const {
  return joint == kNoJoint ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f)
                           : restRotation_[static_cast<std::size_t>(joint)];
}

std::int32_t HumanoidRig::parentOf(std::int32_t joint) const {
  return joint == kNoJoint ? kNoJoint : parents_[static_cast<std::size_t>(joint)];
}

float HumanoidRig::legLength(Side side) const {
  const glm::vec3 hip = restPosition(sided(side, HumanoidBone::LeftUpperLeg));
  const glm::vec3 knee = restPosition(sided(side, HumanoidBone::LeftLowerLeg));
  const glm::vec3 ankle = restPosition(sided(side, HumanoidBone::LeftFoot));
  return glm::length(knee - hip) + glm::length(ankle - knee);
}

float HumanoidRig::armLength(Side side) const {
  const glm::vec3 shoulder = restPosition(sided(side, HumanoidBone::LeftUpperArm));
  const glm::vec3 elbow = restPosition(sided(side, HumanoidBone::LeftLowerArm));
  const glm::vec3 wrist = restPosition(sided(side, HumanoidBone::LeftHand));
  return glm::length(elbow - shoulder) + glm::length(wrist - elbow);
}

glm::quat HumanoidRig::localFromDelta(HumanoidBone bone, const glm::quat& delta) const {
  const std::int32_t j = joint(bone);
  if (j == kNoJoint) return delta;
  const glm::quat parentRest = restRotationOfJoint(parentOf(j));
  return glm::normalize(glm::inverse(parentRest) * delta * restRotationOfJoint(j));
}

void HumanoidRig::applyDelta(Pose& pose, HumanoidBone bone, const glm::quat& delta) const {
  const std::int32_t j = joint(bone);
  if (j == kNoJoint) return;
  pose.local[static_cast<std::size_t>(j)].rotation = localFromDelta(bone, delta);
}

Skeleton makeReferenceHumanoid() {
  struct J {
    HumanoidBone bone;
    HumanoidBone parent;
    glm::vec3 offset;  // from the parent, metres
  };
  using B = HumanoidBone;
  const J joints[] = {
      {B::Hips, B::Count, {0.0f, 0.95f, 0.0f}},
      {B::Spine, B::Hips, {0.0f, 0.10f, 0.0f}},
      {B::Chest, B::Spine, {0.0f, 0.15f, 0.0f}},
      {B::UpperChest, B::Chest, {0.0f, 0.13f, 0.0f}},
      {B::Neck, B::UpperChest, {0.0f, 0.12f, 0.0f}},
      {B::Head, B::Neck, {0.0f, 0.10f, 0.0f}},
      {B::LeftEye, B::Head, {0.032f, 0.07f, 0.08f}},
      {B::RightEye, B::Head, {-0.032f, 0.07f, 0.08f}},
      {B::LeftShoulder, B::UpperChest, {0.05f, 0.08f, 0.0f}},
      {B::LeftUpperArm, B::LeftShoulder, {0.12f, 0.0f, 0.0f}},
      {B::LeftLowerArm, B::LeftUpperArm, {0.28f, 0.0f, 0.0f}},
      {B::LeftHand, B::LeftLowerArm, {0.25f, 0.0f, 0.0f}},
      {B::RightShoulder, B::UpperChest, {-0.05f, 0.08f, 0.0f}},
      {B::RightUpperArm, B::RightShoulder, {-0.12f, 0.0f, 0.0f}},
      {B::RightLowerArm, B::RightUpperArm, {-0.28f, 0.0f, 0.0f}},
      {B::RightHand, B::RightLowerArm, {-0.25f, 0.0f, 0.0f}},
      {B::LeftUpperLeg, B::Hips, {0.09f, -0.05f, 0.0f}},
      {B::LeftLowerLeg, B::LeftUpperLeg, {0.0f, -0.41f, 0.0f}},
      {B::LeftFoot, B::LeftLowerLeg, {0.0f, -0.41f, 0.0f}},
      {B::LeftToes, B::LeftFoot, {0.0f, -0.07f, 0.13f}},
      {B::RightUpperLeg, B::Hips, {-0.09f, -0.05f, 0.0f}},
      {B::RightLowerLeg, B::RightUpperLeg, {0.0f, -0.41f, 0.0f}},
      {B::RightFoot, B::RightLowerLeg, {0.0f, -0.41f, 0.0f}},
      {B::RightToes, B::RightFoot, {0.0f, -0.07f, 0.13f}},
  };
  std::vector<std::string> names;
  std::vector<std::int32_t> parents;
  std::vector<Transform> rest;
  std::array<std::int32_t, kHumanoidBoneCount + 1> index{};
  index.fill(kNoJoint);
  for (const J& j : joints) {
    index[static_cast<std::size_t>(j.bone)] = static_cast<std::int32_t>(names.size());
    names.emplace_back(vrmBoneName(j.bone));
    parents.push_back(index[static_cast<std::size_t>(j.parent)]);
    rest.push_back(Transform{j.offset, glm::quat(1.0f, 0.0f, 0.0f, 0.0f), glm::vec3(1.0f)});
  }
  return makeSkeleton(std::move(names), std::move(parents), std::move(rest));
}

}  // namespace sc::anim
