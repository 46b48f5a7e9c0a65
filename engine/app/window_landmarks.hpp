#pragma once
// The landmarks a window can switch between: every <folder>/<name>/<name>.scene.json (one level
// deep, sorted by name), with its title read from the file (the folder name when the file
// cannot be read: the load itself reports what is wrong). And a fingerprint of a content folder,
// so the kiosk sees at its idle reset that new content was dropped in.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scene/scene_document.hpp"

namespace sc::app {

struct LandmarkFile {
  std::string id;              // the folder name, e.g. "hongyadong"
  std::filesystem::path file;  // <folder>/<id>/<id>.scene.json
  scene::LocalizedText title;  // from the file; both languages fall back to the id
};

// Never fails: a missing or unreadable folder gives an empty list.
std::vector<LandmarkFile> findLandmarks(const std::filesystem::path& folder);

// Changes when any file under `folder` (recursively, at most kMaxFingerprintFiles files) is
// added, removed, renamed, resized or modified. 0 for a missing folder.
inline constexpr std::size_t kMaxFingerprintFiles = 100000;
std::uint64_t contentFingerprint(const std::filesystem::path& folder);

}  // namespace sc::app
