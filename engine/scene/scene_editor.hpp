#pragma once
// Small edits to a scene file that keep everything else byte for byte: the creator preview's
// "save this viewpoint to the POI".
//
// Edits are made on the TEXT, not by re-serialising a DOM: only the bytes of the values that
// change are replaced (or, for a member that is missing, inserted before its object's closing
// brace), so key order, formatting, spacing, Unicode text and every other member stay as the
// creator wrote them. The result is checked with the scene parser (no new error, and the edited
// viewpoint reads back as written) before anything is written.
//
// Files are written atomically (sc::writeFileAtomic: temporary file, fsync, rename) and the
// previous version is kept as <file>.bak. A failure at any step (file unreadable, the POI
// missing, the folder read-only, disk full) leaves the original file untouched and returns one
// message naming the file, what failed and what to do.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "scene/scene_document.hpp"

namespace sc::scene {

// Sets member `key` of the JSON object at `objectPointer` (RFC 6901) to `valueJson` (a JSON
// value, written as is). Replaces the existing value's bytes, or inserts `, "key": value` at the
// end of the object. Fails when `text` is not well-formed JSON, the pointer does not lead to an
// object, or nesting exceeds 256 levels.
Result<std::string> setJsonMember(std::string_view text, std::string_view objectPointer, std::string_view key,
                                  std::string_view valueJson);

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

}  // namespace sc::scene
