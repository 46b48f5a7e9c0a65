#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "assets/content_hash.hpp"

namespace sc::assets {
namespace {

// Reference values computed with the system's libxxhash 0.8.1 (XXH64), so the hash is the
// published algorithm, not an accident that merely looks random.
TEST(ContentHash, MatchesXxh64ReferenceValues) {
  EXPECT_EQ(hash64(std::string_view("")), 0xef46db3751d8e999ull);
  EXPECT_EQ(hash64(std::string_view("abc")), 0x44bc2cf5ad770999ull);
  EXPECT_EQ(hash64(std::string_view("The quick brown fox jumps over the lazy dog")), 0x0b242d361fda71bcull);
  std::vector<std::uint8_t> bytes(100);
  std::iota(bytes.begin(), bytes.end(), std::uint8_t(0));
  EXPECT_EQ(hash64(bytes, 7), 0x80653e7e9b887cddull);
}

TEST(ContentHash, EveryBitOfEveryLengthMatters) {
  std::vector<std::uint8_t> bytes(67, 0x5a);
  const auto base = hash64(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] ^= 0x10;
    EXPECT_NE(hash64(bytes), base) << "byte " << i;
    bytes[i] ^= 0x10;
  }
  EXPECT_NE(hash64(std::span(bytes).first(66)), base);
}

TEST(ContentHash, HexAndBuilderSeparateFields) {
  EXPECT_EQ(hashHex(0x0123456789abcdefull), "0123456789abcdef");
  EXPECT_EQ(hashHex(0), "0000000000000000");
  EXPECT_NE(HashBuilder().add("ab").add("c").finish(), HashBuilder().add("a").add("bc").finish());
  EXPECT_EQ(HashBuilder().add(1).addFloat(0.5f).finish(), HashBuilder().add(1).addFloat(0.5f).finish());
  EXPECT_NE(HashBuilder().addFloat(0.5f).finish(), HashBuilder().addFloat(0.25f).finish());
}

}  // namespace
}  // namespace sc::assets
