// The world part of a scene file: content roots, models, environment, lights.
#include <cmath>

#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>

#include "core/content_roots.hpp"
#include "scene/section_parsers.hpp"

namespace sc::scene::detail {

namespace {

constexpr Range kDegreesRange{-360.0, 360.0, "degrees"};

// A declared root may climb out of the scene's folder with ".." (that is what shared roots are
// for), but every other rule of content paths still holds.
std::string contentRootRefusal(const std::string& path) {
  std::string probe;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find_first_of("/\\", start);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(start, end - start);
    probe += segment == ".." ? "up" : segment;
    if (end < path.size()) probe += '/';
    start = end + 1;
  }
  return ContentRoots::refusalReason(probe);
}

void readTransform(ObjectReader& model, ModelInstance& out) {
  const Json* value = model.get("transform");
  if (!value) return;
  ParseContext& ctx = model.context();
  ObjectReader t(ctx, *value, model.pointerTo("transform"));
  if (!t.isObject()) return;
  Transform& tr = out.transform;
  t.vec3("translation", kPositionRange, tr.translation);

  const Json* euler = t.get("rotationDegrees");
  const Json* quat = t.get("rotationQuaternion");
  if (euler && quat) {
    ctx.error(t.pointerTo("rotationQuaternion"),
              "both 'rotationDegrees' and 'rotationQuaternion' are given",
              "keep only one of them");
  } else if (euler) {
    if (auto e = readVec3(ctx, *euler, t.pointerTo("rotationDegrees"), kDegreesRange)) {
      tr.eulerDegrees = *e;
      glm::vec3 r = glm::radians(*e);
      // R = Rz * Ry * Rx: about X first, then Y, then Z, each about the parent's axes.
      tr.rotation = glm::angleAxis(r.z, glm::vec3(0, 0, 1)) *
                    glm::angleAxis(r.y, glm::vec3(0, 1, 0)) *
                    glm::angleAxis(r.x, glm::vec3(1, 0, 0));
    }
  } else if (quat) {
    std::string ptr = t.pointerTo("rotationQuaternion");
    if (!quat->is_array() || quat->size() != 4) {
      ctx.error(ptr, "expected four numbers [x, y, z, w]",
                "write a unit quaternion as [x, y, z, w], for example [0, 0.7071, 0, 0.7071]");
    } else {
      float c[4] = {};
      bool ok = true;
      for (std::size_t i = 0; i < 4; ++i) {
        auto n = readNumber(ctx, (*quat)[i], fmt::format("{}/{}", ptr, i), Range{-1.0e3, 1.0e3, ""});
        if (n) c[i] = static_cast<float>(*n); else ok = false;
      }
      if (ok) {
        glm::quat q(c[3], c[0], c[1], c[2]);
        float length = glm::length(q);
        if (length < 1.0e-6f) {
          ctx.error(ptr, "the quaternion is zero and describes no rotation",
                    "use [0, 0, 0, 1] for no rotation");
        } else {
          if (std::abs(length - 1.0f) > 1.0e-3f) {
            ctx.warning(ptr, fmt::format("the quaternion has length {:.4f}, not 1; it is "
                                         "normalised", length),
                        "write a unit quaternion [x, y, z, w]");
          }
          tr.rotation = q / length;
        }
      }
    }
  }

  if (const Json* scale = t.get("scale")) {
    Range range{-kMaxScale, kMaxScale, ""};
    std::string ptr = t.pointerTo("scale");
    std::optional<glm::vec3> s;
    if (scale->is_number()) {
      if (auto n = readNumber(ctx, *scale, ptr, range)) s = glm::vec3(static_cast<float>(*n));
    } else {
      s = readVec3(ctx, *scale, ptr, range);
    }
    if (s) {
      for (int i = 0; i < 3; ++i) {
        if (std::abs((*s)[i]) < kMinScale) {
          ctx.error(scale->is_number() ? ptr : fmt::format("{}/{}", ptr, i),
                    "a scale of zero flattens the model",
                    "use 1 for the original size; negative values mirror");
          s.reset();
          break;
        }
      }
      if (s) tr.scale = *s;
    }
  }
  t.reportUnknownKeys();
}

void readLods(ObjectReader& model, ModelInstance& out) {
  const Json* value = model.get("lods");
  if (!value) return;
  ParseContext& ctx = model.context();
  std::string ptr = model.pointerTo("lods");
  const Json* lods = readArray(ctx, *value, ptr, kMaxLodLevels);
  if (!lods) return;
  float previous = 2.0f;
  for (std::size_t i = 0; i < lods->size(); ++i) {
    ObjectReader lod(ctx, (*lods)[i], fmt::format("{}/{}", ptr, i));
    if (!lod.isObject()) continue;
    LodLevel level;
    lod.path("path", level.path, true);
    if (lod.number("screenRatio", Range{1.0e-4, 1.0, "(fraction of the view height)"},
                   level.screenRatio, true)) {
      if (level.screenRatio >= previous) {
        ctx.error(lod.pointerTo("screenRatio"),
                  fmt::format("screenRatio {} is not smaller than the level before ({})",
                              level.screenRatio, previous),
                  "list levels from most to least detailed, with falling screenRatio");
      }
      previous = level.screenRatio;
    }
    lod.reportUnknownKeys();
    out.lods.push_back(std::move(level));
  }
}

}  // namespace

