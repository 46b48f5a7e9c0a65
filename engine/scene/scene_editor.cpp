#include "scene/scene_editor.hpp"

#include <algorithm>
#include <cctype>
#include <array>
#include <cmath>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <fmt/format.h>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "core/file_io.hpp"
#include "scene/scene_parser.hpp"

namespace sc::scene {

namespace {

std::string vec3Json(const glm::vec3& v) {
  return fmt::format("[{}, {}, {}]", formatSceneNumber(v.x), formatSceneNumber(v.y), formatSceneNumber(v.z));
}

// Index of the POI with `poiId` in the scene text's "pois" array.
Result<std::size_t> poiIndex(std::string_view sceneText, std::string_view poiId) {
  auto doc = nlohmann::json::parse(sceneText.begin(), sceneText.end(), nullptr, false);
  if (doc.is_discarded()) return makeError("the scene file is not well-formed JSON; fix it first");
  if (!doc.is_object() || !doc.contains("pois") || !doc["pois"].is_array()) {
    return makeError("the scene file has no \"pois\" array");
  }
  const auto& pois = doc["pois"];
  std::string known;
  for (std::size_t i = 0; i < pois.size(); ++i) {
    if (pois[i].is_object() && pois[i].contains("id") && pois[i]["id"].is_string()) {
      const auto id = pois[i]["id"].get<std::string>();
      if (id == poiId) {
        if (!pois[i].contains("viewpoints") || !pois[i]["viewpoints"].is_object()) {
          return makeError("/pois/{} ('{}') has no \"viewpoints\" object; add one first", i, poiId);
        }
        return i;
      }
      known += (known.empty() ? "" : ", ") + id;
    }
  }
  return makeError("there is no point of interest '{}' (the scene has: {})", poiId, known.empty() ? "none" : known);
}

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// Reads `file`, applies `edit`, checks the result with the scene parser and `readsBack`, and
// writes it atomically with a .bak. `subject` names what is saved ("the transform of model 'x'").
Status saveSceneEdit(const std::filesystem::path& file, const std::string& subject,
                     const std::function<Result<std::string>(std::string_view)>& edit,
                     const std::function<bool(const SceneDocument&)>& readsBack) {
  auto fail = [&](const std::string& why) {
    return makeError("{}: {} was not saved: {}; the file was left as it was", file.string(), subject, why);
  };
  auto text = readFileText(file);
  if (!text) return fail(text.error().message);
  auto edited = edit(*text);
  if (!edited) return fail(edited.error().message);
  ValidationReport report;
  auto doc = parseScene(*edited, file.string(), report);
  if (!doc) {
    return fail(fmt::format("the edited scene would not be valid ({}); fix the scene file's errors first "
                            "(shancheng validate)", doc.error().message));
  }
  if (!readsBack(*doc)) return fail("the edited file does not read back as written (a bug: please report it)");
  auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(edited->data()), edited->size());
  if (auto written = writeFileAtomic(file, bytes, true); !written) return fail(written.error().message);
  return okStatus();
}

Status saveEdited(const std::filesystem::path& file, std::string_view poiId, const char* what,
                  const std::function<Result<std::string>(std::string_view)>& edit,
                  const std::function<bool(const PointOfInterest&)>& readsBack) {
  return saveSceneEdit(file, fmt::format("the {} of point of interest '{}'", what, poiId), edit,
                       [&](const SceneDocument& doc) {
                         const PointOfInterest* poi = doc.findPoi(poiId);
                         return poi && readsBack(*poi);
                       });
}

bool near(const glm::vec3& a, const glm::vec3& b) { return glm::all(glm::lessThan(glm::abs(a - b), glm::vec3(1e-3f))); }

// Two numbers print the same with formatSceneNumber's 4 decimals when this close.
constexpr float kSameNumber = 5e-5f;
bool sameNumbers(const glm::vec3& a, const glm::vec3& b) {
  return glm::all(glm::lessThanEqual(glm::abs(a - b), glm::vec3(kSameNumber)));
}

// The rotation the parser makes of Euler degrees (R = Rz * Ry * Rx).
glm::quat eulerRotation(const glm::vec3& degrees) {
  glm::vec3 r = glm::radians(degrees);
  return glm::angleAxis(r.z, glm::vec3(0, 0, 1)) * glm::angleAxis(r.y, glm::vec3(0, 1, 0)) *
         glm::angleAxis(r.x, glm::vec3(1, 0, 0));
}

bool sameRotation(const glm::quat& a, const glm::quat& b) { return std::abs(glm::dot(a, b)) > 1.0f - 1e-6f; }

// An array of `N` numbers at member `key` of `object`, or nullopt (absent or another shape).
template <std::size_t N>
std::optional<std::array<float, N>> numbersAt(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_array() || object[key].size() != N) return std::nullopt;
  std::array<float, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    if (!object[key][i].is_number()) return std::nullopt;
    out[i] = object[key][i].get<float>();
  }
  return out;
}

