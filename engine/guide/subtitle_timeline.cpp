#include "guide/subtitle_timeline.hpp"

#include <algorithm>

#include "guide/utf8_text.hpp"

namespace sc::guide {
namespace {

constexpr std::size_t kMinCharsPerLine = 4;

bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000; }

bool isBreakAfterPunctuation(char32_t c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == '-' || isCjkPunctuation(c);
}

// Characters that must not start a line (closing punctuation, in Chinese and English).
bool isClosingPunctuation(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'！': case U'？': case U'；': case U'：':
    case U'”': case U'’': case U'）': case U'》': case U'」': case U'…':
    case ',': case '.': case '!': case '?': case ';': case ':': case ')': case '"': case '\'':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> breakSubtitleLines(std::string_view text,
                                                                    std::size_t maxCharsPerLine) {
  const std::size_t limit = std::max(maxCharsPerLine, kMinCharsPerLine);
  const std::vector<std::size_t> offsets = codepointByteOffsets(text);
  const std::size_t count = offsets.size() - 1;
  std::vector<char32_t> cps(count);
  for (std::size_t i = 0; i < count; ++i) cps[i] = decodeUtf8At(text, offsets[i]).codepoint;

  std::vector<std::pair<std::size_t, std::size_t>> lines;
  const auto addLine = [&](std::size_t first, std::size_t last) {  // codepoints [first, last)
    while (last > first && isSpace(cps[last - 1])) --last;
    if (last > first) lines.emplace_back(offsets[first], offsets[last]);
  };
  std::size_t paragraphStart = 0;
  while (paragraphStart < count) {
    std::size_t paragraphEnd = paragraphStart;
    while (paragraphEnd < count && cps[paragraphEnd] != '\n') ++paragraphEnd;
    std::size_t pos = paragraphStart;
    while (true) {
      while (pos < paragraphEnd && isSpace(cps[pos])) ++pos;
      if (pos >= paragraphEnd) break;
      if (paragraphEnd - pos <= limit) {
        addLine(pos, paragraphEnd);
        break;
      }
      // Break before codepoint b: the last allowed place within the limit, else hard at it.
      std::size_t breakAt = pos + limit;
      for (std::size_t b = pos + limit; b > pos; --b) {
        const char32_t before = cps[b - 1];
        const char32_t after = cps[b];
        if (isClosingPunctuation(after)) continue;
        const bool allowed = isSpace(before) || isSpace(after) || isBreakAfterPunctuation(before) ||
                             isCjkIdeograph(before) || isCjkIdeograph(after);
        if (allowed) {
          breakAt = b;
          break;
        }
      }
      addLine(pos, breakAt);
      pos = breakAt;
    }
    paragraphStart = paragraphEnd + 1;
  }
  return lines;
}

SubtitleTimeline SubtitleTimeline::untimed(std::string text, std::size_t maxCharsPerLine) {
  SubtitleTimeline timeline;
  timeline.text_ = std::move(text);
  for (const auto& [begin, end] : breakSubtitleLines(timeline.text_, maxCharsPerLine)) {
    timeline.lines_.push_back({begin, end, 0.0, 0.0});
  }
  return timeline;
}

SubtitleTimeline SubtitleTimeline::build(std::string text, std::span<const WordEvent> words,
                                         double durationSec, std::size_t maxCharsPerLine) {
  SubtitleTimeline timeline = untimed(std::move(text), maxCharsPerLine);
  timeline.timed_ = true;
  timeline.durationSec_ = std::max(0.0, durationSec);
  if (timeline.lines_.empty()) return timeline;

  std::vector<WordEvent> sorted;
  for (const WordEvent& w : words) {
    if (w.textLength == 0 || w.textOffset >= timeline.text_.size() ||
        w.textLength > timeline.text_.size() - w.textOffset) {
      continue;
    }
    sorted.push_back(w);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const WordEvent& a, const WordEvent& b) { return a.timeSec < b.timeSec; });

  // Assign each word to the line holding its start; line indices and highlight ends are made
  // non-decreasing so the highlight never jumps back even if the synthesizer reorders words.
  std::size_t line = 0;
  std::size_t reached = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const WordEvent& w = sorted[i];
    while (line + 1 < timeline.lines_.size() && w.textOffset >= timeline.lines_[line + 1].byteBegin) {
      ++line;
    }
    const SubtitleLine& l = timeline.lines_[line];
    if (i == 0 || timeline.words_.back().line != line) reached = l.byteBegin;
    const std::size_t begin = std::clamp(w.textOffset, l.byteBegin, l.byteEnd);
    reached = std::max(reached, std::clamp(w.textOffset + w.textLength, l.byteBegin, l.byteEnd));
    const double start = std::clamp(w.timeSec, 0.0, timeline.durationSec_);
    const double end = i + 1 < sorted.size() ? std::clamp(sorted[i + 1].timeSec, start, timeline.durationSec_)
                                             : timeline.durationSec_;
    timeline.words_.push_back({start, end, std::max(begin, l.byteBegin), reached, line});
  }

