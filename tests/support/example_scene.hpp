#pragma once
// The repository's example scene (scenes/example/example.scene.json: one triangle, one POI
// "marker", one tour) written into a test's own folder, so a test can change it without touching
// the repository.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sc::test {

// Text to find in the scene and what replaces it (the first occurrence).
using SceneEdit = std::pair<std::string, std::string>;

// Writes the example scene into `dir` as `name` and returns that file's path. It loads from
// there: its "$schema" line is dropped and its content roots point back at scenes/example (the
// triangle) and assets/. Then `edits` are applied in order. When an edit's text is no longer in
// the scene, the test fails with that text and the result is empty (nothing is written).
std::string writeExampleScene(const std::filesystem::path& dir, const std::string& name,
                              const std::vector<SceneEdit>& edits = {});

// The example POI's panorama: writeExampleScene's edit that gives POI "marker" the image
// `file` (a content path, e.g. "pano.png" beside the scene).
SceneEdit examplePanoramaEdit(const std::string& file);

// A checker of 16-pixel squares, green (40, 200, 60) and magenta (200, 40, 200), nothing like
// the example's red triangle or its sky, written as a PNG; false when it cannot be written.
// 128 x 64 is a valid 2:1 panorama; another height makes one that is refused.
bool writeCheckerPanorama(const std::filesystem::path& file, std::uint32_t width = 128, std::uint32_t height = 64);

}  // namespace sc::test
