#pragma once
// The panorama sphere moved to engine/render (render/panorama_sphere.hpp) so the desktop window
// can show the same panoramas; these names keep engine/xr's users and tests as they were.
#include "render/panorama_sphere.hpp"

namespace sc::xr {

using render::equirectDirection;
using render::makePanoramaSphere;

}  // namespace sc::xr
