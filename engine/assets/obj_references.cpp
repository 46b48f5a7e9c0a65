#include "assets/obj_references.hpp"

#include <set>
#include <string_view>
#include <vector>

namespace sc::assets {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\0')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls `visit(keyword, rest)` for every line "keyword rest".
template <typename Visit>
void forEachStatement(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    std::size_t space = line.find_first_of(" \t");
    if (space == std::string_view::npos) continue;
    visit(line.substr(0, space), trim(line.substr(space + 1)));
  }
}

}  // namespace

Status checkObjReferences(std::span<const std::uint8_t> objBytes, const ContentIoSystem& io,
                          const std::string& label) {
  std::string_view text(reinterpret_cast<const char*>(objBytes.data()), objBytes.size());
  std::vector<std::string> libraries;
  std::vector<std::string> used;
  forEachStatement(text, [&](std::string_view keyword, std::string_view rest) {
    if (keyword == "mtllib" && !rest.empty()) libraries.emplace_back(rest);
    if (keyword == "usemtl" && !rest.empty()) used.emplace_back(rest);
  });
  std::set<std::string, std::less<>> declared;
  for (const auto& library : libraries) {
    auto bytes = io.readContent(library, fmt::format("{}: mtllib", label));
    if (!bytes) {
      return makeError("{}; the model's materials are in that file, copy it next to the model",
                       bytes.error().message);
    }
    std::string_view mtl(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    forEachStatement(mtl, [&](std::string_view keyword, std::string_view rest) {
      if (keyword == "newmtl") declared.emplace(rest);
    });
  }
  // Exporters write these when an object has no material at all; they are not references.
  static const std::set<std::string, std::less<>> kPlaceholders = {"Default", "default",
      "DefaultMaterial", "(null)", "None"};
  for (const auto& name : used) {
    if (declared.count(name) == 0 && !(libraries.empty() && kPlaceholders.count(name) > 0)) {
      return makeError("{}: 'usemtl {}' names a material that no mtllib declares{}; add it to the "
                       ".mtl file or fix the name", label, name,
                       libraries.empty() ? " (the file has no mtllib)" : "");
    }
  }
  return okStatus();
}

}  // namespace sc::assets
