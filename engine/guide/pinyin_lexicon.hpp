#pragma once
// Chinese text -> tone-numbered pinyin for espeak-ng's `cmn-latn-pinyin` voice.
//
// espeak's own Mandarin dictionary gets polyphones and place names wrong (it reads 重庆 as
// zhong4 qing4), so Shancheng converts hanzi itself: longest match in a word lexicon first
// (place names, polyphone words, scene overrides), then a per-character table of the most common
// reading. Both built-in tables are compiled in from engine/guide/data/*.tsv.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace sc::guide {

// The result of a conversion: the text espeak reads plus a map back to the source bytes, so that
// espeak's word events can highlight the right hanzi in subtitles.
struct PinyinText {
  struct Piece {
    std::size_t textOffset = 0;    // bytes in `text`
    std::size_t textLength = 0;
    std::size_t sourceOffset = 0;  // bytes in the converted Chinese input
    std::size_t sourceLength = 0;
  };
  std::string text;                   // e.g. "chong2 qing4, huan1 ying2 ni3."
  std::vector<Piece> pieces;          // one per syllable / punctuation / passed-through run, in order
  std::vector<char32_t> unknown;      // ideographs that had no reading (skipped)

  // Source byte range [first, second) covering text bytes [textOffset, textOffset+textLength).
  // A range between pieces maps to the next piece; past the end it maps to the source's end.
  std::pair<std::size_t, std::size_t> sourceRange(std::size_t textOffset,
                                                  std::size_t textLength) const;
};

class PinyinLexicon {
 public:
  // The built-in tables (~1500 characters, Chongqing place names and common polyphone words).
  // Fails only if the compiled-in data is broken (a build bug), with the table line named.
  static Result<PinyinLexicon> builtIn();

  // Parses tables in the formats of engine/guide/data/pinyin_chars.tsv and pinyin_words.tsv;
  // `sourceName` is used in error messages ("<name>:<line>: ..."). A character listed twice
  // or a malformed syllable is an error.
  static Result<PinyinLexicon> parse(std::string_view charsTsv, std::string_view wordsTsv,
                                     std::string_view sourceName);

  // Adds or replaces a word (scene-provided override), e.g. ("鹅岭", "e2 ling3"). The word must
  // be 1..16 ideographs and `pinyin` must hold exactly one valid syllable per ideograph
  // (letters a-z, "v" or "ü" for u-umlaut, then a tone digit 1-5).
  Status addWord(std::string_view word, std::string_view pinyin);
  // Adds every line of a word table ("word<TAB>syllables"); stops at the first bad line.
  Status addWords(std::string_view wordsTsv, std::string_view sourceName);

  // Converts Chinese text. Ideographs without a reading are skipped (listed in `unknown`, with a
  // warning logged once per character per process). CJK punctuation becomes ASCII punctuation so
  // espeak pauses; ASCII digits, letters and punctuation pass through unchanged.
  PinyinText convert(std::string_view chinese) const;

  // The single-character reading, or empty when the character is not in the table.
  std::string readingOf(char32_t ideograph) const;

  std::size_t characterCount() const { return chars_.size(); }
  std::size_t wordCount() const { return words_.size(); }

 private:
  Status addCharacters(std::string_view chars, std::string_view reading, std::string_view where);

  std::unordered_map<char32_t, std::string> chars_;
  std::unordered_map<std::string, std::vector<std::string>> words_;  // UTF-8 word -> syllables
  std::size_t maxWordLength_ = 1;                                   // in codepoints
};

// True when `syllable` is a tone-numbered pinyin syllable as described at addWord.
bool isPinyinSyllable(std::string_view syllable);

}  // namespace sc::guide
