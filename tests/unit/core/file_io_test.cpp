#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "core/image_io.hpp"

namespace sc {

namespace fs = std::filesystem;

namespace {
std::span<const std::uint8_t> bytesOf(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

TEST(FileIo, AtomicWriteKeepsABackupAndNeverLeavesTemporaries) {
  fs::path dir = fs::temp_directory_path() / ("sc_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "poi.json";
  std::string first = "first", second = "second";
  ASSERT_TRUE(writeFileAtomic(file, bytesOf(first)));
  ASSERT_TRUE(writeFileAtomic(file, bytesOf(second), true));
  EXPECT_EQ(*readFileText(file), "second");
  EXPECT_EQ(*readFileText(dir / "poi.json.bak"), "first");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 2u);
  // A folder that does not exist: an error, nothing written.
  EXPECT_FALSE(writeFileAtomic(dir / "missing" / "x.json", {}));
  fs::remove_all(dir);
}

TEST(FileIo, ReadErrorsNameTheFile) {
  auto missing = readFileBytes("/nonexistent/shancheng.bin");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/shancheng.bin"), std::string::npos);
  auto folder = readFileBytes("/tmp");
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().message.find("folder"), std::string::npos);
}

TEST(ImageIo, PngRoundTrip) {
  ImageRgba8 image;
  image.width = 3;
  image.height = 2;
  for (int i = 0; i < 6; ++i) image.pixels.insert(image.pixels.end(), {std::uint8_t(i * 40), 7, 200, 255});
  fs::path file = fs::temp_directory_path() / ("sc_png_" + std::to_string(::getpid()) + ".png");
  ASSERT_TRUE(writePng(file, image));
  auto back = readPng(file);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pixels, image.pixels);
  fs::remove(file);
  auto notPng = readPng("/etc/hostname");
  EXPECT_FALSE(notPng);
}

}  // namespace sc
