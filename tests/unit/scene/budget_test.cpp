#include <gtest/gtest.h>

#include "scene/budget.hpp"

namespace sc::scene {
namespace {

TEST(Budget, ProfilesAreFoundByName) {
  ASSERT_TRUE(findBudgetProfile("quest2"));
  EXPECT_EQ(findBudgetProfile("quest2")->maxTriangles, 1'000'000u);
  EXPECT_EQ(findBudgetProfile("quest2")->maxDrawCalls, 200u);
  EXPECT_EQ(findBudgetProfile("quest2")->maxTextureSize, 2048u);
  EXPECT_EQ(findBudgetProfile("quest2")->maxGpuBytes, 512ull << 20);
  ASSERT_TRUE(findBudgetProfile("desktop"));
  EXPECT_FALSE(findBudgetProfile("phone"));
  EXPECT_EQ(budgetProfiles().size(), 2u);
}

TEST(Budget, SceneWithinBudgetHasNoDiagnostics) {
  SceneStats stats{1'000'000, 200, 2048, 512ull << 20};  // exactly at the limits
  EXPECT_TRUE(checkBudgets(stats, kQuest2Budget, "a.scene.json").empty());
}

TEST(Budget, EachExceededLimitIsOneError) {
  SceneStats stats{1'500'000, 100, 4096, 100};
  auto ds = checkBudgets(stats, kQuest2Budget, "a.scene.json");
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].severity, Severity::Error);
  EXPECT_EQ(ds[0].file, "a.scene.json");
  EXPECT_EQ(ds[0].message, "1500000 triangles exceed the quest2 budget of 1000000");
  EXPECT_EQ(ds[1].message, "a 4096-pixel texture exceeds the quest2 limit of 2048 pixels per side");
  EXPECT_TRUE(checkBudgets(stats, kDesktopBudget).empty());

  SceneStats all{30'000'000, 6000, 16384, 5ull << 30};
  EXPECT_EQ(checkBudgets(all, kDesktopBudget).size(), 4u);
}

}  // namespace
}  // namespace sc::scene
