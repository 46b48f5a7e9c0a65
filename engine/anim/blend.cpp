#include "anim/blend.hpp"

#include <algorithm>

namespace sc::anim {
namespace {

void checkSameShape(const Pose& a, const Pose& b) {
  SC_CHECK(a.local.size() == b.local.size() && a.morphWeights.size() == b.morphWeights.size(),
           "pose blend: poses of different skeletons ({} vs {} joints)", a.local.size(),
           b.local.size());
}

void resizeLike(const Pose& shape, Pose& out) {
  out.local.resize(shape.local.size());
  out.morphWeights.resize(shape.morphWeights.size());
}

}  // namespace

void addSubtree(const Skeleton& skeleton, std::int32_t root, float weight, JointMask& mask) {
  mask.resize(skeleton.jointCount(), 0.0f);
  if (root < 0 || static_cast<std::size_t>(root) >= skeleton.jointCount()) return;
  std::vector<bool> inside(skeleton.jointCount(), false);
  inside[static_cast<std::size_t>(root)] = true;
  // Parents come before children, so one forward pass marks the whole subtree.
  for (std::size_t j = static_cast<std::size_t>(root); j < skeleton.jointCount(); ++j) {
    const std::int32_t p = skeleton.parents[j];
    if (p != kNoJoint && inside[static_cast<std::size_t>(p)]) inside[j] = true;
    if (inside[j]) mask[j] = std::max(mask[j], weight);
  }
}

void blendPoses(const Pose& a, const Pose& b, float t, Pose& out) {
  checkSameShape(a, b);
  resizeLike(a, out);
  for (std::size_t j = 0; j < a.local.size(); ++j) out.local[j] = mix(a.local[j], b.local[j], t);
  for (std::size_t i = 0; i < a.morphWeights.size(); ++i) {
    out.morphWeights[i] = a.morphWeights[i] + (b.morphWeights[i] - a.morphWeights[i]) * t;
  }
}

void blendMasked(const Pose& base, const Pose& layer, const JointMask& mask, float weight,
                 Pose& out) {
  checkSameShape(base, layer);
  SC_CHECK(mask.size() == base.local.size(), "blendMasked: mask has {} entries for {} joints",
           mask.size(), base.local.size());
  resizeLike(base, out);
  for (std::size_t j = 0; j < base.local.size(); ++j) {
    const float w = mask[j] * weight;
    // Exact copies where the mask is 0 or 1, so masked-out joints stay bit-identical.
    if (w <= 0.0f) {
      out.local[j] = base.local[j];
    } else if (w >= 1.0f) {
      out.local[j] = layer.local[j];
    } else {
      out.local[j] = mix(base.local[j], layer.local[j], w);
    }
  }
  for (std::size_t i = 0; i < base.morphWeights.size(); ++i) {
    out.morphWeights[i] =
        base.morphWeights[i] + (layer.morphWeights[i] - base.morphWeights[i]) * weight;
  }
}

void blendAdditive(const Pose& base, const Pose& layer, const Pose& reference,
                   const JointMask& mask, float weight, Pose& out) {
  checkSameShape(base, layer);
  checkSameShape(base, reference);
  SC_CHECK(mask.empty() || mask.size() == base.local.size(),
           "blendAdditive: mask has {} entries for {} joints", mask.size(), base.local.size());
  resizeLike(base, out);
  const glm::quat identity(1.0f, 0.0f, 0.0f, 0.0f);
  for (std::size_t j = 0; j < base.local.size(); ++j) {
    const float w = weight * (mask.empty() ? 1.0f : mask[j]);
    const Transform& b = base.local[j];
    const Transform& l = layer.local[j];
    const Transform& r = reference.local[j];
    Transform t;
    t.translation = b.translation + w * (l.translation - r.translation);
    const glm::quat delta = glm::normalize(glm::inverse(r.rotation) * l.rotation);
    t.rotation = glm::normalize(b.rotation * slerpShortest(identity, delta, w));
    const glm::vec3 ratio = l.scale / glm::max(glm::abs(r.scale), glm::vec3(1e-6f)) *
                            glm::sign(r.scale);
    t.scale = b.scale * glm::mix(glm::vec3(1.0f), ratio, w);
    out.local[j] = t;
  }
  for (std::size_t i = 0; i < base.morphWeights.size(); ++i) {
    out.morphWeights[i] =
        base.morphWeights[i] + weight * (layer.morphWeights[i] - reference.morphWeights[i]);
  }
}

void ClipPlayer::sample(const Skeleton& skeleton, Pose& pose) const {
  if (clip) sampleClip(*clip, skeleton, time, loop, pose);
}

bool ClipPlayer::finished() const {
  return clip && !loop && (speed >= 0.0f ? time >= clip->duration : time <= 0.0f);
}

void CrossFade::play(const Clip* clip, bool loop, float speed) {
  from_ = {};
  to_ = ClipPlayer{clip, 0.0f, speed, loop};
  duration_ = 0.0f;
  elapsed_ = 0.0f;
}

void CrossFade::fadeTo(const Clip* clip, float duration, bool loop, float speed,
                       FadeCurve curve) {
  if (duration <= 0.0f || to_.clip == nullptr) {
    play(clip, loop, speed);
    return;
  }
  from_ = to_;
  to_ = ClipPlayer{clip, 0.0f, speed, loop};
  duration_ = duration;
  elapsed_ = 0.0f;
  curve_ = curve;
}

void CrossFade::advance(float dt) {
  from_.advance(dt);
  to_.advance(dt);
  elapsed_ += dt;
  if (from_.clip && elapsed_ >= duration_) from_ = {};
}

float CrossFade::weight() const {
  if (!from_.clip || duration_ <= 0.0f) return 1.0f;
  const float x = std::clamp(elapsed_ / duration_, 0.0f, 1.0f);
  return curve_ == FadeCurve::Linear ? x : x * x * (3.0f - 2.0f * x);
}

void CrossFade::evaluate(const Skeleton& skeleton, const Pose& base, Pose& out) {
  out = base;
  to_.sample(skeleton, out);
  if (!from_.clip) return;
  scratch_ = base;
  from_.sample(skeleton, scratch_);
  blendPoses(scratch_, out, weight(), out);
}

}  // namespace sc::anim
