#pragma once
// Animation clips and their sampling, exactly as glTF 2.0 defines it (spec section 3.11 and
// Appendix C):
//  - STEP: the value of the last key at or before t.
//  - LINEAR: lerp for translation/scale/weights, spherical lerp along the shorter arc for
//    rotations.
//  - CUBICSPLINE: cubic Hermite with in/out tangents scaled by the key interval td:
//      p(s) = (2s^3-3s^2+1) v_k + td (s^3-2s^2+s) b_k + (-2s^3+3s^2) v_k+1 + td (s^3-s^2) a_k+1
//    where b_k is key k's out-tangent and a_k+1 key k+1's in-tangent; rotations normalised.
//  - Before the first key the first value holds, after the last key the last value holds
//    (clamping); a track with one key is constant.
//  - Looping wraps the clip time into [0, duration) first.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "anim/skeleton.hpp"
#include "core/result.hpp"

namespace sc::assets {
struct AnimClip;
}

namespace sc::anim {

enum class Interpolation : std::uint8_t { Step, Linear, CubicSpline };
enum class TrackPath : std::uint8_t { Translation, Rotation, Scale, Weights };

struct Track {
  std::uint32_t joint = 0;
  TrackPath path = TrackPath::Translation;
  Interpolation interpolation = Interpolation::Linear;
  std::uint32_t width = 3;   // floats per value: 3 (T/S), 4 (R as x,y,z,w) or the weight count
  std::vector<float> times;  // seconds, non-decreasing, finite; at least one key
  // width floats per key; CubicSpline stores in-tangent, value, out-tangent per key.
  std::vector<float> values;
};

struct Clip {
  std::string name;
  float duration = 0.0f;  // seconds; the last key time of all tracks unless set longer
  std::vector<Track> tracks;
};

// Checks a track's sizes and times (what `clipFromAsset` checks for content). Empty when fine,
// otherwise the problem in words.
std::string checkTrack(const Track& track, std::size_t jointCount);

// Converts an imported clip for `skeleton` (built by skeletonFromModel, so node == joint).
// Refuses, with the clip's and channel's name/index in the message: a node out of range, times
// that are not finite or decrease, value counts that do not match the key count, a weights
// channel whose width differs from the node's morph count, rotation keys of zero length.
Result<Clip> clipFromAsset(const assets::AnimClip& clip, const Skeleton& skeleton);

// Samples one track at time t (seconds, no wrapping) into out (width floats).
void sampleTrack(const Track& track, float t, std::span<float> out);

// Samples every track of `clip` at time t into `pose` (joints without a track keep their
// current value). With `loop`, t is wrapped into [0, duration) first. Tracks whose joint or
// weight range does not fit the pose are a contract violation (use clipFromAsset/checkTrack).
void sampleClip(const Clip& clip, const Skeleton& skeleton, float t, bool loop, Pose& pose);

// Wraps t into [0, duration) (duration <= 0 gives 0).
float wrapTime(float t, float duration);

}  // namespace sc::anim
