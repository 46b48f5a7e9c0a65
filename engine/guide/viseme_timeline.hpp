#pragma once
// Lip-sync: phoneme events -> viseme keys -> five mouth morph weights (VRM visemes aa, ih, ou,
// ee, oh) with co-articulation smoothing. Pure data, deterministic, no audio or GPU needed.
//
// The phoneme-to-viseme table (espeak-ng mnemonics for English and for cmn-latn-pinyin) is in
// docs/SPEECH.md and visemeForPhoneme() below.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "guide/speech_synthesizer.hpp"

namespace sc::guide {

// Mouth shapes in the order of MouthWeights. Rest is the relaxed, closed mouth (no morph).
enum class Viseme : std::uint8_t { Aa = 0, Ih = 1, Ou = 2, Ee = 3, Oh = 4, Rest = 5 };
inline constexpr std::size_t kMouthVisemeCount = 5;
// Weights of the morph targets aa, ih, ou, ee, oh, each in [0, 1].
using MouthWeights = std::array<float, kMouthVisemeCount>;

// How one phoneme shapes the mouth.
enum class PhonemeClass : std::uint8_t {
  Pause,     // silence: relax towards Rest
  Vowel,     // its own viseme at `strength`
  Closure,   // p b m: lips pressed together, suppresses every viseme
  Shaped,    // consonant with its own lip shape (f v -> ih, w -> ou, sh/ch -> ou)
  Neutral,   // other consonants: take the next vowel's viseme at reduced strength
};
struct VisemeShape {
  PhonemeClass kind = PhonemeClass::Neutral;
  Viseme viseme = Viseme::Rest;
  float strength = 0.0f;
};

// Looks up an espeak-ng phoneme mnemonic (English "en-us" or Mandarin "cmn-latn-pinyin"):
// exact names first, then a rule on the first letter for names the table does not list.
VisemeShape visemeForPhoneme(std::string_view phoneme);

struct VisemeKey {
  double timeSec = 0.0;      // when the mouth starts moving to this shape
  Viseme viseme = Viseme::Rest;
  float strength = 0.0f;     // 0..1; for Rest with closesLips: how firmly the lips close
  bool closesLips = false;
  std::size_t phonemeIndex = 0;  // index of the PhonemeEvent that produced this key
};

struct VisemeTimelineOptions {
  double attackSec = 0.06;   // ramp up, centred on the key time
  double releaseSec = 0.06;  // ramp down, centred on the next key time
  double leadSec = 0.02;     // keys start this much before the sound (the eye expects it); <= 0.04
  float neutralCarry = 0.4f; // strength of a neutral consonant's borrowed vowel shape
};

class VisemeTimeline {
 public:
  VisemeTimeline() = default;

  // One key per phoneme event, in event order. Events must be sorted by time (SpeechClip's are).
  static VisemeTimeline build(std::span<const PhonemeEvent> phonemes, double durationSec,
                              const VisemeTimelineOptions& options = {});

  const std::vector<VisemeKey>& keys() const { return keys_; }
  double durationSec() const { return durationSec_; }

  // Mouth weights at time t (seconds from the clip start). Each key contributes with a
  // trapezoid envelope (attack ramp around its start, release ramp around the next key), so
  // neighbouring shapes blend and short phonemes peak lower. Same-viseme contributions add up
  // (clamped to 1); closures scale everything down. All zeros before the first key, after the
  // end, and for an empty timeline. A pure function of (keys, options, t).
  MouthWeights weightsAt(double t) const;

 private:
  std::vector<VisemeKey> keys_;
  VisemeTimelineOptions options_;
  double durationSec_ = 0.0;
};

}  // namespace sc::guide
