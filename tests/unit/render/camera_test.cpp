#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "render/camera.hpp"

namespace sc::render {

TEST(Camera, TargetProjectsToTheCentreAndUpIsUpOnScreen) {
  Camera c;
  c.eye = {3, 2, 5};
  c.target = {0, 1, 0};
  glm::mat4 viewProj = c.projection(16.0f / 9.0f) * c.view();
  glm::vec4 centre = viewProj * glm::vec4(c.target, 1.0f);
  EXPECT_NEAR(centre.x / centre.w, 0.0f, 1e-5f);
  EXPECT_NEAR(centre.y / centre.w, 0.0f, 1e-5f);
  float depth = centre.z / centre.w;
  EXPECT_GT(depth, 0.0f);
  EXPECT_LT(depth, 1.0f);
  // A point above the target lands higher on screen: smaller y in Vulkan's y-down clip space.
  glm::vec4 above = viewProj * glm::vec4(c.target + glm::vec3(0, 0.5f, 0), 1.0f);
  EXPECT_LT(above.y / above.w, 0.0f);
}

TEST(Camera, StereoViewsAreSeparatedAlongTheRightAxis) {
  Camera c;
  c.eye = {0, 1.6f, 0};
  c.target = {0, 1.6f, -10};
  auto views = makeViews(c, 1.0f, 2, 0.064f);
  ASSERT_EQ(views.size(), 2u);
  EXPECT_NEAR(glm::distance(views[0].eye, views[1].eye), 0.064f, 1e-5f);
  EXPECT_LT(views[0].eye.x, views[1].eye.x);  // left eye first
  EXPECT_NEAR(views[0].eye.y, 1.6f, 1e-5f);
  auto mono = makeViews(c, 1.0f, 1);
  ASSERT_EQ(mono.size(), 1u);
  EXPECT_NEAR(glm::distance(mono[0].eye, c.eye), 0.0f, 1e-5f);
}

TEST(Camera, FramingKeepsTheWholeBoxInView) {
  assets::Bounds box;
  box.add({-4, 0, -1});
  box.add({6, 3, 2});
  Camera c = frameBounds(box, 4.0f / 3.0f);
  glm::mat4 viewProj = c.projection(4.0f / 3.0f) * c.view();
  for (int i = 0; i < 8; ++i) {
    glm::vec3 corner((i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y, (i & 4) ? box.max.z : box.min.z);
    glm::vec4 clip = viewProj * glm::vec4(corner, 1.0f);
    EXPECT_LE(std::abs(clip.x / clip.w), 1.0f) << i;
    EXPECT_LE(std::abs(clip.y / clip.w), 1.0f) << i;
    EXPECT_GT(clip.z / clip.w, 0.0f) << i;
    EXPECT_LT(clip.z / clip.w, 1.0f) << i;
  }
}

TEST(Camera, ParsesSpecsAndExplainsMistakes) {
  auto ok = parseCameraSpec("0,2,10,0,1,0");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->eye, glm::vec3(0, 2, 10));
  EXPECT_TRUE(parseCameraSpec("0,2,10,0,1,0,0,0,1"));
  auto shortSpec = parseCameraSpec("0,2,10");
  ASSERT_FALSE(shortSpec);
  EXPECT_NE(shortSpec.error().message.find("6 or 9"), std::string::npos);
  EXPECT_FALSE(parseCameraSpec("0,2,x,0,1,0"));
  EXPECT_FALSE(parseCameraSpec("1,1,1,1,1,1"));        // eye == target
  EXPECT_FALSE(parseCameraSpec("0,0,0,0,5,0"));        // up parallel to the view direction
  EXPECT_FALSE(parseCameraSpec("nan,0,0,0,1,0"));
}

}  // namespace sc::render
