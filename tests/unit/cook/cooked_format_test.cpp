#include <cstdlib>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "assets/cooked_format.hpp"
#include "assets/importer.hpp"
#include "assets/mesh_optimize.hpp"
#include "cook_test_support.hpp"

namespace sc::assets {
namespace {

using cooktest::kModels;
using cooktest::modelDifference;

Model importSample(const std::string& relative) {
  ContentRoots roots({kModels});
  auto model = importModel(kModels / relative, roots);
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model.value()) : Model{};
}

std::vector<std::uint8_t> encode(const Model& model) {
  const std::vector<CookedDependency> deps{{"a.bin", 12, 34}, {"tex/b.png", 56, 78}};
  return encodeCookedFile(model, 0x1234, 99, deps, kCookedFlagOptimized);
}

TEST(CookedFormat, RoundTripIsExactForRealModels) {
  for (const char* relative :
       {"glTF2/BoxTextured-glTF/BoxTextured.gltf", "glTF2/simple_skin/simple_skin.gltf",
        "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf",
        "glTF2/cameras/Cameras.gltf", "FBX/animation_with_skeleton.fbx", "Collada/duck.dae"}) {
    SCOPED_TRACE(relative);
    Model model = importSample(relative);
    optimizeModel(model, MeshOptimizeOptions{.lodTriangleThreshold = 100});
    const auto bytes = encode(model);
    auto decoded = decodeCookedFile(bytes, "test");
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(modelDifference(model, decoded->model), "");
    EXPECT_EQ(decoded->header.key, 0x1234u);
    EXPECT_EQ(decoded->header.sourceBytes, 99u);
    EXPECT_EQ(decoded->header.flags, kCookedFlagOptimized);
    ASSERT_EQ(decoded->dependencies.size(), 2u);
    EXPECT_EQ(decoded->dependencies[1].path, "tex/b.png");
    EXPECT_EQ(decoded->dependencies[1].hash, 78u);
    // Canonical encoding: what was decoded encodes to the same bytes.
    EXPECT_EQ(encode(decoded->model), bytes);
  }
}

// Arrays of 256 KiB and more take the decoder's other path (pages populated up front, then one
// pass over the records); odd-length names put every record at an unaligned file offset.
TEST(CookedFormat, LargeArraysAtUnalignedOffsetsRoundTrip) {
  Model model;
  model.materials.emplace_back();
  model.materials[0].name = "m";
  Primitive p;
  p.name = "odd";
  for (std::uint32_t i = 0; i < 9000; ++i) {  // 576,000 bytes of vertices
    Vertex v;
    v.position = glm::vec3(float(i), float(i) * 0.5f, -float(i));
    v.uv0 = glm::vec2(float(i % 97) / 97.0f, 0.25f);
    v.color = 0x01020304u * (i % 251);
    v.padding = i;
    p.vertices.push_back(v);
  }
  for (std::uint32_t i = 0; i + 2 < 9000; ++i) {
    p.indices.insert(p.indices.end(), {i, i + 1, i + 2});
  }
  p.bounds = {glm::vec3(0.0f, 0.0f, -9000.0f), glm::vec3(9000.0f, 4500.0f, 0.0f)};
  Mesh mesh;
  mesh.name = "large";
  mesh.primitives.push_back(std::move(p));
  model.meshes.push_back(std::move(mesh));
  Texture t;
  t.name = "abcde";  // odd length again
  t.width = 301;
  t.height = 299;
  std::vector<std::uint8_t> pixels(std::size_t(301) * 299 * 4);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = std::uint8_t(i * 7 + (i >> 11));
  t.mips.emplace_back(std::move(pixels));
  model.textures.push_back(std::move(t));

  const auto bytes = encode(model);
  auto decoded = decodeCookedFile(bytes, "large");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(modelDifference(model, decoded->model), "");
  ASSERT_EQ(decoded->model.meshes[0].primitives[0].vertices.size(), 9000u);
  EXPECT_EQ(decoded->model.meshes[0].primitives[0].vertices[8999].padding, 8999u);
  EXPECT_EQ(decoded->model.textures[0].mips[0], model.textures[0].mips[0]);
  EXPECT_EQ(encode(decoded->model), bytes);
}

TEST(CookedFormat, TruncationAnywhereIsDetected) {
  const auto bytes = encode(importSample("glTF2/simple_skin/simple_skin.gltf"));
  std::mt19937 rng(20);
  for (int i = 0; i < 20; ++i) {
    const std::size_t cut = std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng);
    auto decoded = decodeCookedFile(std::span(bytes).first(cut), "cut");
    EXPECT_FALSE(decoded.ok()) << "cut at " << cut;
  }
}

