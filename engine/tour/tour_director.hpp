#pragma once
// The tour director: plays a scene's tour with the digital-human guide. Pure C++ (no GPU, no
// audio device): each update(dt, visitorEye) advances the director's clock and returns one
// GuideFrame that any face (window, kiosk, XR, headless render) turns into pixels and sound.
//
// Per stop:  Walk -> TurnToVisitor -> Present -> Wait -> (next stop) ... -> Finished
//  - Walk: root motion along the stop's guideWaypoints (anim::WaypointWalker + WalkController,
//    feet planted). The guide ends on the LAST waypoint, which scene authors place beside the
//    POI's viewing spot (xr viewpoint). A stop without waypoints walks straight to a spot 1.6 m
//    from the POI's xr viewpoint towards the anchor and 1.0 m to its right.
//  - TurnToVisitor: turns on the spot (at most kTurnRate) until facing the visitor within 3
//    degrees (or 1.5 s passed; a visitor who moves is followed at half that rate through
//    Present and Wait whenever they get more than 6 degrees away), turned part of the way towards the POI when it lies behind
//    (tour_staging.hpp presentHeading: at most 40 degrees away from the visitor, so the POI can
//    be pointed at with the arm on its side while the head still finds the visitor). Stays here, idling and looking at the visitor, while the stop's
//    speech is still being synthesised (GuideFrame::speechPending).
//  - Present: the stop's gesture and its narration together. The gesture (point / present: right
//    arm aimed at the POI anchor, layered over the idle with the upper-body mask; wave: the wave
//    clip) plays for the first kGestureSeconds, then talk beat gestures until the speech ends.
//    Mouth morphs follow the viseme timeline, subtitles the word timing. Lasts the clip's
//    duration + kSpeechLeadIn.
//  - Wait: the stop's dwellSeconds, idling and looking at the visitor.
// Blinks run all the time (guide::BlinkScheduler, seeded). The head and eyes look at the visitor
// within anim::LookAtLimits (while walking: ahead, with a glance at the visitor).
//
// Controls (take effect at the next update; all but goToPoi cannot fail):
//   pause()/resume()   freeze / continue the clock (animation, speech and subtitles stop).
//   next()/previous()  abandon the current stop and walk to the next / previous one (previous
//                      at the first stop restarts it; next after the last one finishes).
//   repeat()           the current stop again, from its walk (short when already there).
//   goToStop(i)        jump to tour stop i (0-based) as part of the tour, not a detour: a detour
//                      or the current stop is abandoned, the guide walks to stop i (from the
//                      nearest point of its route), presents it, and the tour then goes on with
//                      stop i + 1. Also restarts a finished tour. Out of range: an Error naming
//                      the stop count; nothing changes.
//   goToPoi(id)        a detour: the guide walks to that POI (its tour stop's last waypoint when
//                      it has one) and explains it (POI narration, point gesture), then holds
//                      (GuideFrame::awaitingResume) until resume() returns to the interrupted
//                      stop, or next()/previous() moves on. Unknown id: an Error naming the id and
//                      the known ones; nothing changes.
//   setLanguage(zh|en|both)  subtitles switch at once; the SPOKEN language (zh for Chinese and
//                      Both, en for English) applies from the next narration.
//
// Speech never stalls a frame (SynthesisMode::Background, the default for live faces): the
// director hands every narration of the tour, in tour order, to a worker thread when it starts
// (and a detour's narration when goToPoi is called); a stop whose speech is not ready yet waits
// in TurnToVisitor. SynthesisMode::Inline synthesises on the calling thread the moment a
// narration is first needed (deterministic, for tests); prepareAll() synthesises the whole tour
// up front (the headless render calls it, so frames are deterministic AND never wait).
// Without a synthesizer (a build without espeak-ng) narrations are silent: their duration is
// estimated from the text (kSilentSecondsPerChar) and subtitles are untimed.
//
// Determinism: for a fixed sequence of dt and visitor positions, with Inline or prepareAll, every
// GuideFrame is the same on every run.
// Threading: all methods on one thread (the face's), except that the worker runs inside.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "anim/look_at.hpp"
#include "anim/skin_palette.hpp"
#include "core/result.hpp"
#include "guide/speech_synthesizer.hpp"
#include "guide/subtitle_timeline.hpp"
#include "guide/viseme_timeline.hpp"
#include "scene/scene_document.hpp"
#include "tour/guide_avatar.hpp"

