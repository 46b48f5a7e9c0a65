#pragma once
// Pose blending: cross-fades between clips, layers restricted by a per-joint mask (the guide
// points with the upper body while the legs keep walking), and optional additive layers.
// All functions work on local transforms; poses must have the skeleton's joint and morph counts.
#include <span>
#include <vector>

#include "anim/clip.hpp"
#include "anim/skeleton.hpp"

namespace sc::anim {

// Per-joint layer weight in [0, 1]; one entry per joint.
using JointMask = std::vector<float>;

// Mask with `weight` on `root` and every descendant of it, 0 elsewhere (weights of joints
// already set in `mask` are kept where larger). `mask` is resized to the joint count.
void addSubtree(const Skeleton& skeleton, std::int32_t root, float weight, JointMask& mask);

// out = mix(a, b, t) per joint (translation/scale lerp, rotation shortest slerp, weights lerp).
// `out` may alias a or b.
void blendPoses(const Pose& a, const Pose& b, float t, Pose& out);

// Layered blend: out[j] = mix(base[j], layer[j], mask[j] * weight). Morph weights are blended by
// `weight` alone (faces are not masked). `out` may alias base or layer.
void blendMasked(const Pose& base, const Pose& layer, const JointMask& mask, float weight,
                 Pose& out);

// Additive layer: the difference of `layer` from `reference` (usually the layer clip's first
// frame or the rest pose) is applied on top of `base`, scaled by weight * mask[j] (an empty
// mask means 1 everywhere):
//   T = base.T + w (layer.T - ref.T),  R = base.R * slerp(I, ref.R^-1 layer.R, w),
//   S = base.S * mix(1, layer.S / ref.S, w),  morph weights add w (layer - ref).
void blendAdditive(const Pose& base, const Pose& layer, const Pose& reference,
                   const JointMask& mask, float weight, Pose& out);

// Playback position of one clip.
struct ClipPlayer {
  const Clip* clip = nullptr;
  float time = 0.0f;
  float speed = 1.0f;
  bool loop = true;

  void advance(float dt) { time += dt * speed; }
  // Samples the clip over `pose` (which should start from the rest pose or a base pose).
  void sample(const Skeleton& skeleton, Pose& pose) const;
  // True for a non-looping clip that has reached its end.
  bool finished() const;
};

enum class FadeCurve : std::uint8_t { Linear, SmoothStep };

// Cross-fade from the current clip to a new one over a duration. weight() is the weight of the
// incoming clip: 0 at the start, 1 after `duration` seconds (Linear: elapsed / duration;
// SmoothStep: 3x^2 - 2x^3 of that, so also 0.5 at half time). A fadeTo() during a fade makes
// the incoming clip the outgoing one and drops the older outgoing clip: a small pop when that
// clip still had weight (keep fades short, 0.2-0.5 s, or wait for fading() to end).
class CrossFade {
 public:
  // Immediately plays `clip` with no fade.
  void play(const Clip* clip, bool loop = true, float speed = 1.0f);
  // Starts fading to `clip`; duration <= 0 switches at once.
  void fadeTo(const Clip* clip, float duration, bool loop = true, float speed = 1.0f,
              FadeCurve curve = FadeCurve::SmoothStep);
  void advance(float dt);
  float weight() const;
  bool fading() const { return from_.clip != nullptr && elapsed_ < duration_; }
  // Samples both clips over `scratch` copies of `base` and blends them into `out`.
  void evaluate(const Skeleton& skeleton, const Pose& base, Pose& out);

  const ClipPlayer& current() const { return to_; }

 private:
  ClipPlayer from_;
  ClipPlayer to_;
  float duration_ = 0.0f;
  float elapsed_ = 0.0f;
  FadeCurve curve_ = FadeCurve::SmoothStep;
  Pose scratch_;
};

}  // namespace sc::anim