TEST(CookedFormat, EveryFlippedByteIsDetected) {
  const auto original = encode(importSample("glTF2/BoxTextured-glTF/BoxTextured.gltf"));
  std::mt19937 rng(50);
  for (int i = 0; i < 50; ++i) {
    auto bytes = original;
    // Half of the flips in the header, where a miss would be worst.
    const std::size_t limit = i % 2 == 0 ? kCookedHeaderBytes - 1 : bytes.size() - 1;
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, limit)(rng);
    bytes[at] ^= std::uint8_t(1u << std::uniform_int_distribution<int>(0, 7)(rng));
    EXPECT_FALSE(decodeCookedFile(bytes, "flip").ok()) << "flip at " << at;
  }
}

// Builds payloads by hand, then seals them (valid checksums) so that only the count checks
// stand between a hostile count and a huge allocation.
struct PayloadBuilder {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(kCookedHeaderBytes, 0);
  PayloadBuilder() {
    std::memcpy(bytes.data(), kCookedMagic, 8);
    std::uint32_t version = kCookedFormatVersion, header = kCookedHeaderBytes;
    std::memcpy(bytes.data() + 8, &version, 4);
    std::memcpy(bytes.data() + 12, &header, 4);
  }
  PayloadBuilder& put32(std::uint32_t v) {
    bytes.insert(bytes.end(), reinterpret_cast<std::uint8_t*>(&v), reinterpret_cast<std::uint8_t*>(&v) + 4);
    return *this;
  }
  PayloadBuilder& zeros(std::size_t n) { bytes.insert(bytes.end(), n, 0); return *this; }
  // No dependencies, then the model file's size, hash and (untrusted, all-zero) stamp.
  PayloadBuilder& noFiles() { return put32(0).zeros(8 + 8 + 33); }
  Result<CookedFile> decode() {
    sealCookedFile(bytes);
    return decodeCookedFile(bytes, "hostile");
  }
};

void expectRefused(PayloadBuilder b, const std::string& needle) {
  auto decoded = b.decode();
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find(needle), std::string::npos) << decoded.error().message;
}

TEST(CookedFormat, CountsBeyondTheBytesAreRefusedBeforeAllocating) {
  expectRefused(PayloadBuilder().put32(0xffffffffu), "dependency count declares 4294967295");
  expectRefused(PayloadBuilder().noFiles().put32(0xfffffff0u), "source path");
  expectRefused(PayloadBuilder().noFiles().put32(0).put32(0x7fffffffu), "mesh count");
  expectRefused(PayloadBuilder().put32(0).zeros(16 + 1).put32(1).zeros(28 + 40), "untrusted file stamp");
  // One mesh, one primitive with 2^28 vertices (16 GiB) declared, a few bytes present.
  PayloadBuilder vertices;
  vertices.noFiles().put32(0).put32(1).put32(0).put32(1).put32(0).put32(0).zeros(24).put32(1u << 28).zeros(64);
  expectRefused(vertices, "vertex count declares 268435456");
  // A 65536 x 65536 texture (16 GiB) with one level.
  PayloadBuilder texture;
  texture.noFiles().put32(0).put32(0).put32(0).put32(1).put32(0).put32(65536).put32(65536).put32(1).zeros(64);
  expectRefused(texture, "needs 17179869184 bytes");
  // An empty but complete model decodes (the builder itself is right).
  PayloadBuilder empty;
  empty.noFiles().put32(0).zeros(4 * 9);
  auto decoded = empty.decode();
  EXPECT_TRUE(decoded.ok()) << decoded.error().message;
}

