#pragma once
// What `shancheng soak` measures and how it judges it, as plain functions (unit-tested with
// synthetic series): the process's resident memory from /proc, a least-squares growth rate over
// a series of samples, and the durations its command line takes ("30m", "60s", "1h", "45").
#include <cstdint>
#include <span>
#include <string>

#include "core/result.hpp"

namespace sc::app {

// Resident memory of this process. Linux only: zeros elsewhere or when /proc cannot be read.
struct ProcessMemory {
  std::uint64_t rssBytes = 0;      // /proc/self/status VmRSS
  std::uint64_t rssAnonBytes = 0;  // /proc/self/status RssAnon (heap, driver allocations)
  std::uint64_t pssBytes = 0;      // /proc/self/smaps_rollup Pss (0 where the kernel lacks it)
  // The C heap as glibc's allocator sees it (mallinfo2, every arena; zeros elsewhere): bytes in
  // live allocations, and bytes freed but still held by the allocator. Resident heap that
  // malloc_trim cannot return with heapInUse flat is fragmentation; heapInUse growing is
  // something still holding allocations.
  std::uint64_t heapInUseBytes = 0;
  std::uint64_t heapFreeBytes = 0;
};
ProcessMemory readProcessMemory();

// Least-squares line through (seconds[i], bytes[i]); the slope given in MB (10^6 bytes) per
// 10 minutes, the unit of the soak's bound. Fewer than 2 points, or all at one time: valid false.
struct GrowthFit {
  bool valid = false;
  std::size_t points = 0;
  double mbPerTenMinutes = 0.0;
  double spanSeconds = 0.0;  // from the first to the last point
};
GrowthFit fitGrowth(std::span<const double> seconds, std::span<const double> bytes);

// The soak's bound: growth over `maxMbPerTenMinutes` fails; a fit that is not valid fails too
// (nothing was measured, so nothing is shown to be flat).
inline bool growthWithin(const GrowthFit& fit, double maxMbPerTenMinutes) {
  return fit.valid && fit.mbPerTenMinutes <= maxMbPerTenMinutes;
}

// "90" or "90s" = 90 s, "2.5m" = 150 s, "1h" = 3600 s. Errors name the text and the forms.
Result<double> parseDuration(const std::string& text);

}  // namespace sc::app
