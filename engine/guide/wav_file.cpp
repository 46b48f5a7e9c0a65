#include "guide/wav_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/file_io.hpp"

namespace sc::guide {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatFloat = 3;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>((v >> (8 * i)) & 0xFF));
}
std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t get32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

}  // namespace

Result<std::vector<std::uint8_t>> encodeWav(const WavData& wav) {
  if (wav.channels < 1 || wav.channels > 8 || wav.sampleRate < 1 || wav.sampleRate > 384000) {
    return makeError("WAV: unsupported format ({} channels, {} Hz)", wav.channels, wav.sampleRate);
  }
  if (wav.samples.size() % static_cast<std::size_t>(wav.channels) != 0) {
    return makeError("WAV: {} samples is not a whole number of {}-channel frames",
                     wav.samples.size(), wav.channels);
  }
  const std::uint64_t dataBytes = wav.samples.size() * 2ull;
  if (dataBytes > 0xFFFFFFFFull - 36) return makeError("WAV: audio too long for a WAV file (4 GiB)");
  std::vector<std::uint8_t> out;
  out.reserve(44 + dataBytes);
  out.insert(out.end(), {'R', 'I', 'F', 'F'});
  put32(out, static_cast<std::uint32_t>(36 + dataBytes));
  out.insert(out.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  put32(out, 16);
  put16(out, kFormatPcm);
  put16(out, static_cast<std::uint16_t>(wav.channels));
  put32(out, static_cast<std::uint32_t>(wav.sampleRate));
  put32(out, static_cast<std::uint32_t>(wav.sampleRate * wav.channels * 2));
  put16(out, static_cast<std::uint16_t>(wav.channels * 2));
  put16(out, 16);
  out.insert(out.end(), {'d', 'a', 't', 'a'});
  put32(out, static_cast<std::uint32_t>(dataBytes));
  for (std::int16_t s : wav.samples) put16(out, static_cast<std::uint16_t>(s));
  return out;
}

Status writeWav(const std::filesystem::path& path, const WavData& wav) {
  auto bytes = encodeWav(wav);
  if (!bytes) return makeError("{}: {}", path.string(), bytes.error().message);
  return writeFileAtomic(path, *bytes);
}

Result<WavData> decodeWav(std::span<const std::uint8_t> bytes, std::string_view name) {
  if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 ||
      std::memcmp(bytes.data() + 8, "WAVE", 4) != 0) {
    return makeError("{}: not a RIFF/WAVE file", name);
  }
  std::uint16_t format = 0;
  std::uint16_t bits = 0;
  WavData wav;
  bool haveFormat = false;
  std::size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    const std::uint8_t* chunk = bytes.data() + pos;
    const std::size_t available = bytes.size() - pos - 8;
    std::size_t size = get32(chunk + 4);
    const bool isData = std::memcmp(chunk, "data", 4) == 0;
    if (size > available) {
      if (!isData) return makeError("{}: chunk at byte {} claims {} bytes, only {} remain", name, pos, size, available);
      size = available;  // an unfinished writer: take what is there
    }
    if (isData && size == 0) size = available;
    if (std::memcmp(chunk, "fmt ", 4) == 0) {
      if (size < 16) return makeError("{}: fmt chunk too short ({} bytes)", name, size);
      format = get16(chunk + 8);
      wav.channels = get16(chunk + 10);
      wav.sampleRate = static_cast<int>(get32(chunk + 12));
      bits = get16(chunk + 22);
      if (format == kFormatExtensible) {
        if (size < 40) return makeError("{}: extensible fmt chunk too short ({} bytes)", name, size);
        format = get16(chunk + 8 + 24);  // first two bytes of the sub-format GUID
      }
      haveFormat = true;
    } else if (isData) {
      if (!haveFormat) return makeError("{}: data chunk before fmt chunk", name);
      if (wav.channels < 1 || wav.channels > 8 || wav.sampleRate < 1) {
        return makeError("{}: unsupported format ({} channels, {} Hz)", name, wav.channels, wav.sampleRate);
      }
      const std::uint8_t* data = chunk + 8;
      if (format == kFormatPcm && bits == 16) {
        wav.samples.resize(size / 2);
        for (std::size_t i = 0; i < wav.samples.size(); ++i) {
          wav.samples[i] = static_cast<std::int16_t>(get16(data + 2 * i));
        }
      } else if (format == kFormatFloat && bits == 32) {
        wav.samples.resize(size / 4);
        for (std::size_t i = 0; i < wav.samples.size(); ++i) {
          const std::uint32_t raw = get32(data + 4 * i);
          float f;
          std::memcpy(&f, &raw, 4);
          wav.samples[i] = static_cast<std::int16_t>(std::lround(std::clamp(f, -1.0f, 1.0f) * 32767.0f));
        }
      } else {
        return makeError("{}: unsupported sample format (tag {}, {} bits); expected 16-bit PCM or "
                         "32-bit float", name, format, bits);
      }
      wav.samples.resize(wav.samples.size() - wav.samples.size() % wav.channels);
      return wav;
    }
    pos += 8 + size + (size & 1);
  }
  return makeError("{}: no data chunk", name);
}

Result<WavData> readWav(const std::filesystem::path& path) {
  auto bytes = readFileBytes(path);
  if (!bytes) return bytes.error();
  return decodeWav(*bytes, path.string());
}

double rmsLevel(std::span<const std::int16_t> samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (std::int16_t s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / samples.size()) / 32768.0;
}

}  // namespace sc::guide
