#include "guide/language_split.hpp"

#include <optional>

#include "guide/utf8_text.hpp"

namespace sc::guide {

const char* languageCode(Language language) {
  return language == Language::Mandarin ? "zh" : "en";
}

std::vector<LanguageSegment> splitByLanguage(std::string_view text, Language fallback) {
  std::vector<LanguageSegment> segments;
  std::optional<Language> current;
  std::size_t runStart = 0;
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodepoint cp = decodeUtf8At(text, i);
    std::optional<Language> lang;
    if (isCjkIdeograph(cp.codepoint)) {
      lang = Language::Mandarin;
    } else if (isLatinLetter(cp.codepoint)) {
      lang = Language::English;
    }
    if (lang) {
      if (!current) {
        current = lang;  // leading neutral characters join this first run
      } else if (*lang != *current) {
        segments.push_back({*current, std::string(text.substr(runStart, i - runStart)), runStart});
        runStart = i;
        current = lang;
      }
    }
    i += cp.length;
  }
  if (!text.empty()) {
    segments.push_back({current.value_or(fallback), std::string(text.substr(runStart)), runStart});
  }
  return segments;
}

}  // namespace sc::guide
