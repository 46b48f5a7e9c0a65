#include "assets/content_hash.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace sc::assets {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ull;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ull;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ull;

static_assert(std::endian::native == std::endian::little,
              "the cooked cache and its hashes assume a little-endian host");

std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

std::uint64_t mixLane(std::uint64_t acc, std::uint64_t input) {
  acc += input * kPrime2;
  acc = std::rotl(acc, 31);
  return acc * kPrime1;
}

std::uint64_t mergeLane(std::uint64_t acc, std::uint64_t lane) {
  acc ^= mixLane(0, lane);
  return acc * kPrime1 + kPrime4;
}

// Folds the four lanes (inputs of 32 bytes or more) into one value.
std::uint64_t foldLanes(const std::uint64_t lanes[4]) {
  std::uint64_t h = std::rotl(lanes[0], 1) + std::rotl(lanes[1], 7) + std::rotl(lanes[2], 12) +
                    std::rotl(lanes[3], 18);
  for (int i = 0; i < 4; ++i) h = mergeLane(h, lanes[i]);
  return h;
}

// Consumes whole 32-byte stripes; returns the pointer after the last one.
const std::uint8_t* consumeStripes(std::uint64_t lanes[4], const std::uint8_t* p, const std::uint8_t* end) {
  // Four independent lanes keep the multiplier pipelines busy: this is what makes it fast.
  std::uint64_t v1 = lanes[0], v2 = lanes[1], v3 = lanes[2], v4 = lanes[3];
  while (end - p >= 32) {
    v1 = mixLane(v1, load64(p));
    v2 = mixLane(v2, load64(p + 8));
    v3 = mixLane(v3, load64(p + 16));
    v4 = mixLane(v4, load64(p + 24));
    p += 32;
  }
  lanes[0] = v1, lanes[1] = v2, lanes[2] = v3, lanes[3] = v4;
  return p;
}

void initLanes(std::uint64_t lanes[4], std::uint64_t seed) {
  lanes[0] = seed + kPrime1 + kPrime2;
  lanes[1] = seed + kPrime2;
  lanes[2] = seed;
  lanes[3] = seed - kPrime1;
}

// The last (fewer than 32) bytes and the final avalanche.
std::uint64_t finishTail(std::uint64_t h, const std::uint8_t* p, const std::uint8_t* end) {
  while (end - p >= 8) {
    h ^= mixLane(0, load64(p));
    h = std::rotl(h, 27) * kPrime1 + kPrime4;
    p += 8;
  }
  if (end - p >= 4) {
    h ^= std::uint64_t(load32(p)) * kPrime1;
    h = std::rotl(h, 23) * kPrime2 + kPrime3;
    p += 4;
  }
  while (p < end) {
    h ^= std::uint64_t(*p) * kPrime5;
    h = std::rotl(h, 11) * kPrime1;
    ++p;
  }
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  h ^= h >> 32;
  return h;
}

}  // namespace

std::uint64_t hash64(std::span<const std::uint8_t> bytes, std::uint64_t seed) {
  const std::uint8_t* p = bytes.data();
  const std::uint8_t* const end = p + bytes.size();
  std::uint64_t h;
  if (bytes.size() >= 32) {
    std::uint64_t lanes[4];
    initLanes(lanes, seed);
    p = consumeStripes(lanes, p, end);
    h = foldLanes(lanes);
  } else {
    h = seed + kPrime5;
  }
  return finishTail(h + std::uint64_t(bytes.size()), p, end);
}

StreamHasher::StreamHasher(std::uint64_t seed) : seed_(seed) { initLanes(lanes_, seed); }

void StreamHasher::update(std::span<const std::uint8_t> bytes) {
  const std::uint8_t* p = bytes.data();
  const std::uint8_t* const end = p + bytes.size();
  total_ += bytes.size();
  if (buffered_ > 0) {
    const std::size_t take = std::min<std::size_t>(32 - buffered_, bytes.size());
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    if (buffered_ < 32) return;
    consumeStripes(lanes_, buffer_, buffer_ + 32);
    buffered_ = 0;
  }
  p = consumeStripes(lanes_, p, end);
  buffered_ = std::size_t(end - p);
  if (buffered_ > 0) std::memcpy(buffer_, p, buffered_);
}

std::uint64_t StreamHasher::finish() const {
  const std::uint64_t h = total_ >= 32 ? foldLanes(lanes_) : seed_ + kPrime5;
  return finishTail(h + total_, buffer_, buffer_ + buffered_);
}

std::uint64_t hash64(std::string_view text, std::uint64_t seed) {
  return hash64({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, seed);
}

std::string hashHex(std::uint64_t hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[std::size_t(i)] = kDigits[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

HashBuilder& HashBuilder::add(std::uint64_t value) {
  std::uint8_t raw[8];
  std::memcpy(raw, &value, 8);
  bytes_.insert(bytes_.end(), raw, raw + 8);
  return *this;
}

HashBuilder& HashBuilder::add(std::string_view text) {
  add(std::uint64_t(text.size()));
  bytes_.insert(bytes_.end(), text.begin(), text.end());
  return *this;
}

HashBuilder& HashBuilder::addFloat(float value) {
  return add(std::uint64_t(std::bit_cast<std::uint32_t>(value)));
}

std::uint64_t HashBuilder::finish(std::uint64_t seed) const { return hash64(bytes_, seed); }

}  // namespace sc::assets
