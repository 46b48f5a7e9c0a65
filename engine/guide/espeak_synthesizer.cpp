#include "guide/espeak_synthesizer.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <spdlog/spdlog.h>

#include "core/file_io.hpp"

#include "guide/utf8_text.hpp"

namespace sc::guide {
namespace {

// espeak keeps one global state and one callback; this mutex serialises all use of it.
std::mutex& espeakMutex() {
  static std::mutex mutex;
  return mutex;
}

// What one espeak_Synth call produces, as espeak reports it (times in ms, 1-based characters).
struct RawCapture {
  std::vector<std::int16_t> samples;
  struct Phoneme { int ms; std::string name; };
  struct Word { int ms; int charPosition; int charLength; };
  std::vector<Phoneme> phonemes;
  std::vector<Word> words;
};
RawCapture* gCapture = nullptr;  // only touched while espeakMutex() is held

int collect(short* wav, int count, espeak_EVENT* events) {
  if (gCapture == nullptr) return 0;
  if (wav != nullptr && count > 0) gCapture->samples.insert(gCapture->samples.end(), wav, wav + count);
  for (espeak_EVENT* e = events; e != nullptr && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    if (e->type == espeakEVENT_PHONEME) {
      // The name is up to 8 bytes and not terminated when it uses all 8.
      const char* name = e->id.string;
      gCapture->phonemes.push_back({e->audio_position, std::string(name, strnlen(name, 8))});
    } else if (e->type == espeakEVENT_WORD) {
      gCapture->words.push_back({e->audio_position, e->text_position, e->length});
    }
  }
  return 0;  // continue synthesis
}

int gSampleRate = 0;         // set once by the first successful initialisation
std::string gVoiceSuffix;    // "+sc-steady" when the steady variant is available

std::filesystem::path& overlayRoot() {
  static std::filesystem::path root;
  return root;
}

void removeOverlay() {
  std::error_code ec;
  if (!overlayRoot().empty()) std::filesystem::remove_all(overlayRoot(), ec);
}

constexpr std::string_view kOverlayPrefix = "shancheng-espeak-";

// Overlays are named shancheng-espeak-<pid>-XXXXXX (earlier builds: shancheng-espeak-<pid>). A
// process that ends without running atexit (killed, crashed, a forked child leaving with _exit)
// leaves its overlay behind, with links that may point into folders gone since. Those of
// processes that no longer exist are removed; a live process's, or another user's, are left.
void sweepOverlaysOfEndedProcesses(const std::filesystem::path& tempDir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(tempDir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kOverlayPrefix)) continue;
    std::error_code statusError;
    if (!fs::is_directory(entry.symlink_status(statusError))) continue;
    const char* digits = name.data() + kOverlayPrefix.size();
    const char* end = name.data() + name.size();
    pid_t pid = 0;
    const auto [next, parseError] = std::from_chars(digits, end, pid);
    if (parseError != std::errc() || pid <= 0 || (next != end && *next != '-')) continue;
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code removeError;
    fs::remove_all(entry.path(), removeError);
  }
}