void parseContentRoots(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("contentRoots");
  if (!value) return;
  ParseContext& ctx = root.context();
  std::string ptr = root.pointerTo("contentRoots");
  const Json* roots = readArray(ctx, *value, ptr, kMaxContentRoots);
  if (!roots) return;
  for (std::size_t i = 0; i < roots->size(); ++i) {
    std::string itemPtr = fmt::format("{}/{}", ptr, i);
    auto s = readString(ctx, (*roots)[i], itemPtr, kMaxPathBytes);
    if (!s) continue;
    std::string reason = contentRootRefusal(*s);
    if (!reason.empty()) {
      ctx.error(itemPtr, fmt::format("refused content root '{}': {}", *s, reason),
                "write the folder relative to the scene's folder, for example \"../../assets\"");
      continue;
    }
    doc.contentRoots.push_back(std::move(*s));
  }
}

void parseModels(ObjectReader& root, SceneDocument& doc) {
  ParseContext& ctx = root.context();
  const Json* value = root.require("models", "[{\"id\": \"...\", \"path\": \"...\"}]");
  if (!value) return;
  std::string ptr = root.pointerTo("models");
  const Json* models = readArray(ctx, *value, ptr, kMaxModels);
  if (!models) return;
  if (models->empty()) {
    ctx.warning(ptr, "the scene has no models", "add at least one model to show something");
  }
  doc.models.reserve(models->size());
  for (std::size_t i = 0; i < models->size(); ++i) {
    ObjectReader m(ctx, (*models)[i], fmt::format("{}/{}", ptr, i));
    if (!m.isObject()) {
      doc.models.emplace_back();  // keeps indices equal to the file's
      continue;
    }
    ModelInstance model;
    m.id("id", model.id);
    m.path("path", model.path, true);
    readTransform(m, model);
    readLods(m, model);
    m.reportUnknownKeys();
    doc.models.push_back(std::move(model));
  }
}

