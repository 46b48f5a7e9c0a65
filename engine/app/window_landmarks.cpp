#include "app/window_landmarks.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace sc::app {

namespace fs = std::filesystem;

namespace {

scene::LocalizedText readTitle(const fs::path& file, const std::string& fallback) {
  scene::LocalizedText title{fallback, fallback};
  std::ifstream in(file);
  if (!in) return title;
  auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return title;
  auto it = json.find("title");
  if (it == json.end() || !it->is_object()) return title;
  if (auto zh = it->find("zh-CN"); zh != it->end() && zh->is_string()) title.zh = zh->get<std::string>();
  if (auto en = it->find("en"); en != it->end() && en->is_string()) title.en = en->get<std::string>();
  return title;
}

// FNV-1a, enough to notice a change (not a security boundary).
void mix(std::uint64_t& hash, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 1099511628211ull;
  }
}

}  // namespace

std::vector<LandmarkFile> findLandmarks(const fs::path& folder) {
  std::vector<LandmarkFile> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    std::string id = it->path().filename().string();
    fs::path file = it->path() / (id + ".scene.json");
    if (!fs::is_regular_file(file, ec)) continue;
    out.push_back({id, file, readTitle(file, id)});
  }
  std::sort(out.begin(), out.end(), [](const LandmarkFile& a, const LandmarkFile& b) { return a.id < b.id; });
  return out;
}

std::uint64_t contentFingerprint(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<std::string> entries;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && entries.size() < kMaxFingerprintFiles; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto size = it->file_size(ec);
    auto time = it->last_write_time(ec).time_since_epoch().count();
    entries.push_back(it->path().lexically_relative(folder).string() + '\n' + std::to_string(size) + '\n' +
                      std::to_string(time));
  }
  std::sort(entries.begin(), entries.end());  // directory order is not stable across file systems
  std::uint64_t hash = 1469598103934665603ull;
  for (const auto& e : entries) mix(hash, e.data(), e.size() + 1);
  return hash == 0 ? 1 : hash;
}

}  // namespace sc::app
