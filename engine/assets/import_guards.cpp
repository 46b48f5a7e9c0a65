#include "assets/import_guards.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <vector>

#include <assimp/BaseImporter.h>
#include <assimp/Importer.hpp>

#include "assets/obj_references.hpp"

namespace sc::assets {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return text;
}

// Assimp's OFF reader allocates the declared vertex count before reading any vertex (its own
// test file invalid/OutOfMemory.off declares 3.5 billion and stalls for minutes), so the
// declared counts are checked against the file size first. Each vertex needs at least 6 bytes
// ("0 0 0\n"), each face at least 8 ("3 0 1 2\n").
Status checkOffHeader(const fs::path& path, const std::string& label) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return okStatus();
  std::string head(4096, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < head.size() && tokens.size() < 4) {
    char c = head[i];
    if (c == '#') {
      while (i < head.size() && head[i] != '\n') ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else {
      std::size_t start = i;
      while (i < head.size() && !std::isspace(static_cast<unsigned char>(head[i])) && head[i] != '#') ++i;
      tokens.push_back(head.substr(start, i - start));
    }
  }
  if (tokens.size() < 3 || tokens[0].find("OFF") == std::string::npos) return okStatus();
  auto number = [](const std::string& s) -> double {
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return -1.0;
    return std::strtod(s.c_str(), nullptr);
  };
  const double vertices = number(tokens[1]);
  const double faces = number(tokens[2]);
  std::error_code ec;
  const double size = double(fs::file_size(path, ec));
  if (ec || vertices < 0 || faces < 0) return okStatus();  // let Assimp report the syntax
  if (vertices * 6.0 > size || faces * 8.0 > size) {
    return makeError("{}: the OFF header declares {} vertices and {} faces, more than the file's "
                     "{} bytes can hold; the file is truncated or corrupt, export it again",
                     label, tokens[1], tokens[2], std::uint64_t(size));
  }
  return okStatus();
}

// Assimp 5.2.5's PLY reader loops forever when the header has no end_header line (found by
// tests/fuzz/model_import_fuzz; regression seed model_corpus/regress_ply_no_end_header.ply),
// so a PLY file (by extension or by its "ply" magic) must show one in its first kPlyHeaderScan
// bytes before Assimp sees it. Real headers are a few hundred bytes.
constexpr std::size_t kPlyHeaderScan = 1 << 20;

Status checkPlyHeader(const fs::path& path, const std::string& ext, const std::string& label) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return okStatus();
  std::string head(kPlyHeaderScan, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  const bool magic = head.size() >= 4 && head.compare(0, 3, "ply") == 0 &&
                     std::isspace(static_cast<unsigned char>(head[3]));
  if (ext != ".ply" && !magic) return okStatus();
  // Exactly what Assimp's header loop stops at: a line whose first token (after spaces or tabs)
  // is end_header. Anything looser (say, a vertical tab before it) still hangs Assimp.
  auto isBlank = [](char c) { return c == ' ' || c == '\t'; };
  auto endsToken = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0'; };
  for (std::size_t at = head.find("end_header"); at != std::string::npos; at = head.find("end_header", at + 1)) {
    std::size_t before = at;
    while (before > 0 && isBlank(head[before - 1])) --before;
    const bool startsLine = before == 0 || head[before - 1] == '\n' || head[before - 1] == '\r';
    const std::size_t after = at + 10;
    if (startsLine && (after == head.size() || endsToken(head[after]))) {
      // The header is ASCII text even in binary PLY files; Assimp's header reader stops at a NUL
      // and then never reaches end_header (a fuzzed header with NUL runs hung it; regression
      // seed model_corpus/regress_ply_nul_in_header.ply).
      const std::size_t nul = head.find('\0');
      if (nul < at) {
        const auto line = 1 + std::count(head.begin(), head.begin() + std::ptrdiff_t(nul), '\n');
        return makeError("{}: line {} of the PLY header holds a NUL byte; a PLY header is plain "
                         "text, so the file is corrupt; export it again", label, line);
      }
      return okStatus();
    }
  }
  return makeError("{}: the PLY header has no end_header line in its first {} KiB; the file is "
                   "truncated or corrupt, export it again", label, kPlyHeaderScan / 1024);
}

