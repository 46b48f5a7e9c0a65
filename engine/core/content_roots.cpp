#include "core/content_roots.hpp"

#include <algorithm>
#include <cctype>

namespace sc {

namespace fs = std::filesystem;

namespace {

bool isInside(const fs::path& root, const fs::path& candidate) {
  auto rootIt = root.begin();
  auto candIt = candidate.begin();
  for (; rootIt != root.end(); ++rootIt, ++candIt) {
    if (rootIt->empty()) continue;  // trailing separator
    if (candIt == candidate.end() || *rootIt != *candIt) return false;
  }
  return true;
}

}  // namespace

ContentRoots::ContentRoots(std::vector<fs::path> roots) {
  for (const auto& root : roots) addRoot(root);
}

void ContentRoots::addRoot(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) return;
  if (std::find(roots_.begin(), roots_.end(), canonical) == roots_.end()) {
    roots_.push_back(canonical);
  }
}

std::string ContentRoots::refusalReason(std::string_view p) {
  if (p.empty()) return "the path is empty";
  if (p.find('\0') != std::string_view::npos) return "the path contains a NUL byte";
  if (p.front() == '/' || p.front() == '\\') return "absolute paths are not allowed";
  if (p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':') {
    return "drive letters and URI schemes are not allowed";
  }
  // A scheme is letters followed by ':' before any '/'.
  auto colon = p.find(':');
  auto slash = p.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    return "URI schemes (file:, http:, data:) are not allowed";
  }
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = p.size();
    if (p.substr(start, end - start) == "..") return "'..' may not climb out of the content folder";
    start = end + 1;
  }
  return {};
}

bool ContentRoots::contains(const fs::path& path) const {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return false;
  return std::any_of(roots_.begin(), roots_.end(),
                     [&](const fs::path& root) { return isInside(root, real); });
}

Result<fs::path> ContentRoots::resolve(std::string_view contentPath, std::string_view referrer,
                                       const fs::path& baseDir) const {
  std::string reason = refusalReason(contentPath);
  if (!reason.empty()) {
    return makeError("{}: refused path '{}': {}; use a path relative to the scene's folder or "
                     "a declared content root", referrer, contentPath, reason);
  }
  if (roots_.empty()) {
    return makeError("{}: cannot resolve '{}': no content roots are declared", referrer,
                     contentPath);
  }
  std::string normalized(contentPath);
  std::replace(normalized.begin(), normalized.end(), '\\', '/');
  std::error_code ec;
  for (const auto& root : roots_) {
    fs::path base = root;
    if (!baseDir.empty()) {
      fs::path realBase = fs::weakly_canonical(baseDir, ec);
      if (!ec && isInside(root, realBase)) base = realBase;
    }
    fs::path candidate = base / normalized;
    if (!fs::exists(candidate, ec)) continue;
    fs::path real = fs::canonical(candidate, ec);
    if (ec || !isInside(root, real)) {
      return makeError("{}: refused path '{}': it leads outside the content folder {} (through "
                       "a symlink); copy the file into the folder instead",
                       referrer, contentPath, root.string());
    }
    return real;
  }
  std::string rootList;
  for (const auto& root : roots_) rootList += (rootList.empty() ? "" : ", ") + root.string();
  return makeError("{}: '{}' was not found in the content roots ({}); check the spelling and "
                   "that the file was copied with the scene", referrer, contentPath, rootList);
}

}  // namespace sc
