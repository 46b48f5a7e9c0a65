// The generator's own output: determinism, the committed asset being current, budgets, weights,
// and the morph targets' reach (in memory, before any importer touches it).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "anim/humanoid.hpp"
#include "core/file_io.hpp"
#include "gltf_export.hpp"
#include "guide_builder.hpp"

namespace sc::avatar {
namespace {

namespace fs = std::filesystem;

fs::path tempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("sc_avatar_test_" + name);
  fs::remove_all(dir);
  return dir;
}

std::vector<std::uint8_t> bytesOf(const fs::path& file) {
  auto bytes = readFileBytes(file);
  EXPECT_TRUE(bytes.ok()) << file;
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

std::vector<std::string> filesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const GuideModel& guide() {
  static const GuideModel model = buildGuide({});
  return model;
}

TEST(AvatarGenerator, SameSeedSameBytes) {
  const fs::path a = tempDir("a"), b = tempDir("b");
  ASSERT_TRUE(writeGuideGltf(buildGuide({.seed = 7}), a).ok());
  ASSERT_TRUE(writeGuideGltf(buildGuide({.seed = 7}), b).ok());
  ASSERT_EQ(filesIn(a), filesIn(b));
  for (const std::string& f : filesIn(a)) EXPECT_EQ(bytesOf(a / f), bytesOf(b / f)) << f;
  // Another seed changes the textures' noise but not the geometry (the .bin).
  const fs::path c = tempDir("c");
  ASSERT_TRUE(writeGuideGltf(buildGuide({.seed = 8}), c).ok());
  EXPECT_EQ(bytesOf(a / "guide.bin"), bytesOf(c / "guide.bin"));
  EXPECT_NE(bytesOf(a / "jacket_basecolor.png"), bytesOf(c / "jacket_basecolor.png"));
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(AvatarGenerator, CommittedAssetIsCurrent) {
  // assets/guide must be what `sc_avatar --seed 1 --out assets/guide` writes today.
  const fs::path out = tempDir("current");
  auto stats = writeGuideGltf(guide(), out);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  const fs::path committed = SC_AVATAR_ASSETS;
  ASSERT_EQ(filesIn(out), filesIn(committed)) << "regenerate: sc_avatar --seed 1 --out assets/guide";
  for (const std::string& f : filesIn(out)) {
    EXPECT_EQ(bytesOf(out / f), bytesOf(committed / f))
        << f << " is stale; regenerate: sc_avatar --seed 1 --out assets/guide";
  }
  std::uint64_t total = 0;
  for (const std::string& f : filesIn(committed)) total += fs::file_size(committed / f);
  EXPECT_LT(total, 3u * 1024u * 1024u);
  EXPECT_EQ(total, stats->bytes);
  fs::remove_all(out);
}

TEST(AvatarGenerator, TriangleBudgetAndSkeleton) {
  const GuideModel& m = guide();
  EXPECT_GE(m.triangleCount(), 15000u);
  EXPECT_LE(m.triangleCount(), 40000u);
  const anim::Skeleton ref = anim::makeReferenceHumanoid();
  ASSERT_EQ(m.joints.size(), ref.jointCount());
  for (std::size_t j = 0; j < ref.jointCount(); ++j) {
    EXPECT_EQ(m.joints[j].name, ref.names[j]);
    EXPECT_EQ(m.joints[j].parent, ref.parents[j]);
  }
  EXPECT_NEAR(m.joints[std::size_t(m.jointIndex("head"))].world.y, 1.55f, 1e-5f);
}

TEST(AvatarGenerator, WeightsAreNormalisedAndValid) {
  const GuideModel& m = guide();
  std::size_t checked = 0;
  for (const Mesh& mesh : m.meshes) {
    for (const Primitive& p : mesh.primitives) {
      for (std::size_t i = 0; i < p.indices.size(); ++i) ASSERT_LT(p.indices[i], p.vertices.size());
      for (const Vertex& v : p.vertices) {
        const float sum = v.weights.x + v.weights.y + v.weights.z + v.weights.w;
        ASSERT_NEAR(sum, 1.0f, 1e-4f) << mesh.name;
        for (int k = 0; k < 4; ++k) {
          ASSERT_GE(v.weights[k], 0.0f);
          ASSERT_LT(v.joints[k], m.joints.size());
        }
        ASSERT_NEAR(glm::length(v.normal), 1.0f, 1e-3f) << mesh.name;
        ASSERT_TRUE(std::isfinite(v.position.x + v.position.y + v.position.z));
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, m.vertexCount());
}

TEST(AvatarGenerator, ElbowBlendsBetweenUpperAndLowerArm) {
  // Vertices around the left elbow (x = 0.45) are shared by both arm bones; well away from it
  // they follow one bone only. This is what makes the elbow bend without a crease.
  const GuideModel& m = guide();
  const int upper = m.jointIndex("leftUpperArm"), lower = m.jointIndex("leftLowerArm");
  int shared = 0, upperOnly = 0;
  for (const Primitive& p : m.meshes[0].primitives) {
    for (const Vertex& v : p.vertices) {
      float wu = 0, wl = 0;
      for (int k = 0; k < 4; ++k) {
        if (v.joints[k] == upper) wu += v.weights[k];
        if (v.joints[k] == lower) wl += v.weights[k];
      }
      if (std::abs(v.position.x - 0.45f) < 0.01f && std::abs(v.position.y - 1.41f) < 0.06f) {
        EXPECT_GT(wu, 0.2f);
        EXPECT_GT(wl, 0.2f);
        ++shared;
      }
      if (std::abs(v.position.x - 0.30f) < 0.01f && std::abs(v.position.y - 1.41f) < 0.06f) {
        EXPECT_GT(wu, 0.99f);
        ++upperOnly;
      }
    }
  }
  EXPECT_GT(shared, 10);
  EXPECT_GT(upperOnly, 10);
}

}  // namespace
}  // namespace sc::avatar
