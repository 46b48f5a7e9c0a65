#pragma once
// Model import through Assimp into the engine's own Model (assets/model.hpp).
#include <filesystem>
#include <functional>

#include "assets/model.hpp"
#include "core/content_roots.hpp"
#include "core/result.hpp"

namespace sc::assets {

struct ImportOptions {
  // Textures larger than this on either side are refused (hostile-input guard) ...
  std::uint32_t maxTextureSize = 16384;
  // ... and those larger than this are downscaled when mipmapping (budget guard); 0 = keep.
  std::uint32_t downscaleAbove = 0;
  bool generateMips = true;
};

// Imports `file`; every file it references (textures, .bin buffers, .mtl) is opened through
// `roots` only (a custom Assimp IO system), so a model cannot read outside the content roots.
// `file` itself must lie inside one of the roots. Errors name the file and what to do.
Result<Model> importModel(const std::filesystem::path& file, const ContentRoots& roots,
                          const ImportOptions& options = {});

}  // namespace sc::assets
