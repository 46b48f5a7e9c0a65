// OpenAL Soft backend of audio_output.hpp; compiled only when CMake finds OpenAL.
#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "core/file_io.hpp"
#include "guide/audio_output.hpp"

namespace sc::guide {
namespace {

// Process-wide OpenAL configuration state. Function-local so that useWaveWriterForProcess() may
// run from another file's static initialiser (before main), whatever the initialisation order.
struct OpenAlConfig {
  std::mutex mutex;
  bool started = false;           // set before our first OpenAL call; ALSOFT_CONF is fixed after
  std::filesystem::path waveFile;  // where the wave writer writes, once configured
};
OpenAlConfig& config() {
  static OpenAlConfig c;
  return c;
}
void markOpenAlStarted() {
  std::lock_guard lock(config().mutex);
  config().started = true;
}

// alcMakeContextCurrent is process-wide; offline renders switch it and put the old one back.
std::recursive_mutex& contextMutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

class CurrentContextGuard {
 public:
  explicit CurrentContextGuard(ALCcontext* context)
      : lock_(contextMutex()), previous_(alcGetCurrentContext()) {
    alcMakeContextCurrent(context);
  }
  ~CurrentContextGuard() { alcMakeContextCurrent(previous_); }

 private:
  std::lock_guard<std::recursive_mutex> lock_;
  ALCcontext* previous_;
};

Status alStatus(const char* what) {
  const ALenum err = alGetError();
  if (err != AL_NO_ERROR) return makeError("audio: {} failed (OpenAL error 0x{:X})", what, err);
  return okStatus();
}

void applyListener(const ListenerPose& pose) {
  alListener3f(AL_POSITION, pose.position.x, pose.position.y, pose.position.z);
  const ALfloat orientation[6] = {pose.forward.x, pose.forward.y, pose.forward.z,
                                  pose.up.x,      pose.up.y,      pose.up.z};
  alListenerfv(AL_ORIENTATION, orientation);
}

void applyVolume(float volume) { alListenerf(AL_GAIN, clampVolume(volume)); }

Status checkClip(const SpeechClip* clip) {
  if (clip == nullptr) return makeError("audio: a placed clip has no SpeechClip");
  if (clip->sampleRate < 1000 || clip->sampleRate > 192000) {
    return makeError("audio: clip sample rate {} Hz is out of range", clip->sampleRate);
  }
  if (clip->samples.size() > static_cast<std::size_t>(INT32_MAX / 2)) {
    return makeError("audio: clip too long for one OpenAL buffer");
  }
  return okStatus();
}

// One source + buffer per clip; deleted on destruction (the context must be current).
struct SourceSet {
  std::vector<ALuint> sources;
  std::vector<ALuint> buffers;
  SourceSet() = default;
  SourceSet(const SourceSet&) = delete;
  SourceSet& operator=(const SourceSet&) = delete;
  ~SourceSet() { clear(); }
  void clear() {
    if (!sources.empty()) {
      alSourceStopv(static_cast<ALsizei>(sources.size()), sources.data());
      alDeleteSources(static_cast<ALsizei>(sources.size()), sources.data());
    }
    if (!buffers.empty()) alDeleteBuffers(static_cast<ALsizei>(buffers.size()), buffers.data());
    sources.clear();
    buffers.clear();
  }
};

Status addSource(SourceSet& set, const SpeechClip& clip, glm::vec3 position) {
  ALuint buffer = 0;
  ALuint source = 0;
  alGenBuffers(1, &buffer);
  SC_TRY(alStatus("alGenBuffers"));
  set.buffers.push_back(buffer);
  alBufferData(buffer, AL_FORMAT_MONO16, clip.samples.data(),
               static_cast<ALsizei>(clip.samples.size() * sizeof(std::int16_t)), clip.sampleRate);
  SC_TRY(alStatus("alBufferData"));
  alGenSources(1, &source);
  SC_TRY(alStatus("alGenSources"));
  set.sources.push_back(source);
  alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
  alSource3f(source, AL_POSITION, position.x, position.y, position.z);
  // A talking head at 1 m is full level; the level halves with each doubling of distance.
  alSourcef(source, AL_REFERENCE_DISTANCE, 1.0f);
  alSourcef(source, AL_ROLLOFF_FACTOR, 1.0f);
  return alStatus("source setup");
}

bool anyPlaying(const SourceSet& set) {
  for (ALuint s : set.sources) {
    ALint state = AL_STOPPED;
    alGetSourcei(s, AL_SOURCE_STATE, &state);
    if (state == AL_PLAYING) return true;
  }
  return false;
}

std::vector<std::size_t> orderByStart(std::span<const PlacedClip> clips) {
  std::vector<std::size_t> order(clips.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return clips[a].startSec < clips[b].startSec; });
  return order;
}

double mixEndSec(std::span<const PlacedClip> clips) {
  double end = 0.0;
  for (const PlacedClip& c : clips) {
    end = std::max(end, std::max(0.0, c.startSec) +
                            static_cast<double>(c.clip->samples.size()) / c.clip->sampleRate);
  }
  return end;
}

}  // namespace

