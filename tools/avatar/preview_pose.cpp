#include "preview_pose.hpp"

#include "anim/clip.hpp"
#include "anim/humanoid.hpp"
#include "anim/humanoid_clips.hpp"
#include "anim/skin_palette.hpp"

namespace sc::avatar {

Status bakeMorph(GuideModel& model, const std::string& name, float weight) {
  bool found = false;
  for (Mesh& mesh : model.meshes) {
    for (std::size_t t = 0; t < mesh.targetNames.size(); ++t) {
      if (mesh.targetNames[t] != name) continue;
      found = true;
      for (Primitive& p : mesh.primitives) {
        for (std::size_t i = 0; i < p.vertices.size(); ++i) {
          p.vertices[i].position += weight * p.morphDeltas[t][i];
        }
      }
    }
  }
  if (!found) return makeError("no morph target named '{}' (try aa, ih, ou, ee, oh, blink)", name);
  return okStatus();
}

Status bakeClip(GuideModel& model, const std::string& clipName, float timeSec) {
  const anim::Skeleton skeleton = anim::makeReferenceHumanoid();
  auto rig = anim::HumanoidRig::fromSkeleton(skeleton);
  if (!rig.ok()) return rig.error();
  anim::Clip clip;
  if (clipName == "idle") clip = anim::makeIdleClip(*rig, skeleton);
  else if (clipName == "talk") clip = anim::makeTalkClip(*rig, skeleton);
  else if (clipName == "wave") clip = anim::makeWaveClip(*rig, skeleton);
  else if (clipName == "point") clip = anim::makePointClip(*rig, skeleton);
  else return makeError("unknown clip '{}' (try idle, talk, wave, point)", clipName);
  anim::Pose pose = anim::restPose(skeleton);
  anim::sampleClip(clip, skeleton, timeSec, /*loop=*/clipName != "point", pose);
  const std::vector<glm::mat4> posed = anim::modelMatrices(skeleton, pose);
  const std::vector<glm::mat4> rest = anim::modelMatrices(skeleton, anim::restPose(skeleton));
  std::vector<glm::mat4> joints(posed.size());
  for (std::size_t j = 0; j < posed.size(); ++j) joints[j] = posed[j] * glm::inverse(rest[j]);
  for (Mesh& mesh : model.meshes) {
    for (Primitive& p : mesh.primitives) {
      for (Vertex& v : p.vertices) {
        v.position = anim::skinPosition(joints, v.joints, v.weights, v.position);
        v.normal = anim::skinNormal(joints, v.joints, v.weights, v.normal);
      }
    }
  }
  return okStatus();
}

}  // namespace sc::avatar
