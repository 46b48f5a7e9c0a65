// Texture decoding and mip generation, on real PNGs and on synthetic pixels.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "assets/texture_decode.hpp"
#include "test_support.hpp"

namespace sc::assets::test {
namespace {

std::vector<std::uint8_t> readAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(TextureDecode, MipLevelCountCoversDownToOnePixel) {
  EXPECT_EQ(mipLevelCount(1, 1), 1u);
  EXPECT_EQ(mipLevelCount(256, 256), 9u);
  EXPECT_EQ(mipLevelCount(211, 211), 8u);
  EXPECT_EQ(mipLevelCount(256, 1), 9u);
}

TEST(TextureDecode, SrgbIsAveragedInLinearLightAndLinearIsNot) {
  // Black and white side by side: the linear mean is 127.5; in sRGB, linear 0.5 is 188.
  std::vector<std::uint8_t> pixels = {0, 0, 0, 0, 255, 255, 255, 255};
  auto linear = downsampleRgba8(pixels, 2, 1, false);
  auto srgb = downsampleRgba8(pixels, 2, 1, true);
  ASSERT_EQ(linear.size(), 4u);
  EXPECT_EQ(linear[0], 128);
  EXPECT_EQ(srgb[0], 188);
  EXPECT_EQ(srgb[3], 128);  // alpha is always linear
}

TEST(TextureDecode, OddSizesHalveWithFloorAndKeepEveryLevel) {
  std::vector<std::uint8_t> pixels(std::size_t(5) * 3 * 4, 200);
  auto texture = textureFromRgba8(pixels, 5, 3, "odd", false, ImportOptions{});
  ASSERT_TRUE(texture.ok()) << texture.error().message;
  ASSERT_EQ(texture->mips.size(), 3u);  // 5x3, 2x1, 1x1
  EXPECT_EQ(texture->mips[1].size(), 2u * 1 * 4);
  EXPECT_EQ(texture->mips[2].size(), 4u);
  EXPECT_EQ(texture->mips[2][0], 200);  // a flat image stays flat
}

TEST(TextureDecode, DecodesARealPngAndRefusesItAboveTheSizeLimit) {
  auto bytes = readAll(kModels / "glTF2/textureTransform/UV.png");
  ASSERT_FALSE(bytes.empty());
  auto texture = decodeTexture(bytes, "UV.png", true, ImportOptions{});
  ASSERT_TRUE(texture.ok()) << texture.error().message;
  EXPECT_EQ(texture->width, 256u);
  EXPECT_EQ(texture->mips.size(), 9u);
  ImportOptions small;
  small.maxTextureSize = 128;
  auto refused = decodeTexture(bytes, "UV.png", true, small);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("256x256"), std::string::npos);
  EXPECT_NE(refused.error().message.find("128"), std::string::npos);
}

TEST(TextureDecode, DownscaleAboveHalvesUntilItFits) {
  auto bytes = readAll(kModels / "glTF2/textureTransform/UV.png");
  ImportOptions options;
  options.downscaleAbove = 64;
  auto texture = decodeTexture(bytes, "UV.png", true, options);
  ASSERT_TRUE(texture.ok()) << texture.error().message;
  EXPECT_EQ(texture->width, 64u);
  EXPECT_EQ(texture->mips.size(), 7u);
  options.generateMips = false;
  auto single = decodeTexture(bytes, "UV.png", true, options);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->mips.size(), 1u);
}

TEST(TextureDecode, GarbageBytesAreAnErrorNamingTheTexture) {
  std::vector<std::uint8_t> garbage(100, 0x42);
  auto texture = decodeTexture(garbage, "junk.png", false, ImportOptions{});
  ASSERT_FALSE(texture.ok());
  EXPECT_NE(texture.error().message.find("junk.png"), std::string::npos);
}

}  // namespace
}  // namespace sc::assets::test
