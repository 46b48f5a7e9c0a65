#pragma once
// Budgets a scene must fit on a target device. The scene module imports nothing, so the caller
// (the asset pipeline, `shancheng validate --profile ...`) measures the loaded scene, fills
// SceneStats and asks checkBudgets() for diagnostics.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scene/diagnostics.hpp"

namespace sc::scene {

struct BudgetProfile {
  std::string_view name;
  std::uint64_t maxTriangles = 0;
  std::uint64_t maxDrawCalls = 0;
  std::uint32_t maxTextureSize = 0;  // largest texture side, pixels
  std::uint64_t maxGpuBytes = 0;     // estimated GPU memory for the scene's content
};

// A standalone headset such as Meta Quest 2: per frame, both eyes together.
inline constexpr BudgetProfile kQuest2Budget{"quest2", 1'000'000, 200, 2048, 512ull << 20};
// A desktop or kiosk PC with a mid-range discrete GPU.
inline constexpr BudgetProfile kDesktopBudget{"desktop", 20'000'000, 5000, 8192, 4ull << 30};

// All known profiles, and lookup by name ("quest2", "desktop"); nullopt for an unknown name.
std::span<const BudgetProfile> budgetProfiles();
std::optional<BudgetProfile> findBudgetProfile(std::string_view name);

// What the loaded scene costs, measured by the caller.
struct SceneStats {
  std::uint64_t triangles = 0;
  std::uint64_t drawCalls = 0;
  std::uint32_t maxTextureSide = 0;
  std::uint64_t gpuBytes = 0;
};

// One error per limit the stats exceed (pointer "", the whole scene), each naming the profile,
// the measured value, the limit and what to do. Empty when the scene fits.
std::vector<Diagnostic> checkBudgets(const SceneStats& stats, const BudgetProfile& profile,
                                     const std::string& fileForMessages = {});

}  // namespace sc::scene