namespace sc::tour {

inline constexpr float kTurnRate = 2.2f;           // rad/s on the spot
inline constexpr double kGestureSeconds = 2.6;     // gesture before talk beats take over
inline constexpr double kSpeechLeadIn = 0.3;       // from entering Present to the first sound
inline constexpr double kSilentSecondsPerChar = 0.07;  // duration estimate without a synthesizer

enum class TourPhase : std::uint8_t { Walk, TurnToVisitor, Present, Wait, Finished };
std::string_view phaseName(TourPhase phase);

// zh, en or both (zh spoken, en shown under it as a translation).
using TourLanguage = guide::SubtitleMode;
// "zh" | "en" | "both" -> language; nullopt otherwise.
std::optional<TourLanguage> parseTourLanguage(std::string_view text);

enum class SynthesisMode : std::uint8_t { Background, Inline };

enum class Gesture : std::uint8_t { None, Point, Wave, Present, Talk };

struct TourDirectorOptions {
  std::string tourId;                 // empty: the scene's first tour
  TourLanguage language = TourLanguage::Both;
  bool longNarration = false;         // the narration's long text instead of the short one
  SynthesisMode synthesis = SynthesisMode::Background;
  std::uint64_t blinkSeed = 7;
  std::size_t zhCharsPerLine = 20;    // subtitle line lengths (codepoints)
  std::size_t enCharsPerLine = 44;
  float walkSpeed = 1.2f;             // m/s
  // Routes longer than this (metres) are shortened: the guide skips ahead to this distance
  // before the stand spot (feet re-planted), so a kiosk or a headless render does not spend
  // minutes walking. 0 = walk every metre.
  float maxWalkMetres = 0.0f;
  // Where the guide starts (world, on the ground): empty = 1.2 m to the +X side of the scene's
  // xr spawn point (the visitor's feet), so the guide begins next to the visitor.
  std::optional<glm::vec3> start;
  float startHeading = 0.0f;          // radians about +Y, 0 faces +Z
};

// A camera suggestion (world space). `fovY` in radians.
struct CameraView {
  glm::vec3 eye{0.0f, 1.6f, 4.0f};
  glm::vec3 target{0.0f, 1.2f, 0.0f};
  float fovY = 0.9f;
};

// Sound the face should play. A new narration gets a new `id`; `startedNow` is true on the one
// frame where its first sample is due (`clipTimeSec` is then the small overshoot into it).
struct AudioCue {
  std::shared_ptr<const guide::SpeechClip> clip;  // null: nothing playing
  std::uint64_t id = 0;
  double startTimeSec = 0.0;   // director time of the clip's first sample
  double clipTimeSec = 0.0;    // seconds into the clip now (may exceed its duration at the end)
  bool startedNow = false;
  bool playing = false;        // clip set, started, not finished, not paused
};

// Everything a face needs for one frame. Pointers and string views point into the director and
// stay valid until its next update() or control call.
struct GuideFrame {
  double timeSec = 0.0;          // director clock (paused time excluded)
  TourPhase phase = TourPhase::Walk;
  bool paused = false;
  bool detour = false;           // explaining a POI picked with goToPoi
  bool awaitingResume = false;   // a finished detour waits for resume()/next()/previous()
  bool speechPending = false;    // waiting in TurnToVisitor for the synthesizer
  int stopIndex = -1;            // tour stop (0-based) being walked to / presented; -1 in a detour
  int stopCount = 0;
  const scene::PointOfInterest* poi = nullptr;  // the POI of the stop or detour
  Gesture gesture = Gesture::None;               // upper-body gesture playing now

  glm::mat4 root{1.0f};          // world matrix of the guide's model space (Renderer instance)
  glm::vec3 headWorld{0.0f};     // head position, world (audio source, labels)
  const anim::Pose* pose = nullptr;
  // Joint matrices in MODEL space (root applied by the instance transform) and morph weights:
  // exactly what render::Renderer::setInstancePose takes for the avatar's model.
  const anim::FramePalette* palette = nullptr;
  guide::MouthWeights mouth{};   // viseme weights written into the face morphs
  float blink = 0.0f;
  anim::LookAngles look;         // head/eye angles after limits

  TourLanguage language = TourLanguage::Both;
  std::vector<guide::SubtitleRow> subtitles;  // zh row above en row; empty when silent
  AudioCue audio;

  CameraView stopView;     // the POI's own desktop viewpoint (the author's framing)
  CameraView companion;    // smoothed camera that keeps the guide and the POI in view
};

// A narration that started, for mixing the tour's audio afterwards (guide::renderToWav).
struct SpokenCue {
  std::shared_ptr<const guide::SpeechClip> clip;
  double startTimeSec = 0.0;   // director time
  glm::vec3 headWorld{0.0f};   // where the guide's head was at the start
};

class TourDirector {
 public:
  // `synthesizer` may be null (silent narrations, see above); it must outlive the director and
  // is used from the director's worker thread only while the director lives. Errors: the scene
  // has no tours, `tourId` names no tour (the message lists the ids), a stop names an unknown POI.
  static Result<std::unique_ptr<TourDirector>> create(
      std::shared_ptr<const scene::SceneDocument> scene, std::shared_ptr<const GuideAvatar> avatar,
      std::shared_ptr<guide::SpeechSynthesizer> synthesizer, const TourDirectorOptions& options = {});
  ~TourDirector();
  TourDirector(const TourDirector&) = delete;
  TourDirector& operator=(const TourDirector&) = delete;

  // Synthesises every narration of the tour in the current language now (blocking). The first
  // synthesis error is returned (the narration is then silent, the tour goes on).
  Status prepareAll();

  // Advances by dt seconds (clamped to [0, 0.25]; ignored while paused except for the pose
  // refresh) with the visitor's eye (desktop camera or HMD) in world space.
  const GuideFrame& update(double dt, const glm::vec3& visitorEyeWorld);
  const GuideFrame& frame() const;

  void pause();
  void resume();
  bool paused() const;
  void next();
  void previous();
  void repeat();
  Status goToStop(int stopIndex);
  Status goToPoi(std::string_view poiId);
  void setLanguage(TourLanguage language);
  TourLanguage language() const;

  const scene::Tour& tour() const;
  const scene::SceneDocument& scene() const;
  const GuideAvatar& avatar() const;
  // Every narration started so far, in order (for the headless WAV mix).
  const std::vector<SpokenCue>& spokenCues() const;
  // Where the guide starts (see TourDirectorOptions::start).
  glm::vec3 startPosition() const;
  // The spot where the guide stands to present `stopIndex`, world, on the ground.
  glm::vec3 standSpot(int stopIndex) const;

  struct Impl;

 private:
  explicit TourDirector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::tour
