#include "app/memory_sampler.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sc::app {

namespace {

// "VmRSS:     123456 kB" -> bytes when `line` starts with `key`.
bool readKb(const std::string& line, const char* key, std::uint64_t& bytes) {
  std::size_t n = std::strlen(key);
  if (line.compare(0, n, key) != 0) return false;
  unsigned long long kb = 0;
  if (std::sscanf(line.c_str() + n, " %llu", &kb) != 1) return false;
  bytes = std::uint64_t(kb) * 1024u;
  return true;
}

}  // namespace

ProcessMemory readProcessMemory() {
  ProcessMemory memory;
  std::string line;
  if (std::ifstream status("/proc/self/status"); status) {
    while (std::getline(status, line)) {
      readKb(line, "VmRSS:", memory.rssBytes) || readKb(line, "RssAnon:", memory.rssAnonBytes);
    }
  }
  // smaps_rollup walks every mapping (a few ms with a Vulkan driver loaded): once per sample is fine.
  if (std::ifstream rollup("/proc/self/smaps_rollup"); rollup) {
    while (std::getline(rollup, line)) {
      if (readKb(line, "Pss:", memory.pssBytes)) break;
    }
  }
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 heap = mallinfo2();
  memory.heapInUseBytes = heap.uordblks + heap.hblkhd;  // small chunks in arenas + mmapped ones
  memory.heapFreeBytes = heap.fordblks;
#endif
  return memory;
}

GrowthFit fitGrowth(std::span<const double> seconds, std::span<const double> bytes) {
  GrowthFit fit;
  const std::size_t n = std::min(seconds.size(), bytes.size());
  fit.points = n;
  if (n < 2) return fit;
  // Centred sums: byte counts near 10^9 squared would lose precision in the textbook formula.
  double meanT = 0.0, meanB = 0.0;
  for (std::size_t i = 0; i < n; ++i) meanT += seconds[i], meanB += bytes[i];
  meanT /= double(n);
  meanB /= double(n);
  double stt = 0.0, stb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    stt += (seconds[i] - meanT) * (seconds[i] - meanT);
    stb += (seconds[i] - meanT) * (bytes[i] - meanB);
  }
  fit.spanSeconds = seconds[n - 1] - seconds[0];
  if (!(stt > 0.0)) return fit;
  const double bytesPerSecond = stb / stt;
  fit.mbPerTenMinutes = bytesPerSecond * 600.0 / 1e6;
  fit.valid = std::isfinite(fit.mbPerTenMinutes);
  return fit;
}

Result<double> parseDuration(const std::string& text) {
  double value = 0.0;
  char unit = 's', extra = 0;
  int got = std::sscanf(text.c_str(), "%lf%c%c", &value, &unit, &extra);
  double scale = unit == 's' ? 1.0 : unit == 'm' ? 60.0 : unit == 'h' ? 3600.0 : 0.0;
  if (got < 1 || got > 2 || scale == 0.0 || !std::isfinite(value) || value < 0.0) {
    return makeError("duration '{}': write seconds (90 or 90s), minutes (2.5m) or hours (1h)", text);
  }
  return value * scale;
}

}  // namespace sc::app
