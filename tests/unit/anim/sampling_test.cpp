// Clip sampling against hand-computed values and the glTF 2.0 formulas.
#include <gtest/gtest.h>

#include <cmath>

#include "anim/clip.hpp"
#include "anim/humanoid.hpp"
#include "assets/model.hpp"

namespace sc::anim {
namespace {

Skeleton oneJoint(std::uint32_t morphs = 0) {
  return makeSkeleton({"j"}, {kNoJoint}, {Transform{}}, {morphs});
}

Track vec3Track(Interpolation interp, std::vector<float> times, std::vector<float> values) {
  Track t;
  t.joint = 0;
  t.path = TrackPath::Translation;
  t.interpolation = interp;
  t.width = 3;
  t.times = std::move(times);
  t.values = std::move(values);
  return t;
}

glm::vec3 sample3(const Track& t, float time) {
  float out[3];
  sampleTrack(t, time, out);
  return {out[0], out[1], out[2]};
}

TEST(Sampling, StepHoldsThePreviousKey) {
  const Track t = vec3Track(Interpolation::Step, {0.0f, 1.0f, 2.0f},
                            {0, 0, 0, 10, 20, 30, -1, -2, -3});
  EXPECT_EQ(sample3(t, 0.0f), glm::vec3(0, 0, 0));
  EXPECT_EQ(sample3(t, 0.999f), glm::vec3(0, 0, 0));
  EXPECT_EQ(sample3(t, 1.0f), glm::vec3(10, 20, 30));
  EXPECT_EQ(sample3(t, 1.5f), glm::vec3(10, 20, 30));
  EXPECT_EQ(sample3(t, 2.0f), glm::vec3(-1, -2, -3));
}

TEST(Sampling, LinearInterpolatesAndClamps) {
  const Track t = vec3Track(Interpolation::Linear, {1.0f, 3.0f}, {0, 0, 0, 4, -8, 2});
  const glm::vec3 mid = sample3(t, 1.5f);  // s = 0.25
  EXPECT_FLOAT_EQ(mid.x, 1.0f);
  EXPECT_FLOAT_EQ(mid.y, -2.0f);
  EXPECT_FLOAT_EQ(mid.z, 0.5f);
  EXPECT_EQ(sample3(t, -5.0f), glm::vec3(0, 0, 0));  // before the first key: first value
  EXPECT_EQ(sample3(t, 9.0f), glm::vec3(4, -8, 2));  // after the last key: last value
}

TEST(Sampling, SingleKeyIsConstant) {
  const Track t = vec3Track(Interpolation::Linear, {0.5f}, {7, 8, 9});
  EXPECT_EQ(sample3(t, 0.0f), glm::vec3(7, 8, 9));
  EXPECT_EQ(sample3(t, 3.0f), glm::vec3(7, 8, 9));
}

TEST(Sampling, LinearRotationIsSlerp) {
  // 0 and 90 degrees about Y; a quarter of the way is exactly 22.5 degrees.
  const glm::quat a = glm::angleAxis(0.0f, glm::vec3(0, 1, 0));
  const glm::quat b = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
  Track t;
  t.path = TrackPath::Rotation;
  t.width = 4;
  t.times = {0.0f, 1.0f};
  t.values = {a.x, a.y, a.z, a.w, b.x, b.y, b.z, b.w};
  float out[4];
  sampleTrack(t, 0.25f, out);
  const glm::quat q(out[3], out[0], out[1], out[2]);
  EXPECT_NEAR(glm::degrees(glm::angle(q)), 22.5f, 1e-3f);
  EXPECT_NEAR(glm::length(q), 1.0f, 1e-6f);
}

TEST(Sampling, RotationTakesTheShortestPath) {
  // Key 1 is stored as the negated quaternion of +30 degrees; a long-path slerp would swing
  // through 180+ degrees, the shortest path stays between 10 and 30 degrees.
  const glm::quat a = glm::angleAxis(glm::radians(10.0f), glm::vec3(0, 0, 1));
  const glm::quat b = -glm::angleAxis(glm::radians(30.0f), glm::vec3(0, 0, 1));
  Track t;
  t.path = TrackPath::Rotation;
  t.width = 4;
  t.times = {0.0f, 1.0f};
  t.values = {a.x, a.y, a.z, a.w, b.x, b.y, b.z, b.w};
  float out[4];
  sampleTrack(t, 0.5f, out);
  const glm::quat q(out[3], out[0], out[1], out[2]);
  const glm::quat expected = glm::angleAxis(glm::radians(20.0f), glm::vec3(0, 0, 1));
  EXPECT_LT(glm::degrees(angleBetween(q, expected)), 1e-2f);
  // Also for slerpShortest directly, against a wide angle.
  const glm::quat c = glm::angleAxis(glm::radians(170.0f), glm::vec3(0, 1, 0));
  const glm::quat d = -glm::angleAxis(glm::radians(-170.0f), glm::vec3(0, 1, 0));  // 20 deg away
  const glm::quat m = slerpShortest(c, d, 0.5f);
  EXPECT_LT(glm::degrees(angleBetween(m, glm::angleAxis(glm::radians(180.0f), glm::vec3(0, 1, 0)))),
            1e-2f);
}

// glTF 2.0 Appendix C, written out independently of the implementation.
float hermite(float v0, float b0, float v1, float a1, float td, float s) {
  const float s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * v0 + td * (s3 - 2 * s2 + s) * b0 + (-2 * s3 + 3 * s2) * v1 +
         td * (s3 - s2) * a1;
}

TEST(Sampling, CubicSplineMatchesTheGltfFormula) {
  // Keys at 0 and 2 s (td = 2): values 1 and 3 in x; out-tangent of key 0 is 0.5, in-tangent of
  // key 1 is -1. Layout per key: in-tangent, value, out-tangent.
  const Track t = vec3Track(Interpolation::CubicSpline, {0.0f, 2.0f},
                            {9, 9, 9, /*v0*/ 1, 0, -1, /*b0*/ 0.5f, 2, 0,
                             /*a1*/ -1, 0, 4, /*v1*/ 3, 1, 1, 9, 9, 9});
  for (float time : {0.0f, 0.3f, 1.0f, 1.7f, 2.0f}) {
    const float s = time / 2.0f;
    const glm::vec3 v = sample3(t, time);
    EXPECT_NEAR(v.x, hermite(1, 0.5f, 3, -1, 2, s), 1e-5f) << time;
    EXPECT_NEAR(v.y, hermite(0, 2, 1, 0, 2, s), 1e-5f) << time;
    EXPECT_NEAR(v.z, hermite(-1, 0, 1, 4, 2, s), 1e-5f) << time;
  }
  // A hand-computed point: s = 0.5 -> 0.5 v0 + 2*0.125 b0 + 0.5 v1 + 2*(-0.125) a1
  // x = 0.5 + 0.125 + 1.5 + 0.25 = 2.375.
  EXPECT_NEAR(sample3(t, 1.0f).x, 2.375f, 1e-6f);
  // Clamped outside: the key VALUES, never the tangents.
  EXPECT_EQ(sample3(t, -1.0f), glm::vec3(1, 0, -1));
  EXPECT_EQ(sample3(t, 5.0f), glm::vec3(3, 1, 1));
}

TEST(Sampling, CubicSplineRotationIsNormalised) {
  const glm::quat a = glm::angleAxis(0.0f, glm::vec3(1, 0, 0));
  const glm::quat b = glm::angleAxis(glm::radians(120.0f), glm::vec3(1, 0, 0));
  Track t;
  t.path = TrackPath::Rotation;
  t.interpolation = Interpolation::CubicSpline;
  t.width = 4;
  t.times = {0.0f, 1.0f};
  t.values = {0, 0, 0, 0, a.x, a.y, a.z, a.w, 0, 0, 0, 0,
              0, 0, 0, 0, b.x, b.y, b.z, b.w, 0, 0, 0, 0};
  float out[4];
  sampleTrack(t, 0.5f, out);
  const glm::quat q(out[3], out[0], out[1], out[2]);
  EXPECT_NEAR(glm::length(q), 1.0f, 1e-6f);
  // With zero tangents the midpoint is (a + b) / 2 normalised: 60 degrees.
  EXPECT_NEAR(glm::degrees(glm::angle(q)), 60.0f, 1e-3f);
}

TEST(Sampling, ClipLoopsAndWritesMorphWeights) {
  const Skeleton skel = oneJoint(10);  // more than 8 morph targets
  Clip clip;
  clip.duration = 2.0f;
  clip.tracks.push_back(vec3Track(Interpolation::Linear, {0.0f, 2.0f}, {0, 0, 0, 2, 0, 0}));
  Track w;
  w.joint = 0;
  w.path = TrackPath::Weights;
  w.width = 10;
  w.times = {0.0f, 2.0f};
  for (int i = 0; i < 10; ++i) w.values.push_back(0.0f);
  for (int i = 0; i < 10; ++i) w.values.push_back(0.1f * static_cast<float>(i));
  clip.tracks.push_back(w);
  ASSERT_EQ(checkTrack(w, 1), "");
  Pose pose = restPose(skel);
  sampleClip(clip, skel, 2.5f, /*loop=*/true, pose);  // wraps to 0.5 s
  EXPECT_FLOAT_EQ(pose.local[0].translation.x, 0.5f);
  EXPECT_FLOAT_EQ(pose.morphWeights[9], 0.9f * 0.25f);
  sampleClip(clip, skel, 2.5f, /*loop=*/false, pose);  // clamps
  EXPECT_FLOAT_EQ(pose.local[0].translation.x, 2.0f);
  EXPECT_FLOAT_EQ(pose.morphWeights[9], 0.9f);
  EXPECT_FLOAT_EQ(wrapTime(-0.5f, 2.0f), 1.5f);
}

TEST(Sampling, ImportedClipsAreValidated) {
  assets::Model model;
  model.sourcePath = "test.gltf";
  model.nodes.resize(2);
  model.nodes[1].parent = 0;
  const Skeleton skel = skeletonFromModel(model).value();
  assets::AnimClip clip;
  clip.name = "bad";
  assets::AnimChannel ch;
  ch.node = 1;
  ch.path = assets::AnimPath::Translation;
  ch.times = {0.0f, 1.0f};
  ch.values = {0, 0, 0, 1, 1};  // one float short
  clip.channels.push_back(ch);
  auto r = clipFromAsset(clip, skel);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("channel 0"), std::string::npos) << r.error().message;

  clip.channels[0].values = {0, 0, 0, 1, 1, 1};
  clip.channels[0].times = {1.0f, 0.5f};  // decreasing
  EXPECT_FALSE(clipFromAsset(clip, skel).ok());
  clip.channels[0].times = {0.0f, 1.0f};
  clip.channels[0].node = 7;  // no such node
  EXPECT_FALSE(clipFromAsset(clip, skel).ok());
  clip.channels[0].node = 1;
  clip.channels[0].path = assets::AnimPath::Weights;  // node has no morph targets
  EXPECT_FALSE(clipFromAsset(clip, skel).ok());
  clip.channels[0].path = assets::AnimPath::Translation;
  auto good = clipFromAsset(clip, skel);
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_FLOAT_EQ(good->duration, 1.0f);
}

}  // namespace
}  // namespace sc::anim
