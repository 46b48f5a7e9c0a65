// clampVolume, and the audio entry points for a build without OpenAL: every call explains what is missing. The real
// implementation is openal_audio.cpp, compiled instead when CMake finds OpenAL.
#include "guide/audio_output.hpp"

#include <algorithm>
#include <cmath>

namespace sc::guide {
// Shared by both builds (the OpenAL one applies it as the listener gain).
float clampVolume(float volume) { return std::isnan(volume) ? 0.0f : std::clamp(volume, 0.0f, 1.0f); }
}  // namespace sc::guide

#ifndef SC_HAVE_OPENAL
namespace sc::guide {
namespace {
Error noOpenAl() {
  return makeError("audio: this build has no audio output (OpenAL was not found when it was "
                   "configured); install libopenal-dev and reconfigure");
}
}  // namespace

struct AudioOutput::Impl {
  std::string name;
};

bool haveAudioOutput() { return false; }
Result<std::unique_ptr<AudioOutput>> AudioOutput::open() { return noOpenAl(); }
AudioOutput::AudioOutput(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AudioOutput::~AudioOutput() = default;
const std::string& AudioOutput::deviceName() const { return impl_->name; }
void AudioOutput::setListener(const ListenerPose&) {}
void AudioOutput::setVolume(float) {}
float AudioOutput::volume() const { return 0.0f; }
Status AudioOutput::play(const SpeechClip&, glm::vec3) { return noOpenAl(); }
void AudioOutput::setSourcePosition(glm::vec3) {}
void AudioOutput::pause() {}
void AudioOutput::resume() {}
void AudioOutput::stop() {}
bool AudioOutput::playing() const { return false; }
double AudioOutput::playbackTimeSec() const { return 0.0; }
Result<WavData> renderToWav(std::span<const PlacedClip>, const std::filesystem::path&,
                            const WavRenderOptions&) {
  return noOpenAl();
}
Status useWaveWriterForProcess(const std::filesystem::path&) { return noOpenAl(); }
Result<WavData> renderToWavRealtime(std::span<const PlacedClip>, const std::filesystem::path&,
                                    const WavRenderOptions&) {
  return noOpenAl();
}
}  // namespace sc::guide
#endif
