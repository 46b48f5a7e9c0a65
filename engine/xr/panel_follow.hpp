#pragma once
// A world-space UI panel (subtitles, POI card, tour menu) that follows the visitor's gaze
// lazily: it stays where it is while the head looks around it, and only when the gaze leaves
// it by more than `leaveDegrees` (or the head walks away) does it glide, over about
// `glideSeconds`, to a spot in front of the head again. Always upright and facing the head.
// Pure math (poses in the session's reference space); no OpenXR types.
#include <optional>

#include <glm/glm.hpp>

#include "xr/xr_types.hpp"

namespace sc::xr {

struct PanelFollowSettings {
  float distance = 1.4f;        // metres in front of the eyes
  float dropMetres = 0.35f;     // below eye height: reading height, out of the main view
  float leaveDegrees = 28.0f;   // yaw between gaze and panel that starts a glide
  float leaveMetres = 0.6f;     // head movement that starts a glide
  float glideSeconds = 0.45f;   // about 95% of the way in this time (exponential ease)
};

class PanelFollow {
 public:
  explicit PanelFollow(PanelFollowSettings settings = {}) : settings_(settings) {}
  // `head`: the HMD pose (between the eyes). The first call places the panel at once.
  Pose update(const Pose& head, double dtSeconds);
  const Pose& pose() const { return pose_; }
  bool gliding() const { return gliding_; }
  // Where the panel would sit in front of `head` (upright, facing it).
  Pose restingPose(const Pose& head) const;

 private:
  PanelFollowSettings settings_;
  Pose pose_;
  glm::vec3 anchorHead_{0.0f};
  bool placed_ = false;
  bool gliding_ = false;
};

// Where a ray (a laser pointer) meets a panel of `sizeMetres` at `panel` (the quad faces +Z of
// its pose; hit from its front only), as (u, v) in [0, 1]^2 with u to the right and v down, the
// way UI pixels run; nullopt when it misses, starts behind the panel or is parallel to it.
// `distance` (optional) receives the distance along the unit direction.
std::optional<glm::vec2> pointOnPanel(const glm::vec3& origin, const glm::vec3& direction, const Pose& panel,
                                      glm::vec2 sizeMetres, float* distance = nullptr);

}  // namespace sc::xr
