// render::shadowsReach: which draws may use the PBR pipelines without the shadow lookup
// (renderer_impl.hpp). A wrong "false" would drop real shadows (the golden scenes would show
// it); a wrong "true" only costs time. These cases pin the geometry down, including the one
// that matters for the landmark: a ground plane under the camera whose visible part is all
// beyond the cascades.
#include <gtest/gtest.h>

#include "render/renderer_impl.hpp"

namespace sc::test {

namespace {

constexpr float kShadowFar = 250.0f;

// Looking along -Z from `eye`, 60 degrees vertical field of view, 16:9.
std::vector<render::ViewCamera> viewsFrom(glm::vec3 eye, std::uint32_t count = 1) {
  render::Camera camera;
  camera.eye = eye;
  camera.target = eye + glm::vec3(0.0f, 0.0f, -1.0f);
  camera.fovY = glm::radians(60.0f);
  camera.nearPlane = 1.0f;
  camera.farPlane = 5000.0f;
  return render::makeViews(camera, 16.0f / 9.0f, count);
}

assets::Bounds box(glm::vec3 min, glm::vec3 max) {
  assets::Bounds b;
  b.add(min);
  b.add(max);
  return b;
}

}  // namespace

TEST(ShadowsReach, NearBoxInViewIsShadowed) {
  auto views = viewsFrom({0.0f, 0.0f, 0.0f});
  EXPECT_TRUE(render::shadowsReach(box({-1, -1, -12}, {1, 1, -10}), views, kShadowFar));
  // Straddling the boundary: its near end is within reach.
  EXPECT_TRUE(render::shadowsReach(box({-1, -1, -300}, {1, 1, -200}), views, kShadowFar));
}

TEST(ShadowsReach, BoxBeyondTheLastCascadeIsNot) {
  auto views = viewsFrom({0.0f, 0.0f, 0.0f});
  EXPECT_FALSE(render::shadowsReach(box({-50, -10, -900}, {50, 60, -300}), views, kShadowFar));
  // Just past the far distance but within the safety margin (1% + 1 m): kept.
  EXPECT_TRUE(render::shadowsReach(box({-1, -1, -260}, {1, 1, -252}), views, kShadowFar));
}

TEST(ShadowsReach, GroundUnderTheCameraSeenOnlyFarAway) {
  // 200 m up, looking level: the frustum's lower plane (30 degrees down) meets the ground
  // (y 0..1) about 345 m ahead, beyond the cascades, although the box reaches under the camera.
  auto high = viewsFrom({0.0f, 200.0f, 0.0f});
  assets::Bounds ground = box({-2000, 0, -2000}, {2000, 1, 100});
  EXPECT_FALSE(render::shadowsReach(ground, high, kShadowFar));
  // 100 m up it is seen from about 173 m on: within reach.
  EXPECT_TRUE(render::shadowsReach(ground, viewsFrom({0.0f, 100.0f, 0.0f}), kShadowFar));
}

TEST(ShadowsReach, NearBoxOutsideTheViewIsNot) {
  auto views = viewsFrom({0.0f, 0.0f, 0.0f});
  EXPECT_FALSE(render::shadowsReach(box({-1, -1, 5}, {1, 1, 10}), views, kShadowFar));     // behind
  EXPECT_FALSE(render::shadowsReach(box({40, -1, -12}, {42, 1, -10}), views, kShadowFar));  // far right
}

TEST(ShadowsReach, EitherEyeOfAStereoPairCounts) {
  // A box only the right eye sees near: the pair needs the lookup.
  auto stereo = viewsFrom({0.0f, 0.0f, 0.0f}, 2);
  auto right = std::vector<render::ViewCamera>{stereo[1]};
  auto left = std::vector<render::ViewCamera>{stereo[0]};
  // The right view's frustum edge at 10 m depth: x = 0.032 + 10 * tan(hfov / 2).
  float tanHalf = std::tan(glm::radians(30.0f)) * 16.0f / 9.0f;
  float edge = 0.032f + 10.0f * tanHalf;
  // Thin in depth, because the frustum widens with it: 2-4 cm inside the right eye's edge,
  // outside the left eye's (6.4 cm further in).
  assets::Bounds sliver = box({edge - 0.03f, -1, -10.01f}, {edge - 0.01f, 1, -10});
  ASSERT_TRUE(render::shadowsReach(sliver, right, kShadowFar));
  ASSERT_FALSE(render::shadowsReach(sliver, left, kShadowFar));
  EXPECT_TRUE(render::shadowsReach(sliver, stereo, kShadowFar));
}

TEST(ShadowsReach, NoShadowPassReachesNothing) {
  auto views = viewsFrom({0.0f, 0.0f, 0.0f});
  EXPECT_FALSE(render::shadowsReach(box({-1, -1, -12}, {1, 1, -10}), views, 0.0f));
}

}  // namespace sc::test
