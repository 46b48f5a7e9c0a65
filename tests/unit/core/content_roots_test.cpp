#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/content_roots.hpp"

namespace sc {

namespace fs = std::filesystem;

class ContentRootsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("sc_roots_" + std::to_string(::getpid()));
    fs::create_directories(base_ / "scene" / "models");
    fs::create_directories(base_ / "shared");
    std::ofstream(base_ / "scene" / "models" / "a.gltf") << "{}";
    std::ofstream(base_ / "shared" / "b.png") << "x";
    std::ofstream(base_ / "secret.txt") << "secret";
    fs::create_symlink(base_ / "secret.txt", base_ / "scene" / "link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_;
};

TEST_F(ContentRootsTest, ResolvesInsideTheRootsInOrder) {
  ContentRoots roots({base_ / "scene", base_ / "shared"});
  auto a = roots.resolve("models/a.gltf", "test");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(*a, fs::canonical(base_ / "scene" / "models" / "a.gltf"));
  auto b = roots.resolve("b.png", "test");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(*b, fs::canonical(base_ / "shared" / "b.png"));
  // Relative to a folder inside a root (a texture next to its model).
  auto relative = roots.resolve("a.gltf", "test", base_ / "scene" / "models");
  ASSERT_TRUE(relative) << relative.error().message;
}

TEST_F(ContentRootsTest, RefusesEscapesSchemesAndAbsolutePaths) {
  ContentRoots roots({base_ / "scene"});
  for (const char* bad : {"../secret.txt", "models/../../secret.txt", "/etc/passwd", "file:///etc/passwd",
                          "http://example.com/x.png", "C:\\x.png", "models\\..\\..\\secret.txt", ""}) {
    auto r = roots.resolve(bad, "scene.json: /models/0/path");
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("scene.json: /models/0/path"), std::string::npos) << r.error().message;
  }
  auto link = roots.resolve("link.txt", "scene.json");
  ASSERT_FALSE(link);
  EXPECT_NE(link.error().message.find("symlink"), std::string::npos) << link.error().message;
  auto missing = roots.resolve("models/none.gltf", "scene.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("not found"), std::string::npos);
  EXPECT_FALSE(roots.contains(base_ / "secret.txt"));
  EXPECT_TRUE(roots.contains(base_ / "scene" / "models" / "a.gltf"));
}

}  // namespace sc
