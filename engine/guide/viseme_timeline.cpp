#include "guide/viseme_timeline.hpp"

#include <algorithm>
#include <string>

namespace sc::guide {
namespace {

struct TableEntry {
  std::string_view name;
  VisemeShape shape;
};

constexpr VisemeShape vowel(Viseme v, float strength = 1.0f) {
  return {PhonemeClass::Vowel, v, strength};
}
constexpr VisemeShape shaped(Viseme v, float strength) { return {PhonemeClass::Shaped, v, strength}; }
constexpr VisemeShape kClosure{PhonemeClass::Closure, Viseme::Rest, 1.0f};

// Names seen in espeak-ng 1.51 events for en-us and cmn-latn-pinyin (docs/SPEECH.md). Strengths
// below 1 are for reduced or closed vowels, which open the mouth less.
constexpr TableEntry kTable[] = {
    // English vowels and diphthongs (a diphthong takes the shape of its first, longer part).
    {"a", vowel(Viseme::Aa)}, {"a#", vowel(Viseme::Aa, 0.8f)}, {"A:", vowel(Viseme::Aa)},
    {"A@", vowel(Viseme::Aa)}, {"aI", vowel(Viseme::Aa)}, {"aU", vowel(Viseme::Aa)},
    {"aI@", vowel(Viseme::Aa)}, {"aU@", vowel(Viseme::Aa)}, {"V", vowel(Viseme::Aa, 0.8f)},
    {"@", vowel(Viseme::Ee, 0.5f)}, {"@2", vowel(Viseme::Ee, 0.5f)}, {"@5", vowel(Viseme::Ee, 0.5f)},
    {"@L", vowel(Viseme::Ee, 0.5f)}, {"3", vowel(Viseme::Ee, 0.6f)}, {"3:", vowel(Viseme::Ee, 0.7f)},
    {"e", vowel(Viseme::Ee)}, {"E", vowel(Viseme::Ee)}, {"e@", vowel(Viseme::Ee)},
    {"eI", vowel(Viseme::Ee)}, {"i", vowel(Viseme::Ih, 0.8f)}, {"i:", vowel(Viseme::Ih)},
    {"I", vowel(Viseme::Ih, 0.8f)}, {"I2", vowel(Viseme::Ih, 0.7f)}, {"I#", vowel(Viseme::Ih, 0.7f)}, {"i@", vowel(Viseme::Ih)},
    {"i@3", vowel(Viseme::Ih)}, {"u:", vowel(Viseme::Ou)}, {"U", vowel(Viseme::Ou, 0.8f)},
    {"U@", vowel(Viseme::Ou)}, {"0", vowel(Viseme::Oh)}, {"O:", vowel(Viseme::Oh)},
    {"O", vowel(Viseme::Oh)}, {"oU", vowel(Viseme::Oh)}, {"O@", vowel(Viseme::Oh)},
    {"OI", vowel(Viseme::Oh)}, {"o@", vowel(Viseme::Oh)},
    // Mandarin finals (cmn phoneme table). "o-" is the unrounded back vowel of pinyin "e";
    // "y" is u-umlaut (rounded); "i." and "i[" are the apical vowels of zhi/zi.
    {"A", vowel(Viseme::Aa)}, {"ai", vowel(Viseme::Aa)}, {"Au", vowel(Viseme::Aa)},
    {"iA", vowel(Viseme::Aa)}, {"ua", vowel(Viseme::Aa)}, {"uA", vowel(Viseme::Aa)},
    {"y&", vowel(Viseme::Aa, 0.8f)}, {"ei", vowel(Viseme::Ee)}, {"iE", vowel(Viseme::Ee)},
    {"yE", vowel(Viseme::Ee)}, {"uei", vowel(Viseme::Ee)}, {"@r", vowel(Viseme::Ee, 0.6f)},
    {"o-", vowel(Viseme::Ee, 0.7f)}, {"y@", vowel(Viseme::Ee, 0.6f)}, {"i.", vowel(Viseme::Ih, 0.6f)},
    {"i[", vowel(Viseme::Ih, 0.6f)}, {"u", vowel(Viseme::Ou)}, {"y", vowel(Viseme::Ou, 0.8f)},
    {"yu", vowel(Viseme::Ou)}, {"yi", vowel(Viseme::Ou, 0.8f)}, {"u@", vowel(Viseme::Ou, 0.8f)}, {"ong", vowel(Viseme::Ou, 0.8f)},
    {"o", vowel(Viseme::Oh)}, {"uo", vowel(Viseme::Oh)}, {"ou", vowel(Viseme::Oh)},
    {"iou", vowel(Viseme::Oh, 0.8f)},
    // Consonants with their own lip shape.
    {"p", kClosure}, {"b", kClosure}, {"m", kClosure}, {"ph", kClosure},
    {"f", shaped(Viseme::Ih, 0.25f)}, {"v", shaped(Viseme::Ih, 0.25f)},
    {"w", shaped(Viseme::Ou, 0.6f)}, {"r", shaped(Viseme::Ou, 0.3f)},
    {"S", shaped(Viseme::Ou, 0.35f)}, {"Z", shaped(Viseme::Ou, 0.35f)},
    {"tS", shaped(Viseme::Ou, 0.35f)}, {"dZ", shaped(Viseme::Ou, 0.35f)},
};

// Rule for names the table misses: a pause starts with '_', a vowel with one of these letters.
VisemeShape fallbackShape(std::string_view name) {
  if (name.empty() || name.front() == '_') return {PhonemeClass::Pause, Viseme::Rest, 0.0f};
  switch (name.front()) {
    case 'a': case 'A': return vowel(Viseme::Aa);
    case 'e': case 'E': case '@': case '3': return vowel(Viseme::Ee, 0.7f);
    case 'i': case 'I': return vowel(Viseme::Ih, 0.8f);
    case 'o': case 'O': case '0': return vowel(Viseme::Oh);
    case 'u': case 'U': case 'y': return vowel(Viseme::Ou, 0.8f);
    default: return {PhonemeClass::Neutral, Viseme::Rest, 0.0f};
  }
}

float clamp01(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

}  // namespace

VisemeShape visemeForPhoneme(std::string_view phoneme) {
  for (const TableEntry& e : kTable) {
    if (e.name == phoneme) return e.shape;
  }
  // Stress or length marks espeak may append ("a2", "i:"): retry without them.
  std::string_view base = phoneme;
  while (base.size() > 1 && (base.back() == ':' || (base.back() >= '0' && base.back() <= '9'))) {
    base.remove_suffix(1);
  }
  if (base != phoneme) {
    for (const TableEntry& e : kTable) {
      if (e.name == base) return e.shape;
    }
  }
  return fallbackShape(phoneme);
}

VisemeTimeline VisemeTimeline::build(std::span<const PhonemeEvent> phonemes, double durationSec,
                                     const VisemeTimelineOptions& options) {
  VisemeTimeline timeline;
  timeline.options_ = options;
  timeline.durationSec_ = std::max(0.0, durationSec);
  std::vector<VisemeShape> shapes;
  shapes.reserve(phonemes.size());
  for (const PhonemeEvent& p : phonemes) shapes.push_back(visemeForPhoneme(p.phoneme));

  for (std::size_t i = 0; i < phonemes.size(); ++i) {
    VisemeShape shape = shapes[i];
    if (shape.kind == PhonemeClass::Neutral) {
      // Anticipatory co-articulation: lips already move towards the next vowel of the syllable.
      shape = {PhonemeClass::Neutral, Viseme::Ih, 0.15f};
      for (std::size_t j = i + 1; j < phonemes.size(); ++j) {
        if (shapes[j].kind == PhonemeClass::Pause) break;
        if (shapes[j].kind == PhonemeClass::Vowel) {
          shape.viseme = shapes[j].viseme;
          shape.strength = shapes[j].strength * options.neutralCarry;
          break;
        }
      }
    }
    VisemeKey key;
    key.timeSec = std::max(0.0, phonemes[i].timeSec - options.leadSec);
    key.viseme = shape.viseme;
    key.strength = shape.strength;
    key.closesLips = shape.kind == PhonemeClass::Closure;
    key.phonemeIndex = i;
    timeline.keys_.push_back(key);
  }
  return timeline;
}

MouthWeights VisemeTimeline::weightsAt(double t) const {
  MouthWeights weights{};
  if (keys_.empty()) return weights;
  const double halfAttack = std::max(options_.attackSec, 1e-4) * 0.5;
  const double halfRelease = std::max(options_.releaseSec, 1e-4) * 0.5;
  float closure = 0.0f;
  // Keys starting after t + halfAttack cannot contribute yet; walk back from the last one that
  // can until keys end too early to still be releasing.
  const auto firstLater = std::upper_bound(
      keys_.begin(), keys_.end(), t + halfAttack,
      [](double time, const VisemeKey& k) { return time < k.timeSec; });
  for (auto it = firstLater; it != keys_.begin();) {
    --it;
    const std::size_t i = static_cast<std::size_t>(it - keys_.begin());
    const double start = it->timeSec;
    const double end = i + 1 < keys_.size() ? keys_[i + 1].timeSec : durationSec_;
    if (end + halfRelease < t) break;
    const float up = clamp01((t - (start - halfAttack)) / (2.0 * halfAttack));
    const float down = clamp01(((end + halfRelease) - t) / (2.0 * halfRelease));
    const float envelope = std::min(up, down) * it->strength;
    if (it->closesLips) {
      closure += envelope;
    } else if (it->viseme != Viseme::Rest) {
      weights[static_cast<std::size_t>(it->viseme)] += envelope;
    }
  }
  const float open = 1.0f - std::min(closure, 1.0f);
  for (float& w : weights) w = std::min(w, 1.0f) * open;
  return weights;
}

}  // namespace sc::guide
