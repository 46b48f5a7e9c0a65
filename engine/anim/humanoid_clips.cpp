#include "anim/humanoid_clips.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "anim/walk.hpp"

namespace sc::anim {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kTwoPi = 2.0f * kPi;
constexpr float kKeysPerSecond = 30.0f;
const glm::vec3 kX(1.0f, 0.0f, 0.0f);
const glm::vec3 kY(0.0f, 1.0f, 0.0f);
const glm::vec3 kZ(0.0f, 0.0f, 1.0f);

// One procedural frame: rotation deltas per bone and a pelvis offset (character axes).
struct Frame {
  std::array<glm::quat, kHumanoidBoneCount> delta;
  std::array<bool, kHumanoidBoneCount> used{};
  glm::vec3 hipsOffset{0.0f};
  bool hipsMoves = false;

  void set(HumanoidBone bone, const glm::quat& q) {
    delta[static_cast<std::size_t>(bone)] = q;
    used[static_cast<std::size_t>(bone)] = true;
  }
};

using FrameFn = std::function<void(float t, Frame& frame)>;

Clip bake(std::string name, float duration, const HumanoidRig& rig, const Skeleton& skeleton,
          const FrameFn& fn) {
  SC_CHECK(rig.restModel().size() == skeleton.jointCount(),
           "procedural clip '{}': the rig was built for another skeleton", name);
  const auto keys = static_cast<std::size_t>(std::lround(duration * kKeysPerSecond)) + 1;
  std::vector<Frame> frames(keys);
  std::vector<float> times(keys);
  for (std::size_t k = 0; k < keys; ++k) {
    times[k] = duration * static_cast<float>(k) / static_cast<float>(keys - 1);
    fn(times[k], frames[k]);
  }
  Clip clip;
  clip.name = std::move(name);
  clip.duration = duration;
  for (std::size_t b = 0; b < kHumanoidBoneCount; ++b) {
    const auto bone = static_cast<HumanoidBone>(b);
    if (!frames[0].used[b] || !rig.has(bone)) continue;
    Track track;
    track.joint = static_cast<std::uint32_t>(rig.joint(bone));
    track.path = TrackPath::Rotation;
    track.width = 4;
    track.times = times;
    for (const Frame& f : frames) {
      const glm::quat q = rig.localFromDelta(bone, f.delta[b]);
      track.values.insert(track.values.end(), {q.x, q.y, q.z, q.w});
    }
    clip.tracks.push_back(std::move(track));
  }
  if (frames[0].hipsMoves) {
    const std::int32_t hips = rig.joint(HumanoidBone::Hips);
    const std::int32_t parent = rig.parentOf(hips);
    const glm::mat4 parentRest =
        parent == kNoJoint ? glm::mat4(1.0f) : rig.restModel()[static_cast<std::size_t>(parent)];
    const glm::mat4 toParent = glm::inverse(parentRest);
    Track track;
    track.joint = static_cast<std::uint32_t>(hips);
    track.path = TrackPath::Translation;
    track.width = 3;
    track.times = times;
    for (const Frame& f : frames) {
      const glm::vec3 p(toParent *
                        glm::vec4(rig.restPosition(HumanoidBone::Hips) + f.hipsOffset, 1.0f));
      track.values.insert(track.values.end(), {p.x, p.y, p.z});
    }
    clip.tracks.push_back(std::move(track));
  }
  return clip;
}

float sideSign(Side side) { return side == Side::Left ? 1.0f : -1.0f; }

// T-pose direction of an arm, and the delta that turns it to `direction`.
glm::quat armTowards(Side side, const glm::vec3& direction) {
  return rotationBetween(glm::vec3(sideSign(side), 0.0f, 0.0f), direction);
}

void relaxedArms(Frame& f, float elbow) {
  for (Side side : {Side::Left, Side::Right}) {
    f.set(sided(side, HumanoidBone::LeftUpperArm), armsDownDelta(side));
    f.set(sided(side, HumanoidBone::LeftLowerArm), elbowFlexDelta(side, elbow));
  }
}

}  // namespace

