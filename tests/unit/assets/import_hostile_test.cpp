// Hostile and broken input: every case must come back as a clear error, never a crash or hang.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>

#include "test_support.hpp"

namespace sc::assets::test {
namespace {

namespace fs = std::filesystem;

std::string triangleBytes() {
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  return std::string(reinterpret_cast<const char*>(positions), sizeof positions);
}

// A one-triangle glTF whose buffer lives at `bufferUri`; `count` is the accessor's count.
std::string triangleGltf(const std::string& bufferUri, int count = 3,
                         const std::string& material = "", const std::string& extra = "") {
  std::string json = R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],
    "nodes":[{"mesh":0,"name":"tri"}],
    "meshes":[{"primitives":[{"attributes":{"POSITION":0})";
  if (!material.empty()) json += R"(,"material":0)";
  json += R"(}]}],
    "buffers":[{"uri":")" + bufferUri + R"(","byteLength":36}],
    "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36}],
    "accessors":[{"bufferView":0,"componentType":5126,"count":)" + std::to_string(count) +
          R"(,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}])";
  if (!material.empty()) json += "," + material;
  if (!extra.empty()) json += "," + extra;
  return json + "}";
}

Result<Model> importFrom(const TempFolder& folder, const std::string& name,
                         const ImportOptions& options = {}) {
  ContentRoots roots({folder.path()});
  return importModel(folder.path() / name, roots, options);
}

TEST(ImportHostile, EveryFileInAssimpsInvalidFolderIsAnErrorNamingTheFile) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kModels / "invalid")) {
    if (entry.path().filename() == "readme.txt") continue;
    SCOPED_TRACE(entry.path().string());
    ++files;
    const auto start = std::chrono::steady_clock::now();
    auto result = importSample("invalid/" + entry.path().filename().string());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(entry.path().filename().string()), std::string::npos)
        << result.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  }
  EXPECT_EQ(files, 14);  // 14 files besides readme.txt in assimp-testmodels 5.2.5
}

TEST(ImportHostile, OffDeclaringBillionsOfVerticesIsRefusedBeforeAssimpAllocates) {
  auto result = importSample("invalid/OutOfMemory.off");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("OFF header declares"), std::string::npos);
}

TEST(ImportHostile, BufferPathsLeavingTheContentFolderAreRefused) {
  TempFolder outer("sandbox");
  outer.write("secret.bin", triangleBytes());
  TempFolder elsewhere("elsewhere");
  elsewhere.write("secret.bin", triangleBytes());
  const fs::path content = outer.path() / "content";
  fs::create_directories(content);
  fs::create_symlink(elsewhere.path() / "secret.bin", content / "link.bin");
  ContentRoots roots({content});
  for (const std::string uri : {"../secret.bin", "/etc/passwd", "file:///etc/passwd",
                                "http://x/y.bin", "link.bin"}) {
    SCOPED_TRACE(uri);
    std::ofstream(content / "model.gltf") << triangleGltf(uri);
    auto result = importModel(content / "model.gltf", roots);
    ASSERT_FALSE(result.ok());
    const std::string& message = result.error().message;
    EXPECT_NE(message.find("model.gltf"), std::string::npos) << message;
    EXPECT_NE(message.find("refused"), std::string::npos) << message;
  }
  // The same model with its buffer inside the folder loads: the refusals above are the paths'.
  std::ofstream(content / "model.gltf") << triangleGltf("tri.bin");
  std::ofstream(content / "tri.bin", std::ios::binary) << triangleBytes();
  auto good = importModel(content / "model.gltf", roots);
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->triangleCount(), 1u);
  // The file has no normals: they are generated (counter-clockwise in XY faces +Z).
  const auto& vertices = good->meshes.at(0).primitives.at(0).vertices;
  for (const auto& v : vertices) EXPECT_NEAR(v.normal.z, 1.0f, 1e-5f);
}

TEST(ImportHostile, ModelOutsideTheRootsIsRefused) {
  TempFolder root("root");
  TempFolder other("other");
  auto file = other.write("model.gltf", triangleGltf("tri.bin"));
  other.write("tri.bin", triangleBytes());
  ContentRoots roots({root.path()});
  auto result = importModel(file, roots);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("outside the content roots"), std::string::npos);
}

