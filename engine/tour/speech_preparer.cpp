#include "tour/speech_preparer.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "guide/utf8_text.hpp"
#include "tour/tour_director.hpp"

namespace sc::tour {

double silentDurationSec(const std::string& text) {
  return std::max(1.0, kSilentSecondsPerChar * double(guide::codepointCount(text)));
}

std::vector<guide::WordEvent> silentWords(const std::string& text, double durationSec) {
  std::vector<guide::WordEvent> words;
  const std::vector<std::size_t> offsets = guide::codepointByteOffsets(text);
  const std::size_t count = offsets.empty() ? 0 : offsets.size() - 1;
  if (count == 0) return words;
  auto isBreak = [&](std::size_t i) {
    char32_t c = guide::decodeUtf8At(text, offsets[i]).codepoint;
    return c == U' ' || c == U'\n' || guide::isCjkPunctuation(c);
  };
  std::size_t i = 0;
  while (i < count) {
    if (isBreak(i)) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    const bool cjk = guide::isCjkIdeograph(guide::decodeUtf8At(text, offsets[i]).codepoint);
    while (!cjk && end < count && !isBreak(end) &&
           !guide::isCjkIdeograph(guide::decodeUtf8At(text, offsets[end]).codepoint)) {
      ++end;
    }
    words.push_back({durationSec * double(i) / double(count), offsets[i], offsets[end] - offsets[i]});
    i = end;
  }
  return words;
}

SpeechPreparer::SpeechPreparer(std::shared_ptr<guide::SpeechSynthesizer> synthesizer, bool background)
    : synthesizer_(std::move(synthesizer)) {
  if (background && synthesizer_) worker_ = std::thread([this] { run(); });
}

SpeechPreparer::~SpeechPreparer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void SpeechPreparer::request(const std::string& text, guide::Language language, bool urgent) {
  if (!worker_.joinable()) return;
  Key key{text, language};
  {
    std::lock_guard lock(mutex_);
    if (ready_.count(key)) return;
    auto queued = std::find(queue_.begin(), queue_.end(), key);
    if (queued != queue_.end()) {
      if (!urgent) return;
      queue_.erase(queued);
    }
    if (urgent) queue_.push_front(std::move(key));
    else queue_.push_back(std::move(key));
  }
  wake_.notify_one();
}

std::shared_ptr<const PreparedSpeech> SpeechPreparer::find(const std::string& text, guide::Language language) {
  // Without a synthesizer nothing needs time: answer at once, so silent tours never wait.
  if (!synthesizer_) return get(text, language);
  std::lock_guard lock(mutex_);
  auto it = ready_.find(Key{text, language});
  return it == ready_.end() ? nullptr : it->second;
}

std::shared_ptr<const PreparedSpeech> SpeechPreparer::get(const std::string& text, guide::Language language) {
  Key key{text, language};
  {
    std::lock_guard lock(mutex_);
    auto it = ready_.find(key);
    if (it != ready_.end()) return it->second;
    auto queued = std::find(queue_.begin(), queue_.end(), key);
    if (queued != queue_.end()) queue_.erase(queued);
  }
  auto speech = synthesize(key);
  std::lock_guard lock(mutex_);
  // The worker may have finished the same text meanwhile (it was already running it): keep one.
  auto [it, inserted] = ready_.emplace(key, speech);
  return it->second;
}

std::shared_ptr<const PreparedSpeech> SpeechPreparer::synthesize(const Key& key) {
  auto speech = std::make_shared<PreparedSpeech>();
  speech->text = key.first;
  speech->language = key.second;
  speech->durationSec = silentDurationSec(key.first);
  speech->words = silentWords(key.first, speech->durationSec);
  if (!synthesizer_ || key.first.empty()) return speech;
  guide::NarrationOptions options;
  options.fallback = key.second;
  Result<guide::SpeechClip> clip = [&] {
    std::lock_guard lock(synthMutex_);
    return guide::synthesizeNarration(*synthesizer_, key.first, options);
  }();
  if (!clip) {
    // A narration that cannot be spoken is shown silently; the tour must go on.
    speech->error = clip.error().message;
    spdlog::warn("narration stays silent: {}", speech->error);
    return speech;
  }
  if (clip->samples.empty() || clip->durationSec <= 0.0) return speech;
  speech->visemes = guide::VisemeTimeline::build(clip->phonemes, clip->durationSec);
  speech->durationSec = clip->durationSec;
  speech->words = clip->words;
  speech->clip = std::make_shared<const guide::SpeechClip>(std::move(clip.value()));
  return speech;
}

void SpeechPreparer::run() {
  for (;;) {
    Key key;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      key = std::move(queue_.front());
      queue_.pop_front();
      if (ready_.count(key)) continue;
    }
    auto speech = synthesize(key);
    std::lock_guard lock(mutex_);
    ready_.emplace(key, std::move(speech));
  }
}

}  // namespace sc::tour
