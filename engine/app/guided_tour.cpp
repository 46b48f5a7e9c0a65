#include "app/guided_tour.hpp"

#include <spdlog/spdlog.h>

#include "assets/importer.hpp"
#include "scene/scene_loader.hpp"

namespace sc::app {

namespace {

// The avatar file and the roots its textures and buffers are read through.
struct AvatarSource {
  std::filesystem::path file;
  ContentRoots roots;
};

Result<AvatarSource> findAvatar(const scene::LoadedScene& loaded, const std::filesystem::path& override) {
  if (!override.empty()) {
    std::error_code ec;
    auto file = std::filesystem::weakly_canonical(override, ec);
    if (ec || !std::filesystem::is_regular_file(file)) {
      return makeError("{}: no such avatar file; give a glTF/VRM/FBX humanoid", override.string());
    }
    return AvatarSource{file, ContentRoots({file.parent_path()})};
  }
  if (!loaded.resolvedAvatarPath.empty()) return AvatarSource{loaded.resolvedAvatarPath, loaded.roots};
  // The default guide ships in assets/guide, which every scene's content roots include.
  auto file = loaded.roots.resolve("guide/guide.gltf", loaded.file.string() + ": the default guide avatar");
  if (!file) {
    return makeError("{}: the scene names no guide avatar and the default guide/guide.gltf is not in its content "
                     "roots ({}); set guide.avatar or add the assets folder to contentRoots",
                     loaded.file.string(), file.error().message);
  }
  return AvatarSource{*file, loaded.roots};
}

}  // namespace

Result<std::unique_ptr<GuidedTour>> GuidedTour::create(render::Renderer& renderer,
                                                       const std::filesystem::path& sceneFile,
                                                       const GuidedTourOptions& options) {
  scene::ValidationReport report;
  auto loaded = scene::loadSceneDocument(sceneFile, {}, report);
  if (!loaded) return loaded.error();

  auto source = findAvatar(*loaded, options.avatar);
  if (!source) return source.error();
  auto model = assets::importModel(source->file, source->roots);
  if (!model) return model.error();
  anim::BoneNameMap boneMap;
  if (loaded->doc.guide) boneMap = loaded->doc.guide->boneMap;
  auto avatar = tour::makeGuideAvatar(*model, boneMap);
  if (!avatar) return avatar.error();

  std::unique_ptr<GuidedTour> tour(new GuidedTour());
  tour->scene_ = std::make_shared<const scene::SceneDocument>(std::move(loaded->doc));
  if (options.speech) {
    auto synth = guide::createSpeechSynthesizer();
    if (synth) tour->synthesizer_ = std::move(synth.value());
    else spdlog::warn("the guide will not speak: {}", synth.error().message);
  }
  auto director = tour::TourDirector::create(tour->scene_, std::make_shared<const tour::GuideAvatar>(std::move(*avatar)),
                                             tour->synthesizer_, options.director);
  if (!director) return director.error();
  tour->director_ = std::move(director.value());

  auto id = renderer.addModel(*model);
  if (!id) return id.error();
  tour->renderer_ = &renderer;
  tour->model_ = *id;
  tour->instance_ = renderer.addInstance(*id, tour->director_->frame().root);

  if (options.audio) {
    auto audio = guide::AudioOutput::open();
    if (audio) tour->audio_ = std::move(audio.value());
    else spdlog::warn("the guide's narration will not be heard: {}", audio.error().message);
  }
  spdlog::info("guide: {} ({} joints), tour '{}' with {} stops", source->file.string(),
               tour->director_->avatar().skeleton.jointCount(), tour->director_->tour().id,
               tour->director_->tour().stops.size());
  return tour;
}

GuidedTour::~GuidedTour() {
  if (audio_) audio_->stop();
  if (renderer_) {
    renderer_->removeInstance(instance_);
    renderer_->removeModel(model_);
  }
}

const tour::GuideFrame& GuidedTour::update(double dt, const glm::vec3& visitorEyeWorld,
                                           const std::optional<guide::ListenerPose>& listener) {
  const tour::GuideFrame& f = director_->update(dt, visitorEyeWorld);
  renderer_->setInstanceTransform(instance_, f.root);
  if (f.palette) {
    // Sizes come from the same model the renderer holds; an error here is a bug, not content.
    auto posed = renderer_->setInstancePose(instance_, *f.palette);
    if (!posed) spdlog::error("guide pose: {}", posed.error().message);
  }
  if (!audio_) return f;

  guide::ListenerPose pose;
  if (listener) {
    pose = *listener;
  } else {
    pose.position = visitorEyeWorld;
    glm::vec3 towards = f.headWorld - visitorEyeWorld;
    if (glm::length(towards) > 1e-3f) pose.forward = glm::normalize(towards);
  }
  audio_->setListener(pose);
  const tour::AudioCue& cue = f.audio;
  if (cue.clip && cue.startedNow && cue.id != playingCue_) {
    auto played = audio_->play(*cue.clip, f.headWorld);
    if (!played) spdlog::warn("narration audio: {}", played.error().message);
    playingCue_ = cue.id;
    audioPaused_ = false;
  } else if (!cue.clip && playingCue_ != 0) {
    audio_->stop();  // next / previous / a detour abandoned the narration
    playingCue_ = 0;
  } else if (cue.clip && cue.id != playingCue_ && playingCue_ != 0) {
    audio_->stop();
    playingCue_ = 0;
  }
  if (f.paused && !audioPaused_ && playingCue_ != 0) {
    audio_->pause();
    audioPaused_ = true;
  } else if (!f.paused && audioPaused_) {
    audio_->resume();
    audioPaused_ = false;
  }
  audio_->setSourcePosition(f.headWorld);
  return f;
}

}  // namespace sc::app
