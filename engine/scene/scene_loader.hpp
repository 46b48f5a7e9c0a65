#pragma once
// Reading a scene file from disk: parse, check, and resolve every content path it names.
//
// Content roots, in the order they are searched: the scene file's own folder, then the folders
// the scene declares in "contentRoots" (relative to its folder), then the caller's extra roots
// (for example from the command line). Every path in the scene (models, LOD levels, panoramas,
// the guide's avatar) goes through sc::ContentRoots: a refused path or a missing file is an
// error diagnostic carrying the JSON pointer of the field that named it.
#include <filesystem>
#include <vector>

#include "core/content_roots.hpp"
#include "core/result.hpp"
#include "scene/diagnostics.hpp"
#include "scene/scene_document.hpp"

namespace sc::scene {

struct SceneLoadOptions {
  std::vector<std::filesystem::path> extraRoots;
  // A kiosk may choose to trust only the scene folder and its own roots.
  bool allowSceneContentRoots = true;
};

// A scene that passed every check, with each content path resolved to a real file.
struct LoadedScene {
  SceneDocument doc;
  std::filesystem::path file;  // canonical path of the .scene.json
  ContentRoots roots;
  std::vector<std::filesystem::path> resolvedModelPaths;             // parallel to doc.models
  std::vector<std::vector<std::filesystem::path>> resolvedLodPaths;  // parallel to models[i].lods
  std::vector<std::filesystem::path> resolvedPanoramaPaths;  // parallel to doc.pois; empty = none
  std::filesystem::path resolvedAvatarPath;                  // empty when the guide has none
};

// Reads, parses and checks the file and all paths it names; never throws, never returns early
// on the first problem. The file should be named <name>.scene.json (a warning otherwise).
ValidationReport validateSceneFile(const std::filesystem::path& file,
                                   const std::vector<std::filesystem::path>& extraRoots);
ValidationReport validateSceneFile(const std::filesystem::path& file,
                                   const SceneLoadOptions& options);

// As validateSceneFile, but returns the scene only when there is no error at all (warnings are
// fine), so a bad scene never half-loads. Every diagnostic goes to `report` either way; the
// Error names the first problem.
Result<LoadedScene> loadSceneDocument(const std::filesystem::path& file,
                                      const SceneLoadOptions& options, ValidationReport& report);

}  // namespace sc::scene
