#include "tour/guide_avatar.hpp"

#include <algorithm>

#include "anim/humanoid_clips.hpp"
#include "assets/model.hpp"

namespace sc::tour {

namespace {

constexpr const char* kVisemeNames[guide::kMouthVisemeCount] = {"aa", "ih", "ou", "ee", "oh"};

// Case-insensitive; VRM exporters write "Blink", "blink" or "A"/"aa" variants. Only the VRM 1.0
// names are looked for; a creator's model with other names maps nothing (the face stays still).
bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void addMorph(FaceMorphs& face, std::string_view name, std::uint32_t flatIndex) {
  for (std::size_t v = 0; v < guide::kMouthVisemeCount; ++v) {
    if (sameName(name, kVisemeNames[v])) face.visemes[v].push_back(flatIndex);
  }
  if (sameName(name, "blink")) face.blink.push_back(flatIndex);
}

Status finish(GuideAvatar& avatar, const anim::BoneNameMap& boneMap, std::string_view what) {
  auto rig = anim::HumanoidRig::fromSkeleton(avatar.skeleton, boneMap);
  if (!rig) return makeError("{}: not usable as the guide: {}", what, rig.error().message);
  avatar.rig = std::move(rig.value());
  const anim::Skeleton& s = avatar.skeleton;
  avatar.clips.idle = anim::makeIdleClip(avatar.rig, s);
  avatar.clips.talk[0] = anim::makeTalkClip(avatar.rig, s, 0);
  avatar.clips.talk[1] = anim::makeTalkClip(avatar.rig, s, 2);
  avatar.clips.wave = anim::makeWaveClip(avatar.rig, s, anim::Side::Right);
  avatar.clips.point = anim::makePointClip(avatar.rig, s, anim::Side::Right);
  avatar.upperBody = anim::upperBodyMask(avatar.rig, s);
  avatar.clips.pointLeft = anim::makePointClip(avatar.rig, s, anim::Side::Left);
  for (anim::Side side : {anim::Side::Left, anim::Side::Right}) {
    anim::JointMask& mask = side == anim::Side::Left ? avatar.leftArm : avatar.rightArm;
    mask.assign(s.jointCount(), 0.0f);
    anim::HumanoidBone shoulder = anim::sided(side, anim::HumanoidBone::LeftShoulder);
    anim::HumanoidBone upper = anim::sided(side, anim::HumanoidBone::LeftUpperArm);
    anim::addSubtree(s, avatar.rig.has(shoulder) ? avatar.rig.joint(shoulder) : avatar.rig.joint(upper), 1.0f, mask);
  }
  // Eye height: between the eyes when the rig has them, else 10 cm above the head joint.
  if (avatar.rig.has(anim::HumanoidBone::LeftEye) && avatar.rig.has(anim::HumanoidBone::RightEye)) {
    avatar.eyeHeight = 0.5f * (avatar.rig.restPosition(anim::HumanoidBone::LeftEye).y +
                               avatar.rig.restPosition(anim::HumanoidBone::RightEye).y);
  } else {
    avatar.eyeHeight = avatar.rig.restPosition(anim::HumanoidBone::Head).y + 0.1f;
  }
  return okStatus();
}

}  // namespace

Result<GuideAvatar> makeGuideAvatar(const assets::Model& model, const anim::BoneNameMap& boneMap) {
  GuideAvatar avatar;
  auto skeleton = anim::skeletonFromModel(model);
  if (!skeleton) return skeleton.error();
  avatar.skeleton = std::move(skeleton.value());
  for (const auto& skin : model.skins) {
    auto binding = anim::skinFromAsset(skin, avatar.skeleton);
    if (!binding) return makeError("{}: {}", model.sourcePath, binding.error().message);
    avatar.skins.push_back(std::move(binding.value()));
  }
  // Morph names come from the first primitive with targets of each mesh node (skeletonFromModel
  // takes the default weights from the same primitive).
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    std::int32_t mesh = model.nodes[n].mesh;
    if (mesh < 0 || std::size_t(mesh) >= model.meshes.size()) continue;
    for (const auto& prim : model.meshes[std::size_t(mesh)].primitives) {
      if (prim.morphTargets.empty()) continue;
      std::uint32_t count = std::min<std::uint32_t>(std::uint32_t(prim.morphTargets.size()),
                                                    avatar.skeleton.morphCounts[n]);
      for (std::uint32_t t = 0; t < count; ++t) {
        addMorph(avatar.face, prim.morphTargets[t].name, avatar.skeleton.morphOffsets[n] + t);
      }
      break;
    }
  }
  SC_TRY(finish(avatar, boneMap, model.sourcePath));
  return avatar;
}

Result<GuideAvatar> makeGuideAvatar(anim::Skeleton skeleton, const std::vector<std::string>& morphNames,
                                    const anim::BoneNameMap& boneMap) {
  if (!skeleton.valid()) return makeError("guide skeleton: joint arrays differ in size or parents are out of order");
  GuideAvatar avatar;
  avatar.skeleton = std::move(skeleton);
  std::size_t count = std::min(morphNames.size(), avatar.skeleton.morphWeightCount());
  for (std::size_t i = 0; i < count; ++i) addMorph(avatar.face, morphNames[i], std::uint32_t(i));
  SC_TRY(finish(avatar, boneMap, "guide skeleton"));
  return avatar;
}

}  // namespace sc::tour
