#pragma once
// SpeechSynthesizer on libespeak-ng (GPL-3). Only compiled when CMake finds libespeak-ng
// (SC_HAVE_ESPEAK); everything else in the engine goes through speech_synthesizer.hpp.
//
// espeak-ng is a process-wide singleton (one voice, one callback): every instance shares it and
// synthesize() holds a process-wide mutex, so calls from several threads run one after another.
// Voices: English "en-us", Mandarin "cmn-latn-pinyin" fed tone-numbered pinyin (plain "cmn"
// reads hanzi with its own, often wrong, readings).
#include <memory>

#include "guide/pinyin_lexicon.hpp"
#include "guide/speech_synthesizer.hpp"

namespace sc::guide {

class EspeakSynthesizer final : public SpeechSynthesizer {
 public:
  static constexpr const char* kEnglishVoice = "en-us";
  static constexpr const char* kMandarinVoice = "cmn-latn-pinyin";

  // Initialises espeak-ng once per process (data from its default path or $ESPEAK_DATA_PATH)
  // and checks that both voices load; fails with a message naming the missing piece.
  static Result<std::unique_ptr<EspeakSynthesizer>> create(
      std::shared_ptr<const PinyinLexicon> lexicon);

  Result<SpeechClip> synthesize(std::string_view text, Language language) override;
  int sampleRate() const override { return sampleRate_; }

 private:
  EspeakSynthesizer(std::shared_ptr<const PinyinLexicon> lexicon, int sampleRate)
      : lexicon_(std::move(lexicon)), sampleRate_(sampleRate) {}

  std::shared_ptr<const PinyinLexicon> lexicon_;
  int sampleRate_ = 0;
};

}  // namespace sc::guide
