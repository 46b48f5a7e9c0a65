#pragma once
// Writes a GuideModel as glTF 2.0: <dir>/<name>.gltf, <dir>/<name>.bin and one PNG per texture.
// Node 0 is the character root; nodes 1..N are the joints (in GuideModel::joints order, so
// node = joint + 1), then one node per mesh, each skinned with the single skin. Morph target
// names go to mesh.extras.targetNames (the convention Assimp, three.js and Blender read).
// Output bytes depend only on the model: same model, same files.
#include <cstdint>
#include <filesystem>

#include "core/result.hpp"
#include "guide_model.hpp"

namespace sc::avatar {

struct WriteStats {
  std::size_t triangles = 0;
  std::size_t vertices = 0;
  std::uint64_t bytes = 0;  // all files written
};

// Creates dir if needed. Errors name the file that could not be written.
Result<WriteStats> writeGuideGltf(const GuideModel& model, const std::filesystem::path& dir);

}  // namespace sc::avatar
