#pragma once
// Helpers for the cooked-cache tests: temporary folders, copies of Debian's assimp-testmodels
// (so a test may edit a source without touching the system copy), and a field-by-field model
// comparison that names the first difference.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "assets/model.hpp"

namespace sc::assets::cooktest {

inline const std::filesystem::path kModels = SC_ASSIMP_MODELS;
inline const std::filesystem::path kProjectAssets = SC_PROJECT_ASSETS;

class TempFolder {
 public:
  explicit TempFolder(const std::string& tag);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Copies the folder holding kModels/relative into `dest` and returns the copied model's path.
std::filesystem::path copySample(const std::string& relative, const std::filesystem::path& dest);

std::vector<std::uint8_t> readBytes(const std::filesystem::path& file);
void writeBytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);

// Empty when equal (every field, floats compared bit for bit); otherwise the first difference.
std::string modelDifference(const Model& a, const Model& b);

// The triangles of a primitive as sorted vertex-content triples (byte strings of the vertex,
// its skin weights and morph deltas), rotated so the smallest corner comes first: equal for
// two primitives exactly when they draw the same triangles with the same winding, whatever
// the vertex numbering and triangle order.
std::vector<std::string> triangleSet(const Primitive& p, const std::vector<std::uint32_t>& indices);

}  // namespace sc::assets::cooktest
