#include <gtest/gtest.h>

#include "render/sky.hpp"

namespace sc::render {

TEST(Sky, SunRisesInTheEastAndSetsInTheWest) {
  SunPosition morning = solarPosition(7.0f);
  SunPosition noon = solarPosition(12.0f);
  SunPosition evening = solarPosition(17.0f);
  EXPECT_GT(noon.elevationDeg, morning.elevationDeg);
  EXPECT_GT(noon.elevationDeg, evening.elevationDeg);
  EXPECT_GT(morning.azimuthDeg, 45.0f);   // east of north ...
  EXPECT_LT(morning.azimuthDeg, 135.0f);  // ... roughly east
  EXPECT_GT(evening.azimuthDeg, 225.0f);
  EXPECT_LT(evening.azimuthDeg, 315.0f);
  // Solar noon at 29.56 N around the equinox: 90 - latitude (+ declination) degrees.
  SunPosition equinox = solarPosition(12.0f, 80);
  EXPECT_NEAR(equinox.elevationDeg, 90.0f - kChongqingLatitudeDeg, 1.5f);
  EXPECT_LT(solarPosition(0.0f).elevationDeg, -30.0f);
}

TEST(Sky, DirectionsFollowTheWorldAxes) {
  glm::vec3 east = directionFromAngles(0.0f, 90.0f);
  EXPECT_NEAR(east.x, 1.0f, 1e-5f);
  glm::vec3 north = directionFromAngles(0.0f, 0.0f);
  EXPECT_NEAR(north.z, -1.0f, 1e-5f);
  EXPECT_NEAR(directionFromAngles(90.0f, 0.0f).y, 1.0f, 1e-5f);
}

TEST(Sky, TimesOfDayLookDifferent) {
  SkyState noon = skyForTime(12.0f), dusk = skyForTime(17.9f), night = skyForTime(22.0f);
  EXPECT_GT(noon.sunIntensity, dusk.sunIntensity);
  EXPECT_GT(dusk.sunIntensity, night.sunIntensity);
  EXPECT_GT(dusk.horizon.r, dusk.horizon.b);    // warm sunset horizon
  EXPECT_GT(noon.zenith.b, noon.zenith.r);      // blue sky at noon
  EXPECT_GT(night.night, 0.9f);
  EXPECT_LT(noon.night, 0.01f);
  EXPECT_GT(night.sunDirection.y, 0.0f);        // the moon lights the night from above
  EXPECT_GT(night.autoExposure, noon.autoExposure);
}

TEST(Sky, ParsesTimeOfDay) {
  EXPECT_FLOAT_EQ(*parseTimeOfDay("06:30"), 6.5f);
  EXPECT_FLOAT_EQ(*parseTimeOfDay("noon"), 12.0f);
  EXPECT_FLOAT_EQ(*parseTimeOfDay("00:00"), 0.0f);
  EXPECT_FALSE(parseTimeOfDay("24:00"));
  EXPECT_FALSE(parseTimeOfDay("7:30"));
  EXPECT_FALSE(parseTimeOfDay("12:60"));
  EXPECT_FALSE(parseTimeOfDay("12:30x"));
  EXPECT_FALSE(parseTimeOfDay(""));
}

}  // namespace sc::render
