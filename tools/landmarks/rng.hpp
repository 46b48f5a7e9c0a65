#pragma once
// Deterministic random numbers for the landmark generator. The same seed gives the same stream
// on every platform (PCG32 with fixed constants; no std:: distributions, whose output is
// implementation-defined).
#include <cstdint>
#include <string_view>

namespace sc::landmarks {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(0) {
    next();
    state_ += seed;
    next();
  }
  std::uint32_t next() {
    std::uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + 1442695040888963407ULL;
    auto xorshifted = std::uint32_t(((old >> 18u) ^ old) >> 27u);
    auto rot = std::uint32_t(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }
  // Uniform in [0, 1).
  float uniform() { return float(next() >> 8) * (1.0f / 16777216.0f); }
  float range(float lo, float hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi] (inclusive); hi >= lo.
  int rangeInt(int lo, int hi) { return lo + int(next() % std::uint32_t(hi - lo + 1)); }
  bool chance(float p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

// Derives an independent seed for a named sub-stream (FNV-1a over the name, mixed with seed),
// so adding a texture or a landmark does not shift the random numbers of the others.
inline std::uint64_t deriveSeed(std::uint64_t seed, std::string_view name) {
  std::uint64_t h = 1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  for (char c : name) {
    h ^= std::uint8_t(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace sc::landmarks
