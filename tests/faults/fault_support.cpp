#include "fault_support.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>

#include <unistd.h>

#include <nlohmann/json.hpp>

namespace sc::faults {

namespace fs = std::filesystem;

std::string shanchengExe() {
  if (const char* env = std::getenv("SC_SHANCHENG_EXE"); env && *env) return env;
#ifdef SC_SHANCHENG_EXE
  if (fs::exists(SC_SHANCHENG_EXE)) return SC_SHANCHENG_EXE;
#endif
  return {};
}

std::string shellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Unprivileged unprivileged() {
  if (::geteuid() != 0) return {};
  // Root ignores file permissions; nobody (65534) does not.
  if (runShell("command -v setpriv").exitCode != 0) return {false, ""};
  return {true, "setpriv --reuid=65534 --regid=65534 --clear-groups "};
}

int occurrences(const std::string& text, const std::string& needle) {
  int count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

TempDir::TempDir(const std::string& tag) {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("sc-faults-" + tag + "-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(random()));
  fs::create_directories(path_);
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
}

TempDir::~TempDir() {
  std::error_code ec;
  // A test may leave a read-only folder behind; make everything writable before removing it.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
}

fs::path writeBoxScene(const fs::path& dir) {
  auto scene = nlohmann::json::parse(readFile(fs::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json"));
  scene.erase("contentRoots");  // the example's ../../assets does not exist beside a temp copy
  scene.erase("$schema");
  scene["models"][0]["path"] = "BoxTextured.gltf";
  const fs::path box = fs::path(SC_ASSIMP_MODELS) / "glTF2/BoxTextured-glTF";
  for (const char* name : {"BoxTextured.gltf", "BoxTextured0.bin", "CesiumLogoFlat.png"}) {
    fs::copy_file(box / name, dir / name, fs::copy_options::overwrite_existing);
  }
  const fs::path file = dir / "box.scene.json";
  writeFile(file, scene.dump(1));
  return file;
}

}  // namespace sc::faults
