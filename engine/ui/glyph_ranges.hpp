#pragma once
// Which glyphs the UI's font atlas holds. Rasterising all ~21k CJK ideographs of a font would make
// a huge atlas; instead the atlas holds ASCII, Latin-1 punctuation and every codepoint of the text
// the UI will actually show: the scene's strings and the UI's own labels in both languages.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scene/scene_document.hpp"

namespace sc::ui {

// Every string a visitor may see for this scene, both languages, joined by '\n': title,
// description, POI names and narration (short and long), tour titles, tour stops' narration.
std::string glyphTextForScene(const scene::SceneDocument& scene);

// Every label the UI draws itself (buttons, headings, settings), zh and en, joined by '\n'.
std::string uiLabelText();

// The distinct codepoints of UTF-8 text in ascending order (malformed bytes are skipped).
std::vector<char32_t> codepointsOf(std::string_view text);

// Glyph ranges in Dear ImGui's format: pairs [first, last], zero-terminated. Always holds
// U+0020..U+007E and U+00A0..U+00FF, the CJK punctuation U+3000..U+303F and the full-width forms
// U+FF00..U+FF65 (，。！？：；（） come in both), plus every codepoint of `text` up to U+FFFF
// (ImGui 1.86 is built with 16-bit ImWchar: codepoints beyond the BMP are dropped).
// Adjacent codepoints are merged into one range.
std::vector<std::uint16_t> glyphRangesFor(std::string_view text);

// True when `ranges` (as above) covers `codepoint`.
bool rangesCover(const std::vector<std::uint16_t>& ranges, char32_t codepoint);

}  // namespace sc::ui
