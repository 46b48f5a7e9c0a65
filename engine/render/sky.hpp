#pragma once
// The procedural analytic sky and the sun (moon at night) for a time of day in Chongqing.
#include <string>

#include <glm/glm.hpp>

#include "core/result.hpp"

namespace sc::render {

struct SkyState {
  glm::vec3 sunDirection{0.0f, 1.0f, 0.0f};  // towards the light (the moon at night)
  glm::vec3 sunColor{1.0f};
  float sunIntensity = 4.0f;
  glm::vec3 zenith{0.15f, 0.3f, 0.65f};
  glm::vec3 horizon{0.55f, 0.65f, 0.8f};
  glm::vec3 ground{0.12f, 0.11f, 0.1f};
  float skyIntensity = 1.0f;
  float night = 0.0f;          // 0 day .. 1 full night (stars)
  float autoExposure = 1.0f;   // multiplies the scene's exposure so night is not black
  float sunElevationDeg = 0.0f;
};

struct SunPosition {
  float elevationDeg = 0.0f;
  float azimuthDeg = 0.0f;  // clockwise from north
};

inline constexpr float kChongqingLatitudeDeg = 29.56f;

// Solar position (declination + hour angle, local solar time) at a latitude on a day of the year.
SunPosition solarPosition(float hours, int dayOfYear = 100, float latitudeDeg = kChongqingLatitudeDeg);

// World direction towards a body at elevation/azimuth: north is -Z, east is +X, up is +Y.
glm::vec3 directionFromAngles(float elevationDeg, float azimuthDeg);

SkyState skyForTime(float hours, int dayOfYear = 100);

// "HH:MM" (00:00 .. 23:59) -> hours; also accepts "dawn", "noon", "dusk", "night".
Result<float> parseTimeOfDay(const std::string& text);

}  // namespace sc::render