  // A line starts with its first word; a line without words starts when the previous one's
  // last word ends. Then each line lasts until the next starts.
  double previous = 0.0;
  std::size_t wordIndex = 0;
  for (std::size_t i = 0; i < timeline.lines_.size(); ++i) {
    double start = previous;
    while (wordIndex < timeline.words_.size() && timeline.words_[wordIndex].line < i) {
      start = std::max(start, timeline.words_[wordIndex].endSec);
      ++wordIndex;
    }
    if (wordIndex < timeline.words_.size() && timeline.words_[wordIndex].line == i) {
      start = std::max(previous, timeline.words_[wordIndex].startSec);
    }
    if (i == 0) start = 0.0;
    timeline.lines_[i].startSec = start;
    previous = start;
  }
  for (std::size_t i = 0; i < timeline.lines_.size(); ++i) {
    timeline.lines_[i].endSec = i + 1 < timeline.lines_.size() ? timeline.lines_[i + 1].startSec
                                                               : timeline.durationSec_;
  }
  return timeline;
}

std::string_view SubtitleTimeline::lineText(std::size_t index) const {
  if (index >= lines_.size()) return {};
  return std::string_view(text_).substr(lines_[index].byteBegin,
                                        lines_[index].byteEnd - lines_[index].byteBegin);
}

SubtitleState SubtitleTimeline::stateAt(double t) const {
  SubtitleState state;
  if (lines_.empty()) return state;
  const auto fill = [&](std::size_t line) {
    state.lineIndex = static_cast<int>(line);
    state.lineBegin = lines_[line].byteBegin;
    state.lineEnd = lines_[line].byteEnd;
    state.highlightEnd = state.lineBegin;
  };
  if (!timed_) {
    fill(0);
    return state;
  }
  if (t >= durationSec_) {
    fill(lines_.size() - 1);
    state.highlightEnd = state.lineEnd;
    return state;
  }
  std::size_t line = 0;
  while (line + 1 < lines_.size() && lines_[line + 1].startSec <= t) ++line;
  // The last word that has started by t.
  const auto after = std::upper_bound(words_.begin(), words_.end(), t,
                                      [](double time, const Word& w) { return time < w.startSec; });
  if (after != words_.begin() && (after - 1)->line >= line) {
    const Word& w = *(after - 1);
    line = w.line;
    fill(line);
    state.highlightEnd = w.end;
    state.wordBegin = w.begin;
    state.wordEnd = w.end;
    const double span = w.endSec - w.startSec;
    state.wordProgress = span > 0.0 ? static_cast<float>(std::clamp((t - w.startSec) / span, 0.0, 1.0)) : 1.0f;
    return state;
  }
  fill(line);
  return state;
}

std::vector<SubtitleRow> subtitleRowsAt(SubtitleMode mode, const SubtitleTimeline* chinese,
                                        const SubtitleTimeline* english, bool spokenIsChinese,
                                        double t) {
  const SubtitleTimeline* spoken = spokenIsChinese ? chinese : english;
  const double progress =
      spoken && spoken->durationSec() > 0.0 ? std::clamp(t / spoken->durationSec(), 0.0, 1.0) : 0.0;
  const auto rowFor = [&](const SubtitleTimeline* track) -> std::vector<SubtitleRow> {
    if (track == nullptr || track->lines().empty()) return {};
    if (track == spoken && track->timed()) {
      const SubtitleState s = track->stateAt(t);
      return {{track->lineText(static_cast<std::size_t>(s.lineIndex)), s.highlightEnd - s.lineBegin,
               true}};
    }
    // A translation follows the narration's progress line by line, without highlighting.
    const std::size_t count = track->lines().size();
    const std::size_t line = std::min(count - 1, static_cast<std::size_t>(progress * count));
    return {{track->lineText(line), 0, false}};
  };
  std::vector<SubtitleRow> rows;
  if (mode != SubtitleMode::English) {
    auto r = rowFor(chinese);
    rows.insert(rows.end(), r.begin(), r.end());
  }
  if (mode != SubtitleMode::Chinese) {
    auto r = rowFor(english);
    rows.insert(rows.end(), r.begin(), r.end());
  }
  return rows;
}

}  // namespace sc::guide
