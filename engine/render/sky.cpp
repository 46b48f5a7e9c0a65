#include "render/sky.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace sc::render {

namespace {
float smooth(float edge0, float edge1, float x) {
  float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}
}  // namespace

SunPosition solarPosition(float hours, int dayOfYear, float latitudeDeg) {
  const float deg = glm::pi<float>() / 180.0f;
  float declination = 23.44f * deg * std::sin(2.0f * glm::pi<float>() * float(284 + dayOfYear) / 365.0f);
  float hourAngle = 15.0f * (hours - 12.0f) * deg;
  float lat = latitudeDeg * deg;
  float sinElevation = std::sin(lat) * std::sin(declination) +
                       std::cos(lat) * std::cos(declination) * std::cos(hourAngle);
  float elevation = std::asin(std::clamp(sinElevation, -1.0f, 1.0f));
  float cosAzimuth = (std::sin(declination) - std::sin(elevation) * std::sin(lat)) /
                     std::max(std::cos(elevation) * std::cos(lat), 1e-6f);
  float azimuth = std::acos(std::clamp(cosAzimuth, -1.0f, 1.0f));
  if (hourAngle > 0.0f) azimuth = 2.0f * glm::pi<float>() - azimuth;  // afternoon: west
  return {elevation / deg, azimuth / deg};
}

glm::vec3 directionFromAngles(float elevationDeg, float azimuthDeg) {
  float e = glm::radians(elevationDeg), a = glm::radians(azimuthDeg);
  return glm::normalize(glm::vec3(std::cos(e) * std::sin(a), std::sin(e), -std::cos(e) * std::cos(a)));
}

SkyState skyForTime(float hours, int dayOfYear) {
  SkyState sky;
  SunPosition sun = solarPosition(hours, dayOfYear);
  sky.sunElevationDeg = sun.elevationDeg;
  float e = sun.elevationDeg;
  // day: 1 when the sun is well up; twilight: peaks around sunrise/sunset.
  float day = smooth(-4.0f, 12.0f, e);
  float low = 1.0f - smooth(2.0f, 25.0f, e);    // warm, low sun
  sky.night = 1.0f - smooth(-10.0f, -2.0f, e);

  glm::vec3 dayZenith(0.14f, 0.30f, 0.68f), dayHorizon(0.58f, 0.68f, 0.82f);
  glm::vec3 duskZenith(0.16f, 0.20f, 0.38f), duskHorizon(0.95f, 0.52f, 0.28f);
  glm::vec3 nightZenith(0.006f, 0.010f, 0.028f), nightHorizon(0.020f, 0.026f, 0.050f);
  glm::vec3 zenith = glm::mix(dayZenith, duskZenith, low * 0.8f);
  glm::vec3 horizon = glm::mix(dayHorizon, duskHorizon, low);
  float twilight = smooth(-10.0f, 0.0f, e);
  sky.zenith = glm::mix(nightZenith, zenith, twilight);
  sky.horizon = glm::mix(nightHorizon, horizon, twilight);
  sky.ground = glm::mix(glm::vec3(0.01f, 0.01f, 0.012f), glm::vec3(0.13f, 0.12f, 0.10f), twilight);

  if (e > -2.0f) {
    sky.sunDirection = directionFromAngles(std::max(e, 0.5f), sun.azimuthDeg);
    sky.sunColor = glm::mix(glm::vec3(1.0f, 0.96f, 0.90f), glm::vec3(1.0f, 0.55f, 0.25f), low);
    // About 3.5 : 1 direct sun to sky light on the ground at mid elevations, as on a clear day.
    sky.sunIntensity = 7.0f * std::max(day, 0.05f);
  } else {
    // Night: a dim, cool moon high in the opposite part of the sky lights the scene.
    sky.sunDirection = directionFromAngles(45.0f, std::fmod(sun.azimuthDeg + 180.0f, 360.0f));
    sky.sunColor = glm::vec3(0.55f, 0.65f, 1.0f);
    sky.sunIntensity = 0.12f;
  }
  // Brighten exposure smoothly into the night so lanterns and windows carry the picture.
  sky.autoExposure = glm::mix(2.2f, 0.8f, smooth(-8.0f, 8.0f, e));
  return sky;
}

Result<float> parseTimeOfDay(const std::string& text) {
  if (text == "dawn") return 6.0f;
  if (text == "noon") return 12.0f;
  if (text == "dusk") return 17.75f;
  if (text == "night") return 21.0f;
  int h = -1, m = -1;
  char extra = 0;
  if (text.size() == 5 && std::sscanf(text.c_str(), "%2d:%2d%c", &h, &m, &extra) == 2 && h >= 0 &&
      h < 24 && m >= 0 && m < 60) {
    return float(h) + float(m) / 60.0f;
  }
  return makeError("time of day '{}' is not valid; write HH:MM (00:00 to 23:59) or one of dawn, "
                   "noon, dusk, night", text);
}

}  // namespace sc::render
