#pragma once
// The guided tour as any face uses it (window, kiosk, XR, headless render): the scene's guide
// avatar drawn by a render::Renderer, animated by a tour::TourDirector, heard through
// guide::AudioOutput when one is open. Face-independent: the face owns the renderer, the camera,
// input and the UI; it calls update() once per frame BEFORE Renderer::render (for every view:
// the pose is uploaded once and shared by both XR eyes), then draws subtitleRows() and
// currentPoi() with its UI.
//
//   auto tour = GuidedTour::create(renderer, "scenes/hongyadong/hongyadong.scene.json", {});
//   each frame: tour->update(dt, cameraEye); renderer.render(target, views);
//   keys:       tour->director().next() / previous() / pause() / resume() / goToPoi(id)
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "guide/audio_output.hpp"
#include "render/renderer.hpp"
#include "scene/scene_document.hpp"
#include "tour/tour_director.hpp"

namespace sc::app {

struct GuidedTourOptions {
  tour::TourDirectorOptions director;  // tour id, language, synthesis mode, ...
  // Avatar model file; empty = the scene's guide.avatar, else "guide/guide.gltf" through the
  // scene's content roots (the default guide in assets/guide).
  std::filesystem::path avatar;
  // Open the default audio device and play narrations positionally at the guide's head. When
  // opening fails (no device, no OpenAL) the tour goes on silently, with a warning logged.
  bool audio = true;
  // Speech synthesis: when false, narrations are silent (duration from the text length).
  bool speech = true;
};

class GuidedTour {
 public:
  // Loads the scene file (its document and content roots), imports and uploads the avatar as a
  // model + instance of `renderer`, creates the speech synthesizer (espeak-ng; a warning and
  // silent narrations when unavailable) and the director. `renderer` must outlive the tour.
  // Errors: the scene cannot be loaded or has no tour, the avatar cannot be imported or is not
  // a humanoid (messages name the file and what to fix).
  static Result<std::unique_ptr<GuidedTour>> create(render::Renderer& renderer,
                                                    const std::filesystem::path& sceneFile,
                                                    const GuidedTourOptions& options = {});
  ~GuidedTour();  // removes the avatar's instance and model from the renderer
  GuidedTour(const GuidedTour&) = delete;
  GuidedTour& operator=(const GuidedTour&) = delete;

  // Advances the director by dt with the visitor's eye (world), applies the frame to the
  // renderer (setInstanceTransform + setInstancePose, once for all views), starts/pauses/moves
  // the narration audio and the listener (`listener` = the camera or HMD pose; default: at the
  // visitor's eye facing the guide).
  const tour::GuideFrame& update(double dt, const glm::vec3& visitorEyeWorld,
                                 const std::optional<guide::ListenerPose>& listener = std::nullopt);

  tour::TourDirector& director() { return *director_; }
  const tour::GuideFrame& frame() const { return director_->frame(); }
  // The subtitle rows of the current frame (zh above en); views stay valid until the next
  // update() or director control call.
  const std::vector<guide::SubtitleRow>& subtitleRows() const { return frame().subtitles; }
  // The POI being walked to or explained (null before the first frame).
  const scene::PointOfInterest* currentPoi() const { return frame().poi; }
  render::InstanceId instance() const { return instance_; }
  render::ModelId model() const { return model_; }
  // The audio output when one is open (null headless or when opening failed).
  guide::AudioOutput* audio() { return audio_.get(); }
  const scene::SceneDocument& scene() const { return *scene_; }

 private:
  GuidedTour() = default;
  render::Renderer* renderer_ = nullptr;
  render::ModelId model_ = 0;
  render::InstanceId instance_ = 0;
  std::shared_ptr<const scene::SceneDocument> scene_;
  std::shared_ptr<guide::SpeechSynthesizer> synthesizer_;
  std::unique_ptr<tour::TourDirector> director_;
  std::unique_ptr<guide::AudioOutput> audio_;
  std::uint64_t playingCue_ = 0;
  bool audioPaused_ = false;
};

}  // namespace sc::app
