#pragma once
// The Assimp IO system of the importer: every file Assimp asks for (the model itself, glTF .bin
// buffers, OBJ .mtl libraries, ...) and every external texture the importer decodes is resolved
// through sc::ContentRoots, relative to the model's own folder. Refused, with the resolver's
// message: absolute paths, '..', URI schemes (file:, http:, data: handled by Assimp itself
// never reaches us), NUL bytes and symlinks that leave the content roots. Files are read whole
// into memory (at most kMaxContentFileBytes each) and served from there.
//
// Internal to sc_assets (it exposes Assimp types); not part of the module's public API.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <assimp/IOSystem.hpp>

#include "core/content_roots.hpp"
#include "core/result.hpp"

namespace sc::assets {

inline constexpr std::uint64_t kMaxContentFileBytes = 1ull << 30;  // 1 GiB per file

class ContentIoSystem final : public Assimp::IOSystem {
 public:
  // `modelFile` must be canonical and inside `roots` (the importer checks this first).
  ContentIoSystem(const ContentRoots& roots, std::filesystem::path modelFile);

  bool Exists(const char* file) const override;
  char getOsSeparator() const override { return '/'; }
  Assimp::IOStream* Open(const char* file, const char* mode = "rb") override;
  void Close(Assimp::IOStream* stream) override;
  bool ComparePaths(const char* one, const char* second) const override;

  // The path handed to Assimp::Importer::ReadFile for the model.
  const std::string& modelPath() const { return modelPath_; }

  // Resolves a path written inside the model (a texture, a buffer) relative to its folder.
  // `referrer` names where it was written, for messages ("model.gltf: material 'x'").
  Result<std::filesystem::path> resolve(std::string_view contentPath,
                                        std::string_view referrer) const;

  // Reads a file a content path names, resolved as above (size-capped).
  Result<std::vector<std::uint8_t>> readContent(std::string_view contentPath,
                                                std::string_view referrer) const;

  // Messages of every open that was refused or failed, in order (Assimp's own errors are often
  // vaguer than ours, so the importer appends these to its message).
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  // Maps the string Assimp passes to a content path relative to the model folder.
  std::string toContentPath(std::string_view requested) const;

  const ContentRoots& roots_;
  std::filesystem::path modelFile_;
  std::filesystem::path modelDir_;
  std::string modelPath_;
  std::string modelDirPrefix_;  // modelDir_ + '/'
  mutable std::vector<std::string> failures_;
};

}  // namespace sc::assets
