#pragma once
// 64-bit content hashing for the cooked cache (keys and checksums). No dependency: the function
// is an implementation of the public XXH64 algorithm (same results as the reference for the
// test vectors in tests/unit/cook), fast enough (several GB/s) to hash every source file and
// every cache payload on each load. Not cryptographic: it detects accidents (truncation, bit
// rot, edited sources), not an attacker who rewrites a cache file on purpose; the cache reader
// therefore still validates everything it decodes.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sc::assets {

// Hash of `bytes` with `seed` (XXH64).
std::uint64_t hash64(std::span<const std::uint8_t> bytes, std::uint64_t seed = 0);
std::uint64_t hash64(std::string_view text, std::uint64_t seed = 0);

// 16 lowercase hex digits, most significant first.
std::string hashHex(std::uint64_t hash);

// The same hash over data that arrives in pieces: update() any number of times, then
// finish() (which leaves the state unchanged). Equal to hash64 over the concatenation.
class StreamHasher {
 public:
  explicit StreamHasher(std::uint64_t seed = 0);
  void update(std::span<const std::uint8_t> bytes);
  std::uint64_t finish() const;

 private:
  std::uint64_t lanes_[4];
  std::uint64_t seed_;
  std::uint64_t total_ = 0;
  std::uint8_t buffer_[32];
  std::size_t buffered_ = 0;
};

// Collects typed fields (little-endian, strings length-prefixed) and hashes them together, so
// that a key built from ("ab", "c") differs from one built from ("a", "bc").
class HashBuilder {
 public:
  HashBuilder& add(std::uint64_t value);
  HashBuilder& add(std::string_view text);
  HashBuilder& addFloat(float value);
  std::uint64_t finish(std::uint64_t seed = 0) const;

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace sc::assets
