#include "scene/scene_parser.hpp"

#include <algorithm>
#include <exception>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "scene/json_locator.hpp"
#include "scene/scene_limits.hpp"
#include "scene/section_parsers.hpp"

namespace sc::scene {

namespace {

using detail::Json;
using detail::ObjectReader;
using detail::ParseContext;

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 2,
// column 5: "; we print our own place, so keep only what follows.
std::string syntaxMessage(const std::string& what) {
  std::string message = what;
  auto colon = message.find(": ");
  if (message.rfind("[json.exception", 0) == 0 && colon != std::string::npos) {
    message = message.substr(colon + 2);
  }
  return "JSON syntax error: " + message;
}

// Places "number overflow parsing '-1e400'" at the first value in the text spelled that way.
Diagnostic numberOverflow(std::string_view text, const std::string& what) {
  Diagnostic d{Severity::Error, {}, 0, 0, "", "number is too large to represent",
               "use a value that fits the field's range"};
  auto open = what.find('\'');
  auto close = what.rfind('\'');
  if (open == std::string::npos || close <= open + 1) return d;
  std::string literal = what.substr(open + 1, close - open - 1);
  auto isNumberChar = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  };
  for (auto at = text.find(literal); at != std::string_view::npos;
       at = text.find(literal, at + 1)) {
    bool startsToken = at == 0 || !isNumberChar(text[at - 1]);
    std::size_t end = at + literal.size();
    bool endsToken = end >= text.size() || !isNumberChar(text[end]);
    if (!startsToken || !endsToken) continue;
    JsonScanResult scan = scanJson(text, {}, kMaxNestingDepth, at);
    if (!scan.pointerAtOffset) continue;  // the digits were inside a string
    d.jsonPointer = *scan.pointerAtOffset;
    d.line = scan.positionAtOffset.line;
    d.column = scan.positionAtOffset.column;
    break;
  }
  return d;
}

void parseDocument(ParseContext& ctx, const Json& json, SceneDocument& doc) {
  ObjectReader root(ctx, json, "");
  if (!root.isObject()) return;
  if (root.integer("formatVersion", detail::Range{1.0, 1.0e6, ""}, doc.formatVersion, true) &&
      doc.formatVersion != kSceneFormatVersion) {
    ctx.error("/formatVersion",
              fmt::format("format version {} is not supported (this build reads version {})",
                          doc.formatVersion, kSceneFormatVersion),
              "update Shancheng, or write the scene for the version it reads");
  }
  root.text("title", kMaxNameBytes, doc.title, true);
  root.text("description", kMaxNarrationBytes, doc.description);
  detail::parseContentRoots(root, doc);
  detail::parseModels(root, doc);
  detail::parseEnvironment(root, doc);
  detail::parseLights(root, doc);
  detail::parsePois(root, doc);
  detail::parseTours(root, doc);
  detail::parseGuide(root, doc);
  detail::parseSpawn(root, doc);
  detail::parseKiosk(root, doc);
  root.reportUnknownKeys(/*allowDollarKeys=*/true);
  detail::checkReferences(ctx, doc);
}

Error summaryError(const std::string& file, const std::vector<Diagnostic>& diagnostics,
                   std::size_t errors) {
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::Error) continue;
    std::string first = formatDiagnostic(d);
    if (errors == 1) return Error{first};
    return makeError("{} (and {} more error(s) in {})", first, errors - 1, file);
  }
  return makeError("{}: the scene has {} error(s)", file, errors);
}

}  // namespace

bool parseSceneBestEffort(std::string_view text, const std::string& file,
                          ValidationReport& report, SceneDocument& doc) {
  ParseContext ctx;
  doc = SceneDocument{};
  auto finish = [&]() {
    auto& diagnostics = ctx.diagnostics();
    placeDiagnostics(text, diagnostics, kMaxNestingDepth);
    for (auto& d : diagnostics) d.file = file;
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    report.add(diagnostics);
    return ctx.errorCount() == 0;
  };

  if (text.size() > kMaxSceneFileBytes) {
    ctx.error("", fmt::format("the file is {} bytes, more than the limit of {} bytes",
                              text.size(), kMaxSceneFileBytes),
              "split the scene, or move long texts out of it");
    return finish();
  }
  if (std::size_t bad = findInvalidUtf8(text); bad != std::string_view::npos) {
    TextPosition at = positionOfByte(text, bad);
    ctx.add({Severity::Error, {}, at.line, at.column, "",
                                 fmt::format("invalid UTF-8 at byte {}", bad),
                                 "save the file with UTF-8 encoding"});
    return finish();
  }
  // Refuse absurd nesting before nlohmann builds a DOM for it.
  JsonScanResult shape = scanJson(text, {}, kMaxNestingDepth);
  if (shape.maxDepth > kMaxNestingDepth) {
    ctx.error("", fmt::format("the JSON is nested more than {} levels deep", kMaxNestingDepth),
              "a scene needs only a few levels; check for runaway brackets");
    return finish();
  }

  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // e.byte counts from 1 and points just past the offending character.
    TextPosition at = positionOfByte(text, e.byte > 0 ? e.byte - 1 : 0);
    ctx.add({Severity::Error, {}, at.line, at.column, "",
                                 syntaxMessage(e.what()),
                                 "check for a missing comma, quote or bracket near here"});
    return finish();
  } catch (const Json::out_of_range& e) {
    // nlohmann refuses numbers beyond double (406) without a position; find the literal.
    ctx.add(numberOverflow(text, e.what()));
    return finish();
  } catch (const std::exception& e) {
    ctx.error("", fmt::format("the file could not be read as JSON: {}", e.what()));
    return finish();
  }

  for (const auto& dup : shape.duplicates) {
    ctx.add(
        {Severity::Error, {}, dup.again.line, dup.again.column, dup.pointer,
         fmt::format("the key appears twice in the same object (first on line {})",
                     dup.first.line),
         "keep one of them: only the last one would be used"});
  }
  parseDocument(ctx, json, doc);
  return finish();
}

Result<SceneDocument> parseScene(std::string_view text, const std::string& file,
                                 ValidationReport& report) {
  ValidationReport local;
  SceneDocument doc;
  bool ok = parseSceneBestEffort(text, file, local, doc);
  report.add(local);
  if (!ok) return summaryError(file, local.diagnostics(), local.errorCount());
  return doc;
}

}  // namespace sc::scene
