#pragma once
// A small scene written in code for the director tests: three POIs on flat ground, a tour of
// three stops (the second without waypoints), and helpers to run a director frame by frame.
#include <memory>

#include "tour/tour_director.hpp"

namespace sc::tour::test {

// POIs "gate" (point), "tower" (wave, no waypoints), "river" (present); plus "bell" (no stop).
std::shared_ptr<const scene::SceneDocument> makeTestScene();
// The reference humanoid (anim::makeReferenceHumanoid), no skins, no morphs.
std::shared_ptr<const GuideAvatar> referenceAvatar();
// A silent (synthesizer-less) director, Inline, over the test scene.
std::unique_ptr<TourDirector> makeSilentDirector(TourDirectorOptions options = {});

inline constexpr double kDt = 1.0 / 30.0;
inline const glm::vec3 kVisitor{0.0f, 1.6f, 6.0f};

// Runs frames until `until` holds (true) or `maxSeconds` of director time passed (false).
template <typename Pred>
bool runUntil(TourDirector& d, Pred until, double maxSeconds, glm::vec3 visitor = kVisitor) {
  for (double t = 0.0; t < maxSeconds; t += kDt) {
    const GuideFrame& f = d.update(kDt, visitor);
    if (until(f)) return true;
  }
  return false;
}

}  // namespace sc::tour::test
