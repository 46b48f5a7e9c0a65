#pragma once
// The one resolver for every path that comes from content (scene files, models, textures).
//
// A content path is relative, uses '/' separators and is resolved against an ordered list of
// content roots (the scene's folder, then shared roots such as the project's assets/). Refused,
// each with a clear error: empty paths, absolute paths, URI schemes (file:, http:, ...), any ".."
// component, NUL bytes, and paths whose real location (after following symlinks) lies outside
// the root they were found in. Nothing outside the roots is ever opened through this class.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sc {

class ContentRoots {
 public:
  ContentRoots() = default;
  // Roots are made canonical at construction; missing roots are dropped (with no error: a
  // scene may declare an optional shared root).
  explicit ContentRoots(std::vector<std::filesystem::path> roots);

  void addRoot(const std::filesystem::path& root);
  const std::vector<std::filesystem::path>& roots() const { return roots_; }

  // Resolves `contentPath`, written in `referrer` (for error messages: "scene.json: models/3"),
  // relative to `baseDir` (a folder inside one of the roots, or empty for the roots themselves).
  // The first root where the file exists wins.
  Result<std::filesystem::path> resolve(std::string_view contentPath, std::string_view referrer,
                                        const std::filesystem::path& baseDir = {}) const;

  // True when `path` (already canonical or not) lies inside one of the roots after symlinks.
  bool contains(const std::filesystem::path& path) const;

  // Checks the syntax of a content path alone (no filesystem access). Returns the reason it is
  // refused, or an empty string when it is acceptable.
  static std::string refusalReason(std::string_view contentPath);

 private:
  std::vector<std::filesystem::path> roots_;
};

}  // namespace sc
