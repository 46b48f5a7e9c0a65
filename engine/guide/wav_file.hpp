#pragma once
// 16-bit PCM WAV files: what the narration renderer writes and what tests read back (including
// the files OpenAL Soft's wave writer produces: WAVE_FORMAT_EXTENSIBLE, int16 or float32).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sc::guide {

struct WavData {
  int sampleRate = 0;
  int channels = 0;
  std::vector<std::int16_t> samples;  // interleaved, samples.size() = frames * channels

  std::size_t frameCount() const { return channels > 0 ? samples.size() / channels : 0; }
  double durationSec() const {
    return sampleRate > 0 ? static_cast<double>(frameCount()) / sampleRate : 0.0;
  }
};

// RIFF/WAVE, PCM 16-bit little-endian. channels 1..8, sampleRate 1..384000, else an error.
Result<std::vector<std::uint8_t>> encodeWav(const WavData& wav);
// Writes atomically (core/file_io.hpp).
Status writeWav(const std::filesystem::path& path, const WavData& wav);

// Reads PCM int16 or IEEE float32 (plain or WAVE_FORMAT_EXTENSIBLE); float is converted to int16.
// Every chunk size is checked against the bytes present; a data chunk whose size field is 0 or
// too large (a writer that was not closed) is read up to the end of the file. `name` is used
// in error messages.
Result<WavData> decodeWav(std::span<const std::uint8_t> bytes, std::string_view name);
Result<WavData> readWav(const std::filesystem::path& path);

// Root mean square of the samples, normalised so that full scale is 1.0 (0 for no samples).
double rmsLevel(std::span<const std::int16_t> samples);

}  // namespace sc::guide