TEST(CookedFormat, HeaderProblemsAreNamed) {
  auto bytes = encode(importSample("glTF2/BoxTextured-glTF/BoxTextured.gltf"));
  auto version = bytes;
  version[8] = 99;
  sealCookedFile(version);
  auto decoded = decodeCookedFile(version, "v");
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("version 99"), std::string::npos) << decoded.error().message;
  auto longer = bytes;
  longer.push_back(0);
  decoded = decodeCookedFile(longer, "long");
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("truncated or extended"), std::string::npos);
  auto magic = bytes;
  magic[0] = 'X';
  EXPECT_FALSE(decodeCookedFile(magic, "m").ok());
}

TEST(CookedFormat, InconsistentModelsWithValidChecksumsAreRefused) {
  const Model good = importSample("glTF2/simple_skin/simple_skin.gltf");
  ASSERT_TRUE(checkModelConsistency(good, "good").ok());
  auto refused = [&](auto mutate, const std::string& needle) {
    Model bad = good;
    mutate(bad);
    auto decoded = decodeCookedFile(encode(bad), "bad");
    ASSERT_FALSE(decoded.ok()) << needle;
    EXPECT_NE(decoded.error().message.find(needle), std::string::npos) << decoded.error().message;
  };
  refused([](Model& m) { m.meshes[0].primitives[0].indices[1] = 1000000; }, "index 1 is 1000000");
  refused([](Model& m) { m.meshes[0].primitives[0].material = 77; }, "material 77");
  refused([](Model& m) { m.meshes[0].primitives[0].skin.pop_back(); }, "skin weights");
  refused([](Model& m) { m.nodes[1].parent = 5; }, "not its child");
  refused([](Model& m) { m.skins[0].joints[0] = 999; }, "joint 999");
  refused([](Model& m) { m.animations[0].channels[0].node = 4242; }, "targets node 4242");
  refused([](Model& m) { m.animations[0].channels[0].values.pop_back(); }, "values for");
  refused([](Model& m) { m.nodes[0].translation.x = std::numeric_limits<float>::quiet_NaN(); }, "non-finite");
  refused([](Model& m) { m.meshes[0].primitives[0].lodIndices = {{0, 1, 99999}}; }, "LOD 1");
}

}  // namespace
}  // namespace sc::assets

namespace sc::assets {
namespace {

// The fuzzer's seeds (tests/fuzz/cooked_corpus) must stay valid cache files of this format
// version; SC_WRITE_COOKED_CORPUS=<folder> regenerates them there.
TEST(CookedCorpus, SeedsAreValidCacheFiles) {
  const std::vector<std::pair<std::string, std::string>> seeds{
      {"box_textured.sccooked", "glTF2/BoxTextured-glTF/BoxTextured.gltf"},
      {"simple_skin.sccooked", "glTF2/simple_skin/simple_skin.gltf"},
      {"morph_cube.sccooked", "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf"},
      {"cameras.sccooked", "glTF2/cameras/Cameras.gltf"},
      {"lights.sccooked", "Collada/lights.dae"},
  };
  if (const char* out = std::getenv("SC_WRITE_COOKED_CORPUS")) {
    for (const auto& [name, relative] : seeds) {
      ContentRoots roots({kModels});
      auto model = importModel(kModels / relative, roots, ImportOptions{.downscaleAbove = 4});
      ASSERT_TRUE(model.ok()) << model.error().message;
      model->sourcePath = relative;
      optimizeModel(model.value(), MeshOptimizeOptions{.lodTriangleThreshold = 4});
      const std::vector<CookedDependency> deps{{"seed.bin", 1, 2, FileStamp{true, 5, 6, 7, 8}},
                                               {"other.png", 9, 10, FileStamp{}}};
      const CookedDependency source{"", 4, 11, FileStamp{true, 12, 13, 14, 15}};
      cooktest::writeBytes(std::filesystem::path(out) / name,
                           encodeCookedFile(model.value(), 3, 4, deps, kCookedFlagOptimized | kCookedFlagLods, source));
    }
  }
  for (const auto& [name, relative] : seeds) {
    const auto bytes = cooktest::readBytes(std::filesystem::path(SC_COOKED_CORPUS) / name);
    ASSERT_FALSE(bytes.empty()) << name << " is missing: run with SC_WRITE_COOKED_CORPUS";
    auto decoded = decodeCookedFile(bytes, name);
    EXPECT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_LT(bytes.size(), 64u * 1024u) << name << ": keep seeds small";
  }
}

}  // namespace
}  // namespace sc::assets