bool haveAudioOutput() { return true; }

// --- live playback ------------------------------------------------------------------------------

struct AudioOutput::Impl {
  ALCdevice* device = nullptr;
  ALCcontext* context = nullptr;
  std::string name;
  SourceSet current;
  double clipDurationSec = 0.0;
  bool started = false;

  ~Impl() {
    if (context != nullptr) {
      {
        CurrentContextGuard guard(context);
        current.clear();
      }
      alcDestroyContext(context);
    }
    if (device != nullptr) alcCloseDevice(device);
  }
};

AudioOutput::AudioOutput(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AudioOutput::~AudioOutput() = default;

Result<std::unique_ptr<AudioOutput>> AudioOutput::open() {
  markOpenAlStarted();
  auto impl = std::make_unique<Impl>();
  impl->device = alcOpenDevice(nullptr);
  if (impl->device == nullptr) {
    return makeError("audio: OpenAL could not open the default output device (no sound card? "
                     "use the wave writer or renderToWav for headless output)");
  }
  const ALCchar* name = alcGetString(impl->device, ALC_DEVICE_SPECIFIER);
  impl->name = name != nullptr ? name : "";
  impl->context = alcCreateContext(impl->device, nullptr);
  if (impl->context == nullptr) return makeError("audio: OpenAL could not create a context on \"{}\"", impl->name);
  {
    CurrentContextGuard guard(impl->context);
    alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
    applyListener(ListenerPose{});
  }
  return std::unique_ptr<AudioOutput>(new AudioOutput(std::move(impl)));
}

const std::string& AudioOutput::deviceName() const { return impl_->name; }

void AudioOutput::setListener(const ListenerPose& pose) {
  CurrentContextGuard guard(impl_->context);
  applyListener(pose);
}

void AudioOutput::setVolume(float volume) {
  CurrentContextGuard guard(impl_->context);
  applyVolume(volume);
}

float AudioOutput::volume() const {
  CurrentContextGuard guard(impl_->context);
  ALfloat gain = 0.0f;
  alGetListenerf(AL_GAIN, &gain);
  return gain;
}

Status AudioOutput::play(const SpeechClip& clip, glm::vec3 position) {
  SC_TRY(checkClip(&clip));
  CurrentContextGuard guard(impl_->context);
  impl_->current.clear();
  impl_->started = false;
  if (clip.samples.empty()) return okStatus();
  SC_TRY(addSource(impl_->current, clip, position));
  alSourcePlay(impl_->current.sources.front());
  SC_TRY(alStatus("alSourcePlay"));
  impl_->clipDurationSec = static_cast<double>(clip.samples.size()) / clip.sampleRate;
  impl_->started = true;
  return okStatus();
}

void AudioOutput::setSourcePosition(glm::vec3 position) {
  if (impl_->current.sources.empty()) return;
  CurrentContextGuard guard(impl_->context);
  alSource3f(impl_->current.sources.front(), AL_POSITION, position.x, position.y, position.z);
}

void AudioOutput::pause() {
  if (impl_->current.sources.empty()) return;
  CurrentContextGuard guard(impl_->context);
  alSourcePause(impl_->current.sources.front());
}

void AudioOutput::resume() {
  if (impl_->current.sources.empty()) return;
  CurrentContextGuard guard(impl_->context);
  ALint state = AL_STOPPED;
  alGetSourcei(impl_->current.sources.front(), AL_SOURCE_STATE, &state);
  if (state == AL_PAUSED) alSourcePlay(impl_->current.sources.front());
}

void AudioOutput::stop() {
  CurrentContextGuard guard(impl_->context);
  impl_->current.clear();
  impl_->started = false;
}

bool AudioOutput::playing() const {
  if (impl_->current.sources.empty()) return false;
  CurrentContextGuard guard(impl_->context);
  return anyPlaying(impl_->current);
}

double AudioOutput::playbackTimeSec() const {
  if (impl_->current.sources.empty() || !impl_->started) return 0.0;
  CurrentContextGuard guard(impl_->context);
  ALint state = AL_STOPPED;
  alGetSourcei(impl_->current.sources.front(), AL_SOURCE_STATE, &state);
  if (state == AL_STOPPED) return impl_->clipDurationSec;  // finished
  ALfloat offset = 0.0f;
  alGetSourcef(impl_->current.sources.front(), AL_SEC_OFFSET, &offset);
  return offset;
}

// --- offline mix through ALC_SOFT_loopback -------------------------------------------------------

Result<WavData> renderToWav(std::span<const PlacedClip> clips, const std::filesystem::path& path,
                            const WavRenderOptions& options) {
  for (const PlacedClip& c : clips) SC_TRY(checkClip(c.clip));
  if (options.sampleRate < 8000 || options.sampleRate > 192000) {
    return makeError("audio: output rate {} Hz is out of range (8000..192000)", options.sampleRate);
  }
  markOpenAlStarted();
  if (alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback") != ALC_TRUE) {
    return makeError("audio: this OpenAL has no ALC_SOFT_loopback; use renderToWavRealtime");
  }
  const auto openLoopback = reinterpret_cast<LPALCLOOPBACKOPENDEVICESOFT>(
      alcGetProcAddress(nullptr, "alcLoopbackOpenDeviceSOFT"));
  const auto formatSupported = reinterpret_cast<LPALCISRENDERFORMATSUPPORTEDSOFT>(
      alcGetProcAddress(nullptr, "alcIsRenderFormatSupportedSOFT"));
  const auto renderSamples = reinterpret_cast<LPALCRENDERSAMPLESSOFT>(
      alcGetProcAddress(nullptr, "alcRenderSamplesSOFT"));
  if (!openLoopback || !formatSupported || !renderSamples) {
    return makeError("audio: OpenAL lists ALC_SOFT_loopback but lacks its functions");
  }
  ALCdevice* device = openLoopback(nullptr);
  if (device == nullptr) return makeError("audio: could not open an OpenAL loopback device");
  struct DeviceCloser {
    ALCdevice* device;
    ALCcontext* context = nullptr;
    ~DeviceCloser() {
      if (context) alcDestroyContext(context);
      alcCloseDevice(device);
    }
  } closer{device};
  if (formatSupported(device, options.sampleRate, ALC_STEREO_SOFT, ALC_SHORT_SOFT) != ALC_TRUE) {
    return makeError("audio: loopback cannot render 16-bit stereo at {} Hz", options.sampleRate);
  }
  const ALCint attributes[] = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT,
                               ALC_SHORT_SOFT, ALC_FREQUENCY, options.sampleRate, 0};
  closer.context = alcCreateContext(device, attributes);
  if (closer.context == nullptr) return makeError("audio: could not create the loopback context");

  WavData wav;
  wav.sampleRate = options.sampleRate;
  wav.channels = 2;
  {
    CurrentContextGuard guard(closer.context);
    alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
    applyListener(options.listener);
    applyVolume(options.volume);
    SourceSet set;
    for (const PlacedClip& c : clips) SC_TRY(addSource(set, *c.clip, c.position));

    const auto totalFrames = static_cast<std::size_t>(
        std::ceil((mixEndSec(clips) + std::max(0.0, options.tailSec)) * options.sampleRate));
    wav.samples.resize(totalFrames * 2);
    std::size_t rendered = 0;
    const auto renderUntil = [&](std::size_t frame) {
      frame = std::min(frame, totalFrames);
      while (rendered < frame) {
        const std::size_t n = std::min<std::size_t>(frame - rendered, 4096);
        renderSamples(device, wav.samples.data() + rendered * 2, static_cast<ALCsizei>(n));
        rendered += n;
      }
    };
    for (std::size_t i : orderByStart(clips)) {
      renderUntil(static_cast<std::size_t>(std::llround(std::max(0.0, clips[i].startSec) * options.sampleRate)));
      alSourcePlay(set.sources[i]);
    }
    renderUntil(totalFrames);
    SC_TRY(alStatus("loopback render"));
  }
  SC_TRY(writeWav(path, wav));
  return wav;
}

