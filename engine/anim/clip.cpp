#include "anim/clip.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "assets/model.hpp"

namespace sc::anim {
namespace {

// Index k of the interval [times[k], times[k+1]) holding t; the caller handles clamping.
std::size_t findInterval(const std::vector<float>& times, float t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  return static_cast<std::size_t>(it - times.begin()) - 1;
}

std::uint32_t fixedWidth(TrackPath path) {
  switch (path) {
    case TrackPath::Rotation: return 4;
    case TrackPath::Weights: return 0;
    default: return 3;
  }
}

}  // namespace

float wrapTime(float t, float duration) {
  if (!(duration > 0.0f)) return 0.0f;
  float w = std::fmod(t, duration);
  if (w < 0.0f) w += duration;
  return w >= duration ? 0.0f : w;
}

std::string checkTrack(const Track& track, std::size_t jointCount) {
  if (track.joint >= jointCount) {
    return fmt::format("targets node {} but there are only {} nodes", track.joint, jointCount);
  }
  if (track.times.empty()) return "has no keys";
  const std::uint32_t expect = fixedWidth(track.path);
  if (track.width == 0 || (expect != 0 && track.width != expect)) {
    return fmt::format("has {} floats per value, expected {}", track.width, expect);
  }
  const std::size_t perKey =
      std::size_t{track.width} * (track.interpolation == Interpolation::CubicSpline ? 3u : 1u);
  if (track.values.size() / perKey != track.times.size() ||
      track.values.size() % perKey != 0) {
    return fmt::format("has {} keys but {} values ({} expected)", track.times.size(),
                       track.values.size(), track.times.size() * perKey);
  }
  for (std::size_t k = 0; k < track.times.size(); ++k) {
    if (!std::isfinite(track.times[k])) return fmt::format("key {} has a non-finite time", k);
    if (k > 0 && track.times[k] < track.times[k - 1]) {
      return fmt::format("key {} time {} is before key {} time {}", k, track.times[k], k - 1,
                         track.times[k - 1]);
    }
  }
  for (float v : track.values) {
    if (!std::isfinite(v)) return "has a non-finite value";
  }
  if (track.path == TrackPath::Rotation) {
    const std::size_t stride = perKey;
    const std::size_t valueOffset = track.interpolation == Interpolation::CubicSpline ? 4 : 0;
    for (std::size_t k = 0; k < track.times.size(); ++k) {
      const float* q = &track.values[k * stride + valueOffset];
      if (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3] < 1e-12f) {
        return fmt::format("rotation key {} has zero length", k);
      }
    }
  }
  return {};
}

Result<Clip> clipFromAsset(const assets::AnimClip& source, const Skeleton& skeleton) {
  Clip clip;
  clip.name = source.name;
  clip.duration = std::isfinite(source.duration) ? std::max(source.duration, 0.0f) : 0.0f;
  clip.tracks.reserve(source.channels.size());
  for (std::size_t c = 0; c < source.channels.size(); ++c) {
    const assets::AnimChannel& ch = source.channels[c];
    Track track;
    track.joint = ch.node;
    track.path = static_cast<TrackPath>(ch.path);
    track.interpolation = static_cast<Interpolation>(ch.interpolation);
    track.times = ch.times;
    track.values = ch.values;
    if (track.path == TrackPath::Weights) {
      if (ch.node >= skeleton.jointCount()) {
        return makeError("animation '{}' channel {}: targets node {} but there are only {} nodes",
                         source.name, c, ch.node, skeleton.jointCount());
      }
      track.width = skeleton.morphCounts[ch.node];
      if (track.width == 0) {
        return makeError("animation '{}' channel {}: animates morph weights of node {} ('{}'), "
                         "which has no morph targets; re-export without that channel",
                         source.name, c, ch.node, skeleton.names[ch.node]);
      }
    } else {
      track.width = fixedWidth(track.path);
    }
    if (std::string problem = checkTrack(track, skeleton.jointCount()); !problem.empty()) {
      return makeError("animation '{}' channel {}: {}; the file is damaged or was exported "
                       "wrongly",
                       source.name, c, problem);
    }
    clip.duration = std::max(clip.duration, track.times.back());
    clip.tracks.push_back(std::move(track));
  }
  return clip;
}

