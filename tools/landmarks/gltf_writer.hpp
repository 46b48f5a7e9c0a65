#pragma once
// Writes a Model as glTF 2.0: <dir>/<name>.gltf (JSON), <dir>/<name>.bin and one PNG per
// texture, plus <dir>/<name>.pois.json. Output bytes depend only on the model (no timestamps,
// ordered containers, fixed number formatting), so the same seed gives identical files.
#include <filesystem>

#include "core/result.hpp"
#include "model.hpp"

namespace sc::landmarks {

struct WriteStats {
  std::size_t triangles = 0;
  std::size_t primitives = 0;
  std::size_t vertices = 0;
  std::uint64_t bytes = 0;  // all files written
};

// Creates dir if needed. Errors name the file that could not be written.
Result<WriteStats> writeGltf(const Model& model, const std::filesystem::path& dir);

// The points of interest sidecar alone (also written by writeGltf).
Status writePois(const Model& model, const std::filesystem::path& file);

}  // namespace sc::landmarks
