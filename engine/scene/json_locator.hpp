#pragma once
// Maps places in JSON text to line and column numbers, which nlohmann::json does not keep.
//
// scanJson() walks the text once with an explicit stack (no recursion, so deep nesting cannot
// overflow the call stack), builds the JSON pointer of every value as it goes and records the
// position of the pointers it was asked about. A member is located at its key; an array element
// and the root at the first character of the value. It also reports duplicate object keys (which
// nlohmann::json silently collapses to the last one) and the deepest nesting it saw.
//
// The scanner never reads outside `text` and never throws on malformed input: it stops at the
// first thing that is not JSON and sets `wellFormed` to false. Callers run it on text that
// nlohmann::json has already accepted, so in practice the whole text is scanned.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sc::scene {

struct Diagnostic;

struct TextPosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
};

struct DuplicateKey {
  std::string pointer;  // pointer of the member that appeared again
  TextPosition first;
  TextPosition again;
};

struct JsonScanResult {
  std::unordered_map<std::string, TextPosition> positions;  // only the wanted pointers
  std::vector<DuplicateKey> duplicates;
  std::size_t maxDepth = 0;
  bool wellFormed = true;
  // Pointer of the value that starts at the byte offset asked for, when one does.
  std::optional<std::string> pointerAtOffset;
  TextPosition positionAtOffset;
};

// `wanted` holds the pointers whose position should be recorded (may be empty). Scanning stops
// early (wellFormed = false) once nesting exceeds maxDepth.
// `valueOffset`, when given, asks for the pointer of the value that starts at that byte.
JsonScanResult scanJson(std::string_view text, const std::unordered_set<std::string>& wanted,
                        std::size_t maxDepth = 1024,
                        std::size_t valueOffset = std::string_view::npos);

// Line and column of a byte offset (clamped to the text).
TextPosition positionOfByte(std::string_view text, std::size_t offset);

// Returns the byte offset of the first byte that is not part of valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or npos when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);

// Gives each diagnostic without a line the line and column of its pointer, or of its nearest
// ancestor found in the text (a missing field is placed where its parent object starts).
// One scan of the text, whatever the number of diagnostics.
void placeDiagnostics(std::string_view text, std::vector<Diagnostic>& diagnostics,
                      std::size_t maxDepth = 1024);

// Parent of a JSON pointer ("/a/b" -> "/a", "/a" -> ""); "" stays "".
std::string parentPointer(std::string_view pointer);

}  // namespace sc::scene
