#include <gtest/gtest.h>

#include <cmath>

#include "guide/wav_file.hpp"

namespace sc::guide {
namespace {

TEST(WavFile, RoundTripsAndRejectsTruncatedChunks) {
  WavData wav;
  wav.sampleRate = 22050;
  wav.channels = 2;
  for (int i = 0; i < 2000; ++i) wav.samples.push_back(static_cast<std::int16_t>(i * 7 - 7000));
  auto bytes = encodeWav(wav);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto back = decodeWav(*bytes, "mem.wav");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->sampleRate, 22050);
  EXPECT_EQ(back->channels, 2);
  EXPECT_EQ(back->samples, wav.samples);
  EXPECT_NEAR(back->durationSec(), 1000.0 / 22050, 1e-12);

  std::vector<std::uint8_t> broken(bytes->begin(), bytes->begin() + 30);  // inside the fmt chunk
  auto bad = decodeWav(broken, "broken.wav");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("broken.wav"), std::string::npos);
  EXPECT_FALSE(decodeWav(std::vector<std::uint8_t>{'R', 'I', 'F', 'F'}, "x").ok());
}

TEST(WavFile, RmsOfFullScaleSquareIsOne) {
  std::vector<std::int16_t> square(1000);
  for (std::size_t i = 0; i < square.size(); ++i) square[i] = i % 2 ? 32767 : -32768;
  EXPECT_NEAR(rmsLevel(square), 1.0, 1e-3);
  EXPECT_EQ(rmsLevel(std::vector<std::int16_t>(10, 0)), 0.0);
}

}  // namespace
}  // namespace sc::guide
