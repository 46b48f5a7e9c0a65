#pragma once
// The guide character as the tour director animates it: skeleton, humanoid rig, skins and the
// indices of its face morphs (visemes aa ih ou ee oh, blink), plus the procedural clips it plays.
// Pure data on the CPU; the renderer gets the model separately (GuidedTour adds it).
#include <array>
#include <cstdint>
#include <vector>

#include "anim/blend.hpp"
#include "anim/clip.hpp"
#include "anim/humanoid.hpp"
#include "anim/skeleton.hpp"
#include "anim/skin_palette.hpp"
#include "core/result.hpp"
#include "guide/viseme_timeline.hpp"

namespace sc::assets {
struct Model;
}

namespace sc::tour {

// Flat indices into anim::Pose::morphWeights of the morph targets named aa, ih, ou, ee, oh
// (in guide::Viseme order) and blink. A list per name because several meshes (face, teeth) may
// carry the same target; an empty list means the avatar lacks that morph (it is then skipped).
struct FaceMorphs {
  std::array<std::vector<std::uint32_t>, guide::kMouthVisemeCount> visemes;
  std::vector<std::uint32_t> blink;
};

// The procedural clips of the rig (anim/humanoid_clips.hpp), built once per avatar.
struct GuideClips {
  anim::Clip idle;
  anim::Clip talk[2];   // two variants, alternated between narrations
  anim::Clip wave;      // right hand
  anim::Clip point;     // right arm; refined towards the POI with anim::aimArm
  anim::Clip pointLeft; // the same with the left arm (a POI on the guide's left)
};

struct GuideAvatar {
  anim::Skeleton skeleton;
  anim::HumanoidRig rig;
  std::vector<anim::SkinBinding> skins;  // Model::skins order (what Renderer::setInstancePose wants)
  FaceMorphs face;
  GuideClips clips;
  anim::JointMask upperBody;  // anim::upperBodyMask
  anim::JointMask rightArm;   // right shoulder and below, for blending the arm aim
  anim::JointMask leftArm;
  float eyeHeight = 1.6f;     // metres above the root (the rest pose's eye or head height)
};

// An avatar from an imported model (glTF/VRM/FBX through assets::importModel). `boneMap` is the
// scene's guide.boneMap (their joint name -> VRM bone name). Fails, naming the model's
// sourcePath, when the skeleton is broken, a required humanoid bone is missing, or a skin refers
// to joints that do not exist. Missing face morphs are not an error (the face stays still).
Result<GuideAvatar> makeGuideAvatar(const assets::Model& model,
                                    const anim::BoneNameMap& boneMap = {});

// An avatar from a bare skeleton (no skins; morphs found by `morphNames`, one name per flat
// morph weight, may be empty): for tests and tools without a model file.
Result<GuideAvatar> makeGuideAvatar(anim::Skeleton skeleton,
                                    const std::vector<std::string>& morphNames = {},
                                    const anim::BoneNameMap& boneMap = {});

}  // namespace sc::tour
