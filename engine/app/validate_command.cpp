#include "app/validate_command.hpp"

#include <cstdio>

#include "app/render_command.hpp"
#include "app/scene_content.hpp"

namespace sc::app {

int runValidate(const std::string& sceneFile, const std::string& profileName) {
  auto profile = scene::findBudgetProfile(profileName);
  if (!profile) {
    std::string known;
    for (const auto& p : scene::budgetProfiles()) known += (known.empty() ? "" : ", ") + std::string(p.name);
    std::fprintf(stderr, "shancheng: --profile %s: unknown profile; use one of: %s\n", profileName.c_str(), known.c_str());
    return kExitUsage;
  }
  scene::ValidationReport report;
  auto content = loadSceneContent(sceneFile, report);
  if (content) {
    scene::SceneStats stats = measureScene(*content);
    report.add(scene::checkBudgets(stats, *profile, sceneFile));
    std::printf("%s: %llu triangles, %llu draw calls, largest texture %u px, about %.1f MB of GPU memory "
                "(profile %s: %llu, %llu, %u px, %.0f MB)\n",
                sceneFile.c_str(), (unsigned long long)stats.triangles, (unsigned long long)stats.drawCalls,
                stats.maxTextureSide, double(stats.gpuBytes) / (1 << 20), std::string(profile->name).c_str(),
                (unsigned long long)profile->maxTriangles, (unsigned long long)profile->maxDrawCalls,
                profile->maxTextureSize, double(profile->maxGpuBytes) / (1 << 20));
  } else if (!report.hasErrors()) {
    // A model failed to import after the scene file itself checked out.
    scene::Diagnostic d;
    d.severity = scene::Severity::Error;
    d.file = sceneFile;
    d.message = content.error().message;
    report.add(d);
  }
  report.sortByPosition();
  std::string text = report.format();
  if (!text.empty()) std::fputs(text.c_str(), stdout);
  if (report.hasErrors()) return kExitBadInput;
  std::printf("%s: valid for %s\n", sceneFile.c_str(), std::string(profile->name).c_str());
  return kExitOk;
}

}  // namespace sc::app
