#include "test_support.hpp"

#include <fstream>
#include <random>

namespace sc::assets::test {

Result<Model> importSample(const std::string& relative, const ImportOptions& options) {
  ContentRoots roots({kModels});
  return importModel(kModels / relative, roots, options);
}

TempFolder::TempFolder(const std::string& tag) {
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() /
          ("sc_assets_" + tag + "_" + std::to_string(device()));
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempFolder::write(const std::string& name, const std::string& bytes) const {
  auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  return file;
}

}  // namespace sc::assets::test
