#pragma once
// Small edits to a scene file that keep everything else byte for byte: the creator preview's
// "save this viewpoint to the POI" and "save the selected model's transform".
//
// Edits are made on the TEXT, not by re-serialising a DOM: only the bytes of the values that
// change are replaced (or, for a member that is missing, inserted before its object's closing
// brace), so key order, formatting, spacing, Unicode text and every other member stay as the
// creator wrote them. The result is checked with the scene parser (no new error, and the edited
// viewpoint reads back as written) before anything is written.
//
// Files are written atomically (sc::writeFileAtomic: temporary file, fsync, rename) and the
// previous version is kept as <file>.bak. A failure at any step (file unreadable, the POI or
// model missing, the folder read-only, disk full) leaves the original file untouched and returns one
// message naming the file, what failed and what to do.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "core/result.hpp"
#include "scene/json_text_edit.hpp"  // setJsonMember: the text-level edits these are made of
#include "scene/scene_document.hpp"

namespace sc::scene {

// A number as a scene file should hold it: at most 4 decimals, no trailing zeros, no "-0".
std::string formatSceneNumber(float value);

// The scene text with one POI's desktop viewpoint (viewpoints.desktop.eye and .target) or XR
// viewpoint (viewpoints.xr.position and .yawDeg) replaced. Fails when `sceneText` has no POI
// with that id or the POI has no viewpoints object.
Result<std::string> withPoiDesktopViewpoint(std::string_view sceneText, std::string_view poiId,
                                            const DesktopViewpoint& view);
Result<std::string> withPoiXrViewpoint(std::string_view sceneText, std::string_view poiId, const XrViewpoint& view);

// Reads `sceneFile`, applies the edit above, checks the result with the scene parser and writes
// it back atomically, keeping the previous file as <sceneFile>.bak.
Status savePoiDesktopViewpoint(const std::filesystem::path& sceneFile, std::string_view poiId,
                               const DesktopViewpoint& view);
Status savePoiXrViewpoint(const std::filesystem::path& sceneFile, std::string_view poiId, const XrViewpoint& view);

// A model's placement as the editor writes it: "transform": {"translation", "rotationDegrees"
// (Euler degrees about X, then Y, then Z: R = Rz * Ry * Rx, as the parser reads them), "scale"}.
struct ModelPlacement {
  glm::vec3 translation{0.0f};
  glm::vec3 rotationDegrees{0.0f};
  glm::vec3 scale{1.0f};
};

struct ModelPlacementEdit {
  std::string modelId;
  ModelPlacement placement;
};

// The scene text with model `modelId`'s "transform" set to `placement`. Only members whose value
// differs from what the file says (beyond 5e-5) are written: an existing member's value bytes are
// replaced, a missing member is inserted only when its value is not the default (translation 0,
// rotation 0, scale 1), and a model without "transform" gets one with the members that are not
// the default. Rules: a file that gives "rotationQuaternion" keeps that form (the new rotation is
// written as a unit quaternion [x, y, z, w]); angles are written within (-360, 360); a uniform
// scale is written as one number unless the file gives an array. Fails when the text is not
// JSON, has no "models" array, no model with that id (the message lists the ids), a
// "transform" that is not an object, or the placement is not finite or has a zero scale.
Result<std::string> withModelTransform(std::string_view sceneText, std::string_view modelId,
                                       const ModelPlacement& placement);

// Reads `sceneFile`, applies every edit above in one go, checks the result with the scene parser
// (no error, and every edited model reads back with the placement written) and writes it back
// atomically, keeping the previous file as <sceneFile>.bak (one backup for the whole save).
// Nothing is written when `edits` is empty.
Status saveModelTransforms(const std::filesystem::path& sceneFile, std::span<const ModelPlacementEdit> edits);
Status saveModelTransform(const std::filesystem::path& sceneFile, std::string_view modelId,
                          const ModelPlacement& placement);

}  // namespace sc::scene
