// Tests against the real OpenAL Soft (and espeak-ng for the narration); skipped in builds
// without them.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "guide/audio_output.hpp"
#include "guide/speech_synthesizer.hpp"

namespace sc::guide {
namespace {

// OpenAL Soft reads ALSOFT_CONF once, at the first OpenAL call in the process: configure the
// wave writer before main() so every test in this binary finds it, in any order.
const bool kWaveWriterConfigured = haveAudioOutput() && useWaveWriterForProcess().ok();

#define SC_REQUIRE_AUDIO()                                                                  \
  if (!haveAudioOutput()) GTEST_SKIP() << "built without OpenAL (SC_HAVE_OPENAL unset)";   \
  if (!haveSpeechSynthesizer()) GTEST_SKIP() << "built without espeak-ng (SC_HAVE_ESPEAK unset)"

SpeechClip narration(const std::string& text) {
  auto synth = createSpeechSynthesizer();
  if (!synth) throw std::runtime_error(synth.error().message);
  auto clip = synthesizeNarration(**synth, text);
  if (!clip) throw std::runtime_error(clip.error().message);
  return std::move(clip).value();
}

std::filesystem::path outDir() {
  const auto dir = std::filesystem::temp_directory_path() / "sc_guide_tests";
  std::filesystem::create_directories(dir);
  return dir;
}

double channelRms(const WavData& wav, int channel) {
  std::vector<std::int16_t> mono;
  for (std::size_t i = channel; i < wav.samples.size(); i += wav.channels) mono.push_back(wav.samples[i]);
  return rmsLevel(mono);
}

TEST(AudioOutput, LoopbackNarrationWavHasEspeakDurationAndIsNotSilent) {
  SC_REQUIRE_AUDIO();
  const SpeechClip clip = narration("欢迎来到洪崖洞。Welcome to Hongyadong.");
  const std::vector<PlacedClip> placed = {{&clip, {0.0f, 1.6f, -2.0f}, 0.0}};
  const auto path = outDir() / "narration_loopback.wav";
  WavRenderOptions options;
  options.listener.position = {0.0f, 1.6f, 0.0f};
  auto rendered = renderToWav(placed, path, options);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  auto wav = readWav(path);
  ASSERT_TRUE(wav.ok()) << wav.error().message;
  EXPECT_EQ(wav->channels, 2);
  EXPECT_NEAR(wav->durationSec(), clip.durationSec, 0.05 * clip.durationSec);
  const double rms = rmsLevel(wav->samples);
  std::printf("[ AUDIO    ] loopback: %.3f s written, espeak %.3f s, RMS %.4f\n", wav->durationSec(),
              clip.durationSec, rms);
  EXPECT_GT(rms, 0.01);
}

TEST(AudioOutput, SourceToTheRightIsLouderInTheRightChannel) {
  SC_REQUIRE_AUDIO();
  const SpeechClip clip = narration("Jiefangbei.");
  const std::vector<PlacedClip> placed = {{&clip, {3.0f, 0.0f, 0.0f}, 0.0}};
  auto wav = renderToWav(placed, outDir() / "narration_right.wav");
  ASSERT_TRUE(wav.ok()) << wav.error().message;
  EXPECT_GT(channelRms(*wav, 1), 1.5 * channelRms(*wav, 0));
}

TEST(AudioOutput, WaveWriterBackendWritesTheNarration) {
  SC_REQUIRE_AUDIO();
  ASSERT_TRUE(kWaveWriterConfigured);
  const SpeechClip clip = narration("重庆，山城。");
  const std::vector<PlacedClip> placed = {{&clip, {0.0f, 0.0f, -1.0f}, 0.0}};
  const auto path = outDir() / "narration_wave_writer.wav";
  auto wav = renderToWavRealtime(placed, path);
  ASSERT_TRUE(wav.ok()) << wav.error().message;
  const double rms = rmsLevel(wav->samples);
  std::printf("[ AUDIO    ] wave writer: %.3f s written, espeak %.3f s, RMS %.4f\n", wav->durationSec(),
              clip.durationSec, rms);
  EXPECT_NEAR(wav->durationSec(), clip.durationSec, 0.05 * clip.durationSec);
  EXPECT_GT(rms, 0.01);
}

TEST(AudioOutput, LivePlaybackReportsItsPosition) {
  SC_REQUIRE_AUDIO();
  ASSERT_TRUE(kWaveWriterConfigured);
  const SpeechClip clip = narration("Chaotianmen.");
  auto out = AudioOutput::open();
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_TRUE((*out)->play(clip, {0.0f, 1.6f, -1.5f}).ok());
  EXPECT_TRUE((*out)->playing());
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  const double t = (*out)->playbackTimeSec();
  EXPECT_GT(t, 0.1);
  EXPECT_LT(t, 0.6);
  (*out)->stop();
  EXPECT_FALSE((*out)->playing());
}

TEST(AudioOutput, VolumeIsClampedAndIsTheListenerGain) {
  EXPECT_EQ(clampVolume(-0.5f), 0.0f);
  EXPECT_EQ(clampVolume(1.7f), 1.0f);
  EXPECT_EQ(clampVolume(0.25f), 0.25f);
  EXPECT_EQ(clampVolume(std::nanf("")), 0.0f);
  SC_REQUIRE_AUDIO();
  ASSERT_TRUE(kWaveWriterConfigured);
  auto out = AudioOutput::open();
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_FLOAT_EQ((*out)->volume(), 1.0f);  // OpenAL's default gain
  (*out)->setVolume(0.3f);
  EXPECT_FLOAT_EQ((*out)->volume(), 0.3f);  // read back with alGetListenerf(AL_GAIN)
  (*out)->setVolume(4.0f);
  EXPECT_FLOAT_EQ((*out)->volume(), 1.0f);
  (*out)->setVolume(-1.0f);
  EXPECT_FLOAT_EQ((*out)->volume(), 0.0f);
}

// The same listener gain in a rendered mix: half the volume, half the amplitude; zero, silence.
TEST(AudioOutput, VolumeScalesTheRenderedWav) {
  SC_REQUIRE_AUDIO();
  const SpeechClip clip = narration("Ciqikou.");
  const std::vector<PlacedClip> placed = {{&clip, {0.0f, 0.0f, -1.0f}, 0.0}};
  WavRenderOptions options;
  auto full = renderToWav(placed, outDir() / "volume_full.wav", options);
  options.volume = 0.5f;
  auto half = renderToWav(placed, outDir() / "volume_half.wav", options);
  options.volume = 0.0f;
  auto silent = renderToWav(placed, outDir() / "volume_zero.wav", options);
  ASSERT_TRUE(full.ok() && half.ok() && silent.ok());
  const double rmsFull = rmsLevel(full->samples), rmsHalf = rmsLevel(half->samples);
  std::printf("[ AUDIO    ] volume 1: RMS %.4f, volume 0.5: RMS %.4f, volume 0: RMS %.6f\n", rmsFull, rmsHalf,
              rmsLevel(silent->samples));
  EXPECT_GT(rmsFull, 0.01);
  EXPECT_NEAR(rmsHalf / rmsFull, 0.5, 0.03);
  EXPECT_LT(rmsLevel(silent->samples), 1e-4);
}

}  // namespace
}  // namespace sc::guide
