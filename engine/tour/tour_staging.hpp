#pragma once
// Where things happen in a tour: what the guide walks to and says at a stop or a picked POI,
// where it stands, how a long route is shortened, and the camera suggestions. Pure functions of
// the scene (and the guide's root for the companion camera), used by the TourDirector.
#include <string>
#include <vector>

#include "anim/root_motion.hpp"
#include "scene/scene_document.hpp"
#include "tour/tour_director.hpp"

namespace sc::tour {

// One place the guide presents: a tour stop or a POI the visitor picked.
struct Visit {
  const scene::PointOfInterest* poi = nullptr;
  std::vector<glm::vec3> route;  // waypoints, ending on `spot`
  glm::vec3 spot{0.0f};          // where the guide stands, on the ground
  Gesture gesture = Gesture::None;
  float dwellSeconds = 2.0f;
  std::string textZh, textEn;    // the narration (short, or long when asked and written)
};

// Stop `index` of `tour`: its waypoints (the last one is the stand spot) or, without any, a
// walk straight to spotBeside(poi). The stop's narration override wins over the POI's.
Visit stopVisit(const scene::SceneDocument& doc, const scene::Tour& tour, int index, bool longText);
// A POI the visitor picked: stands where the first tour stop at that POI stands (else
// spotBeside), points at it, tells the POI's own narration, dwells 2 s.
Visit poiVisit(const scene::SceneDocument& doc, const scene::PointOfInterest& poi, bool longText);
// 1.6 m from the POI's xr viewpoint towards its anchor and 1.0 m to the right of that line.
glm::vec3 spotBeside(const scene::PointOfInterest& poi);
// The guide's default start: 1.2 m to +X of the scene's xr spawn point.
glm::vec3 defaultStart(const scene::SceneDocument& doc);

// The route from its waypoint nearest to `position` on (the rest of a route when the guide
// joins it mid-way after a jump). Empty stays empty.
std::vector<glm::vec3> routeFromNearest(const std::vector<glm::vec3>& route, const glm::vec3& position);
// When the polyline start -> route is longer than maxMetres, drops the waypoints before the
// point maxMetres from its end and returns that point (the new start); else returns `start`.
glm::vec3 shortenRoute(std::vector<glm::vec3>& route, const glm::vec3& start, float maxMetres);

// The heading (radians about +Y, 0 faces +Z) the guide presents from `position`: towards the
// visitor, turned part of the way (half the angle, at most 40 degrees) towards the POI
// anchor, so that it can point at a POI behind it and still look at the visitor. `current` is
// kept when the visitor stands on the guide's spot.
float presentHeading(const glm::vec3& position, float current, const glm::vec3& visitor, const glm::vec3& anchor);

// The POI's desktop viewpoint.
CameraView stopCamera(const Visit& visit);
// A camera that keeps the guide in view: behind and above it while walking, and at a stop on
// the far side of the guide from the POI anchor, so the guide stands in front of what it
// explains. `eyeHeight` is the guide's.
CameraView companionCamera(const Visit& visit, const anim::RootMotion& root, bool walking, float eyeHeight);
// Exponential follow (time constant 0.9 s) of eye and target towards `goal`; jumps of more than
// 25 m snap (a shortened route). The eye is then kept at least 2.5 m (horizontally) from
// `guide` (its feet), so a guide turning back towards a lagging camera never fills the view.
CameraView followCamera(const CameraView& current, const CameraView& goal, double dt, const glm::vec3& guide);

}  // namespace sc::tour
