#include "scene/scene_loader.hpp"

#include <system_error>

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "scene/json_locator.hpp"
#include "scene/scene_limits.hpp"
#include "scene/scene_parser.hpp"

namespace sc::scene {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".scene.json";

Diagnostic fileDiagnostic(Severity severity, const std::string& file, std::string pointer,
                          std::string message, std::string hint) {
  return {severity, file, 0, 0, std::move(pointer), std::move(message), std::move(hint)};
}

// Reads the text, with a specific message for the cases a creator meets.
std::optional<std::string> readSceneText(const fs::path& file, const std::string& name,
                                         ValidationReport& report) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    report.add(fileDiagnostic(Severity::Error, name, "", "the scene file does not exist",
                              "check the path and the spelling"));
    return std::nullopt;
  }
  if (!fs::is_regular_file(file, ec)) {
    report.add(fileDiagnostic(Severity::Error, name, "", "this is not a regular file",
                              "give the path of a .scene.json file"));
    return std::nullopt;
  }
  auto size = fs::file_size(file, ec);
  if (!ec && size > kMaxSceneFileBytes) {
    report.add(fileDiagnostic(
        Severity::Error, name, "",
        fmt::format("the file is {} bytes, more than the limit of {} bytes", size,
                    kMaxSceneFileBytes),
        "split the scene, or move long texts out of it"));
    return std::nullopt;
  }
  auto text = readFileText(file, kMaxSceneFileBytes);
  if (!text) {
    report.add(fileDiagnostic(Severity::Error, name, "", text.error().message,
                              "check that the file can be read"));
    return std::nullopt;
  }
  return std::move(text.value());
}

// ContentRoots' errors read "<referrer>: <what>; <what to do>": keep the pointer apart and split
// the advice into the hint.
void reportResolveError(ValidationReport& report, const std::string& file,
                        const std::string& pointer, const std::string& resolverMessage) {
  std::string message = resolverMessage;
  const std::string prefix = "@: ";
  if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
  std::string hint;
  if (auto semicolon = message.rfind("; "); semicolon != std::string::npos) {
    hint = message.substr(semicolon + 2);
    message.erase(semicolon);
  }
  report.add(fileDiagnostic(Severity::Error, file, pointer, std::move(message), std::move(hint)));
}

class PathResolver {
 public:
  PathResolver(const ContentRoots& roots, fs::path baseDir, std::string file,
               ValidationReport& report)
      : roots_(roots), baseDir_(std::move(baseDir)), file_(std::move(file)), report_(report) {}

  // An empty path was missing or refused while parsing (already reported); it stays empty.
  fs::path resolve(const std::string& contentPath, const std::string& pointer) {
    if (contentPath.empty()) return {};
    auto resolved = roots_.resolve(contentPath, "@", baseDir_);
    if (!resolved) {
      reportResolveError(report_, file_, pointer, resolved.error().message);
      return {};
    }
    std::error_code ec;
    if (!fs::is_regular_file(resolved.value(), ec)) {
      report_.add(fileDiagnostic(Severity::Error, file_, pointer,
                                 fmt::format("'{}' is a folder, not a file", contentPath),
                                 "name the file itself"));
      return {};
    }
    return resolved.value();
  }

 private:
  const ContentRoots& roots_;
  fs::path baseDir_;
  std::string file_;
  ValidationReport& report_;
};

