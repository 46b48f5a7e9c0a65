#include "tour/guide_animator.hpp"

#include <algorithm>

#include "tour/tour_director.hpp"

namespace sc::tour {

GuideAnimator::GuideAnimator(const GuideAvatar& avatar, const anim::WalkParams& walk)
    : avatar_(&avatar), walk_(avatar.rig, walk), model_(avatar.skeleton.jointCount()) {
  pose_ = anim::restPose(avatar.skeleton);
  look_.headSeconds = 0.3f;
}

void GuideAnimator::layer(const anim::Clip& clip, double time, bool loop, float weight) {
  if (weight <= 0.0f) return;
  // The layer starts from the current pose so joints the clip has no track for keep their
  // locomotion values (a plain rest-pose layer would pull the breathing spine back to rest).
  scratch_ = pose_;
  anim::sampleClip(clip, avatar_->skeleton, float(time), loop, scratch_);
  anim::blendMasked(pose_, scratch_, avatar_->upperBody, std::min(weight, 1.0f), pose_);
}

void GuideAnimator::update(const AnimatorInput& in) {
  const GuideAvatar& a = *avatar_;
  const anim::Skeleton& skeleton = a.skeleton;
  const glm::mat4 root = in.root.matrix();

  // Locomotion: the idle loop, blended towards the walk cycle while walking.
  pose_ = anim::restPose(skeleton);
  anim::sampleClip(a.clips.idle, skeleton, float(in.timeSec), true, pose_);
  if (in.walkWeight > 0.0f) {
    walkPose_ = anim::restPose(skeleton);
    walk_.apply(skeleton, walkPose_, model_, root, in.root.phase);
    anim::blendPoses(pose_, walkPose_, std::min(in.walkWeight, 1.0f), pose_);
  } else {
    walk_.reset();
  }

  // Upper body: talk beats, then the gesture on top (both masked to spine and above).
  const anim::Clip& talk = a.clips.talk[in.talkVariant & 1];
  layer(talk, in.talkTimeSec, true, in.talkWeight);
  switch (in.gesture) {
    case Gesture::Wave: layer(a.clips.wave, in.gestureTimeSec, true, in.gestureWeight); break;
    case Gesture::Point:
    case Gesture::Present: {
      const anim::Clip& point = in.aimSide == anim::Side::Left ? a.clips.pointLeft : a.clips.point;
      layer(point, in.gestureTimeSec, false, in.gestureWeight);
      break;
    }
    default: break;
  }

  anim::computeModelMatrices(skeleton, pose_.local, model_);
  const glm::mat4 toModel = glm::inverse(root);
  if (in.aimTargetWorld && in.aimWeight > 0.0f) {
    glm::vec3 target = glm::vec3(toModel * glm::vec4(*in.aimTargetWorld, 1.0f));
    anim::ArmAimLimits limits;
    if (in.aimLow) {
      // Presenting: an open arm at chest height towards the POI, not a raised pointing arm.
      glm::vec3 shoulder = a.rig.restPosition(anim::sided(in.aimSide, anim::HumanoidBone::LeftUpperArm));
      target.y = shoulder.y - 0.25f * glm::length(glm::vec2(target.x - shoulder.x, target.z - shoulder.z));
      limits.maxElevation = 5.0f * anim::kDegrees;
    }
    scratch_ = pose_;
    anim::aimArm(a.rig, skeleton, scratch_, model_, in.aimSide, target, limits);
    const anim::JointMask& arm = in.aimSide == anim::Side::Left ? a.leftArm : a.rightArm;
    anim::blendMasked(pose_, scratch_, arm, std::min(in.aimWeight, 1.0f), pose_);
    anim::computeModelMatrices(skeleton, pose_.local, model_);
  }

  glm::vec3 lookTarget = glm::vec3(toModel * glm::vec4(in.lookTargetWorld, 1.0f));
  look_.update(float(in.dt), a.rig, skeleton, pose_, model_, lookTarget);

  // Face: the rest weights, then visemes and blink on their morphs.
  pose_.morphWeights = skeleton.restMorphWeights;
  for (std::size_t v = 0; v < guide::kMouthVisemeCount; ++v) {
    for (std::uint32_t index : a.face.visemes[v]) pose_.morphWeights[index] = std::clamp(in.mouth[v], 0.0f, 1.0f);
  }
  for (std::uint32_t index : a.face.blink) pose_.morphWeights[index] = std::clamp(in.blink, 0.0f, 1.0f);

  anim::buildFramePalette(skeleton, pose_, glm::mat4(1.0f), a.skins, palette_);
}

glm::vec3 GuideAnimator::headModel() const {
  std::int32_t head = avatar_->rig.joint(anim::HumanoidBone::Head);
  if (head < 0 || std::size_t(head) >= model_.size()) return glm::vec3(0.0f, 1.6f, 0.0f);
  return glm::vec3(model_[std::size_t(head)][3]);
}

}  // namespace sc::tour
