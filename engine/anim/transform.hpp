#pragma once
// Local joint transforms (translation, rotation, scale) and the quaternion helpers every other
// part of sc::anim builds on. Conventions: glTF's (metres, +Y up, right-handed, a character
// faces +Z, its left hand points to +X); quaternions are glm::quat (w, x, y, z) and unit length.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sc::anim {

struct Transform {
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 scale{1.0f};

  // T * R * S, the glTF node matrix.
  glm::mat4 matrix() const;
};

// Spherical interpolation along the shorter arc (the sign of `b` is flipped when dot(a, b) < 0,
// as glTF 2.0's reference slerp does). Falls back to normalised lerp when a and b are within
// about 0.06 degrees of each other. t outside [0, 1] extrapolates.
glm::quat slerpShortest(const glm::quat& a, const glm::quat& b, float t);

// Normalised lerp along the shorter arc: cheaper than slerp, used for blending poses.
glm::quat nlerpShortest(const glm::quat& a, const glm::quat& b, float t);

// Blend of two transforms: lerp translation/scale, slerpShortest rotation.
Transform mix(const Transform& a, const Transform& b, float t);

// The smallest rotation taking unit vector `from` to unit vector `to`; a 180 degree turn picks
// any axis perpendicular to `from`. Inputs need not be normalised but must not be zero.
glm::quat rotationBetween(const glm::vec3& from, const glm::vec3& to);

// Rotation of an affine matrix with its scale divided out (columns normalised).
glm::quat rotationOf(const glm::mat4& m);

// Angle in radians between two unit quaternions as orientations (0..pi).
float angleBetween(const glm::quat& a, const glm::quat& b);

}  // namespace sc::anim
