#pragma once
// Builds the default digital-human guide: a young woman tour guide in a deep-red qipao-inspired
// jacket (mandarin collar, gold frog buttons, sea-wave-and-mountain hem, Ba-Yu brocade sash),
// on the bone layout of sc::anim::makeReferenceHumanoid (1.70 m, T-pose facing +Z).
#include <cstdint>

#include "guide_model.hpp"

namespace sc::avatar {

struct GuideOptions {
  std::uint64_t seed = 1;    // texture noise only; the geometry and rig never change
  int faceTextureSize = 512;
  int jacketTextureSize = 512;
};

GuideModel buildGuide(const GuideOptions& options = {});

}  // namespace sc::avatar
