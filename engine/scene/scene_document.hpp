#pragma once
// The scene file (<name>.scene.json) as plain data: what a creator wrote, checked, with defaults
// filled in. No GPU, no imported models: paths are content paths (relative, '/'-separated) that
// the loader resolves through sc::ContentRoots. The JSON format is described field by field in
// docs/SCENES.md and scenes/schema/scene.schema.json.
//
// Units and axes everywhere: metres, right-handed, +Y up, +X east, -Z north; angles in degrees.
// Yaw turns counter-clockwise seen from above (a right-handed rotation about +Y); yaw 0 looks
// towards -Z (north), yaw 90 looks towards -X (west). Sun azimuth is a compass bearing instead:
// 0 = north (-Z), 90 = east (+X), measured clockwise seen from above.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace sc::scene {

inline constexpr int kSceneFormatVersion = 1;

// Text a visitor sees or hears, in both languages of the project. JSON: {"zh-CN": .., "en": ..}.
struct LocalizedText {
  std::string zh;  // "zh-CN": Simplified Chinese
  std::string en;  // "en": English
};

enum class Language { ZhCN, En };
// "zh-CN" or "en".
std::string_view languageKey(Language language);
const std::string& textFor(const LocalizedText& text, Language language);

struct Transform {
  glm::vec3 translation{0.0f};
  // Rotation applied to the model. When the file gave Euler angles, eulerDegrees keeps them (for
  // editors) and rotation holds the same rotation: about X, then Y, then Z, each about the fixed
  // (parent) axes, i.e. R = Rz * Ry * Rx.
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  std::optional<glm::vec3> eulerDegrees;
  glm::vec3 scale{1.0f};
};

// A lower-detail stand-in for a model, used while the model covers less than `screenRatio` of
// the view's height. Levels are ordered from most to least detailed (ratios strictly falling).
struct LodLevel {
  std::string path;
  float screenRatio = 0.5f;  // (0, 1]
};

struct ModelInstance {
  std::string id;    // unique among models
  std::string path;  // glTF/GLB, FBX, OBJ, Collada, ... anything Assimp reads
  Transform transform;
  std::vector<LodLevel> lods;
};

struct TimeOfDay {
  int hour = 15;    // 0..23
  int minute = 0;   // 0..59
};

struct Sun {
  // Both derive from the time of day when absent (the renderer's sun model for Chongqing).
  std::optional<float> azimuthDeg;    // compass bearing, [0, 360]
  std::optional<float> elevationDeg;  // above the horizon, [-90, 90]
  float intensity = 1.0f;             // relative to a clear midday sun, [0, 100]
  glm::vec3 color{1.0f, 0.96f, 0.9f}; // linear RGB, each [0, 1]
};

struct Sky {
  float turbidity = 3.0f;  // haze, [1, 10]; Chongqing's usual haze is 4..6
};

struct Fog {
  glm::vec3 color{0.75f, 0.78f, 0.82f};  // linear RGB, each [0, 1]
  float density = 0.0f;                  // exponential fog per metre, [0, 1]; 0 = none
};

struct Environment {
  TimeOfDay timeOfDay;
  Sun sun;
  Sky sky;
  Fog fog;
  float exposureEv = 0.0f;  // exposure compensation in EV stops, [-10, 10]
};

enum class LightType { Point, Spot };

struct Light {
  std::string id;  // optional; unique when given
  LightType type = LightType::Point;
  glm::vec3 position{0.0f};
  glm::vec3 direction{0.0f, -1.0f, 0.0f};  // spot only; normalised
  glm::vec3 color{1.0f};                   // linear RGB, each [0, 1]
  float intensity = 1.0f;                  // candela, [0, 1e7]
  float range = 10.0f;                     // metres, (0, 10000]
  float innerConeDeg = 20.0f;              // spot only, half angles, 0 <= inner <= outer <= 90
  float outerConeDeg = 30.0f;
};

// Narration for one place, per language. JSON: {"zh-CN": {"short", "long"}, "en": {...}}.
// `longText` is optional but, when written for one language, must be written for both.
struct Narration {
  LocalizedText shortText;
  LocalizedText longText;
};

struct DesktopViewpoint {
  glm::vec3 eye{0.0f, 1.7f, 5.0f};
  glm::vec3 target{0.0f, 1.7f, 0.0f};  // differs from eye
};

// Where a headset user's floor origin is placed (feet), facing yawDeg.
struct XrViewpoint {
  glm::vec3 position{0.0f};
  float yawDeg = 0.0f;  // [-360, 360]
};

struct PointOfInterest {
  std::string id;  // unique among POIs; referenced by tours
  LocalizedText name;
  Narration narration;
  glm::vec3 anchor{0.0f};  // what the guide points at and where labels float
  DesktopViewpoint desktopView;
  XrViewpoint xrView;
  std::string panorama;  // optional equirectangular 360-degree image; empty = none
};

enum class Gesture { None, Point, Wave, Present };
std::string_view gestureName(Gesture gesture);

struct TourStop {
  std::string poi;                         // a PointOfInterest id
  std::vector<glm::vec3> guideWaypoints;   // the guide's walk to this stop, in order
  std::optional<Narration> narration;      // replaces the POI's narration at this stop
  Gesture gesture = Gesture::None;
  float dwellSeconds = 2.0f;               // pause after the narration, [0, 3600]
};

struct Tour {
  std::string id;  // unique among tours
  LocalizedText title;
  std::vector<TourStop> stops;  // at least one
};

struct GuideSettings {
  std::string avatar;  // optional VRM/glTF/FBX model of the digital human; empty = voice only
  // espeak-ng voice per language.
  LocalizedText voices{"cmn-latn-pinyin", "en-us"};
  std::map<std::string, std::string> boneMap;        // avatar bone name -> VRM humanoid bone
  std::map<std::string, std::string> pinyinLexicon;  // "重庆" -> "chong2 qing4"
};

struct SpawnPoints {
  DesktopViewpoint desktop;
  XrViewpoint xr;
};

struct KioskSettings {
  std::string attractTour;            // a Tour id, played while nobody touches the screen
  float idleTimeoutSeconds = 120.0f;  // [10, 86400]
};

struct SceneDocument {
  int formatVersion = kSceneFormatVersion;
  LocalizedText title;
  LocalizedText description;  // optional; both languages when given
  std::vector<std::string> contentRoots;  // relative to the scene's folder; may use ".."
  std::vector<ModelInstance> models;
  Environment environment;
  std::vector<Light> lights;
  std::vector<PointOfInterest> pois;
  std::vector<Tour> tours;
  std::optional<GuideSettings> guide;
  SpawnPoints spawn;
  std::optional<KioskSettings> kiosk;

  const PointOfInterest* findPoi(std::string_view id) const;
  const Tour* findTour(std::string_view id) const;
  const ModelInstance* findModel(std::string_view id) const;
};

}  // namespace sc::scene
