#pragma once
// Reading a scene file's text into a SceneDocument, with every problem reported as a Diagnostic.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "scene/diagnostics.hpp"
#include "scene/scene_document.hpp"

namespace sc::scene {

// Parses and checks `json` (the text of a .scene.json file) without touching the filesystem:
// size (kMaxSceneFileBytes), UTF-8, JSON syntax, nesting depth, duplicate keys, types, required
// fields, ranges, counts (scene_limits.hpp), unknown keys (warnings), id rules, duplicate ids,
// references between tours, POIs and the kiosk, and the syntax of every content path.
//
// Every problem is appended to `report` with `fileForMessages` as its file, a JSON pointer and,
// where the place exists in the text, its line and column (a missing field is placed at its
// parent). Diagnostics of this call are sorted by position. Returns the document when this call
// found no errors (warnings allowed); otherwise an Error that names the first problem and the
// count. Never throws on any input; memory use is bounded by a small multiple of the input size.
Result<SceneDocument> parseScene(std::string_view json, const std::string& fileForMessages,
                                 ValidationReport& report);

// As parseScene, but always hands back what could be read, so that a checking tool can go on to
// check files on disk in the same run. With errors, fields that had one keep their defaults and
// list entries keep their index (an unreadable entry is a default one). Returns true when this
// call found no errors. Never load a document for which this returned false.
bool parseSceneBestEffort(std::string_view json, const std::string& fileForMessages,
                          ValidationReport& report, SceneDocument& out);

}  // namespace sc::scene
