#pragma once
// Splits mixed Mandarin/English narration into runs that one espeak voice each can read:
// a Chinese voice mangles English words and an English voice cannot read hanzi.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sc::guide {

enum class Language { Mandarin, English };

// "zh" / "en", for logs and file names.
const char* languageCode(Language language);

struct LanguageSegment {
  Language language = Language::English;
  std::string text;            // the run's bytes, copied from the input
  std::size_t byteOffset = 0;  // where the run starts in the input
};

// Cuts the text into maximal runs: CJK ideographs start or continue a Mandarin run, Latin letters
// an English run. Everything else (spaces, digits, ASCII and full-width punctuation) stays with
// the run it follows; at the very start it joins the first run that follows. A text without
// any ideograph or letter gives one segment in `fallback`. Segments are contiguous and cover the
// whole input: concatenating their texts gives the input back. Empty input gives no segments.
// Example: "欢迎来到Chongqing重庆!" -> {zh "欢迎来到"}, {en "Chongqing"}, {zh "重庆!"}.
std::vector<LanguageSegment> splitByLanguage(std::string_view text,
                                             Language fallback = Language::Mandarin);

}  // namespace sc::guide
