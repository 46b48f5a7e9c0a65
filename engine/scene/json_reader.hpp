#pragma once
// Internal to sc_scene: typed, checked reads from a nlohmann::json DOM that turn every mismatch
// into a Diagnostic (with its JSON pointer) instead of an exception. Line numbers are added
// later by the parser from the pointers.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>
#include <nlohmann/json.hpp>

#include "scene/diagnostics.hpp"
#include "scene/scene_document.hpp"

namespace sc::scene::detail {

using Json = nlohmann::json;

// Collects diagnostics for one parse.
class ParseContext {
 public:
  void error(std::string pointer, std::string message, std::string hint = {});
  void warning(std::string pointer, std::string message, std::string hint = {});
  // A diagnostic whose place is already known (syntax errors, duplicate keys).
  void add(Diagnostic diagnostic);
  std::size_t errorCount() const { return errors_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
};

// "an object", "a string", ... for messages.
std::string_view jsonTypeName(const Json& value);

struct Range {
  double min;
  double max;
  std::string_view unit;  // for messages: "metres", "degrees", ""
};

// Reads one JSON object. Every key the parser asks about counts as known; reportUnknownKeys()
// then warns about the rest, suggesting the nearest known key.
class ObjectReader {
 public:
  ObjectReader(ParseContext& ctx, const Json& value, std::string pointer);

  bool isObject() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string pointerTo(std::string_view key) const;
  ParseContext& context() { return ctx_; }

  // The member, or nullptr when absent (or when this is not an object).
  const Json* get(std::string_view key);
  // As get(), but a missing member is an error; `example` shows the value to add.
  const Json* require(std::string_view key, std::string_view example);

  // Typed members. Each returns true when `out` was set; on absence (optional) or error, `out`
  // keeps its default. Required members that are missing are errors.
  bool number(std::string_view key, Range range, float& out, bool required = false);
  bool integer(std::string_view key, Range range, int& out, bool required = false);
  bool vec3(std::string_view key, Range range, glm::vec3& out, bool required = false);
  bool color(std::string_view key, glm::vec3& out);
  bool string(std::string_view key, std::size_t maxBytes, std::string& out, bool required = false);
  bool id(std::string_view key, std::string& out, bool required = true);
  bool path(std::string_view key, std::string& out, bool required = false);
  bool text(std::string_view key, std::size_t maxBytes, LocalizedText& out, bool required = false);

  // Warns about unknown keys. Keys starting with "$" (such as "$schema") are allowed at the root
  // only, and only when allowDollarKeys is set.
  void reportUnknownKeys(bool allowDollarKeys = false);

 private:
  ParseContext& ctx_;
  const Json* object_ = nullptr;
  std::string pointer_;
  std::vector<std::string> known_;
};

// Free readers for values that are not object members (array elements and the like).
std::optional<double> readNumber(ParseContext& ctx, const Json& value, const std::string& pointer,
                                 Range range);
std::optional<glm::vec3> readVec3(ParseContext& ctx, const Json& value, const std::string& pointer,
                                  Range range);
std::optional<std::string> readString(ParseContext& ctx, const Json& value,
                                      const std::string& pointer, std::size_t maxBytes);
std::optional<LocalizedText> readLocalizedText(ParseContext& ctx, const Json& value,
                                               const std::string& pointer, std::size_t maxBytes);
// Returns the array when `value` is one with at most maxCount elements; reports otherwise.
const Json* readArray(ParseContext& ctx, const Json& value, const std::string& pointer,
                      std::size_t maxCount);

// Ids: 1..64 characters from [A-Za-z0-9_.-], starting with a letter or digit.
bool isValidId(std::string_view id);

// Small edit distance for "did you mean" hints (bounded work: strings are keys).
std::size_t editDistance(std::string_view a, std::string_view b);

}  // namespace sc::scene::detail
