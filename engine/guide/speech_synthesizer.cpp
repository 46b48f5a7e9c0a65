#include "guide/speech_synthesizer.hpp"

#include <cmath>

#include "guide/pinyin_lexicon.hpp"
#ifdef SC_HAVE_ESPEAK
#include "guide/espeak_synthesizer.hpp"
#endif

namespace sc::guide {

bool haveSpeechSynthesizer() {
#ifdef SC_HAVE_ESPEAK
  return true;
#else
  return false;
#endif
}

Result<std::unique_ptr<SpeechSynthesizer>> createSpeechSynthesizer(
    std::shared_ptr<const PinyinLexicon> lexicon) {
#ifdef SC_HAVE_ESPEAK
  if (!lexicon) {
    auto builtIn = PinyinLexicon::builtIn();
    if (!builtIn) return builtIn.error();
    lexicon = std::make_shared<const PinyinLexicon>(std::move(builtIn).value());
  }
  auto synth = EspeakSynthesizer::create(std::move(lexicon));
  if (!synth) return synth.error();
  return std::unique_ptr<SpeechSynthesizer>(std::move(synth).value());
#else
  (void)lexicon;
  return makeError(
      "speech: this build has no text-to-speech (libespeak-ng was not found when it was "
      "configured); install libespeak-ng-dev and reconfigure, or run without narration audio");
#endif
}

Result<SpeechClip> synthesizeNarration(SpeechSynthesizer& synthesizer, std::string_view text,
                                       const NarrationOptions& options) {
  SpeechClip out;
  out.sampleRate = synthesizer.sampleRate();
  const std::size_t pauseSamples =
      static_cast<std::size_t>(std::lround(std::max(0.0, options.segmentPauseSec) * out.sampleRate));
  for (const LanguageSegment& segment : splitByLanguage(text, options.fallback)) {
    auto clip = synthesizer.synthesize(segment.text, segment.language);
    if (!clip) return clip.error();
    if (clip->samples.empty()) continue;  // only spaces or punctuation
    if (clip->sampleRate != out.sampleRate) {
      return makeError("speech: segment \"{}\" came back at {} Hz, expected {} Hz", segment.text,
                       clip->sampleRate, out.sampleRate);
    }
    if (!out.samples.empty()) out.samples.insert(out.samples.end(), pauseSamples, 0);
    const double offsetSec = static_cast<double>(out.samples.size()) / out.sampleRate;
    out.samples.insert(out.samples.end(), clip->samples.begin(), clip->samples.end());
    for (PhonemeEvent& p : clip->phonemes) {
      p.timeSec += offsetSec;
      out.phonemes.push_back(std::move(p));
    }
    for (WordEvent& w : clip->words) {
      w.timeSec += offsetSec;
      w.textOffset += segment.byteOffset;
      out.words.push_back(w);
    }
  }
  out.durationSec =
      out.sampleRate > 0 ? static_cast<double>(out.samples.size()) / out.sampleRate : 0.0;
  return out;
}

}  // namespace sc::guide