void sampleTrack(const Track& track, float t, std::span<float> out) {
  const std::size_t w = track.width;
  SC_CHECK(out.size() >= w && !track.times.empty(), "sampleTrack: output too small or no keys");
  const bool cubic = track.interpolation == Interpolation::CubicSpline;
  const std::size_t stride = cubic ? 3 * w : w;
  const std::size_t valueOffset = cubic ? w : 0;  // skip the in-tangent
  const std::size_t last = track.times.size() - 1;
  auto value = [&](std::size_t k) { return &track.values[k * stride + valueOffset]; };

  std::size_t k = 0;
  bool clamp = false;
  if (t <= track.times.front()) {
    clamp = true;
  } else if (t >= track.times.back()) {
    k = last;
    clamp = true;
  } else {
    k = findInterval(track.times, t);
  }
  if (clamp || track.interpolation == Interpolation::Step) {
    std::copy_n(value(k), w, out.begin());
    return;
  }
  const float t0 = track.times[k];
  const float t1 = track.times[k + 1];
  const float td = t1 - t0;
  const float s = td > 0.0f ? (t - t0) / td : 0.0f;
  const float* v0 = value(k);
  const float* v1 = value(k + 1);

  if (!cubic) {
    if (track.path == TrackPath::Rotation) {
      const glm::quat a(v0[3], v0[0], v0[1], v0[2]);
      const glm::quat b(v1[3], v1[0], v1[1], v1[2]);
      const glm::quat q = slerpShortest(glm::normalize(a), glm::normalize(b), s);
      out[0] = q.x, out[1] = q.y, out[2] = q.z, out[3] = q.w;
      return;
    }
    for (std::size_t i = 0; i < w; ++i) out[i] = v0[i] + (v1[i] - v0[i]) * s;
    return;
  }
  const float* outTangent0 = v0 + w;               // b_k
  const float* inTangent1 = &track.values[(k + 1) * stride];  // a_k+1
  const float s2 = s * s;
  const float s3 = s2 * s;
  const float h00 = 2.0f * s3 - 3.0f * s2 + 1.0f;
  const float h10 = td * (s3 - 2.0f * s2 + s);
  const float h01 = -2.0f * s3 + 3.0f * s2;
  const float h11 = td * (s3 - s2);
  for (std::size_t i = 0; i < w; ++i) {
    out[i] = h00 * v0[i] + h10 * outTangent0[i] + h01 * v1[i] + h11 * inTangent1[i];
  }
  if (track.path == TrackPath::Rotation) {
    const float len = std::sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2] +
                                out[3] * out[3]);
    if (len > 1e-12f) {
      for (std::size_t i = 0; i < 4; ++i) out[i] /= len;
    } else {
      out[0] = out[1] = out[2] = 0.0f, out[3] = 1.0f;
    }
  }
}

void sampleClip(const Clip& clip, const Skeleton& skeleton, float t, bool loop, Pose& pose) {
  const float time = loop ? wrapTime(t, clip.duration) : t;
  float buffer[4];
  for (const Track& track : clip.tracks) {
    SC_CHECK(track.joint < pose.local.size(), "sampleClip: track joint {} outside the pose",
             track.joint);
    Transform& local = pose.local[track.joint];
    switch (track.path) {
      case TrackPath::Translation:
        sampleTrack(track, time, buffer);
        local.translation = glm::vec3(buffer[0], buffer[1], buffer[2]);
        break;
      case TrackPath::Scale:
        sampleTrack(track, time, buffer);
        local.scale = glm::vec3(buffer[0], buffer[1], buffer[2]);
        break;
      case TrackPath::Rotation:
        sampleTrack(track, time, buffer);
        local.rotation = glm::normalize(glm::quat(buffer[3], buffer[0], buffer[1], buffer[2]));
        break;
      case TrackPath::Weights: {
        const std::size_t offset = skeleton.morphOffsets[track.joint];
        SC_CHECK(track.width == skeleton.morphCounts[track.joint] &&
                     offset + track.width <= pose.morphWeights.size(),
                 "sampleClip: weights track of joint {} does not fit the pose", track.joint);
        sampleTrack(track, time, std::span<float>(pose.morphWeights).subspan(offset, track.width));
        break;
      }
    }
  }
}

}  // namespace sc::anim