// --- OpenAL Soft's wave writer, in real time -------------------------------------------------

Status useWaveWriterForProcess(const std::filesystem::path& workDir) {
  std::lock_guard lock(config().mutex);
  if (config().started) {
    return makeError("audio: OpenAL is already in use in this process, so its configuration can "
                     "no longer change; call useWaveWriterForProcess() before the first OpenAL call");
  }
  std::error_code ec;
  std::filesystem::path dir = workDir;
  if (dir.empty()) {
    // A folder of our own per process, removed at exit (after OpenAL has closed its file).
    static std::filesystem::path ownDir;
    dir = std::filesystem::temp_directory_path(ec) / ("shancheng-openal-" + std::to_string(::getpid()));
    if (ownDir.empty()) {
      ownDir = dir;
      std::atexit([] {
        std::error_code ignored;
        std::filesystem::remove_all(ownDir, ignored);
      });
    }
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) return makeError("audio: cannot create {}: {}", dir.string(), ec.message());
  const std::filesystem::path wave = dir / "wave-writer-out.wav";
  const std::string conf = fmt::format(
      "# Written by Shancheng: send OpenAL Soft's mix to a WAV file instead of a sound card.\n"
      "[general]\ndrivers=wave\nchannels=stereo\nsample-type=int16\nfrequency=44100\n"
      "[wave]\nfile={}\n",
      wave.string());
  const std::filesystem::path confPath = dir / "alsoft.conf";
  SC_TRY(writeFileAtomic(confPath, std::span(reinterpret_cast<const std::uint8_t*>(conf.data()), conf.size())));
  if (::setenv("ALSOFT_CONF", confPath.c_str(), 1) != 0) {
    return makeError("audio: could not set ALSOFT_CONF");
  }
  config().waveFile = wave;
  return okStatus();
}

