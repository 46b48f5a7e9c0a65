#pragma once
// Shared helpers for the fault-injection tests: the real `shancheng` executable run as a child
// process (optionally as an unprivileged user, or with a file-size limit standing in for a full
// disk), a temporary folder, and a small scene (one textured glTF box from assimp-testmodels)
// whose cooked cache file is about 240 KB.
#include <cstdint>
#include <filesystem>
#include <string>

#include "support/run_command.hpp"

namespace sc::faults {

// The shancheng executable: $SC_SHANCHENG_EXE when set (to test another build), else the one
// this build made. Empty when neither exists (the CLI tests then skip).
std::string shanchengExe();

// Runs `shell` (a /bin/sh command line) and collects its output, exit code and the signal that
// ended it, if one did (a crash): tests/support's runCommand.
using test::RunResult;
inline RunResult runShell(const std::string& shell) { return test::runCommand(shell); }

// Quotes `text` for /bin/sh.
std::string shellQuoted(const std::string& text);

// The prefix that runs a command without root's power to write anywhere: setpriv to nobody when
// this process is root, nothing otherwise. Empty optional-like: `ok` false when root has no
// setpriv (the caller skips).
struct Unprivileged {
  bool ok = true;
  std::string prefix;
};
Unprivileged unprivileged();

// How many times `needle` occurs in `text`.
int occurrences(const std::string& text, const std::string& needle);

// A fresh folder under the system temp dir (world-readable, so an unprivileged child can read
// it), removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes <dir>/box.scene.json (the example scene's structure, its model replaced by
// BoxTextured.gltf, copied beside it with its .bin and .png) and returns the scene file.
std::filesystem::path writeBoxScene(const std::filesystem::path& dir);

std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& bytes);

}  // namespace sc::faults
