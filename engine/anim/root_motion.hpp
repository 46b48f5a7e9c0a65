#pragma once
// Root motion along a tour's waypoints: the character's root walks a polyline at walking speed,
// turning at a limited rate, slowing for sharp turns and coming to rest on the last waypoint.
// Its gait phase advances with the distance walked (phase = distance / stride), so a
// WalkController driven by it plants its feet without sliding.
#include <cstddef>
#include <vector>

#include <glm/glm.hpp>

namespace sc::anim {

struct WalkerParams {
  float speed = 1.1f;          // cruising speed, m/s
  float stride = 1.2f;         // metres per gait cycle: use the WalkController's stride
  float turnRate = 2.6f;       // max heading change, rad/s
  float acceleration = 1.5f;   // m/s^2, for starting and for stopping at the last waypoint
  float arriveRadius = 0.35f;  // an intermediate waypoint counts as passed within this, metres
  float stopDistance = 0.02f;  // the walk ends this close to the last waypoint, metres
  // Gait distance credited per radian turned, so the feet step while turning on the spot.
  float turnStepDistance = 0.12f;
};

struct RootMotion {
  glm::vec3 position{0.0f};  // world, on the ground
  float heading = 0.0f;      // radians about +Y; 0 faces +Z, pi/2 faces +X
  float speed = 0.0f;        // m/s this frame
  float gaitDistance = 0.0f; // metres walked plus the turning credit, since the start
  float phase = 0.0f;        // gait phase in [0, 1)
  bool arrived = false;

  glm::vec3 forward() const;
  // World matrix of the character's model space (translation * rotation about +Y).
  glm::mat4 matrix() const;
};

class WaypointWalker {
 public:
  // An empty waypoint list means "already arrived". Waypoints are world positions; their
  // heights are followed linearly along each segment.
  WaypointWalker(std::vector<glm::vec3> waypoints, const glm::vec3& start, float startHeading,
                 const WalkerParams& params);

  // Advances by dt seconds (dt <= 0 changes nothing) and returns the new state.
  const RootMotion& update(float dt);
  const RootMotion& state() const { return state_; }
  std::size_t nextWaypoint() const { return next_; }
  const WalkerParams& params() const { return params_; }

 private:
  std::vector<glm::vec3> waypoints_;
  WalkerParams params_;
  RootMotion state_;
  std::size_t next_ = 0;
};

// Wraps an angle into (-pi, pi].
float wrapAngle(float radians);

}  // namespace sc::anim