// Parses and resolves; fills `out` as far as it gets.
void validateInto(const fs::path& file, const SceneLoadOptions& options, ValidationReport& report,
                  std::optional<LoadedScene>& out) {
  const std::string name = file.string();
  std::string filename = file.filename().string();
  if (filename.size() <= kSuffix.size() || !filename.ends_with(kSuffix)) {
    report.add(fileDiagnostic(Severity::Warning, name, "",
                              "scene files should be named <name>.scene.json",
                              "rename the file so tools and editors recognise it"));
  }
  auto text = readSceneText(file, name, report);
  if (!text) return;
  // Files on disk are checked even when the content has errors, so that one run lists every
  // problem; such a document is never handed out.
  LoadedScene scene;
  bool parsedClean = parseSceneBestEffort(*text, name, report, scene.doc);
  std::error_code ec;
  scene.file = fs::weakly_canonical(fs::absolute(file, ec), ec);
  fs::path sceneDir = scene.file.parent_path();
  scene.roots.addRoot(sceneDir);
  for (std::size_t i = 0; i < scene.doc.contentRoots.size(); ++i) {
    std::string pointer = fmt::format("/contentRoots/{}", i);
    if (!options.allowSceneContentRoots) {
      report.add(fileDiagnostic(Severity::Warning, name, pointer,
                                "content roots declared by scenes are turned off here; ignored",
                                "pass the folder as an extra content root instead"));
      continue;
    }
    fs::path root = sceneDir / scene.doc.contentRoots[i];
    if (!fs::is_directory(root, ec)) {
      report.add(fileDiagnostic(Severity::Warning, name, pointer,
                                fmt::format("content root '{}' is not a folder here ({})",
                                            scene.doc.contentRoots[i], root.lexically_normal().string()),
                                "create the folder, or remove the entry"));
      continue;
    }
    scene.roots.addRoot(root);
  }
  for (const auto& root : options.extraRoots) {
    if (!fs::is_directory(root, ec)) {
      report.add(fileDiagnostic(Severity::Warning, name, "",
                                fmt::format("extra content root '{}' is not a folder; ignored",
                                            root.string()),
                                "check the path given on the command line"));
      continue;
    }
    scene.roots.addRoot(root);
  }

  ValidationReport pathReport;
  PathResolver paths(scene.roots, sceneDir, name, pathReport);
  const auto& doc = scene.doc;
  for (std::size_t i = 0; i < doc.models.size(); ++i) {
    scene.resolvedModelPaths.push_back(
        paths.resolve(doc.models[i].path, fmt::format("/models/{}/path", i)));
    auto& lods = scene.resolvedLodPaths.emplace_back();
    for (std::size_t k = 0; k < doc.models[i].lods.size(); ++k) {
      lods.push_back(paths.resolve(doc.models[i].lods[k].path,
                                   fmt::format("/models/{}/lods/{}/path", i, k)));
    }
  }
  for (std::size_t i = 0; i < doc.pois.size(); ++i) {
    const auto& panorama = doc.pois[i].panorama;
    scene.resolvedPanoramaPaths.push_back(
        panorama.empty() ? fs::path{} : paths.resolve(panorama, fmt::format("/pois/{}/panorama", i)));
  }
  if (doc.guide && !doc.guide->avatar.empty()) {
    scene.resolvedAvatarPath = paths.resolve(doc.guide->avatar, "/guide/avatar");
  }
  placeDiagnostics(*text, pathReport.diagnostics(), kMaxNestingDepth);
  report.add(pathReport);
  if (parsedClean && !pathReport.hasErrors()) out = std::move(scene);
}

}  // namespace

ValidationReport validateSceneFile(const fs::path& file, const SceneLoadOptions& options) {
  ValidationReport report;
  std::optional<LoadedScene> scene;
  validateInto(file, options, report, scene);
  return report;
}

ValidationReport validateSceneFile(const fs::path& file, const std::vector<fs::path>& extraRoots) {
  SceneLoadOptions options;
  options.extraRoots = extraRoots;
  return validateSceneFile(file, options);
}

Result<LoadedScene> loadSceneDocument(const fs::path& file, const SceneLoadOptions& options,
                                      ValidationReport& report) {
  ValidationReport local;
  std::optional<LoadedScene> scene;
  validateInto(file, options, local, scene);
  report.add(local);
  if (local.hasErrors() || !scene) {
    for (const auto& d : local.diagnostics()) {
      if (d.severity != Severity::Error) continue;
      if (local.errorCount() == 1) return Error{formatDiagnostic(d)};
      return makeError("{} (and {} more error(s))", formatDiagnostic(d), local.errorCount() - 1);
    }
    return makeError("{}: the scene could not be loaded", file.string());
  }
  return std::move(*scene);
}

}  // namespace sc::scene
