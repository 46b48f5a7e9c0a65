#pragma once
// The guide's head as an analytic surface, shared by the face mesh, its morph targets, the hair
// and the face texture painter (which must agree texel for texel).
//
// The face is parameterised around the mouth: a 2D point p (radians) in elliptic coordinates
// whose foci are the mouth corners, p = (A0 cosh(mu) cos(phi), A0 sinh(mu) sin(phi)). Ring mu = 0
// is the closed mouth slit (upper and lower lip edges are separate vertices at the same place,
// so morph targets can open the mouth). |p| is the angle from the mouth axis, atan2(p.y, p.x)
// the direction around it; the far end (|p| = pi) is the back of the head, under the hair.
#include <glm/glm.hpp>

namespace sc::avatar::head {

inline constexpr glm::vec3 kCentre{0.0f, 1.605f, 0.0f};
inline constexpr float kMouthHalfAngle = 0.235f;  // A0: half the mouth's width, radians
inline constexpr glm::vec3 kLeftEye{0.032f, 1.62f, 0.08f};   // = the leftEye joint
inline constexpr glm::vec3 kRightEye{-0.032f, 1.62f, 0.08f};
inline constexpr float kEyeRadius = 0.0135f;
inline constexpr float kLidRadius = 0.0162f;

// Distance from kCentre to the bare skull (no facial features) along unit direction d.
float skullRadius(const glm::vec3& d);
// Facial relief (nose, brows, cheeks, lips, chin) at a skull point, along the direction.
float featureOffset(const glm::vec3& skullPoint, const glm::vec3& d);
// Skin surface point along unit direction d.
glm::vec3 surfacePoint(const glm::vec3& d);

// Unit direction from kCentre to the mouth, and the mouth-plane frame (right = +X).
glm::vec3 mouthAxis();
glm::vec3 mouthUp();
// The skin point at the middle of the closed mouth.
glm::vec3 mouthCentre();

// Direction for a face-parameter point p (radians; see the note at the top).
glm::vec3 directionFromParam(glm::vec2 p);
// Texture coordinates of p in face_basecolor.png: a disk of radius 0.495 centred at (0.5, 0.5),
// radially compressed beyond the face (|p| > 1.2 rad); and the inverse (nullopt-free: callers
// check the disk radius first).
glm::vec2 faceUv(glm::vec2 p);
glm::vec2 paramFromFaceUv(glm::vec2 uv);
inline constexpr float kFaceDiskRadius = 0.495f;

// Texture regions outside the disk (corners of face_basecolor.png).
inline constexpr glm::vec2 kMouthInsideUv{0.06f, 0.06f};
inline constexpr glm::vec2 kTeethUv{0.94f, 0.06f};
inline constexpr glm::vec2 kLidUv0{0.02f, 0.90f};  // lid: u across, v from the top of the lid
inline constexpr glm::vec2 kLidUv1{0.10f, 0.98f};  // ... to its lash line
inline constexpr glm::vec2 kPlainSkinUv{0.5f, 0.03f};  // back of the head: plain skin (ears)

}  // namespace sc::avatar::head