// espeak-ng 1.51 adds pitch "flutter" by reading a table through a static index that is never
// reset (wavegen.c, AdvanceParameters), so the same text spoken twice in one process comes out a
// few samples longer or shorter and its events move by a millisecond or two. A voice variant with
// "flutter 0" makes synthesis a pure function of the text. Variants live in the data directory,
// so we build an overlay: symlinks to every entry of the system data plus our variant file.
// Returns the directory to pass to espeak_Initialize (the parent of espeak-ng-data).
Result<std::filesystem::path> buildSteadyVoiceOverlay() {
  namespace fs = std::filesystem;
  espeak_ng_InitializePath(nullptr);  // resolves $ESPEAK_DATA_PATH or the built-in path
  const char* systemPath = nullptr;
  espeak_Info(&systemPath);
  if (systemPath == nullptr || !fs::exists(fs::path(systemPath) / "phontab")) {
    return makeError("no espeak-ng data found at \"{}\"", systemPath ? systemPath : "");
  }
  const fs::path system = systemPath;
  std::error_code ec;
  const fs::path tempDir = fs::temp_directory_path(ec);
  if (ec) return makeError("no temporary folder for the voice overlay: {}", ec.message());
  sweepOverlaysOfEndedProcesses(tempDir);
  // A fresh, unique folder: one named by the pid alone could be an ended process's leftover
  // whose links dangle, and reusing it silenced the guide.
  std::string unique = (tempDir / fmt::format("{}{}-XXXXXX", kOverlayPrefix, ::getpid())).string();
  if (::mkdtemp(unique.data()) == nullptr) {
    return makeError("cannot create a folder like {}: {}", unique, std::strerror(errno));
  }
  const fs::path root = unique;
  const fs::path data = root / "espeak-ng-data";
  fs::create_directories(data / "voices" / "!v", ec);
  if (ec) return makeError("cannot create {}: {}", data.string(), ec.message());
  overlayRoot() = root;
  std::atexit(removeOverlay);
  const auto linkAll = [&](const fs::path& from, const fs::path& to, std::string_view skip) -> Status {
    std::error_code e;
    for (const fs::directory_entry& entry : fs::directory_iterator(from, e)) {
      const std::string name = entry.path().filename().string();
      if (name == skip || fs::exists(fs::symlink_status(to / name))) continue;
      fs::create_symlink(entry.path(), to / name, e);
      if (e) return makeError("cannot link {}: {}", (to / name).string(), e.message());
    }
    if (e) return makeError("cannot list {}: {}", from.string(), e.message());
    return okStatus();
  };
  SC_TRY(linkAll(system, data, "voices"));
  SC_TRY(linkAll(system / "voices", data / "voices", "!v"));
  SC_TRY(linkAll(system / "voices" / "!v", data / "voices" / "!v", ""));
  const std::string_view variant = "language variant\nname sc-steady\nflutter 0\n";
  SC_TRY(writeFileAtomic(data / "voices" / "!v" / "sc-steady",
                         std::span(reinterpret_cast<const std::uint8_t*>(variant.data()), variant.size())));
  return root;
}

Result<int> initialiseLocked() {
  if (gSampleRate > 0) return gSampleRate;
  auto overlay = buildSteadyVoiceOverlay();
  if (!overlay) {
    spdlog::warn("speech: {}; using espeak-ng's own data (output may vary by a few ms between runs)",
                 overlay.error().message);
  }
  const std::string dataParent = overlay ? overlay->string() : std::string();
  // DONT_EXIT: without it espeak calls exit() when its data is missing.
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                     dataParent.empty() ? nullptr : dataParent.c_str(),
                                     espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    return makeError("speech: espeak-ng failed to initialise (is espeak-ng-data installed, or "
                     "$ESPEAK_DATA_PATH pointing at it?)");
  }
  espeak_SetSynthCallback(collect);
  gSampleRate = rate;
  if (overlay) gVoiceSuffix = "+sc-steady";
  return rate;
}

Status selectVoiceLocked(const char* baseVoice) {
  const std::string voice = baseVoice + gVoiceSuffix;
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
    return makeError("speech: espeak-ng has no voice \"{}\" (check `espeak-ng --voices`; the "
                     "Debian package espeak-ng-data provides it)",
                     voice);
  }
  return okStatus();
}

Result<RawCapture> speakLocked(const std::string& text, const char* voice) {
  SC_TRY(selectVoiceLocked(voice));
  RawCapture capture;
  gCapture = &capture;
  const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8, nullptr, nullptr);
  gCapture = nullptr;
  if (err != EE_OK) {
    return makeError("speech: espeak-ng failed to synthesise \"{}\" (error {})", text,
                     static_cast<int>(err));
  }
  return capture;
}

// espeak-ng accepts a voice whose dictionary file is missing (it only prints "Can't read
// dictionary file" to stderr) and then speaks a few samples of silence per sentence, so a guide
// would "speak" silently. A probe word per voice must come out as real speech instead.
Status probeVoiceLocked(const char* voice, const std::string& probe, const char* dictionary,
                        int sampleRate) {
  auto spoken = speakLocked(probe, voice);
  if (!spoken) return spoken.error();
  const std::size_t minimumSamples = static_cast<std::size_t>(sampleRate) / 8;  // 125 ms
  if (spoken->samples.size() >= minimumSamples) return okStatus();
  const char* dataPath = nullptr;
  espeak_Info(&dataPath);
  return makeError("speech: espeak-ng's voice \"{}\" produced no speech for a probe word; its "
                   "dictionary {} is probably missing from espeak-ng-data at \"{}\" (reinstall the "
                   "Debian package espeak-ng-data, or fix $ESPEAK_DATA_PATH)",
                   voice, dictionary, dataPath ? dataPath : "");
}

}  // namespace