// Assimp 5.2.5's OBJ line reader (IOStreamBuffer::getNextDataLine) takes a NUL byte for a line
// end and a backslash before one for a continuation, then scans for the next '\n' without a
// bound; its parsers work on the whole line buffer, stale bytes included. The fuzz finding
// regress_obj_nul_bytes.gltf (NUL runs inside 'f' and 'usemtl' lines, read as OBJ through
// content sniffing, so the .obj checks never ran) ended with ASan finding its heap metadata
// overwritten while Assimp's OBJ importer unwound that input. An OBJ file is text: a NUL byte
// means it is corrupt or not OBJ at all, so it is refused, with its line, before Assimp reads it.
Status checkObjText(std::span<const std::uint8_t> bytes, const std::string& ext,
                    const std::string& label) {
  // UTF-16 text is full of NULs; Assimp 5.2.5 reads OBJ as 8-bit text only (assimp-testmodels'
  // OBJ/box_UTF16BE.obj imports as an empty scene), so say what to change.
  if (bytes.size() >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE))) {
    return makeError("{}: the OBJ file is UTF-16 text; OBJ is read as UTF-8 only, so save it as "
                     "UTF-8 and load it again", label);
  }
  const auto nul = std::find(bytes.begin(), bytes.end(), std::uint8_t(0));
  if (nul == bytes.end()) return okStatus();
  const auto line = 1 + std::count(bytes.begin(), nul, std::uint8_t('\n'));
  const std::string why =
      ext == ".obj" ? std::string()
                    : fmt::format(" (the file is read as OBJ because its text looks like OBJ, "
                                  "though its name ends in '{}')", ext);
  return makeError("{}: line {} holds a NUL byte; an OBJ file is plain text, so this one is "
                   "corrupt or not an OBJ file{}; export it again", label, line, why);
}

}  // namespace

int predictImporter(const Assimp::Importer& importer, const std::string& path) {
  Assimp::IOSystem* io = importer.GetIOHandler();
  const std::string file = lower(path);
  std::vector<int> byExtension;
  for (std::size_t i = 0; i < importer.GetImporterCount(); ++i) {
    std::set<std::string> extensions;
    importer.GetImporter(i)->GetExtensionList(extensions);
    for (const auto& extension : extensions) {
      const std::string suffix = "." + lower(extension);
      if (file.size() >= suffix.size() &&
          file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
        byExtension.push_back(int(i));
        break;
      }
    }
  }
  if (byExtension.size() == 1) return byExtension.front();
  for (int i : byExtension) {
    if (importer.GetImporter(std::size_t(i))->CanRead(path, io, true)) return i;
  }
  for (std::size_t i = 0; i < importer.GetImporterCount(); ++i) {
    if (importer.GetImporter(i)->CanRead(path, io, true)) return int(i);
  }
  return -1;
}

Status checkBeforeAssimp(const Assimp::Importer& importer, const ContentIoSystem& io,
                         const fs::path& canonical, const std::string& label) {
  SC_TRY(checkOffHeader(canonical, label));
  const std::string ext = lower(canonical.extension().string());
  const int chosen = predictImporter(importer, io.modelPath());
  const auto isImporter = [&](const char* extension) {
    const std::size_t index = importer.GetImporterIndex(extension);
    return chosen >= 0 && index != std::size_t(-1) && std::size_t(chosen) == index;
  };
  SC_TRY(checkPlyHeader(canonical, isImporter("ply") ? ".ply" : ext, label));
  if (ext == ".obj" || isImporter("obj")) {
    auto bytes = io.readContent(canonical.filename().string(), label);
    if (!bytes) return bytes.error();
    SC_TRY(checkObjText(bytes.value(), ext, label));
    SC_TRY(checkObjReferences(bytes.value(), io, label));
  }
  return okStatus();
}

}  // namespace sc::assets
