#pragma once
// One frame of the guide's body and face from what the director decided: locomotion (walk or
// idle, blended by walkWeight), upper-body layers (talk beats, a gesture clip) over it through
// the upper-body mask, the right arm aimed at the POI, head/eye look-at, and the face morphs;
// then the skin palette the renderer uploads. Pure CPU; deterministic for the same inputs.
#include <optional>

#include "anim/look_at.hpp"
#include "anim/root_motion.hpp"
#include "anim/skin_palette.hpp"
#include "anim/walk.hpp"
#include "guide/viseme_timeline.hpp"
#include "tour/guide_avatar.hpp"

namespace sc::tour {

enum class Gesture : std::uint8_t;

struct AnimatorInput {
  double dt = 0.0;
  double timeSec = 0.0;          // director clock, drives the idle loop
  anim::RootMotion root;         // position, heading and gait phase
  float walkWeight = 0.0f;       // 0 idle .. 1 walking
  Gesture gesture{};             // upper-body clip (None/Talk/Point/Wave/Present)
  double gestureTimeSec = 0.0;   // time into the gesture clip
  float gestureWeight = 0.0f;
  double talkTimeSec = 0.0;
  float talkWeight = 0.0f;
  int talkVariant = 0;
  std::optional<glm::vec3> aimTargetWorld;  // right arm points here (Point, Present)
  float aimWeight = 0.0f;
  bool aimLow = false;           // Present: an open arm towards the target, not a pointing arm
  anim::Side aimSide = anim::Side::Right;  // the arm that points (the POI's side)
  glm::vec3 lookTargetWorld{0.0f};
  guide::MouthWeights mouth{};
  float blink = 0.0f;
};

class GuideAnimator {
 public:
  // `walk` must use the stride the WaypointWalker advances the gait phase with, or feet slide.
  GuideAnimator(const GuideAvatar& avatar, const anim::WalkParams& walk);

  // Writes pose(), palette() (model space: root = identity) and the look angles.
  void update(const AnimatorInput& input);
  // Forget planted feet (after the root jumped).
  void resetFeet() { walk_.reset(); }

  const anim::Pose& pose() const { return pose_; }
  const anim::FramePalette& palette() const { return palette_; }
  const anim::LookAngles& look() const { return look_.angles(); }
  glm::vec3 headModel() const;  // head joint position, model space

 private:
  void layer(const anim::Clip& clip, double time, bool loop, float weight);

  const GuideAvatar* avatar_;
  anim::WalkController walk_;
  anim::LookAtController look_;
  anim::Pose pose_, scratch_, walkPose_;
  std::vector<glm::mat4> model_;
  anim::FramePalette palette_;
};

}  // namespace sc::tour
