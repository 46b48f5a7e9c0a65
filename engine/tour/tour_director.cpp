// The director's state machine. Pose building is in guide_animator.cpp, speech preparation in
// speech_preparer.cpp, the stand spots, routes and camera suggestions in tour_staging.cpp.
#include "tour/tour_director.hpp"

#include <algorithm>
#include <cmath>

#include "guide/blink_scheduler.hpp"
#include "tour/guide_animator.hpp"
#include "tour/speech_preparer.hpp"
#include "tour/tour_staging.hpp"

namespace sc::tour {

std::string_view phaseName(TourPhase phase) {
  switch (phase) {
    case TourPhase::Walk: return "walk";
    case TourPhase::TurnToVisitor: return "turn";
    case TourPhase::Present: return "present";
    case TourPhase::Wait: return "wait";
    case TourPhase::Finished: return "finished";
  }
  return "?";
}

std::optional<TourLanguage> parseTourLanguage(std::string_view text) {
  if (text == "zh" || text == "zh-CN") return TourLanguage::Chinese;
  if (text == "en") return TourLanguage::English;
  if (text == "both") return TourLanguage::Both;
  return std::nullopt;
}

namespace {

constexpr double kTurnTimeout = 1.5;
constexpr float kKeepFacingSlack = 6.0f * anim::kDegrees;  // Present/Wait re-turn beyond this
constexpr float kFacingTolerance = 3.0f * anim::kDegrees;
constexpr double kSubtitleHoldSec = 1.5;  // the last line stays this long into Wait
constexpr double kFadeSec = 0.35;         // gesture / talk / walk layer fades

guide::Language spokenLanguage(TourLanguage language) {
  return language == TourLanguage::English ? guide::Language::English : guide::Language::Mandarin;
}

// Moves `value` towards `goal` by at most dt / kFadeSec (a linear fade, deterministic).
void fadeTowards(float& value, float goal, double dt) {
  float step = float(dt / kFadeSec);
  value = goal > value ? std::min(goal, value + step) : std::max(goal, value - step);
}

}  // namespace

struct TourDirector::Impl {
  std::shared_ptr<const scene::SceneDocument> scene;
  const scene::Tour* tour = nullptr;
  std::shared_ptr<const GuideAvatar> avatar;
  TourDirectorOptions options;
  SpeechPreparer speech;
  GuideAnimator animator;
  guide::BlinkScheduler blinks;
  anim::WalkerParams walkerParams;

  // Clock and state.
  double time = 0.0;
  TourPhase phase = TourPhase::Walk;
  double phaseTime = 0.0;
  bool paused = false;
  int stopIndex = 0;
  std::optional<Visit> detour;  // the POI the visitor picked
  bool awaitingResume = false;
  TourLanguage language;

  // Motion.
  anim::RootMotion root;
  std::optional<anim::WaypointWalker> walker;
  float walkWeight = 0.0f, gestureWeight = 0.0f, talkWeight = 0.0f, aimWeight = 0.0f;
  int talkVariant = 0;
  anim::Side aimSide = anim::Side::Right;

  // Speech of the current Present phase.
  std::shared_ptr<const PreparedSpeech> speaking;
  double speechStart = 0.0;
  guide::SubtitleTimeline zhTrack, enTrack;
  bool haveZh = false, haveEn = false;
  std::uint64_t cueId = 0;
  std::vector<SpokenCue> spoken;

  CameraView companion;
  bool companionInitialised = false;
  GuideFrame frame;

  Impl(std::shared_ptr<const scene::SceneDocument> s, const scene::Tour* t, std::shared_ptr<const GuideAvatar> a,
       std::shared_ptr<guide::SpeechSynthesizer> synth, const TourDirectorOptions& o)
      : scene(std::move(s)),
        tour(t),
        avatar(std::move(a)),
        options(o),
        speech(std::move(synth), o.synthesis == SynthesisMode::Background),
        animator(*avatar, anim::WalkParams::forSpeed(o.walkSpeed, avatar->rig.legLength(anim::Side::Left))),
        blinks(o.blinkSeed),
        language(o.language) {
    walkerParams.speed = options.walkSpeed;
    walkerParams.stride = anim::WalkParams::forSpeed(options.walkSpeed, avatar->rig.legLength(anim::Side::Left)).stride;
  }

