// The AR companion's blend-mode choice, without a runtime (Monado's null compositor offers
// only opaque, so the AR branch is exercised here with the lists real headsets give).
#include <gtest/gtest.h>

#include "xr/xr_types.hpp"

namespace {

using namespace sc::xr;

TEST(BlendMode, OpaqueHeadsetRefusesArWithAClearMessageAndFallsBackToVr) {
  BlendChoice choice = chooseBlendMode({BlendMode::Opaque}, true);
  EXPECT_EQ(choice.mode, BlendMode::Opaque);
  EXPECT_FALSE(choice.ar);
  EXPECT_NE(choice.message.find("no see-through blending"), std::string::npos) << choice.message;
  EXPECT_NE(choice.message.find("offered: opaque"), std::string::npos) << choice.message;
  EXPECT_NE(choice.message.find("full VR tour"), std::string::npos) << choice.message;
}

TEST(BlendMode, ArPicksAlphaBlendBeforeAdditiveOnlyWhenAsked) {
  std::vector<BlendMode> passthrough{BlendMode::Opaque, BlendMode::Additive, BlendMode::AlphaBlend};
  BlendChoice ar = chooseBlendMode(passthrough, true);
  EXPECT_EQ(ar.mode, BlendMode::AlphaBlend);
  EXPECT_TRUE(ar.ar);
  BlendChoice vr = chooseBlendMode(passthrough, false);
  EXPECT_EQ(vr.mode, BlendMode::Opaque);
  EXPECT_FALSE(vr.ar);
  BlendChoice glasses = chooseBlendMode({BlendMode::Additive}, true);
  EXPECT_EQ(glasses.mode, BlendMode::Additive);
  EXPECT_TRUE(glasses.ar);
}

TEST(BlendMode, SeeThroughOnlyHeadsetUsesItsModeEvenForVr) {
  BlendChoice choice = chooseBlendMode({BlendMode::Additive}, false);
  EXPECT_EQ(choice.mode, BlendMode::Additive);
  EXPECT_TRUE(choice.ar);  // nothing opaque to draw into: landmarks are left out there too
  EXPECT_EQ(chooseBlendMode({}, true).mode, BlendMode::Opaque);
}

}  // namespace
