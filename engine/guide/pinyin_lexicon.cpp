#include "guide/pinyin_lexicon.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "guide/utf8_text.hpp"

namespace sc::guide {
namespace detail {
extern const char kPinyinCharsTsv[];
extern const char kPinyinWordsTsv[];
}  // namespace detail

namespace {

constexpr std::size_t kMaxWordLength = 16;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "ü" is written "v" in what espeak reads (its pinyin rules use v for u-umlaut).
std::string normaliseSyllable(std::string_view syllable) {
  std::string out;
  for (std::size_t i = 0; i < syllable.size();) {
    const DecodedCodepoint cp = decodeUtf8At(syllable, i);
    if (cp.codepoint == U'ü') {
      out += 'v';
    } else {
      out.append(syllable.substr(i, cp.length));
    }
    i += cp.length;
  }
  return out;
}

std::vector<std::string> splitSyllables(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(normaliseSyllable(s.substr(start, i - start)));
  }
  return out;
}

// Visits the non-comment lines of a TSV table as (line number, first field, second field).
template <typename Visit>
Status forEachTableLine(std::string_view tsv, std::string_view sourceName, Visit&& visit) {
  std::size_t lineNumber = 0;
  while (!tsv.empty()) {
    const std::size_t end = std::min(tsv.find('\n'), tsv.size());
    const std::string_view line = trim(tsv.substr(0, end));
    tsv.remove_prefix(std::min(end + 1, tsv.size()));
    ++lineNumber;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return makeError("{}:{}: expected two fields separated by a TAB, got \"{}\"", sourceName,
                       lineNumber, line);
    }
    SC_TRY(visit(lineNumber, trim(line.substr(0, tab)), trim(line.substr(tab + 1))));
  }
  return okStatus();
}

// Punctuation espeak should pause on; other CJK punctuation (quotes, brackets) becomes a space.
const char* asciiForCjkPunctuation(char32_t c) {
  switch (c) {
    case U'，': case U'、': return ",";
    case U'。': case U'．': return ".";
    case U'！': return "!";
    case U'？': return "?";
    case U'：': return ":";
    case U'；': return ";";
    case U'…': return "...";
    default: return nullptr;
  }
}

void warnUnknownOnce(char32_t c, std::string_view utf8) {
  static std::mutex mutex;
  static std::unordered_set<char32_t> warned;
  std::lock_guard lock(mutex);
  if (warned.insert(c).second) {
    spdlog::warn("pinyin: no reading for '{}' (U+{:04X}); it is skipped in speech. Add the word "
                 "to the scene's pinyin overrides to have it spoken.",
                 utf8, static_cast<unsigned>(c));
  }
}

}  // namespace

bool isPinyinSyllable(std::string_view syllable) {
  const std::string s = normaliseSyllable(syllable);
  if (s.size() < 2 || s.size() > 7) return false;
  const char tone = s.back();
  if (tone < '1' || tone > '5') return false;
  return std::all_of(s.begin(), s.end() - 1, [](char c) { return c >= 'a' && c <= 'z'; });
}

std::pair<std::size_t, std::size_t> PinyinText::sourceRange(std::size_t textOffset,
                                                            std::size_t textLength) const {
  const std::size_t end = textOffset + std::max<std::size_t>(textLength, 1);
  std::size_t first = SIZE_MAX;
  std::size_t last = 0;
  for (const Piece& p : pieces) {
    if (p.textOffset < end && p.textOffset + p.textLength > textOffset) {
      first = std::min(first, p.sourceOffset);
      last = std::max(last, p.sourceOffset + p.sourceLength);
    }
  }
  if (first != SIZE_MAX) return {first, last};
  for (const Piece& p : pieces) {
    if (p.textOffset >= textOffset) return {p.sourceOffset, p.sourceOffset + p.sourceLength};
  }
  const std::size_t sourceEnd =
      pieces.empty() ? 0 : pieces.back().sourceOffset + pieces.back().sourceLength;
  return {sourceEnd, sourceEnd};
}

Result<PinyinLexicon> PinyinLexicon::builtIn() {
  return parse(detail::kPinyinCharsTsv, detail::kPinyinWordsTsv, "built-in pinyin tables");
}

Status PinyinLexicon::addCharacters(std::string_view chars, std::string_view reading,
                                    std::string_view where) {
  if (!isPinyinSyllable(reading)) {
    return makeError("{}: \"{}\" is not a pinyin syllable with a tone number (like qing4)", where,
                     reading);
  }
  for (std::size_t i = 0; i < chars.size();) {
    const DecodedCodepoint cp = decodeUtf8At(chars, i);
    if (!isCjkIdeograph(cp.codepoint)) {
      return makeError("{}: \"{}\" is not a Chinese character", where, chars.substr(i, cp.length));
    }
    if (!chars_.emplace(cp.codepoint, normaliseSyllable(reading)).second) {
      return makeError("{}: '{}' is listed twice; give each character one reading and put other "
                       "readings in the word table",
                       where, chars.substr(i, cp.length));
    }
    i += cp.length;
  }
  return okStatus();
}

