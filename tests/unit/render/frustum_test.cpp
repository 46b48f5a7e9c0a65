#include <gtest/gtest.h>

#include "render/camera.hpp"
#include "render/frustum.hpp"
#include "culling_fixtures.hpp"

namespace sc::render {

using test::boxAt;

TEST(Frustum, KeepsWhatIsInFrontAndDropsWhatIsBehindOrBeside) {
  Frustum f = test::frustumDownMinusZ();
  EXPECT_TRUE(f.intersects(boxAt({0, 0, -10}, 1)));
  EXPECT_FALSE(f.intersects(boxAt({0, 0, 10}, 1)));    // behind the camera
  EXPECT_FALSE(f.intersects(boxAt({50, 0, -10}, 1)));  // far to the right
  EXPECT_FALSE(f.intersects(boxAt({0, 0, -200}, 1)));  // past the far plane
  EXPECT_TRUE(f.intersects(boxAt({0, 0, -100}, 2)));   // straddles the far plane
  EXPECT_TRUE(f.intersects(boxAt({5.3f, 0, -10}, 1)));  // straddles the right plane (x = 4.83 at z = -10)
  EXPECT_FALSE(f.intersects(boxAt({7.0f, 0, -10}, 1)));  // 6..8 is right of x = 5.31 at z = -11
  EXPECT_FALSE(f.intersects(assets::Bounds{}));        // empty bounds are never drawn
}

}  // namespace sc::render
