#include "scene/budget.hpp"

#include <fmt/format.h>

namespace sc::scene {

namespace {
constexpr BudgetProfile kProfiles[] = {kQuest2Budget, kDesktopBudget};

std::string megabytes(std::uint64_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}
}  // namespace

std::span<const BudgetProfile> budgetProfiles() { return kProfiles; }

std::optional<BudgetProfile> findBudgetProfile(std::string_view name) {
  for (const auto& p : kProfiles) {
    if (p.name == name) return p;
  }
  return std::nullopt;
}

std::vector<Diagnostic> checkBudgets(const SceneStats& stats, const BudgetProfile& profile,
                                     const std::string& file) {
  std::vector<Diagnostic> out;
  auto over = [&](std::string message, std::string hint) {
    out.push_back({Severity::Error, file, 0, 0, "", std::move(message), std::move(hint)});
  };
  if (stats.triangles > profile.maxTriangles) {
    over(fmt::format("{} triangles exceed the {} budget of {}", stats.triangles, profile.name,
                     profile.maxTriangles),
         "add LOD levels or simplify the largest models (gltfpack -si 0.5)");
  }
  if (stats.drawCalls > profile.maxDrawCalls) {
    over(fmt::format("{} draw calls exceed the {} budget of {}", stats.drawCalls, profile.name,
                     profile.maxDrawCalls),
         "merge meshes that share a material, or share materials between meshes");
  }
  if (stats.maxTextureSide > profile.maxTextureSize) {
    over(fmt::format("a {}-pixel texture exceeds the {} limit of {} pixels per side",
                     stats.maxTextureSide, profile.name, profile.maxTextureSize),
         fmt::format("resize textures to at most {}x{}", profile.maxTextureSize,
                     profile.maxTextureSize));
  }
  if (stats.gpuBytes > profile.maxGpuBytes) {
    over(fmt::format("an estimated {} of GPU memory exceeds the {} budget of {}",
                     megabytes(stats.gpuBytes), profile.name, megabytes(profile.maxGpuBytes)),
         "use smaller or fewer textures and simplify meshes");
  }
  return out;
}

}  // namespace sc::scene
