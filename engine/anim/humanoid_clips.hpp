#pragma once
// Procedural clips for a humanoid rig, baked into ordinary keyed clips (LINEAR, 30 keys per
// second) so that they play, loop, cross-fade and layer like authored ones. They are built from
// rotation deltas in character axes (see humanoid.hpp), so any rig in a T-pose facing +Z gets
// the same motion. Only the bones a clip moves get tracks; a missing optional bone is skipped.
//
// The walk is not a clip: see walk.hpp (it needs the root's path to plant its feet).
#include "anim/blend.hpp"
#include "anim/clip.hpp"
#include "anim/humanoid.hpp"

namespace sc::anim {

// 8 s loop: breathing (4 s period: chest and shoulders), weight shift from foot to foot (8 s
// period: pelvis sideways by 2.5 cm with the legs compensating so the feet stay put), relaxed
// arms, small head drift.
Clip makeIdleClip(const HumanoidRig& rig, const Skeleton& skeleton);

// 4 s loop of beat gestures for speaking: forearms raised in front, hands beating in turn, small
// head nods. `variant` (0..3) shifts the beats so repeated lines do not look identical.
Clip makeTalkClip(const HumanoidRig& rig, const Skeleton& skeleton, unsigned variant = 0);

// 2 s loop: arm raised to the side, forearm up, waving three times.
Clip makeWaveClip(const HumanoidRig& rig, const Skeleton& skeleton, Side side = Side::Right);

// 1 s, not looping: the arm rises in 0.5 s to point ahead and outwards, then holds. Refine the
// direction towards the point of interest with aimArm() after sampling.
Clip makePointClip(const HumanoidRig& rig, const Skeleton& skeleton, Side side = Side::Right);

// 1 for the spine and everything above it (chest, neck, head, shoulders, arms), 0 for the hips
// and legs: layer talk/point/wave over the walk with blendMasked().
JointMask upperBodyMask(const HumanoidRig& rig, const Skeleton& skeleton);

}  // namespace sc::anim
