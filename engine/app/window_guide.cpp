#include "app/window_guide.hpp"

#include <spdlog/spdlog.h>

namespace sc::app {

Result<std::unique_ptr<WindowGuide>> WindowGuide::create(WindowLoop& loop, const WindowGuideOptions& options) {
  const ViewContent* content = loop.content();
  if (!content || !content->scene || content->scene->tours.empty() || !isSceneFile(loop.sceneInput())) {
    return makeError("{}: no tour to guide (the guide needs a scene file with a tour)", loop.sceneInput());
  }
  GuidedTourOptions tourOptions;
  tourOptions.director.tourId = options.tourId;
  if (auto language = tour::parseTourLanguage(options.language)) tourOptions.director.language = *language;
  tourOptions.audio = options.audio;
  auto tour = GuidedTour::create(loop.renderer(), loop.sceneInput(), tourOptions);
  if (!tour) return tour.error();
  auto guide = std::unique_ptr<WindowGuide>(new WindowGuide());
  guide->tour_ = std::move(tour.value());
  spdlog::info("guide: tour {} of {} ({} stops)", guide->director().tour().id, loop.sceneInput(),
               guide->director().tour().stops.size());
  return guide;
}

void WindowGuide::update(double seconds, const glm::vec3& eye) { tour_->update(seconds, eye); }

platform::CameraPose WindowGuide::companion() const {
  const tour::CameraView& view = tour_->frame().companion;
  return {view.eye, view.target};
}

void WindowGuide::setLanguage(const std::string& language) {
  if (auto parsed = tour::parseTourLanguage(language)) director().setLanguage(*parsed);
}

void WindowGuide::fillModel(ui::UiModel& model) const {
  const tour::GuideFrame& f = tour_->frame();
  model.tour.playing = !f.paused && !f.awaitingResume && f.phase != tour::TourPhase::Finished;
  model.tour.stopIndex = f.stopIndex;
  model.tour.stopCount = f.stopCount;
  if (f.poi) model.tour.stopName = f.poi->name;
  model.subtitles.rows.clear();
  for (const guide::SubtitleRow& row : f.subtitles) {
    ui::SubtitleRowView view;
    view.text = std::string(row.text);
    view.highlightBytes = std::min(row.highlightBytes, view.text.size());
    view.spoken = row.spoken;
    // Chinese rows hold CJK bytes (>= 0x80 lead bytes); English rows are ASCII.
    view.chinese = std::any_of(view.text.begin(), view.text.end(), [](char c) { return (unsigned char)c >= 0x80; });
    model.subtitles.rows.push_back(std::move(view));
  }
  model.subtitles.visible = !model.subtitles.rows.empty();
}

}  // namespace sc::app
