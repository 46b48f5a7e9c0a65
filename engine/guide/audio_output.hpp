#pragma once
// Narration audio through OpenAL Soft: a positional source at the guide's head, the listener at
// the desktop camera or the HMD pose. Only compiled with a backend when CMake finds OpenAL
// (SC_HAVE_OPENAL); without it every function returns a clear error.
//
// Headless output (tests, `shancheng render --audio-out`): renderToWav() mixes through
// ALC_SOFT_loopback, faster than real time, and writes the WAV itself.
// OpenAL Soft's wave writer backend is the other headless path: useWaveWriterForProcess() writes
// an alsoft.conf ([general] drivers=wave, [wave] file=...) and points ALSOFT_CONF at it. OpenAL
// Soft reads its configuration ONCE, at the first OpenAL call in the process, so this must run
// before any OpenAL call (ours or anyone's); later it returns an error instead.
#include <filesystem>
#include <memory>
#include <span>

#include <glm/vec3.hpp>

#include "core/result.hpp"
#include "guide/speech_synthesizer.hpp"
#include "guide/wav_file.hpp"

namespace sc::guide {

// OpenAL's right-handed frame: metres, -Z forward, +Y up (the engine's convention too).
struct ListenerPose {
  glm::vec3 position{0.0f};
  glm::vec3 forward{0.0f, 0.0f, -1.0f};
  glm::vec3 up{0.0f, 1.0f, 0.0f};
};

// A volume as the listener gain takes it: clamped to [0, 1], NaN -> 0.
float clampVolume(float volume);

// True when this build has OpenAL.
bool haveAudioOutput();

// Live playback of one narration at a time on the default device.
class AudioOutput {
 public:
  // Opens the default device (or the wave writer after useWaveWriterForProcess()).
  static Result<std::unique_ptr<AudioOutput>> open();
  ~AudioOutput();
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;

  // Name of the device OpenAL opened (e.g. "Wave File Writer").
  const std::string& deviceName() const;
  void setListener(const ListenerPose& pose);
  // Master volume: the OpenAL listener gain, clamped to [0, 1] (0 silent, 1 as synthesised;
  // NaN counts as 0). Applies at once, also to a narration already playing. volume() reads the
  // gain back from OpenAL (alGetListenerf), so it reports what the mixer really uses.
  void setVolume(float volume);
  float volume() const;
  // Replaces whatever plays with `clip` (mono int16), positioned at `position`.
  Status play(const SpeechClip& clip, glm::vec3 position);
  void setSourcePosition(glm::vec3 position);  // follow the guide's head while it walks
  void pause();
  void resume();
  void stop();
  bool playing() const;
  // Seconds into the current clip as the device plays it: drive VisemeTimeline::weightsAt and
  // SubtitleTimeline::stateAt with this, so lips and highlight follow the audio, not the frame
  // clock.
  double playbackTimeSec() const;

  struct Impl;

 private:
  explicit AudioOutput(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One clip placed in the mix.
struct PlacedClip {
  const SpeechClip* clip = nullptr;  // mono int16; must outlive the call
  glm::vec3 position{0.0f};          // world position of the source (the guide's head)
  double startSec = 0.0;             // when it starts in the mix
};

struct WavRenderOptions {
  ListenerPose listener;
  int sampleRate = 44100;  // output rate, 8000..192000
  double tailSec = 0.0;    // silence kept after the last clip ends
  float volume = 1.0f;     // listener gain as AudioOutput::setVolume (clamped to [0, 1])
};

// Mixes the clips spatially (stereo int16) through OpenAL Soft's loopback device, faster than
// real time, and writes `path` (a 16-bit stereo WAV). Returns what was written. The length is
// the end of the last clip plus tailSec. Fails when OpenAL lacks ALC_SOFT_loopback.
Result<WavData> renderToWav(std::span<const PlacedClip> clips, const std::filesystem::path& path,
                            const WavRenderOptions& options = {});

// See the top of this file. `workDir` (default: a new folder under the system temp dir) holds
// the alsoft.conf and the wave writer's output. Safe to call more than once before OpenAL starts.
Status useWaveWriterForProcess(const std::filesystem::path& workDir = {});

// The same mix through OpenAL Soft's wave writer device, in REAL TIME (a 3 s narration takes
// about 3 s). Needs useWaveWriterForProcess() first. The file holds everything the device
// mixed from open to close, so it is slightly longer than the clips (a few periods of ~20 ms).
Result<WavData> renderToWavRealtime(std::span<const PlacedClip> clips,
                                    const std::filesystem::path& path,
                                    const WavRenderOptions& options = {});

}  // namespace sc::guide