TEST(ImportHostile, HugeAccessorCountOverATinyBufferIsAnError) {
  TempFolder folder("accessor");
  folder.write("tri.bin", triangleBytes());
  folder.write("model.gltf", triangleGltf("tri.bin", 1000000000));
  auto result = importFrom(folder, "model.gltf");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("model.gltf"), std::string::npos);
}

std::string pngHeaderClaiming(std::uint32_t width, std::uint32_t height) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  auto be32 = [&](std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) png.push_back(char((v >> s) & 0xff));
  };
  be32(13);
  png += "IHDR";
  be32(width);
  be32(height);
  png += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, no interlace
  be32(0);                                          // CRC (stb_image does not check it)
  be32(0);
  png += "IEND";
  be32(0);
  return png;
}

const std::string kTexturedMaterial =
    R"("materials":[{"name":"Stone","pbrMetallicRoughness":{"baseColorTexture":{"index":0}}}],
       "textures":[{"source":0}],"images":[{"uri":"stone.png"}])";

TEST(ImportHostile, ImageClaiming65536SquareIsRefusedBeforeDecoding) {
  TempFolder folder("bigpng");
  folder.write("tri.bin", triangleBytes());
  folder.write("stone.png", pngHeaderClaiming(65536, 65536));
  folder.write("model.gltf", triangleGltf("tri.bin", 3, kTexturedMaterial));
  auto result = importFrom(folder, "model.gltf");
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("65536x65536"), std::string::npos) << message;
  EXPECT_NE(message.find("Stone"), std::string::npos) << message;
  EXPECT_NE(message.find("stone.png"), std::string::npos) << message;
}

TEST(ImportHostile, MissingTextureNamesModelMaterialAndPath) {
  TempFolder folder("missingtex");
  folder.write("tri.bin", triangleBytes());
  folder.write("model.gltf", triangleGltf("tri.bin", 3, kTexturedMaterial));
  auto result = importFrom(folder, "model.gltf");
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("model.gltf"), std::string::npos) << message;
  EXPECT_NE(message.find("material 'Stone'"), std::string::npos) << message;
  EXPECT_NE(message.find("stone.png"), std::string::npos) << message;
  EXPECT_NE(message.find("not found"), std::string::npos) << message;
}

TEST(ImportHostile, MissingBufferNamesTheBinFile) {
  auto result = importSample("glTF2/MissingBin/BoxTextured.gltf");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("BoxTextured0.bin"), std::string::npos)
      << result.error().message;
}

TEST(ImportHostile, NonFinitePositionsAreRefused) {
  auto result = importSample("glTF2/BoxWithInfinites-glTF-Binary/BoxWithInfinites.glb");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("non-finite"), std::string::npos) << result.error().message;
}

TEST(ImportHostile, BrokenGltfSamplesAreErrors) {
  for (const char* file : {"glTF2/RecursiveNodes/RecursiveNodes.gltf",
                           "glTF2/IndexOutOfRange/AllIndicesOutOfRange.gltf",
                           "glTF2/wrongTypes/badArray.gltf", "glTF2/TestNoRootNode/NoScene.gltf",
                           "glTF2/SchemaFailures/sceneWrongType.gltf"}) {
    SCOPED_TRACE(file);
    auto result = importSample(file);
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.error().message.empty());
  }
}

TEST(ImportHostile, TruncatedCopiesOfAValidModelNeverCrash) {
  TempFolder folder("truncated");
  std::ifstream in(kModels / "glTF2/BoxTextured-glTF-Binary/BoxTextured.glb", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  int errors = 0;
  for (std::size_t cut : {std::size_t(0), std::size_t(11), std::size_t(20), std::size_t(100),
                          bytes.size() / 2, bytes.size() - 1}) {
    folder.write("cut.glb", bytes.substr(0, cut));
    auto result = importFrom(folder, "cut.glb");
    if (!result.ok()) {
      ++errors;
      EXPECT_NE(result.error().message.find("cut.glb"), std::string::npos);
    }
  }
  EXPECT_EQ(errors, 6);
}

TEST(ImportHostile, TextFileThatIsNotAModelIsAnError) {
  TempFolder folder("notmodel");
  folder.write("notes.gltf", "this is not json at all");
  folder.write("notes.xyz", "neither is this");
  for (const char* name : {"notes.gltf", "notes.xyz"}) {
    auto result = importFrom(folder, name);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(name), std::string::npos);
  }
}

}  // namespace
}  // namespace sc::assets::test
