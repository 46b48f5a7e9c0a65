#include "tour/tour_staging.hpp"

#include <algorithm>
#include <cmath>

namespace sc::tour {

namespace {

const glm::vec3 kUp(0.0f, 1.0f, 0.0f);

// Horizontal unit direction of v, or `fallback` when v is (nearly) vertical.
glm::vec3 horizontal(glm::vec3 v, const glm::vec3& fallback) {
  v.y = 0.0f;
  float len = glm::length(v);
  return len > 1e-3f ? v / len : fallback;
}

// Right-hand side of a horizontal facing direction (+Y up): looking -Z, right is +X.
glm::vec3 rightOf(const glm::vec3& forward) { return glm::vec3(-forward.z, 0.0f, forward.x); }

const std::string& pick(const scene::LocalizedText& shortText, const scene::LocalizedText& longText, bool longWanted,
                        bool zh) {
  const std::string& s = zh ? shortText.zh : shortText.en;
  const std::string& l = zh ? longText.zh : longText.en;
  return longWanted && !l.empty() ? l : s;
}

void setText(Visit& v, const scene::Narration& n, bool longText) {
  v.textZh = pick(n.shortText, n.longText, longText, true);
  v.textEn = pick(n.shortText, n.longText, longText, false);
}

Gesture toGesture(scene::Gesture g) {
  switch (g) {
    case scene::Gesture::Point: return Gesture::Point;
    case scene::Gesture::Wave: return Gesture::Wave;
    case scene::Gesture::Present: return Gesture::Present;
    case scene::Gesture::None: break;
  }
  return Gesture::None;
}

}  // namespace

glm::vec3 spotBeside(const scene::PointOfInterest& poi) {
  const glm::vec3 feet = poi.xrView.position;
  // The xr yaw (0 looks -Z, 90 looks -X) when the anchor is straight above the viewpoint.
  float yaw = glm::radians(poi.xrView.yawDeg);
  glm::vec3 facing = horizontal(poi.anchor - feet, glm::vec3(-std::sin(yaw), 0.0f, -std::cos(yaw)));
  return feet + facing * 1.6f + rightOf(facing) * 1.0f;
}

glm::vec3 defaultStart(const scene::SceneDocument& doc) { return doc.spawn.xr.position + glm::vec3(1.2f, 0.0f, 0.0f); }

Visit stopVisit(const scene::SceneDocument& doc, const scene::Tour& tour, int index, bool longText) {
  const scene::TourStop& stop = tour.stops[std::size_t(index)];
  Visit v;
  v.poi = doc.findPoi(stop.poi);  // checked by TourDirector::create
  v.gesture = toGesture(stop.gesture);
  v.dwellSeconds = stop.dwellSeconds;
  v.route = stop.guideWaypoints;
  if (v.route.empty() && v.poi) v.route.push_back(spotBeside(*v.poi));
  v.spot = v.route.empty() ? glm::vec3(0.0f) : v.route.back();
  if (v.poi) setText(v, stop.narration ? *stop.narration : v.poi->narration, longText);
  return v;
}

Visit poiVisit(const scene::SceneDocument& doc, const scene::PointOfInterest& poi, bool longText) {
  Visit v;
  v.poi = &poi;
  v.gesture = Gesture::Point;
  v.dwellSeconds = 2.0f;
  setText(v, poi.narration, longText);
  for (const auto& tour : doc.tours) {
    for (const auto& stop : tour.stops) {
      if (stop.poi != poi.id || stop.guideWaypoints.empty()) continue;
      v.route = stop.guideWaypoints;
      v.spot = v.route.back();
      return v;
    }
  }
  v.spot = spotBeside(poi);
  v.route = {v.spot};
  return v;
}

std::vector<glm::vec3> routeFromNearest(const std::vector<glm::vec3>& route, const glm::vec3& position) {
  if (route.empty()) return route;
  std::size_t best = 0;
  float bestDistance = glm::length(route[0] - position);
  for (std::size_t i = 1; i < route.size(); ++i) {
    float d = glm::length(route[i] - position);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return std::vector<glm::vec3>(route.begin() + std::ptrdiff_t(best), route.end());
}

glm::vec3 shortenRoute(std::vector<glm::vec3>& route, const glm::vec3& start, float maxMetres) {
  if (route.empty() || maxMetres <= 0.0f) return start;
  // Walk backwards from the end until maxMetres are used up.
  float left = maxMetres;
  for (std::size_t i = route.size(); i-- > 0;) {
    glm::vec3 from = i == 0 ? start : route[i - 1];
    float length = glm::length(route[i] - from);
    if (length >= left) {
      glm::vec3 cut = route[i] + (from - route[i]) * (left / std::max(length, 1e-6f));
      route.erase(route.begin(), route.begin() + std::ptrdiff_t(i));
      return cut;
    }
    left -= length;
  }
  return start;
}

float presentHeading(const glm::vec3& position, float current, const glm::vec3& visitor, const glm::vec3& anchor) {
  const glm::vec3 toVisitor = visitor - position;
  if (std::hypot(toVisitor.x, toVisitor.z) < 0.3f) return current;
  const float visitorHeading = std::atan2(toVisitor.x, toVisitor.z);
  const glm::vec3 toPoi = anchor - position;
  if (std::hypot(toPoi.x, toPoi.z) < 0.3f) return visitorHeading;
  const float delta = anim::wrapAngle(std::atan2(toPoi.x, toPoi.z) - visitorHeading);
  const float limit = 40.0f * 3.14159265f / 180.0f;
  return anim::wrapAngle(visitorHeading + std::clamp(0.5f * delta, -limit, limit));
}

CameraView stopCamera(const Visit& visit) {
  CameraView c;
  if (!visit.poi) return c;
  c.eye = visit.poi->desktopView.eye;
  c.target = visit.poi->desktopView.target;
  return c;
}

CameraView companionCamera(const Visit& visit, const anim::RootMotion& root, bool walking, float eyeHeight) {
  CameraView c;
  const glm::vec3 forward = horizontal(root.forward(), glm::vec3(0.0f, 0.0f, 1.0f));
  if (walking) {
    c.eye = root.position - forward * 4.2f + rightOf(forward) * 0.9f + kUp * (eyeHeight + 0.6f);
    c.target = root.position + forward * 3.0f + kUp * 1.2f;
    c.fovY = 1.0f;
    return c;
  }
  const glm::vec3 spot = visit.spot;
  const glm::vec3 anchor = visit.poi ? visit.poi->anchor : spot + forward;
  const glm::vec3 towards = horizontal(anchor - spot, forward);
  // 4 m away, 37 degrees off the line from the POI through the guide: the guide (turned mostly
  // to the camera) and the POI beside it are both in view. The view tilts up towards a high POI
  // only a little (at most 0.6 m at the target), so the guide's feet stay in the frame.
  c.eye = spot - towards * 3.2f + rightOf(towards) * 2.4f + kUp * (eyeHeight + 0.2f);
  c.target = spot + towards * 1.5f + kUp * (1.0f + std::clamp((anchor.y - spot.y - 1.0f) * 0.05f, -0.3f, 0.6f));
  c.fovY = 1.0f;
  return c;
}

CameraView followCamera(const CameraView& current, const CameraView& goal, double dt, const glm::vec3& guide) {
  if (glm::length(goal.eye - current.eye) > 25.0f) return goal;
  float alpha = 1.0f - float(std::exp(-std::max(dt, 0.0) / 0.9));
  CameraView c = current;
  c.eye += (goal.eye - current.eye) * alpha;
  c.target += (goal.target - current.target) * alpha;
  c.fovY += (goal.fovY - current.fovY) * alpha;
  glm::vec3 away = c.eye - guide;
  away.y = 0.0f;
  const float distance = glm::length(away);
  const float kMinDistance = 2.5f;
  if (distance < kMinDistance) {
    glm::vec3 pushed = distance > 1e-3f ? away / distance : horizontal(c.eye - c.target, glm::vec3(0, 0, 1));
    c.eye += pushed * (kMinDistance - distance);
  }
  return c;
}

}  // namespace sc::tour
