#pragma once
// Small UTF-8 helpers shared by the speech, pinyin and subtitle code. Text here comes from scene
// files, so every function tolerates malformed UTF-8: a bad byte decodes as U+FFFD and advances
// by one byte, never past the end.
#include <cstddef>
#include <string_view>
#include <vector>

namespace sc::guide {

struct DecodedCodepoint {
  char32_t codepoint = 0;  // U+FFFD for malformed input
  std::size_t length = 1;  // bytes consumed, 1..4, never past the end of the text
};

// Decodes the codepoint starting at byte `offset` (offset < text.size()).
DecodedCodepoint decodeUtf8At(std::string_view text, std::size_t offset);

// Byte offset of every codepoint, plus text.size() as the last entry, so that codepoint i spans
// [offsets[i], offsets[i+1]). Used to turn espeak's character positions into byte offsets.
std::vector<std::size_t> codepointByteOffsets(std::string_view text);

// Number of codepoints in the text.
std::size_t codepointCount(std::string_view text);

// CJK ideographs (the Unified blocks and Extension A plus compatibility ideographs).
bool isCjkIdeograph(char32_t c);
// Full-width and CJK punctuation (。，、！？：；“”‘’（）《》「」 and the FF00 block's punctuation).
bool isCjkPunctuation(char32_t c);
// Latin letters, including accented ones (Latin-1 Supplement and Latin Extended-A/B).
bool isLatinLetter(char32_t c);

}  // namespace sc::guide