Result<std::unique_ptr<EspeakSynthesizer>> EspeakSynthesizer::create(
    std::shared_ptr<const PinyinLexicon> lexicon) {
  if (!lexicon) return makeError("speech: EspeakSynthesizer needs a pinyin lexicon");
  std::lock_guard lock(espeakMutex());
  auto rate = initialiseLocked();
  if (!rate) return rate.error();
  SC_TRY(probeVoiceLocked(kMandarinVoice, "ni3 hao3", "cmn_dict", *rate));
  SC_TRY(probeVoiceLocked(kEnglishVoice, "hello there", "en_dict", *rate));
  return std::unique_ptr<EspeakSynthesizer>(new EspeakSynthesizer(std::move(lexicon), *rate));
}

Result<SpeechClip> EspeakSynthesizer::synthesize(std::string_view text, Language language) {
  SpeechClip clip;
  clip.sampleRate = sampleRate_;

  // What espeak reads, and how its word positions map back to `text`.
  std::string spoken;
  PinyinText pinyin;
  bool viaPinyin = false;
  if (language == Language::Mandarin) {
    const bool hasHanzi = [&] {
      for (std::size_t i = 0; i < text.size();) {
        const DecodedCodepoint cp = decodeUtf8At(text, i);
        if (isCjkIdeograph(cp.codepoint)) return true;
        i += cp.length;
      }
      return false;
    }();
    if (hasHanzi) {
      pinyin = lexicon_->convert(text);
      spoken = pinyin.text;
      viaPinyin = true;
    } else {
      spoken = std::string(text);
    }
  } else {
    spoken = std::string(text);
  }
  if (spoken.find_first_not_of(" \t\r\n") == std::string::npos) return clip;

  RawCapture raw;
  {
    std::lock_guard lock(espeakMutex());
    auto result =
        speakLocked(spoken, language == Language::Mandarin ? kMandarinVoice : kEnglishVoice);
    if (!result) return result.error();
    raw = std::move(result).value();
  }

  clip.samples = std::move(raw.samples);
  clip.durationSec = static_cast<double>(clip.samples.size()) / sampleRate_;
  for (const RawCapture::Phoneme& p : raw.phonemes) {
    clip.phonemes.push_back({std::min(p.ms / 1000.0, clip.durationSec), p.name});
  }
  // espeak counts 1-based characters of the UTF-8 text; turn them into byte ranges.
  const std::vector<std::size_t> offsets = codepointByteOffsets(spoken);
  const std::size_t charCount = offsets.size() - 1;
  for (const RawCapture::Word& w : raw.words) {
    if (w.charPosition < 1 || w.charLength <= 0) continue;  // espeak's end-of-text marker
    const std::size_t first = std::min<std::size_t>(std::max(w.charPosition, 1) - 1, charCount);
    const std::size_t last = std::min<std::size_t>(first + std::max(w.charLength, 0), charCount);
    std::size_t begin = offsets[first];
    std::size_t end = offsets[last];
    if (viaPinyin) {
      std::tie(begin, end) = pinyin.sourceRange(begin, end - begin);
    }
    if (end <= begin) continue;  // nothing in the source to highlight
    clip.words.push_back({std::min(w.ms / 1000.0, clip.durationSec), begin, end - begin});
  }
  // Several pinyin tokens can map to overlapping hanzi (digits read as several words); keep
  // events ordered by time and drop exact duplicates.
  clip.words.erase(std::unique(clip.words.begin(), clip.words.end(),
                               [](const WordEvent& a, const WordEvent& b) {
                                 return a.textOffset == b.textOffset && a.textLength == b.textLength;
                               }),
                   clip.words.end());
  return clip;
}

}  // namespace sc::guide
