#pragma once
// Eye blinks for the guide, separate from speech: a deterministic schedule from a seed, so a
// headless tour render blinks the same way every run.
#include <cstdint>
#include <vector>

namespace sc::guide {

struct BlinkOptions {
  double minIntervalSec = 2.0;   // time between blink starts, uniform in [min, max]
  double maxIntervalSec = 6.0;
  double closeSec = 0.06;        // lid closing
  double holdSec = 0.03;         // fully closed
  double openSec = 0.10;         // lid opening (slower than closing)
  double doubleBlinkChance = 0.1;  // chance that a blink is followed 0.25 s later by another
};

class BlinkScheduler {
 public:
  // Invalid options (negative durations, max < min, a blink longer than the interval) are
  // clamped to sane values rather than rejected: they come from scene files.
  explicit BlinkScheduler(std::uint64_t seed, const BlinkOptions& options = {});

  // Blink morph weight at time t >= 0 (0 = open, 1 = closed). The schedule is generated lazily
  // and only depends on the seed and options, never on the order or spacing of queries.
  float weightAt(double t);

  // Blink start times generated so far (covers at least [0, t] after weightAt(t)).
  const std::vector<double>& blinkStarts() const { return starts_; }

 private:
  double nextUniform();  // [0, 1), splitmix64 (the same on every platform, unlike std::<random>)
  void extendTo(double t);

  BlinkOptions options_;
  std::uint64_t state_;
  std::vector<double> starts_;
  double nextStart_ = 0.0;
};

}  // namespace sc::guide
