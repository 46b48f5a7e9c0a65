#pragma once
// The digital-human guide in a window face: a GuidedTour (app/guided_tour.hpp: the avatar in the
// renderer, the TourDirector, narration through OpenAL) made for the scene on screen, with what
// the window needs from it each frame: the camera that keeps guide and POI in view, the
// subtitle rows and the tour's place, in the UI model's terms.
#include <memory>
#include <optional>
#include <string>

#include "app/guided_tour.hpp"
#include "app/window_loop.hpp"
#include "platform/camera_controller.hpp"
#include "ui/ui_model.hpp"

namespace sc::app {

struct WindowGuideOptions {
  std::string tourId;             // empty: the scene's first tour
  std::string language = "both";  // zh | en | both
  bool audio = true;              // narration through the default OpenAL device
};

class WindowGuide {
 public:
  // The guide for the scene `loop` shows (a scene file with at least one tour). Errors: no
  // tour, the avatar cannot be loaded (the message names the file).
  static Result<std::unique_ptr<WindowGuide>> create(WindowLoop& loop, const WindowGuideOptions& options);

  // Advances the tour by `seconds` with the visitor's eye.
  void update(double seconds, const glm::vec3& eye);
  // The director's companion camera (guide and POI in view).
  platform::CameraPose companion() const;
  // Subtitles, controls and the current stop into the UI model.
  void fillModel(ui::UiModel& model) const;

  tour::TourDirector& director() { return tour_->director(); }
  const tour::GuideFrame& frame() const { return tour_->frame(); }
  guide::AudioOutput* audio() { return tour_->audio(); }  // null without a sound device
  void setLanguage(const std::string& language);

 private:
  std::unique_ptr<GuidedTour> tour_;
};

}  // namespace sc::app
