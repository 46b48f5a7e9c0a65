#pragma once
// Text-to-speech behind a small interface, so the engine builds and runs without espeak-ng
// (GPL-3; compiled in only when CMake finds it, which defines SC_HAVE_ESPEAK).
//
// Use: auto synth = createSpeechSynthesizer(); auto clip = synthesizeNarration(**synth, text);
// then feed clip->phonemes to VisemeTimeline, clip->words to SubtitleTimeline and the samples to
// AudioOutput.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "guide/language_split.hpp"

namespace sc::guide {

class PinyinLexicon;

// A phoneme starts at timeSec. `phoneme` is the synthesizer's own mnemonic (espeak: "a", "oU",
// "ts.h", "_" for pauses; see docs/SPEECH.md for the table mapping them to visemes).
struct PhonemeEvent {
  double timeSec = 0.0;
  std::string phoneme;
};

// A word starts at timeSec; textOffset/textLength are BYTE offsets into the text that was passed
// to synthesize()/synthesizeNarration() (for Mandarin: the hanzi, not the pinyin read aloud).
struct WordEvent {
  double timeSec = 0.0;
  std::size_t textOffset = 0;
  std::size_t textLength = 0;
};

// Synthesised speech: mono 16-bit PCM plus timed events, sorted by time.
struct SpeechClip {
  int sampleRate = 0;
  std::vector<std::int16_t> samples;
  std::vector<PhonemeEvent> phonemes;
  std::vector<WordEvent> words;
  double durationSec = 0.0;  // samples.size() / sampleRate
};

class SpeechSynthesizer {
 public:
  virtual ~SpeechSynthesizer() = default;
  // Speaks one single-language segment. Mandarin text may be hanzi (converted through the
  // synthesizer's PinyinLexicon) or tone-numbered pinyin. Fails with a message when the voice is
  // missing or synthesis fails; empty text gives an empty clip.
  virtual Result<SpeechClip> synthesize(std::string_view text, Language language) = 0;
  // Output sample rate in Hz (espeak-ng: 22050).
  virtual int sampleRate() const = 0;
};

// True when this build has a real synthesizer (espeak-ng was found at configure time).
bool haveSpeechSynthesizer();

// The default synthesizer (espeak-ng) using `lexicon` for Mandarin (the built-in lexicon when
// null). Fails with a clear message in a build without espeak-ng or when its voices are missing.
Result<std::unique_ptr<SpeechSynthesizer>> createSpeechSynthesizer(
    std::shared_ptr<const PinyinLexicon> lexicon = nullptr);

struct NarrationOptions {
  double segmentPauseSec = 0.12;  // silence inserted between language segments
  Language fallback = Language::Mandarin;  // for text with neither hanzi nor Latin letters
};

// Mixed-language narration: splits with splitByLanguage, synthesizes each segment with its own
// voice, concatenates the audio with short pauses and offsets every event (times into the whole
// clip, text offsets into `text`). All segments must come back at the same sample rate.
Result<SpeechClip> synthesizeNarration(SpeechSynthesizer& synthesizer, std::string_view text,
                                       const NarrationOptions& options = {});

}  // namespace sc::guide