  Visit visitOfStop(int index) const { return stopVisit(*scene, *tour, index, options.longNarration); }
  Visit current() const { return detour ? *detour : visitOfStop(stopIndex); }
  const std::string& textFor(const Visit& v, guide::Language l) const { return l == guide::Language::English ? v.textEn : v.textZh; }

  void requestSpeech(const Visit& v, bool urgent) {
    guide::Language l = spokenLanguage(language);
    speech.request(textFor(v, l), l, urgent);
  }
  void requestTour() {
    for (int i = 0; i < int(tour->stops.size()); ++i) requestSpeech(visitOfStop(i), false);
  }

  // Starts walking to the current visit. `followRoute`: the stop's whole route (normal tour
  // order); otherwise from the route's waypoint nearest to the guide on (jumps and detours).
  void startWalk(bool followRoute) {
    Visit v = current();
    std::vector<glm::vec3> route = followRoute ? v.route : routeFromNearest(v.route, root.position);
    glm::vec3 start = root.position;
    if (options.maxWalkMetres > 0.0f) {
      glm::vec3 jumped = shortenRoute(route, start, options.maxWalkMetres);
      if (jumped != start) {
        root.position = jumped;
        animator.resetFeet();
      }
    }
    walker.emplace(std::move(route), root.position, root.heading, walkerParams);
    setPhase(TourPhase::Walk);
    speaking.reset();
    requestSpeech(v, detour.has_value());
  }
  void setPhase(TourPhase p) {
    phase = p;
    phaseTime = 0.0;
  }
  void startStop(int index, bool followRoute) {
    detour.reset();
    awaitingResume = false;
    stopIndex = std::clamp(index, 0, int(tour->stops.size()) - 1);
    startWalk(followRoute);
  }

