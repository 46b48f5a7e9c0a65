#pragma once
// Editing JSON as TEXT: finding the bytes of a value by its JSON pointer and replacing or
// inserting one object member, so that every other byte (key order, formatting, spacing,
// Unicode text) stays as it was written. The scene editor (scene_editor.hpp) builds its edits on
// these. A forward-only scanner reads the text; it never reads outside it, refuses what is not
// JSON with an error instead, and refuses nesting deeper than 256 levels.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sc::scene {

// Where a value's text lies: bytes [valueStart, valueEnd).
struct JsonValueRange {
  std::size_t valueStart = 0, valueEnd = 0;
};

// The value at `pointer` (RFC 6901; "" is the whole text). Fails when the text is not
// well-formed JSON on the way there, a token is not an array index of an array, or nothing is
// at the pointer.
Result<JsonValueRange> locateJsonValue(std::string_view text, std::string_view pointer);

// Sets member `key` of the JSON object at `objectPointer` (RFC 6901) to `valueJson` (a JSON
// value, written as is). Replaces the existing value's bytes, or inserts `, "key": value` at the
// end of the object. Fails when `text` is not well-formed JSON, the pointer does not lead to an
// object, or nesting exceeds 256 levels.
Result<std::string> setJsonMember(std::string_view text, std::string_view objectPointer, std::string_view key,
                                  std::string_view valueJson);

}  // namespace sc::scene
