#pragma once
// Synthesises narrations ahead of time so that a frame never waits for text-to-speech.
//
// request() queues a narration for a worker thread (Background) and returns at once; find()
// answers "ready or not" without blocking; get() returns it, synthesising on the calling
// thread when it is not ready (Inline mode, prepareAll). Every synthesizer call of the
// preparer is serialised by one mutex (espeak-ng keeps global state), so the worker and get()
// never run the synthesizer at the same time. Results are cached per (text, language).
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "guide/speech_synthesizer.hpp"
#include "guide/viseme_timeline.hpp"

namespace sc::tour {

struct PreparedSpeech {
  std::string text;
  guide::Language language = guide::Language::Mandarin;
  std::shared_ptr<const guide::SpeechClip> clip;  // null: silent (no synthesizer, or it failed)
  guide::VisemeTimeline visemes;                  // empty when silent
  // Word timing for the subtitles: the clip's word events, or for a silent narration words
  // spread evenly over its estimated duration (so its lines still advance).
  std::vector<guide::WordEvent> words;
  double durationSec = 0.0;                       // clip duration, or the silent estimate
  std::string error;                              // why the narration is silent, if it failed
};

class SpeechPreparer {
 public:
  // `synthesizer` may be null (every narration is then silent). `background` starts the worker.
  SpeechPreparer(std::shared_ptr<guide::SpeechSynthesizer> synthesizer, bool background);
  ~SpeechPreparer();  // stops the worker after the narration it is synthesising
  SpeechPreparer(const SpeechPreparer&) = delete;
  SpeechPreparer& operator=(const SpeechPreparer&) = delete;

  // Queues a narration (Background: the worker picks it up; Inline: nothing happens until get).
  // `urgent` puts it at the front of the queue (a detour the visitor just asked for).
  void request(const std::string& text, guide::Language language, bool urgent = false);
  // The narration when it is ready, else null. Never blocks on synthesis.
  std::shared_ptr<const PreparedSpeech> find(const std::string& text, guide::Language language);
  // The narration, synthesising it on this thread when it is not ready (blocks).
  std::shared_ptr<const PreparedSpeech> get(const std::string& text, guide::Language language);
  bool background() const { return worker_.joinable(); }

 private:
  using Key = std::pair<std::string, guide::Language>;
  std::shared_ptr<const PreparedSpeech> synthesize(const Key& key);  // holds synthMutex_
  void run();

  std::shared_ptr<guide::SpeechSynthesizer> synthesizer_;
  std::mutex mutex_;  // queue_, ready_, stop_
  std::mutex synthMutex_;
  std::condition_variable wake_;
  std::deque<Key> queue_;
  std::map<Key, std::shared_ptr<const PreparedSpeech>> ready_;
  bool stop_ = false;
  std::thread worker_;
};

// Seconds a silent narration lasts: kSilentSecondsPerChar per codepoint, at least 1 s.
double silentDurationSec(const std::string& text);
// Words of `text` (runs between spaces; each CJK ideograph on its own) timed evenly by
// codepoint over durationSec.
std::vector<guide::WordEvent> silentWords(const std::string& text, double durationSec);

}  // namespace sc::tour