void parseEnvironment(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("environment");
  if (!value) return;
  ParseContext& ctx = root.context();
  ObjectReader env(ctx, *value, root.pointerTo("environment"));
  if (!env.isObject()) return;
  Environment& out = doc.environment;

  std::string time;
  if (env.string("timeOfDay", 16, time)) {
    auto digit = [&](std::size_t i) { return time[i] >= '0' && time[i] <= '9'; };
    bool shape = time.size() == 5 && time[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
    int hour = shape ? (time[0] - '0') * 10 + (time[1] - '0') : -1;
    int minute = shape ? (time[3] - '0') * 10 + (time[4] - '0') : -1;
    if (!shape || hour > 23 || minute > 59) {
      ctx.error(env.pointerTo("timeOfDay"), fmt::format("'{}' is not a time of day", time),
                "write 24-hour time as \"HH:MM\", for example \"07:30\" or \"19:45\"");
    } else {
      out.timeOfDay = {hour, minute};
    }
  }

  if (const Json* sunValue = env.get("sun")) {
    ObjectReader sun(ctx, *sunValue, env.pointerTo("sun"));
    float azimuth = 0.0f;
    float elevation = 0.0f;
    if (sun.number("azimuthDeg", Range{0.0, 360.0, "degrees"}, azimuth)) out.sun.azimuthDeg = azimuth;
    if (sun.number("elevationDeg", Range{-90.0, 90.0, "degrees"}, elevation)) {
      out.sun.elevationDeg = elevation;
    }
    sun.number("intensity", Range{0.0, 100.0, ""}, out.sun.intensity);
    sun.color("color", out.sun.color);
    sun.reportUnknownKeys();
  }
  if (const Json* skyValue = env.get("sky")) {
    ObjectReader sky(ctx, *skyValue, env.pointerTo("sky"));
    sky.number("turbidity", Range{1.0, 10.0, ""}, out.sky.turbidity);
    sky.reportUnknownKeys();
  }
  if (const Json* fogValue = env.get("fog")) {
    ObjectReader fog(ctx, *fogValue, env.pointerTo("fog"));
    fog.color("color", out.fog.color);
    fog.number("density", Range{0.0, 1.0, "per metre"}, out.fog.density);
    fog.reportUnknownKeys();
  }
  env.number("exposure", Range{-10.0, 10.0, "EV"}, out.exposureEv);
  env.reportUnknownKeys();
}

void parseLights(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("lights");
  if (!value) return;
  ParseContext& ctx = root.context();
  std::string ptr = root.pointerTo("lights");
  const Json* lights = readArray(ctx, *value, ptr, kMaxLights);
  if (!lights) return;
  for (std::size_t i = 0; i < lights->size(); ++i) {
    ObjectReader l(ctx, (*lights)[i], fmt::format("{}/{}", ptr, i));
    if (!l.isObject()) {
      doc.lights.emplace_back();  // keeps indices equal to the file's
      continue;
    }
    Light light;
    if (l.get("id")) l.id("id", light.id);
    std::string type;
    if (l.string("type", 16, type, true)) {
      if (type == "spot") {
        light.type = LightType::Spot;
      } else if (type != "point") {
        ctx.error(l.pointerTo("type"), fmt::format("unknown light type '{}'", type),
                  "use \"point\" or \"spot\"");
      }
    }
    l.vec3("position", kPositionRange, light.position, true);
    l.color("color", light.color);
    l.number("intensity", Range{0.0, 1.0e7, "candela"}, light.intensity);
    l.number("range", Range{1.0e-3, 1.0e4, "metres"}, light.range);
    bool spot = light.type == LightType::Spot;
    for (const char* key : {"direction", "innerConeDeg", "outerConeDeg"}) {
      if (!spot && l.get(key)) {
        ctx.warning(l.pointerTo(key), fmt::format("'{}' only applies to spot lights", key),
                    "remove it, or set \"type\": \"spot\"");
      }
    }
    if (spot) {
      glm::vec3 direction{0.0f, -1.0f, 0.0f};
      if (l.vec3("direction", Range{-1.0e3, 1.0e3, ""}, direction, true)) {
        float length = glm::length(direction);
        if (length < 1.0e-6f) {
          ctx.error(l.pointerTo("direction"), "the direction is zero",
                    "give the way the light shines, for example [0, -1, 0] for straight down");
        } else {
          light.direction = direction / length;
        }
      }
      Range cone{0.0, 90.0, "degrees"};
      bool inner = l.number("innerConeDeg", cone, light.innerConeDeg);
      bool outer = l.number("outerConeDeg", cone, light.outerConeDeg);
      if ((inner || outer) && light.innerConeDeg > light.outerConeDeg) {
        ctx.error(l.pointerTo(inner ? "innerConeDeg" : "outerConeDeg"),
                  fmt::format("innerConeDeg ({}) is larger than outerConeDeg ({})",
                              light.innerConeDeg, light.outerConeDeg),
                  "the inner cone must fit inside the outer one");
      }
    }
    l.reportUnknownKeys();
    doc.lights.push_back(std::move(light));
  }
}

}  // namespace sc::scene::detail