Result<WavData> renderToWavRealtime(std::span<const PlacedClip> clips,
                                    const std::filesystem::path& path,
                                    const WavRenderOptions& options) {
  for (const PlacedClip& c : clips) SC_TRY(checkClip(c.clip));
  std::filesystem::path waveFile;
  {
    std::lock_guard lock(config().mutex);
    config().started = true;
    waveFile = config().waveFile;
  }
  if (waveFile.empty()) {
    return makeError("audio: the wave writer is not configured; call useWaveWriterForProcess() "
                     "before the first OpenAL call in the process");
  }
  // The wave writer creates its file when the device opens: if no file appears, OpenAL picked
  // another backend (the device name does not tell: 1.19 calls every device "OpenAL Soft").
  std::error_code removeError;
  std::filesystem::remove(waveFile, removeError);
  ALCdevice* device = alcOpenDevice(nullptr);
  if (device == nullptr) return makeError("audio: OpenAL could not open its wave writer device");
  if (!std::filesystem::exists(waveFile)) {
    alcCloseDevice(device);
    return makeError("audio: OpenAL did not open its wave writer (no {} appeared); ALSOFT_CONF was "
                     "set too late (after the first OpenAL call) or is overridden", waveFile.string());
  }
  const ALCint attributes[] = {ALC_FREQUENCY, options.sampleRate, 0};
  ALCcontext* context = alcCreateContext(device, attributes);
  if (context == nullptr) {
    alcCloseDevice(device);
    return makeError("audio: could not create a context on the wave writer");
  }
  Status played = okStatus();
  {
    CurrentContextGuard guard(context);
    alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
    applyListener(options.listener);
    applyVolume(options.volume);
    SourceSet set;
    for (const PlacedClip& c : clips) {
      played = addSource(set, *c.clip, c.position);
      if (!played) break;
    }
    if (played) {
      using Clock = std::chrono::steady_clock;
      const auto begin = Clock::now();
      const auto at = [&](double sec) {
        return begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(sec));
      };
      for (std::size_t i : orderByStart(clips)) {
        std::this_thread::sleep_until(at(std::max(0.0, clips[i].startSec)));
        alSourcePlay(set.sources[i]);
      }
      // The device mixes in real time; poll until every source has finished.
      const auto deadline = at(mixEndSec(clips) + 2.0);
      while (anyPlaying(set) && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      if (options.tailSec > 0.0) std::this_thread::sleep_for(std::chrono::duration<double>(options.tailSec));
      played = alStatus("wave writer playback");
    }
  }
  alcDestroyContext(context);
  alcCloseDevice(device);  // the wave writer finishes its header here
  if (!played) return played.error();
  std::error_code ec;
  std::filesystem::copy_file(waveFile, path, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return makeError("audio: cannot copy {} to {}: {}", waveFile.string(), path.string(), ec.message());
  return readWav(path);
}

}  // namespace sc::guide
