#pragma once
// A panorama (VR 全景) as a textured inside-out sphere drawn by the renderer: the XR fallback
// where the runtime has no equirect2 layer, the per-POI panoramas in the headset (app/xr_face)
// and the desktop's 360-degree view (app/window_panorama). CPU-side mesh data only.
//
// Mapping (the same as XrCompositionLayerEquirect2KHR's, seen from inside): the image's
// horizontal centre (u = 0.5) lies along -Z, u grows towards +X (turning right), the top row
// (v = 0) is straight up, the bottom row straight down. Triangles face the centre.
#include <cstdint>
#include <string>

#include <glm/glm.hpp>

#include "assets/model.hpp"
#include "core/image_io.hpp"
#include "core/result.hpp"

namespace sc::render {

// The direction (unit) seen at texture coordinate (u, v) of an equirect image.
glm::vec3 equirectDirection(glm::vec2 uv);

// A sphere of `radius` around the origin, `rings` x `segments` quads, with the panorama as an
// unlit base-colour texture (mipmapped, repeating in u, clamped in v). Fails when the image is
// empty or not 2:1.
Result<assets::Model> makePanoramaSphere(const ImageRgba8& equirect, float radius, int rings = 32, int segments = 64);

}  // namespace sc::render
