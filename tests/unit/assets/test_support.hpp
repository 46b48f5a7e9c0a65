#pragma once
// Shared helpers for the asset import tests: the Debian assimp-testmodels folder, temporary
// content folders, and importing a model with its own folder as the only content root.
#include <filesystem>
#include <string>

#include "assets/importer.hpp"

namespace sc::assets::test {

inline const std::filesystem::path kModels = SC_ASSIMP_MODELS;

// Imports `relative` (under kModels) with kModels as the content root.
Result<Model> importSample(const std::string& relative, const ImportOptions& options = {});

// A fresh empty folder under the system temp dir, removed by the destructor.
class TempFolder {
 public:
  explicit TempFolder(const std::string& tag);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

}  // namespace sc::assets::test
