#pragma once
// Which point of interest a laser pointer (a ray in the world) aims at: the headset's way of
// clicking a POI marker (the desktop projects markers to the screen instead:
// app/window_poi_markers.hpp). Pure geometry, no runtime, no renderer.
//
// Each POI is a sphere around its anchor whose radius is `radius` metres, grown with distance so
// that a ray passing within `angularToleranceDeg` of the anchor's direction (seen from the ray's
// origin) still hits it: a marker 40 m away is as easy to hit as one 4 m away. Among the spheres the ray passes through, the one whose
// anchor lies nearest along the ray wins. A POI behind the origin (its anchor's projection on
// the ray at or before the origin) is never hit. Two things in front take priority:
//   - the UI panel (`panelDistance`: metres along the ray to where it meets the panel): a POI
//     farther along the ray than the panel loses to it (PoiRayTarget::Panel);
//   - scene geometry (`blockedDistance`: metres to the first wall): a POI behind it is hidden
//     (PoiRayTarget::None unless another POI or the panel is hit first).
// Limits: `direction` need not be unit length but must not be zero (a zero direction hits
// nothing); anchors are points (a POI's extent is not known).
#include <optional>
#include <span>

#include <glm/glm.hpp>

namespace sc::app {

struct PoiRayPickOptions {
  float radius = 0.35f;               // metres around each anchor
  float angularToleranceDeg = 2.0f;   // the laser may pass this far from the anchor's direction (0..45)
  float maxDistance = 300.0f;         // anchors farther along the ray are not hit
};

enum class PoiRayTarget { None, Poi, Panel };

struct PoiRayPick {
  PoiRayTarget target = PoiRayTarget::None;
  int poi = -1;            // index into the anchors when target == Poi
  float distance = 0.0f;   // metres along the ray to the anchor's closest point / the panel
};

PoiRayPick pickPoiAlongRay(const glm::vec3& origin, const glm::vec3& direction, std::span<const glm::vec3> anchors,
                           const PoiRayPickOptions& options = {}, std::optional<float> panelDistance = std::nullopt,
                           std::optional<float> blockedDistance = std::nullopt);

// The sphere radius pickPoiAlongRay uses for an anchor `distance` metres from the origin.
float poiPickRadius(float distance, const PoiRayPickOptions& options);

}  // namespace sc::app