std::optional<glm::vec3> vec3At(const nlohmann::json& object, const char* key) {
  auto n = numbersAt<3>(object, key);
  if (!n) return std::nullopt;
  return glm::vec3((*n)[0], (*n)[1], (*n)[2]);
}

Result<std::size_t> modelIndex(const nlohmann::json& doc, std::string_view modelId) {
  if (!doc.is_object() || !doc.contains("models") || !doc["models"].is_array()) {
    return makeError("the scene file has no \"models\" array");
  }
  const auto& models = doc["models"];
  std::string known;
  for (std::size_t i = 0; i < models.size(); ++i) {
    if (!models[i].is_object() || !models[i].contains("id") || !models[i]["id"].is_string()) continue;
    const auto id = models[i]["id"].get<std::string>();
    if (id == modelId) return i;
    known += (known.empty() ? "" : ", ") + id;
  }
  return makeError("there is no model '{}' (the scene has: {})", modelId, known.empty() ? "none" : known);
}

// The placement as written: angles within (-360, 360) as the schema wants them.
ModelPlacement normalised(ModelPlacement p) {
  for (int i = 0; i < 3; ++i) {
    p.rotationDegrees[i] = std::fmod(p.rotationDegrees[i], 360.0f);
    if (std::abs(p.rotationDegrees[i]) < kSameNumber) p.rotationDegrees[i] = 0.0f;
  }
  return p;
}

bool readsBackAs(const SceneDocument& doc, std::string_view modelId, const ModelPlacement& p) {
  const ModelInstance* model = doc.findModel(modelId);
  if (!model) return false;
  const Transform& t = model->transform;
  glm::vec3 scaleTolerance = glm::max(glm::vec3(1.0f), glm::abs(p.scale)) * 1e-3f;
  return near(t.translation, p.translation) && sameRotation(t.rotation, eulerRotation(p.rotationDegrees)) &&
         glm::all(glm::lessThanEqual(glm::abs(t.scale - p.scale), scaleTolerance));
}

}  // namespace

