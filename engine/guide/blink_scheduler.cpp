#include "guide/blink_scheduler.hpp"

#include <algorithm>

namespace sc::guide {

BlinkScheduler::BlinkScheduler(std::uint64_t seed, const BlinkOptions& options)
    : options_(options), state_(seed) {
  options_.closeSec = std::clamp(options_.closeSec, 0.01, 1.0);
  options_.holdSec = std::clamp(options_.holdSec, 0.0, 1.0);
  options_.openSec = std::clamp(options_.openSec, 0.01, 1.0);
  const double blinkLength = options_.closeSec + options_.holdSec + options_.openSec;
  options_.minIntervalSec = std::max(options_.minIntervalSec, blinkLength + 0.3);
  options_.maxIntervalSec = std::max(options_.maxIntervalSec, options_.minIntervalSec);
  options_.doubleBlinkChance = std::clamp(options_.doubleBlinkChance, 0.0, 1.0);
  // The first blink comes somewhere inside the first interval, not at t = 0.
  nextStart_ = nextUniform() * options_.maxIntervalSec;
}

double BlinkScheduler::nextUniform() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

void BlinkScheduler::extendTo(double t) {
  const double blinkLength = options_.closeSec + options_.holdSec + options_.openSec;
  while (nextStart_ <= t) {
    starts_.push_back(nextStart_);
    double gap = options_.minIntervalSec +
                 nextUniform() * (options_.maxIntervalSec - options_.minIntervalSec);
    if (nextUniform() < options_.doubleBlinkChance) gap = blinkLength + 0.1;
    nextStart_ += gap;
  }
}

float BlinkScheduler::weightAt(double t) {
  if (t < 0.0) return 0.0f;
  extendTo(t);
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), t);
  if (after == starts_.begin()) return 0.0f;
  const double local = t - *(after - 1);
  if (local < options_.closeSec) return static_cast<float>(local / options_.closeSec);
  if (local < options_.closeSec + options_.holdSec) return 1.0f;
  const double opening = local - options_.closeSec - options_.holdSec;
  if (opening < options_.openSec) return static_cast<float>(1.0 - opening / options_.openSec);
  return 0.0f;
}

}  // namespace sc::guide
