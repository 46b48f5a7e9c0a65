#pragma once
// Karaoke-style subtitles as pure data: which line of a narration is on screen at time t and how
// much of it has been spoken. The UI (engine/ui) draws it; nothing here knows about fonts.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "guide/speech_synthesizer.hpp"

namespace sc::guide {

// One display line: a byte range of the timeline's text, without leading/trailing spaces.
struct SubtitleLine {
  std::size_t byteBegin = 0;
  std::size_t byteEnd = 0;
  double startSec = 0.0;  // shown from here...
  double endSec = 0.0;    // ...until here (the next line's start, or the clip's end)
};

// The state at one instant. Byte offsets are into SubtitleTimeline::text().
struct SubtitleState {
  int lineIndex = -1;            // -1: nothing to show (empty text)
  std::size_t lineBegin = 0;
  std::size_t lineEnd = 0;
  std::size_t highlightEnd = 0;  // [lineBegin, highlightEnd) is spoken (highlighted)
  std::size_t wordBegin = 0;     // the word being spoken now, [wordBegin, wordEnd); empty if none
  std::size_t wordEnd = 0;
  float wordProgress = 0.0f;     // 0..1 through the current word, for a smooth fill
};

class SubtitleTimeline {
 public:
  SubtitleTimeline() = default;

  // Builds lines of at most maxCharsPerLine codepoints (>= 4; smaller values are raised to 4).
  // Lines break after spaces, after punctuation or between two CJK characters (never before
  // closing punctuation), at '\n', and hard at the limit when nothing else fits. Words are the
  // synthesizer's word events (byte offsets into `text`, e.g. SpeechClip::words); events out of
  // range are ignored. Within a line, highlightEnd never moves backwards as t grows, the line
  // index never decreases, and at t >= durationSec the last line is fully highlighted.
  static SubtitleTimeline build(std::string text, std::span<const WordEvent> words,
                                double durationSec, std::size_t maxCharsPerLine);
  // A translation shown without audio: lines only, no word timing (see subtitleRowsAt).
  static SubtitleTimeline untimed(std::string text, std::size_t maxCharsPerLine);

  SubtitleState stateAt(double t) const;

  const std::string& text() const { return text_; }
  const std::vector<SubtitleLine>& lines() const { return lines_; }
  std::string_view lineText(std::size_t index) const;
  double durationSec() const { return durationSec_; }
  bool timed() const { return timed_; }

 private:
  struct Word {
    double startSec;
    double endSec;
    std::size_t begin;
    std::size_t end;
    std::size_t line;
  };
  std::string text_;
  std::vector<SubtitleLine> lines_;
  std::vector<Word> words_;
  double durationSec_ = 0.0;
  bool timed_ = false;
};

// Splits text into line byte ranges as SubtitleTimeline::build does (exposed for tests and for
// UI layout of untimed text such as POI cards).
std::vector<std::pair<std::size_t, std::size_t>> breakSubtitleLines(std::string_view text,
                                                                    std::size_t maxCharsPerLine);

enum class SubtitleMode { Chinese, English, Both };

// One row the UI draws: the text and how much of it to highlight (bytes from the row's start).
struct SubtitleRow {
  std::string_view text;
  std::size_t highlightBytes = 0;
  bool spoken = false;  // this row belongs to the narration being heard
};

// Rows for the current mode: one row (zh or en) or two (zh above en). `spokenIsChinese` says
// which track the audio is playing; the other track is a translation whose line is chosen by the
// spoken track's progress and is not highlighted. A missing (null) track gives no row.
std::vector<SubtitleRow> subtitleRowsAt(SubtitleMode mode, const SubtitleTimeline* chinese,
                                        const SubtitleTimeline* english, bool spokenIsChinese,
                                        double t);

}  // namespace sc::guide
