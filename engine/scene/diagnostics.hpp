#pragma once
// Problems found in a scene file, each with the place it was found and a fix hint.
//
// A Diagnostic always carries a JSON pointer (RFC 6901, "" for the whole document); line and
// column are 1-based and 0 when unknown (for example a problem about the file as a whole).
// Columns count Unicode code points, not bytes, so they match what an editor shows.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sc::scene {

enum class Severity { Warning, Error };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based, in code points; 0 = unknown
  std::string jsonPointer;
  std::string message;
  std::string hint;  // what to do; may be empty
};

// "file:line:col: error: /pois/2/narration/en: message (hint: ...)". Line and column are left out
// when unknown; an empty pointer is written as "/" only when it stands for the whole document.
std::string formatDiagnostic(const Diagnostic& diagnostic);

// Every problem found while reading and checking one scene file.
//
// At most kMaxDiagnostics are kept so that a hostile file cannot make the report itself huge;
// when more were found, truncated() is true and format() says so.
class ValidationReport {
 public:
  static constexpr std::size_t kMaxDiagnostics = 500;

  void add(Diagnostic diagnostic);
  void add(const std::vector<Diagnostic>& diagnostics);
  // Everything `other` holds, including the counts of what it had to leave out.
  void add(const ValidationReport& other);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  bool hasErrors() const { return errorCount_ > 0; }
  std::size_t errorCount() const { return errorCount_; }
  std::size_t warningCount() const { return warningCount_; }
  bool truncated() const { return dropped_ > 0; }

  // Orders diagnostics by file, line and column (stable; unknown lines first).
  void sortByPosition();

  // One formatted diagnostic per line, then "N error(s), M warning(s)" when there are any.
  std::string format() const;

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t errorCount_ = 0;
  std::size_t warningCount_ = 0;
  std::size_t dropped_ = 0;
};

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

}  // namespace sc::scene