Clip makeIdleClip(const HumanoidRig& rig, const Skeleton& skeleton) {
  const float leg = 0.5f * (rig.legLength(Side::Left) + rig.legLength(Side::Right));
  return bake("idle", 8.0f, rig, skeleton, [leg](float t, Frame& f) {
    const float breath = std::sin(kTwoPi * t / 4.0f);
    const float shift = std::sin(kTwoPi * t / 8.0f);
    const float sway = 0.025f * shift;
    // Legs lean so the ankles stay where they were while the pelvis moves sideways; the pelvis
    // drops by what the lean shortens the legs vertically, so feet stay on the ground.
    const float lean = -std::asin(std::clamp(sway / leg, -1.0f, 1.0f));
    f.hipsOffset = glm::vec3(sway, -leg * (1.0f - std::cos(lean)), 0.0f);
    f.hipsMoves = true;
    for (Side side : {Side::Left, Side::Right}) {
      f.set(sided(side, HumanoidBone::LeftUpperLeg), glm::angleAxis(lean, kZ));
      f.set(sided(side, HumanoidBone::LeftLowerLeg), glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
      f.set(sided(side, HumanoidBone::LeftFoot), glm::angleAxis(-lean, kZ));
    }
    f.set(HumanoidBone::Spine, glm::angleAxis(-0.02f * shift, kZ));
    f.set(HumanoidBone::Chest, glm::angleAxis(-0.015f * breath, kX));
    f.set(HumanoidBone::UpperChest, glm::angleAxis(-0.01f * breath, kX));
    f.set(HumanoidBone::LeftShoulder, glm::angleAxis(0.02f * breath, kZ));
    f.set(HumanoidBone::RightShoulder, glm::angleAxis(-0.02f * breath, kZ));
    f.set(HumanoidBone::Neck, glm::angleAxis(0.04f * std::sin(kTwoPi * t / 8.0f + 1.0f), kY));
    f.set(HumanoidBone::Head, glm::angleAxis(0.02f * std::sin(kTwoPi * t / 4.0f + 0.5f), kX));
    relaxedArms(f, 0.2f + 0.03f * breath);
  });
}

Clip makeTalkClip(const HumanoidRig& rig, const Skeleton& skeleton, unsigned variant) {
  const float offset = 0.25f * static_cast<float>(variant % 4);
  return bake("talk", 4.0f, rig, skeleton, [offset](float t, Frame& f) {
    const float u = t / 4.0f + offset;
    // Beats: short lifts of the forearm, right and left alternating, one a second.
    const float beatRight = std::pow(std::max(std::sin(kTwoPi * 2.0f * u), 0.0f), 3.0f);
    const float beatLeft = std::pow(std::max(-std::sin(kTwoPi * 2.0f * u + 0.6f), 0.0f), 3.0f);
    for (Side side : {Side::Left, Side::Right}) {
      const float beat = side == Side::Right ? beatRight : beatLeft;
      const float out = side == Side::Right ? 0.15f : 0.1f;
      f.set(sided(side, HumanoidBone::LeftUpperArm),
            glm::angleAxis(-(0.3f + 0.1f * beat), kX) *
                glm::angleAxis(sideSign(side) * out, kZ) * armsDownDelta(side));
      f.set(sided(side, HumanoidBone::LeftLowerArm), elbowFlexDelta(side, 1.15f + 0.35f * beat));
      // Palms turn up a little with each beat.
      f.set(sided(side, HumanoidBone::LeftHand),
            glm::angleAxis(sideSign(side) * (0.3f + 0.3f * beat), kX));
    }
    f.set(HumanoidBone::Chest, glm::angleAxis(0.03f * std::sin(kTwoPi * u), kY));
    f.set(HumanoidBone::Neck, glm::angleAxis(0.05f * std::sin(kTwoPi * 2.0f * u), kX));
  });
}

Clip makeWaveClip(const HumanoidRig& rig, const Skeleton& skeleton, Side side) {
  return bake("wave", 2.0f, rig, skeleton, [side](float t, Frame& f) {
    const float s = sideSign(side);
    f.set(sided(side, HumanoidBone::LeftUpperArm),
          armTowards(side, glm::normalize(glm::vec3(s * 0.55f, 0.75f, 0.25f))));
    const float wave = 0.4f * std::sin(kTwoPi * 1.5f * t);
    f.set(sided(side, HumanoidBone::LeftLowerArm),
          glm::angleAxis(wave, kX) * elbowFlexDelta(side, 1.3f));
    const Side other = side == Side::Left ? Side::Right : Side::Left;
    f.set(sided(other, HumanoidBone::LeftUpperArm), armsDownDelta(other));
    f.set(sided(other, HumanoidBone::LeftLowerArm), elbowFlexDelta(other, 0.2f));
  });
}

Clip makePointClip(const HumanoidRig& rig, const Skeleton& skeleton, Side side) {
  return bake("point", 1.0f, rig, skeleton, [side](float t, Frame& f) {
    const float x = std::clamp(t / 0.5f, 0.0f, 1.0f);
    const float ease = x * x * (3.0f - 2.0f * x);
    const glm::quat raised =
        armTowards(side, glm::normalize(glm::vec3(sideSign(side) * 0.35f, 0.15f, 0.92f)));
    f.set(sided(side, HumanoidBone::LeftUpperArm),
          slerpShortest(armsDownDelta(side), raised, ease));
    f.set(sided(side, HumanoidBone::LeftLowerArm), elbowFlexDelta(side, 0.2f * (1.0f - ease) + 0.08f));
    const Side other = side == Side::Left ? Side::Right : Side::Left;
    f.set(sided(other, HumanoidBone::LeftUpperArm), armsDownDelta(other));
    f.set(sided(other, HumanoidBone::LeftLowerArm), elbowFlexDelta(other, 0.2f));
  });
}

JointMask upperBodyMask(const HumanoidRig& rig, const Skeleton& skeleton) {
  JointMask mask(skeleton.jointCount(), 0.0f);
  addSubtree(skeleton, rig.joint(HumanoidBone::Spine), 1.0f, mask);
  return mask;
}

}  // namespace sc::anim