  // Turns the root towards the presenting heading at `rate`; returns what is left to turn.
  float turnTowards(const glm::vec3& visitor, float rate, double dt) {
    const scene::PointOfInterest* poi = current().poi;
    float goal = presentHeading(root.position, root.heading, visitor, poi ? poi->anchor : visitor);
    float diff = anim::wrapAngle(goal - root.heading);
    float turn = std::clamp(diff, -rate * float(dt), rate * float(dt));
    root.heading = anim::wrapAngle(root.heading + turn);
    return diff - turn;
  }
  // While presenting and waiting the guide keeps facing a visitor who moves, turning slowly and
  // only once they are kKeepFacingSlack away from where it faces (no constant fidgeting).
  void keepFacing(const glm::vec3& visitor, double dt) {
    float saved = root.heading;
    float left = turnTowards(visitor, 0.0f, dt);  // measure only
    root.heading = saved;
    if (refacing || std::abs(left) > kKeepFacingSlack) {
      refacing = std::abs(turnTowards(visitor, 0.5f * kTurnRate, dt)) > 0.5f * anim::kDegrees;
    }
  }
  bool refacing = false;
  void step(double dt, const glm::vec3& visitor);
  void beginPresent(std::shared_ptr<const PreparedSpeech> s);
  void buildFrame(double dt, const glm::vec3& visitor);
};

void TourDirector::Impl::beginPresent(std::shared_ptr<const PreparedSpeech> s) {
  setPhase(TourPhase::Present);
  speaking = std::move(s);
  speechStart = time + kSpeechLeadIn;
  talkVariant = int(cueId & 1);
  const Visit v = current();
  // Point with the arm on the POI's side (yaw > 0 is the character's left, +X in model space).
  if (v.poi) {
    glm::vec3 d = v.poi->anchor - root.position;
    aimSide = anim::wrapAngle(std::atan2(d.x, d.z) - root.heading) > 0.0f ? anim::Side::Left : anim::Side::Right;
  }
  ++cueId;
  haveZh = haveEn = false;
  const bool spokenZh = speaking->language == guide::Language::Mandarin;
  auto timed = [&](std::size_t chars) {
    return guide::SubtitleTimeline::build(speaking->text, speaking->words, speaking->durationSec, chars);
  };
  if (spokenZh) {
    zhTrack = timed(options.zhCharsPerLine);
    haveZh = true;
    if (!v.textEn.empty()) {
      enTrack = guide::SubtitleTimeline::untimed(v.textEn, options.enCharsPerLine);
      haveEn = true;
    }
  } else {
    enTrack = timed(options.enCharsPerLine);
    haveEn = true;
    if (!v.textZh.empty()) {
      zhTrack = guide::SubtitleTimeline::untimed(v.textZh, options.zhCharsPerLine);
      haveZh = true;
    }
  }
  glm::vec3 head = glm::vec3(root.matrix() * glm::vec4(animator.headModel(), 1.0f));
  spoken.push_back({speaking->clip, speechStart, head});
}

void TourDirector::Impl::step(double dt, const glm::vec3& visitor) {
  time += dt;
  phaseTime += dt;
  switch (phase) {
    case TourPhase::Walk: {
      root = walker->update(float(dt));
      if (root.arrived) {
        root.speed = 0.0f;
        setPhase(TourPhase::TurnToVisitor);
      }
      break;
    }
    case TourPhase::TurnToVisitor: {
      bool facing = std::abs(turnTowards(visitor, kTurnRate, dt)) < kFacingTolerance || phaseTime >= kTurnTimeout;
      if (!facing) break;
      Visit v = current();
      guide::Language l = spokenLanguage(language);
      auto ready = options.synthesis == SynthesisMode::Inline ? speech.get(textFor(v, l), l) : speech.find(textFor(v, l), l);
      if (ready) beginPresent(std::move(ready));
      break;
    }
    case TourPhase::Present:
      keepFacing(visitor, dt);
      if (time >= speechStart + speaking->durationSec + 0.2) setPhase(TourPhase::Wait);
      break;
    case TourPhase::Wait: {
      keepFacing(visitor, dt);
      if (awaitingResume) break;
      if (phaseTime < current().dwellSeconds) break;
      if (detour) {
        awaitingResume = true;
      } else if (stopIndex + 1 < int(tour->stops.size())) {
        startStop(stopIndex + 1, true);
      } else {
        setPhase(TourPhase::Finished);
      }
      break;
    }
    case TourPhase::Finished: break;
  }
}

void TourDirector::Impl::buildFrame(double dt, const glm::vec3& visitor) {
  Visit v = current();
  GuideFrame& f = frame;
  f.timeSec = time;
  f.phase = phase;
  f.paused = paused;
  f.detour = detour.has_value();
  f.awaitingResume = awaitingResume;
  f.stopIndex = detour ? -1 : stopIndex;
  f.stopCount = int(tour->stops.size());
  f.poi = v.poi;
  f.language = language;
  f.speechPending = phase == TourPhase::TurnToVisitor && phaseTime >= kTurnTimeout;

  const bool presenting = phase == TourPhase::Present;
  const double speechTime = time - speechStart;
  Gesture gesture = Gesture::None;
  if (presenting && phaseTime < kGestureSeconds) gesture = v.gesture;
  const bool talking = presenting && speechTime >= 0.0 && speechTime < speaking->durationSec;
  fadeTowards(walkWeight, phase == TourPhase::Walk && !root.arrived ? 1.0f : 0.0f, dt);
  fadeTowards(gestureWeight, gesture != Gesture::None ? 1.0f : 0.0f, dt);
  fadeTowards(talkWeight, talking && gesture == Gesture::None ? 1.0f : 0.0f, dt);
  const bool aiming = gesture == Gesture::Point || gesture == Gesture::Present;
  fadeTowards(aimWeight, aiming ? 1.0f : 0.0f, dt);
  if (gesture != Gesture::None) f.gesture = gesture;
  else if (talkWeight > 0.0f) f.gesture = Gesture::Talk;
  else f.gesture = gestureWeight > 0.0f ? f.gesture : Gesture::None;

  AnimatorInput in;
  in.dt = dt;
  in.timeSec = time;
  in.root = root;
  in.walkWeight = walkWeight;
  in.gesture = gesture != Gesture::None ? gesture : (gestureWeight > 0.0f ? v.gesture : Gesture::None);
  in.gestureTimeSec = phaseTime;
  in.gestureWeight = gestureWeight;
  in.talkTimeSec = std::max(0.0, speechTime);
  in.talkWeight = talkWeight;
  in.talkVariant = talkVariant;
  if (v.poi) in.aimTargetWorld = v.poi->anchor;
  in.aimWeight = aimWeight;
  in.aimLow = v.gesture == Gesture::Present;
  in.aimSide = aimSide;
  // Look: ahead while walking (with the visitor when they are in front), at the POI while
  // pointing at it, else at the visitor.
  if (phase == TourPhase::Walk && walkWeight > 0.5f) {
    in.lookTargetWorld = root.position + root.forward() * 4.0f + glm::vec3(0.0f, avatar->eyeHeight, 0.0f);
  } else if (aiming && phaseTime < 1.4 && v.poi) {
    in.lookTargetWorld = v.poi->anchor;
  } else {
    in.lookTargetWorld = visitor;
  }
  f.mouth = {};
  if (talking && speaking->clip) f.mouth = speaking->visemes.weightsAt(speechTime);
  in.mouth = f.mouth;
  f.blink = blinks.weightAt(time);
  in.blink = f.blink;
  animator.update(in);

  f.root = root.matrix();
  f.pose = &animator.pose();
  f.palette = &animator.palette();
  f.look = animator.look();
  f.headWorld = glm::vec3(f.root * glm::vec4(animator.headModel(), 1.0f));

  f.subtitles.clear();
  if (speaking && (presenting || (phase == TourPhase::Wait && phaseTime < kSubtitleHoldSec))) {
    bool spokenZh = speaking->language == guide::Language::Mandarin;
    f.subtitles = guide::subtitleRowsAt(language, haveZh ? &zhTrack : nullptr, haveEn ? &enTrack : nullptr, spokenZh,
                                        std::max(0.0, speechTime));
  }

  AudioCue& a = f.audio;
  const bool hadStarted = a.id == cueId && a.clipTimeSec >= 0.0;
  a = {};
  if (speaking && speaking->clip && (presenting || phase == TourPhase::Wait)) {
    a.clip = speaking->clip;
    a.id = cueId;
    a.startTimeSec = speechStart;
    a.clipTimeSec = speechTime;
    a.startedNow = speechTime >= 0.0 && !hadStarted && !paused;
    a.playing = !paused && speechTime >= 0.0 && speechTime < speaking->clip->durationSec;
  }

  f.stopView = stopCamera(v);
  CameraView goal = companionCamera(v, root, phase == TourPhase::Walk && !root.arrived, avatar->eyeHeight);
  if (!companionInitialised) {
    companion = goal;
    companionInitialised = true;
  } else {
    companion = followCamera(companion, goal, dt, root.position);
  }
  f.companion = companion;
}

Result<std::unique_ptr<TourDirector>> TourDirector::create(std::shared_ptr<const scene::SceneDocument> scene,
                                                           std::shared_ptr<const GuideAvatar> avatar,
                                                           std::shared_ptr<guide::SpeechSynthesizer> synthesizer,
                                                           const TourDirectorOptions& options) {
  if (!scene) return makeError("tour director: no scene");
  if (!avatar) return makeError("tour director: no guide avatar");
  if (scene->tours.empty()) {
    return makeError("scene '{}' has no tours: add a \"tours\" entry with stops (docs/SCENES.md)", scene->title.en);
  }
  const scene::Tour* tour = options.tourId.empty() ? &scene->tours.front() : scene->findTour(options.tourId);
  if (!tour) {
    std::string known;
    for (const auto& t : scene->tours) known += (known.empty() ? "" : ", ") + t.id;
    return makeError("scene '{}' has no tour '{}'; its tours are: {}", scene->title.en, options.tourId, known);
  }
  if (tour->stops.empty()) return makeError("tour '{}' has no stops", tour->id);
  for (std::size_t i = 0; i < tour->stops.size(); ++i) {
    if (!scene->findPoi(tour->stops[i].poi)) {
      return makeError("tour '{}' stop {} names point of interest '{}', which the scene does not have", tour->id, i + 1,
                       tour->stops[i].poi);
    }
  }
  auto impl = std::make_unique<Impl>(std::move(scene), tour, std::move(avatar), std::move(synthesizer), options);
  Impl& d = *impl;
  d.root.position = options.start ? *options.start : defaultStart(*d.scene);
  d.root.heading = options.startHeading;
  d.requestTour();
  d.startStop(0, true);
  return std::unique_ptr<TourDirector>(new TourDirector(std::move(impl)));
}

TourDirector::TourDirector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TourDirector::~TourDirector() = default;

Status TourDirector::prepareAll() {
  std::string firstError;
  auto prepare = [&](const Visit& v) {
    guide::Language l = spokenLanguage(impl_->language);
    auto s = impl_->speech.get(impl_->textFor(v, l), l);
    if (!s->error.empty() && firstError.empty()) firstError = s->error;
  };
  for (int i = 0; i < int(impl_->tour->stops.size()); ++i) prepare(impl_->visitOfStop(i));
  if (impl_->detour) prepare(*impl_->detour);
  if (!firstError.empty()) return Error{firstError};
  return okStatus();
}

const GuideFrame& TourDirector::update(double dt, const glm::vec3& visitorEyeWorld) {
  dt = std::clamp(std::isfinite(dt) ? dt : 0.0, 0.0, 0.25);
  if (impl_->paused) {
    impl_->frame.paused = true;
    impl_->frame.audio.playing = false;
    impl_->frame.audio.startedNow = false;
    return impl_->frame;
  }
  impl_->step(dt, visitorEyeWorld);
  impl_->buildFrame(dt, visitorEyeWorld);
  return impl_->frame;
}

const GuideFrame& TourDirector::frame() const { return impl_->frame; }
void TourDirector::pause() { impl_->paused = true; }
void TourDirector::resume() {
  if (impl_->paused) {
    impl_->paused = false;
    return;
  }
  if (impl_->detour && impl_->awaitingResume) impl_->startStop(impl_->stopIndex, false);
}
bool TourDirector::paused() const { return impl_->paused; }

void TourDirector::next() {
  Impl& d = *impl_;
  d.paused = false;
  if (d.detour) {
    d.startStop(d.stopIndex + (d.awaitingResume ? 1 : 0), false);
    return;
  }
  if (d.stopIndex + 1 >= int(d.tour->stops.size())) {
    d.walker.reset();
    d.speaking.reset();
    d.setPhase(TourPhase::Finished);
    return;
  }
  d.startStop(d.stopIndex + 1, d.phase != TourPhase::Walk);
}

void TourDirector::previous() {
  Impl& d = *impl_;
  d.paused = false;
  d.startStop(d.detour ? d.stopIndex : std::max(0, d.stopIndex - 1), false);
}

void TourDirector::repeat() {
  Impl& d = *impl_;
  d.paused = false;
  if (d.detour) {
    d.awaitingResume = false;
    d.startWalk(false);
    return;
  }
  d.startStop(d.stopIndex, false);
}

Status TourDirector::goToStop(int stopIndex) {
  Impl& d = *impl_;
  int count = int(d.tour->stops.size());
  if (stopIndex < 0 || stopIndex >= count) {
    return makeError("tour '{}' has {} stop(s); there is no stop {} (stops are numbered 1 to {})", d.tour->id, count,
                     stopIndex + 1, count);
  }
  d.paused = false;
  // Not followRoute: the guide joins the stop's route at its nearest point instead of walking
  // back to where the route starts (it may be anywhere after a jump).
  d.startStop(stopIndex, false);
  return okStatus();
}

Status TourDirector::goToPoi(std::string_view poiId) {
  Impl& d = *impl_;
  const scene::PointOfInterest* poi = d.scene->findPoi(poiId);
  if (!poi) {
    std::string known;
    for (const auto& p : d.scene->pois) known += (known.empty() ? "" : ", ") + p.id;
    return makeError("no point of interest '{}' in scene '{}'; its points of interest are: {}", poiId,
                     d.scene->title.en, known);
  }
  d.paused = false;
  d.awaitingResume = false;
  d.detour = poiVisit(*d.scene, *poi, d.options.longNarration);
  d.startWalk(false);
  return okStatus();
}

void TourDirector::setLanguage(TourLanguage language) {
  if (impl_->language == language) return;
  impl_->language = language;
  impl_->requestTour();
}
TourLanguage TourDirector::language() const { return impl_->language; }
const scene::Tour& TourDirector::tour() const { return *impl_->tour; }
const scene::SceneDocument& TourDirector::scene() const { return *impl_->scene; }
const GuideAvatar& TourDirector::avatar() const { return *impl_->avatar; }
const std::vector<SpokenCue>& TourDirector::spokenCues() const { return impl_->spoken; }
glm::vec3 TourDirector::startPosition() const {
  return impl_->options.start ? *impl_->options.start : defaultStart(*impl_->scene);
}
glm::vec3 TourDirector::standSpot(int stopIndex) const {
  return impl_->visitOfStop(std::clamp(stopIndex, 0, int(impl_->tour->stops.size()) - 1)).spot;
}

}  // namespace sc::tour
