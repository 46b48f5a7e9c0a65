// Non-glTF formats from assimp-testmodels, lights, and a sweep over every model file there.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>

#include "test_support.hpp"

namespace sc::assets::test {
namespace {

namespace fs = std::filesystem;

TEST(ImportFormats, FbxBoxIsOneTwelveTriangleMeshInMetres) {
  auto result = importSample("FBX/box.fbx");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->meshes.size(), 1u);
  EXPECT_EQ(result->triangleCount(), 12u);
  ASSERT_EQ(result->materials.size(), 1u);
  // Phong material mapped to metallic-roughness: dielectric, roughness from shininess.
  EXPECT_FLOAT_EQ(result->materials[0].metallicFactor, 0.0f);
  EXPECT_GT(result->materials[0].roughnessFactor, 0.0f);
  EXPECT_LT(result->materials[0].roughnessFactor, 1.0f);
  // UnitScaleFactor 100 (metres): the box spans about half a metre, not 50 m or 5 mm.
  const Bounds bounds = result->worldBounds();
  ASSERT_TRUE(bounds.valid());
  const float size = std::max({bounds.extent().x, bounds.extent().y, bounds.extent().z});
  EXPECT_GT(size, 0.2f);
  EXPECT_LT(size, 2.0f);
}

TEST(ImportFormats, ObjWithMtlGetsItsMaterialsAndTextures) {
  auto result = importSample("OBJ/spider.obj");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_GT(result->meshes.size(), 1u);
  std::set<std::string> names;
  for (const auto& m : result->materials) names.insert(m.name);
  EXPECT_TRUE(names.count("Skin")) << "materials come from spider.mtl";
  int textured = 0;
  for (const auto& m : result->materials) textured += m.baseColor.present();
  EXPECT_GT(textured, 0);
  EXPECT_FALSE(result->textures.empty());
  for (const auto& t : result->textures) EXPECT_GT(t.mips.size(), 1u);
}

TEST(ImportFormats, ObjUsingAnUndeclaredMaterialIsABrokenReference) {
  auto result = importSample("OBJ/cube_usemtl.obj");  // says "usemtl mtl3"; the .mtl lacks it
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("mtl3"), std::string::npos) << result.error().message;
}

TEST(ImportFormats, ColladaDuckHasItsTextureAndIsYUp) {
  auto result = importSample("Collada/duck.dae");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->triangleCount(), 4212u);
  ASSERT_EQ(result->textures.size(), 1u);
  EXPECT_EQ(result->cameras.size(), 1u);
  EXPECT_EQ(result->lights.size(), 1u);
  // The duck stands upright: taller (Y) than it is thin, after Assimp's Z-up conversion.
  const Bounds bounds = result->worldBounds();
  EXPECT_GT(bounds.extent().y, 0.5f * bounds.extent().z);
}

TEST(ImportFormats, ColladaLightsAttachToTheirNodes) {
  auto result = importSample("Collada/lights.dae");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->lights.size(), 4u);
  int attached = 0;
  for (const auto& node : result->nodes) {
    if (node.light < 0) continue;
    ++attached;
    EXPECT_EQ(node.name, result->lights[std::size_t(node.light)].name);
  }
  EXPECT_EQ(attached, 4);
}

TEST(ImportFormats, GltfPunctualSpotLightKeepsColourIntensityRangeAndCones) {
  TempFolder folder("lights");
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  folder.write("tri.bin", std::string(reinterpret_cast<const char*>(positions), sizeof positions));
  folder.write("lamp.gltf", R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,1]}],
    "extensionsUsed":["KHR_lights_punctual"],
    "extensions":{"KHR_lights_punctual":{"lights":[{"name":"lamp","type":"spot",
      "color":[1.0,0.5,0.25],"intensity":20.0,"range":10.0,
      "spot":{"innerConeAngle":0.2,"outerConeAngle":0.6}}]}},
    "nodes":[{"mesh":0,"name":"tri"},
             {"name":"lamp","translation":[0,3,0],"extensions":{"KHR_lights_punctual":{"light":0}}}],
    "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
    "buffers":[{"uri":"tri.bin","byteLength":36}],
    "bufferViews":[{"buffer":0,"byteLength":36}],
    "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3",
                  "min":[0,0,0],"max":[1,1,0]}]})");
  ContentRoots roots({folder.path()});
  auto result = importModel(folder.path() / "lamp.gltf", roots);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->lights.size(), 1u);
  const Light& light = result->lights[0];
  EXPECT_EQ(light.type, LightType::Spot);
  EXPECT_NEAR(light.intensity, 20.0f, 1e-4f);
  EXPECT_NEAR(light.color.g, 0.5f, 1e-5f);
  EXPECT_NEAR(light.color.b, 0.25f, 1e-5f);
  EXPECT_NEAR(light.range, 10.0f, 1e-5f);
  EXPECT_NEAR(light.innerConeAngle, 0.2f, 1e-6f);
  EXPECT_NEAR(light.outerConeAngle, 0.6f, 1e-6f);
  bool found = false;
  for (const auto& node : result->nodes) {
    if (node.light != 0) continue;
    found = true;
    EXPECT_EQ(node.name, "lamp");
    EXPECT_NEAR(node.translation.y, 3.0f, 1e-6f);
  }
  EXPECT_TRUE(found);
}

bool looksLikeModel(const fs::path& path) {
  static const std::set<std::string> kSkip = {
      ".png", ".jpg", ".jpeg", ".bmp", ".tga", ".dds", ".bin", ".txt", ".mtl", ".glsl", ".vert",
      ".frag", ".md", ".uc", ".material", ".max", ".skeleton", ".gif", ".pcx", ".lic", ".py"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return !ext.empty() && kSkip.count(ext) == 0;
}

// Every model-looking file in assimp-testmodels (all formats, ~470 files): each either loads or
// returns an error that names it; none crashes or hangs. About 10 s on the 2-core build machine.
TEST(ImportFormats, SweepOverEveryTestModelNeverCrashes) {
  const auto start = std::chrono::steady_clock::now();
  int loaded = 0, failed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kModels)) {
    if (!entry.is_regular_file() || !looksLikeModel(entry.path())) continue;
    const auto relative = fs::relative(entry.path(), kModels).string();
    SCOPED_TRACE(relative);
    auto result = importSample(relative);
    if (result.ok()) {
      ++loaded;
      for (const auto& mesh : result->meshes)
        for (const auto& prim : mesh.primitives)
          for (auto index : prim.indices) ASSERT_LT(index, prim.vertices.size());
      for (std::size_t i = 0; i < result->nodes.size(); ++i)
        ASSERT_LT(result->nodes[i].parent, std::int32_t(i));
    } else {
      ++failed;
      EXPECT_NE(result.error().message.find(entry.path().filename().string()), std::string::npos)
          << result.error().message;
    }
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("sweep: %d loaded, %d refused with an error, %.1f s\n", loaded, failed, seconds);
  EXPECT_GT(loaded, 200);
  EXPECT_GT(failed, 15);
  EXPECT_LT(seconds, 60.0);
}

}  // namespace
}  // namespace sc::assets::test
