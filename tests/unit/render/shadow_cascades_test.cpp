#include <gtest/gtest.h>

#include "render/shadow_cascades.hpp"

namespace sc::render {

namespace {
bool insideLightClip(const glm::mat4& m, glm::vec3 p) {
  glm::vec4 c = m * glm::vec4(p, 1.0f);
  glm::vec3 n = glm::vec3(c) / c.w;
  return std::abs(n.x) <= 1.0f && std::abs(n.y) <= 1.0f && n.z >= 0.0f && n.z <= 1.0f;
}
}  // namespace

TEST(ShadowCascades, SplitsIncreaseAndCoverTheirSlices) {
  Camera c;
  c.eye = {0, 2, 10};
  c.target = {0, 1, 0};
  c.nearPlane = 0.1f;
  c.farPlane = 500.0f;
  auto views = makeViews(c, 16.0f / 9.0f, 2);
  glm::vec3 sun = glm::normalize(glm::vec3(0.3f, 0.8f, 0.2f));
  ShadowCascades cascades = fitCascades(views, sun, 200.0f, 2048);
  float previous = c.nearPlane;
  for (int i = 0; i < kShadowCascades; ++i) {
    EXPECT_GT(cascades.farDistance[i], previous);
    previous = cascades.farDistance[i];
  }
  EXPECT_NEAR(cascades.farDistance[kShadowCascades - 1], 200.0f, 1e-3f);
  // A point on the view axis within each slice lies inside that cascade's light volume.
  glm::vec3 forward = glm::normalize(c.target - c.eye);
  float start = c.nearPlane;
  for (int i = 0; i < kShadowCascades; ++i) {
    float middle = 0.5f * (start + cascades.farDistance[i]);
    EXPECT_TRUE(insideLightClip(cascades.viewProj[i], c.eye + forward * middle)) << "cascade " << i;
    start = cascades.farDistance[i];
  }
}

TEST(ShadowCascades, SnapsToTexelsSoSmallMovesDoNotShimmer) {
  Camera c;
  c.eye = {0, 2, 10};
  c.target = {0, 1, 0};
  glm::vec3 sun = glm::normalize(glm::vec3(0.3f, 0.8f, 0.2f));
  auto a = fitCascades(makeViews(c, 1.0f, 1), sun, 100.0f, 1024);
  c.eye.x += 0.0001f;
  c.target.x += 0.0001f;
  auto b = fitCascades(makeViews(c, 1.0f, 1), sun, 100.0f, 1024);
  // The projection of the world origin moves by whole texels (here: not at all).
  glm::vec4 pa = a.viewProj[0] * glm::vec4(0, 0, 0, 1), pb = b.viewProj[0] * glm::vec4(0, 0, 0, 1);
  float texelsX = (pa.x - pb.x) * 512.0f;
  EXPECT_NEAR(texelsX, std::round(texelsX), 1e-2f);
}

}  // namespace sc::render