std::string formatSceneNumber(float value) {
  std::string s = fmt::format("{:.4f}", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0" || s.empty()) s = "0";
  return s;
}

Result<std::string> withPoiDesktopViewpoint(std::string_view sceneText, std::string_view poiId,
                                            const DesktopViewpoint& view) {
  if (!finite(view.eye) || !finite(view.target)) return makeError("the viewpoint is not a finite position");
  auto index = poiIndex(sceneText, poiId);
  if (!index) return index.error();
  std::string views = fmt::format("/pois/{}/viewpoints", *index);
  if (!locateJsonValue(sceneText, views + "/desktop")) {
    return setJsonMember(sceneText, views, "desktop",
                         fmt::format("{{ \"eye\": {}, \"target\": {} }}", vec3Json(view.eye), vec3Json(view.target)));
  }
  auto eye = setJsonMember(sceneText, views + "/desktop", "eye", vec3Json(view.eye));
  if (!eye) return eye.error();
  return setJsonMember(*eye, views + "/desktop", "target", vec3Json(view.target));
}

Result<std::string> withPoiXrViewpoint(std::string_view sceneText, std::string_view poiId, const XrViewpoint& view) {
  if (!finite(view.position) || !std::isfinite(view.yawDeg)) return makeError("the viewpoint is not a finite position");
  auto index = poiIndex(sceneText, poiId);
  if (!index) return index.error();
  std::string views = fmt::format("/pois/{}/viewpoints", *index);
  // Yaw as the parser accepts it: [-360, 360].
  float yaw = std::fmod(view.yawDeg, 360.0f);
  if (!locateJsonValue(sceneText, views + "/xr")) {
    return setJsonMember(sceneText, views, "xr",
                         fmt::format("{{ \"position\": {}, \"yawDeg\": {} }}", vec3Json(view.position),
                                     formatSceneNumber(yaw)));
  }
  auto position = setJsonMember(sceneText, views + "/xr", "position", vec3Json(view.position));
  if (!position) return position.error();
  return setJsonMember(*position, views + "/xr", "yawDeg", formatSceneNumber(yaw));
}

Status savePoiDesktopViewpoint(const std::filesystem::path& sceneFile, std::string_view poiId,
                               const DesktopViewpoint& view) {
  return saveEdited(
      sceneFile, poiId, "desktop viewpoint",
      [&](std::string_view text) { return withPoiDesktopViewpoint(text, poiId, view); },
      [&](const PointOfInterest& poi) { return near(poi.desktopView.eye, view.eye) && near(poi.desktopView.target, view.target); });
}

Status savePoiXrViewpoint(const std::filesystem::path& sceneFile, std::string_view poiId, const XrViewpoint& view) {
  return saveEdited(
      sceneFile, poiId, "XR viewpoint", [&](std::string_view text) { return withPoiXrViewpoint(text, poiId, view); },
      [&](const PointOfInterest& poi) {
        return near(poi.xrView.position, view.position) &&
               std::abs(poi.xrView.yawDeg - std::fmod(view.yawDeg, 360.0f)) < 1e-3f;
      });
}

Result<std::string> withModelTransform(std::string_view sceneText, std::string_view modelId,
                                       const ModelPlacement& placement) {
  if (!finite(placement.translation) || !finite(placement.rotationDegrees) || !finite(placement.scale)) {
    return makeError("the transform of model '{}' is not finite", modelId);
  }
  if (glm::any(glm::lessThan(glm::abs(placement.scale), glm::vec3(kSameNumber)))) {
    return makeError("the scale of model '{}' would be 0 (the scene format refuses it)", modelId);
  }
  auto doc = nlohmann::json::parse(sceneText.begin(), sceneText.end(), nullptr, false);
  if (doc.is_discarded()) return makeError("the scene file is not well-formed JSON; fix it first");
  auto index = modelIndex(doc, modelId);
  if (!index) return index.error();
  const ModelPlacement p = normalised(placement);
  const nlohmann::json& model = doc["models"][*index];
  const std::string modelPointer = fmt::format("/models/{}", *index);
  const bool uniform = p.scale.x == p.scale.y && p.scale.y == p.scale.z;
  auto scaleJson = [&](bool asNumber) { return asNumber ? formatSceneNumber(p.scale.x) : vec3Json(p.scale); };

  if (!model.contains("transform")) {
    std::string members;
    auto add = [&](const char* key, const std::string& value) {
      members += fmt::format("{}\"{}\": {}", members.empty() ? "" : ", ", key, value);
    };
    if (!sameNumbers(p.translation, glm::vec3(0.0f))) add("translation", vec3Json(p.translation));
    if (!sameNumbers(p.rotationDegrees, glm::vec3(0.0f))) add("rotationDegrees", vec3Json(p.rotationDegrees));
    if (!sameNumbers(p.scale, glm::vec3(1.0f))) add("scale", scaleJson(uniform));
    if (members.empty()) return std::string(sceneText);  // the default placement: nothing to write
    return setJsonMember(sceneText, modelPointer, "transform", "{ " + members + " }");
  }
  const nlohmann::json& transform = model["transform"];
  if (!transform.is_object()) {
    return makeError("{}/transform of model '{}' is not an object; fix it first", modelPointer, modelId);
  }
  std::string out(sceneText);
  const std::string at = modelPointer + "/transform";
  auto set = [&](const char* key, const std::string& value) -> Status {
    auto edited = setJsonMember(out, at, key, value);
    if (!edited) return edited.error();
    out = std::move(*edited);
    return okStatus();
  };
  // Each member is written only when the number it holds changes (or, missing, when it is not the
  // default), so a save that moves a model leaves its rotation and scale bytes as they were.
  auto oldTranslation = vec3At(transform, "translation");
  if (!sameNumbers(oldTranslation.value_or(glm::vec3(0.0f)), p.translation)) {
    SC_TRY(set("translation", vec3Json(p.translation)));
  }
  if (transform.contains("rotationQuaternion")) {
    glm::quat q = eulerRotation(p.rotationDegrees);
    auto old = numbersAt<4>(transform, "rotationQuaternion");
    glm::quat previous = old ? glm::normalize(glm::quat((*old)[3], (*old)[0], (*old)[1], (*old)[2])) : glm::quat();
    if (!old || !sameRotation(previous, q)) {
      if (old && glm::dot(previous, q) < 0.0f) q = -q;  // the same rotation, signs as the creator had them
      SC_TRY(set("rotationQuaternion", fmt::format("[{}, {}, {}, {}]", formatSceneNumber(q.x), formatSceneNumber(q.y),
                                                   formatSceneNumber(q.z), formatSceneNumber(q.w))));
    }
  } else if (!sameNumbers(vec3At(transform, "rotationDegrees").value_or(glm::vec3(0.0f)), p.rotationDegrees)) {
    SC_TRY(set("rotationDegrees", vec3Json(p.rotationDegrees)));
  }
  std::optional<glm::vec3> oldScale = vec3At(transform, "scale");
  const bool scaleIsArray = oldScale.has_value();
  if (!oldScale && transform.contains("scale") && transform["scale"].is_number()) {
    oldScale = glm::vec3(transform["scale"].get<float>());
  }
  if (!sameNumbers(oldScale.value_or(glm::vec3(1.0f)), p.scale)) {
    SC_TRY(set("scale", scaleJson(uniform && !scaleIsArray)));
  }
  return out;
}

Status saveModelTransforms(const std::filesystem::path& sceneFile, std::span<const ModelPlacementEdit> edits) {
  if (edits.empty()) return okStatus();
  std::string subject = "the transform of model";
  for (std::size_t i = 0; i < edits.size(); ++i) {
    subject += fmt::format("{} '{}'", i == 0 ? "" : ",", edits[i].modelId);
  }
  return saveSceneEdit(
      sceneFile, subject,
      [&](std::string_view text) -> Result<std::string> {
        std::string out(text);
        for (const auto& e : edits) {
          auto edited = withModelTransform(out, e.modelId, e.placement);
          if (!edited) return edited.error();
          out = std::move(*edited);
        }
        return out;
      },
      [&](const SceneDocument& doc) {
        return std::all_of(edits.begin(), edits.end(), [&](const ModelPlacementEdit& e) {
          return readsBackAs(doc, e.modelId, normalised(e.placement));
        });
      });
}

Status saveModelTransform(const std::filesystem::path& sceneFile, std::string_view modelId,
                          const ModelPlacement& placement) {
  ModelPlacementEdit edit{std::string(modelId), placement};
  return saveModelTransforms(sceneFile, std::span(&edit, 1));
}

}  // namespace sc::scene