Result<PinyinLexicon> PinyinLexicon::parse(std::string_view charsTsv, std::string_view wordsTsv,
                                           std::string_view sourceName) {
  PinyinLexicon lexicon;
  SC_TRY(forEachTableLine(charsTsv, sourceName,
                          [&](std::size_t line, std::string_view reading, std::string_view chars) {
                            return lexicon.addCharacters(chars, reading,
                                                         fmt::format("{}:{}", sourceName, line));
                          }));
  SC_TRY(lexicon.addWords(wordsTsv, sourceName));
  return lexicon;
}

Status PinyinLexicon::addWords(std::string_view wordsTsv, std::string_view sourceName) {
  return forEachTableLine(wordsTsv, sourceName,
                          [&](std::size_t line, std::string_view word, std::string_view pinyin) {
                            Status s = addWord(word, pinyin);
                            if (!s.ok()) {
                              return Status(makeError("{}:{}: {}", sourceName, line,
                                                      s.error().message));
                            }
                            return s;
                          });
}

Status PinyinLexicon::addWord(std::string_view word, std::string_view pinyin) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < word.size();) {
    const DecodedCodepoint cp = decodeUtf8At(word, i);
    if (!isCjkIdeograph(cp.codepoint)) {
      return makeError("word \"{}\" must consist of Chinese characters only", word);
    }
    ++length;
    i += cp.length;
  }
  if (length == 0 || length > kMaxWordLength) {
    return makeError("word \"{}\" must have 1 to {} characters", word, kMaxWordLength);
  }
  std::vector<std::string> syllables = splitSyllables(pinyin);
  if (syllables.size() != length) {
    return makeError("word \"{}\" has {} characters but \"{}\" has {} syllables; give one "
                     "tone-numbered syllable per character",
                     word, length, pinyin, syllables.size());
  }
  for (const std::string& s : syllables) {
    if (!isPinyinSyllable(s)) {
      return makeError("word \"{}\": \"{}\" is not a pinyin syllable with a tone number (like "
                       "qing4)",
                       word, s);
    }
  }
  words_[std::string(word)] = std::move(syllables);
  maxWordLength_ = std::max(maxWordLength_, length);
  return okStatus();
}

std::string PinyinLexicon::readingOf(char32_t ideograph) const {
  const auto it = chars_.find(ideograph);
  return it == chars_.end() ? std::string() : it->second;
}

PinyinText PinyinLexicon::convert(std::string_view chinese) const {
  PinyinText out;
  const std::vector<std::size_t> offsets = codepointByteOffsets(chinese);
  const std::size_t count = offsets.size() - 1;
  // Appends one token; words are separated by a space, punctuation sticks to what precedes it.
  const auto emit = [&](std::string_view token, std::size_t srcBegin, std::size_t srcEnd,
                        bool isPunctuation) {
    if (!out.text.empty() && !isPunctuation) out.text += ' ';
    out.pieces.push_back({out.text.size(), token.size(), srcBegin, srcEnd - srcBegin});
    out.text += token;
  };
  std::size_t i = 0;
  while (i < count) {
    const std::size_t begin = offsets[i];
    const DecodedCodepoint cp = decodeUtf8At(chinese, begin);
    if (isCjkIdeograph(cp.codepoint)) {
      // Longest word first: a word table hit overrides the per-character readings.
      std::size_t matched = 0;
      for (std::size_t len = std::min(maxWordLength_, count - i); len >= 2; --len) {
        const auto it = words_.find(std::string(chinese.substr(begin, offsets[i + len] - begin)));
        if (it != words_.end()) {
          for (std::size_t k = 0; k < len; ++k) {
            emit(it->second[k], offsets[i + k], offsets[i + k + 1], false);
          }
          matched = len;
          break;
        }
      }
      if (matched == 0) {
        const auto word = words_.find(std::string(chinese.substr(begin, cp.length)));
        const auto ch = chars_.find(cp.codepoint);
        if (word != words_.end()) {
          emit(word->second[0], begin, offsets[i + 1], false);
        } else if (ch != chars_.end()) {
          emit(ch->second, begin, offsets[i + 1], false);
        } else {
          out.unknown.push_back(cp.codepoint);
          warnUnknownOnce(cp.codepoint, chinese.substr(begin, cp.length));
        }
        matched = 1;
      }
      i += matched;
    } else if (const char* ascii = asciiForCjkPunctuation(cp.codepoint)) {
      emit(ascii, begin, offsets[i + 1], true);
      ++i;
    } else if (cp.codepoint < 0x80 && cp.codepoint > ' ') {
      // A run of printable ASCII (digits, letters, punctuation) passes through as one token.
      std::size_t j = i;
      while (j < count && static_cast<unsigned char>(chinese[offsets[j]]) > ' ' &&
             static_cast<unsigned char>(chinese[offsets[j]]) < 0x80) {
        ++j;
      }
      const std::string_view run = chinese.substr(begin, offsets[j] - begin);
      const bool punctuationOnly = std::none_of(run.begin(), run.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      });
      emit(run, begin, offsets[j], punctuationOnly);
      i = j;
    } else {
      ++i;  // spaces, quotes, brackets and symbols: nothing to say
    }
  }
  return out;
}

}  // namespace sc::guide
