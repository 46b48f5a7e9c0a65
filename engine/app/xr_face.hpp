#pragma once
// The app's side of `shancheng xr` (engine/xr does not depend on engine/app or the UI): what the
// headset shows (loadXrContent: the visitor's floor origin from the scene's XR spawn point, put
// on the ground) and the hooks that bring the guided tour and its UI into the loop (XrFace):
//
//   sc::app::XrFace face(request.input);
//   face.wire(request);          // loadContent + onStart/onFrame/onStop/panelOverlay
//   return sc::xr::runXr(request);
//
// The panel (XrTourHooks::panelOverlay) is an engine/ui UI laid out for the 512 x 256 panel:
// the guide's subtitles, the current POI's card and the tour controls, in CJK (glyphs from the
// scene's glyphTextForScene). The laser pointer is its pointer and the trigger its click;
// Play/Pause/Previous/Next/Repeat go to the GuidedTour's director.
//
// POIs in the world: a marker floats at each POI's anchor (app::PoiMarkers, as on the desktop).
// The laser (XrFrameInfo::laser) picks among them with app::pickPoiAlongRay (the panel in front
// of a POI takes the ray, a wall before it hides it): the aimed marker grows, the laser ends at
// it (XrTourHooks::laserStop) and the panel's card shows that POI; the trigger then selects it as
// a marker click does on the desktop: the director's goToPoi (the guide walks over and explains
// it, a detour), its card on the panel.
//
// Per-POI panoramas (scene POI "panorama"): while the guide turns to the visitor, presents and
// dwells at a stop whose POI has one, the face names its file through XrTourHooks::panorama and
// engine/xr shows it: through the equirect2 compositor layer under the eyes where the runtime
// offers it (the eyes drawn with a transparent background, the landmarks hidden: the guide and
// markers stay in front of the picture), else on its inside-out sphere (20 m, centred on the
// eye, the landmarks hidden).
//
// Checks (tests/xr/xr_face_test.cpp): with XrRequest::readbackDir set, the face writes, at the
// request's readbackFrame, the panel as it draws it ("xr-face-panel.png", on a dark card) and
// "xr-face.txt" (eye height above the ground below the eye, subtitle rows, stop, phase, POI,
// panorama shown, detour, aimed and selected POI, trigger clicks, the laser and where it stops,
// the guide's position), and the same pair the first time subtitles are on the panel
// ("xr-face-panel-speaking.png", "xr-face-speaking.txt"); each trigger click appends a line to
// "xr-face-clicks.txt" (click n, frame, aimed POI, selected POI after it, laser on the panel).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "core/result.hpp"
#include "xr/xr_command.hpp"

namespace sc::platform {
class SceneCollider;
}

namespace sc::app {

class GuidedTour;

// What the headset shows for `input` (builtin:default, a scene file or a model file).
// Scene files: the floor origin is the scene's spawn.xr (position, facing yawDeg: 0 looks along
// -Z, positive turns left, as XrViewpoint is authored); other inputs: under the content's camera.
// A spawn with no height (y == 0) is put on the first surface below it (searched from 2 m above,
// else from above the content's top), so the visitor stands on the ground, not in the river.
Result<xr::XrContent> loadXrContent(const std::string& input);

// The ground height under `spawn` as loadXrContent places it (exposed for tests).
std::optional<float> groundUnder(const platform::SceneCollider& collider, const glm::vec3& spawn, float contentTop);

class XrFace {
 public:
  explicit XrFace(std::string input);
  ~XrFace();
  XrFace(const XrFace&) = delete;
  XrFace& operator=(const XrFace&) = delete;

  // Fills request.loadContent and request.hooks (the face must outlive runXr).
  void wire(xr::XrRequest& request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sc::app
