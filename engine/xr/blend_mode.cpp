// Environment blend mode choice (VR or the AR companion); no OpenXR types needed.
#include <algorithm>

#include <fmt/format.h>

#include "xr/xr_types.hpp"

namespace sc::xr {

const char* blendModeName(BlendMode mode) {
  switch (mode) {
    case BlendMode::Opaque: return "opaque";
    case BlendMode::Additive: return "additive";
    case BlendMode::AlphaBlend: return "alpha-blend";
  }
  return "?";
}

BlendChoice chooseBlendMode(const std::vector<BlendMode>& offered, bool wantAr) {
  auto has = [&](BlendMode m) { return std::find(offered.begin(), offered.end(), m) != offered.end(); };
  std::string list;
  for (BlendMode m : offered) list += fmt::format("{}{}", list.empty() ? "" : ", ", blendModeName(m));
  if (list.empty()) list = "none listed";
  BlendChoice choice;
  if (wantAr) {
    for (BlendMode m : {BlendMode::AlphaBlend, BlendMode::Additive}) {
      if (has(m)) {
        choice.mode = m;
        choice.ar = true;
        choice.message = fmt::format("AR companion: {} blending (offered: {})", blendModeName(m), list);
        return choice;
      }
    }
  }
  if (offered.empty() || has(BlendMode::Opaque)) {
    choice.mode = BlendMode::Opaque;
  } else {
    // A see-through-only headset: its one mode is what it can show, even for the VR tour.
    choice.mode = offered.front();
    choice.ar = true;
  }
  if (wantAr && !choice.ar) {
    choice.message = fmt::format("AR companion asked for, but this headset offers no see-through blending "
                                 "(offered: {}); showing the full VR tour instead", list);
  } else {
    choice.message = fmt::format("{} blending (offered: {})", blendModeName(choice.mode), list);
  }
  return choice;
}

}  // namespace sc::xr
