// glTF 2.0 samples from Debian's assimp-testmodels, checked against the files' own JSON.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

#include "test_support.hpp"

namespace sc::assets::test {
namespace {

nlohmann::json readJson(const std::string& relative) {
  std::ifstream in(kModels / relative);
  return nlohmann::json::parse(in);
}

void expectValidPrimitives(const Model& model) {
  for (const auto& mesh : model.meshes) {
    for (const auto& prim : mesh.primitives) {
      ASSERT_EQ(prim.indices.size() % 3, 0u);
      for (auto index : prim.indices) ASSERT_LT(index, prim.vertices.size());
      ASSERT_LT(prim.material, model.materials.size());
      ASSERT_TRUE(prim.bounds.valid());
      for (const auto& v : prim.vertices) {
        ASSERT_NEAR(glm::length(v.normal), 1.0f, 1e-3f);
        ASSERT_TRUE(v.tangent.w == 1.0f || v.tangent.w == -1.0f);
      }
    }
  }
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    ASSERT_LT(model.nodes[i].parent, std::int32_t(i));  // parents before children
  }
}

TEST(ImportGltf, BoxTexturedHasOneMeshAndItsTextureWithFullMipChain) {
  auto result = importSample("glTF2/BoxTextured-glTF/BoxTextured.gltf");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Model& model = result.value();
  expectValidPrimitives(model);
  ASSERT_EQ(model.meshes.size(), 1u);
  ASSERT_EQ(model.meshes[0].primitives.size(), 1u);
  const Primitive& prim = model.meshes[0].primitives[0];
  EXPECT_EQ(prim.vertices.size(), 24u);
  EXPECT_EQ(prim.indices.size(), 36u);
  EXPECT_NEAR(prim.bounds.min.x, -0.5f, 1e-5f);
  EXPECT_NEAR(prim.bounds.max.y, 0.5f, 1e-5f);
  // The file's one material comes first; Assimp 5.2.5 appends its glTF default material.
  ASSERT_GE(model.materials.size(), 1u);
  const Material& material = model.materials[prim.material];
  EXPECT_EQ(material.name, "Texture");
  EXPECT_FLOAT_EQ(material.metallicFactor, 0.0f);
  ASSERT_TRUE(material.baseColor.present());
  ASSERT_EQ(model.textures.size(), 1u);

  int w = 0, h = 0, n = 0;
  ASSERT_TRUE(stbi_info((kModels / "glTF2/BoxTextured-glTF/CesiumLogoFlat.png").c_str(), &w, &h, &n));
  const Texture& texture = model.textures[std::size_t(material.baseColor.texture)];
  EXPECT_EQ(texture.width, std::uint32_t(w));
  EXPECT_EQ(texture.height, std::uint32_t(h));
  const auto expectedLevels = std::size_t(std::floor(std::log2(std::max(w, h)))) + 1;
  ASSERT_EQ(texture.mips.size(), expectedLevels);
  std::uint32_t mw = texture.width, mh = texture.height;
  for (const auto& level : texture.mips) {
    EXPECT_EQ(level.size(), std::size_t(mw) * mh * 4);
    mw = std::max(1u, mw / 2);
    mh = std::max(1u, mh / 2);
  }
  EXPECT_EQ(texture.mips.back().size(), 4u);  // 1x1
  // No tangents in the file, UVs present: tangents are generated, unit and orthogonal to N.
  for (const auto& v : prim.vertices) {
    EXPECT_NEAR(glm::length(glm::vec3(v.tangent)), 1.0f, 1e-3f);
    EXPECT_NEAR(glm::dot(glm::vec3(v.tangent), v.normal), 0.0f, 1e-3f);
  }
  // UVs come back exactly as the file stores them (glTF convention, origin top-left): the V
  // flip Assimp applies on import is undone.
  const auto json = readJson("glTF2/BoxTextured-glTF/BoxTextured.gltf");
  const auto& accessor = json["accessors"][json["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"].get<int>()];
  const auto& view = json["bufferViews"][accessor["bufferView"].get<int>()];
  std::ifstream bin(kModels / "glTF2/BoxTextured-glTF/BoxTextured0.bin", std::ios::binary);
  bin.seekg(view.value("byteOffset", 0) + accessor.value("byteOffset", 0));
  ASSERT_EQ(accessor["count"].get<std::size_t>(), prim.vertices.size());
  for (const auto& v : prim.vertices) {
    float uv[2];
    bin.read(reinterpret_cast<char*>(uv), sizeof uv);
    EXPECT_NEAR(v.uv0.x, uv[0], 1e-6f);
    EXPECT_NEAR(v.uv0.y, uv[1], 1e-6f);
  }
}

TEST(ImportGltf, BinaryAndEmbeddedVariantsAgreeWithTheSeparateFiles) {
  auto base = importSample("glTF2/BoxTextured-glTF/BoxTextured.gltf");
  ASSERT_TRUE(base.ok()) << base.error().message;
  for (const char* variant : {"glTF2/BoxTextured-glTF-Binary/BoxTextured.glb",
                              "glTF2/BoxTextured-glTF-Embedded/BoxTextured.gltf"}) {
    SCOPED_TRACE(variant);
    auto other = importSample(variant);
    ASSERT_TRUE(other.ok()) << other.error().message;
    ASSERT_EQ(other->meshes.size(), base->meshes.size());
    const auto& a = base->meshes[0].primitives[0];
    const auto& b = other->meshes[0].primitives[0];
    ASSERT_EQ(a.vertices.size(), b.vertices.size());
    EXPECT_EQ(a.indices, b.indices);
    for (std::size_t i = 0; i < a.vertices.size(); ++i) {
      EXPECT_EQ(a.vertices[i].position, b.vertices[i].position);
      EXPECT_EQ(a.vertices[i].uv0, b.vertices[i].uv0);
    }
    ASSERT_EQ(other->textures.size(), 1u);
    EXPECT_EQ(other->textures[0].width, base->textures[0].width);
    EXPECT_EQ(other->textures[0].mips[0], base->textures[0].mips[0]);  // same decoded pixels
    EXPECT_EQ(other->materials[b.material].baseColorFactor, base->materials[a.material].baseColorFactor);
  }
}

// `assimp info` (assimp-utils) counts after its own post-processing; nodes and faces survive it
// unchanged. When the tool is absent the values it printed on Debian 12 are used (83 / 75730).
std::pair<long, long> assimpInfoNodesAndFaces(const std::filesystem::path& file) {
  long nodes = 83, faces = 75730;
  std::string command = "assimp info '" + file.string() + "' 2>/dev/null";
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
      std::sscanf(line, "Nodes: %ld", &nodes);
      std::sscanf(line, "Faces: %ld", &faces);
    }
    pclose(pipe);
  }
  return {nodes, faces};
}

TEST(ImportGltf, TwoCylinderEngineMatchesItsJsonAndTheAssimpTool) {
  const std::string file = "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb";
  auto result = importSample(file);
  ASSERT_TRUE(result.ok()) << result.error().message;
  expectValidPrimitives(result.value());
  // From the glb's JSON chunk: 29 meshes with 34 primitives, 34 materials, 82 nodes, 1 camera.
  EXPECT_EQ(result->meshes.size(), 29u);
  std::size_t primitives = 0;
  for (const auto& mesh : result->meshes) primitives += mesh.primitives.size();
  EXPECT_EQ(primitives, 34u);
  EXPECT_EQ(result->materials.size(), 34u + 1u);  // + Assimp's glTF default material
  EXPECT_EQ(result->cameras.size(), 1u);
  auto [nodes, faces] = assimpInfoNodesAndFaces(kModels / file);
  EXPECT_EQ(long(result->nodes.size()), nodes);  // 82 + the scene root Assimp adds
  EXPECT_EQ(long(result->triangleCount()), faces);
}

TEST(ImportGltf, TextureTransformsEqualTheValuesWrittenInTheFile) {
  const std::string file = "glTF2/textureTransform/TextureTransformTest.gltf";
  auto result = importSample(file);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto json = readJson(file);
  int nonIdentity = 0;
  for (const auto& jm : json["materials"]) {
    SCOPED_TRACE(jm["name"].get<std::string>());
    const Material* found = nullptr;
    for (const auto& m : result->materials) if (m.name == jm["name"]) found = &m;
    ASSERT_NE(found, nullptr);
    nlohmann::json ext = nlohmann::json::object();
    const auto& info = jm["pbrMetallicRoughness"]["baseColorTexture"];
    if (info.contains("extensions")) ext = info["extensions"]["KHR_texture_transform"];
    const TextureTransform& t = found->baseColor.transform;
    auto offset = ext.value("offset", std::vector<float>{0, 0});
    auto scale = ext.value("scale", std::vector<float>{1, 1});
    EXPECT_NEAR(t.offset.x, offset[0], 1e-5f);
    EXPECT_NEAR(t.offset.y, offset[1], 1e-5f);
    EXPECT_NEAR(t.rotation, ext.value("rotation", 0.0f), 1e-5f);
    EXPECT_NEAR(t.scale.x, scale[0], 1e-5f);
    EXPECT_NEAR(t.scale.y, scale[1], 1e-5f);
    if (!ext.empty()) ++nonIdentity;
  }
  EXPECT_EQ(nonIdentity, 6);  // Offset U/V/UV, Rotation, Scale, All
}

TEST(ImportGltf, SimpleSkinHasJointsInverseBindsWeightsAndOneClip) {
  const std::string file = "glTF2/simple_skin/simple_skin.gltf";
  auto result = importSample(file);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Model& model = result.value();
  expectValidPrimitives(model);
  ASSERT_EQ(model.skins.size(), 1u);
  const Skin& skin = model.skins[0];
  ASSERT_EQ(skin.joints.size(), 2u);
  ASSERT_EQ(skin.inverseBindMatrices.size(), 2u);
  std::int32_t skinnedNode = -1;
  for (std::size_t i = 0; i < model.nodes.size(); ++i) if (model.nodes[i].skin == 0) skinnedNode = std::int32_t(i);
  ASSERT_GE(skinnedNode, 0);
  // Inverse bind of the second joint (translated to y = 1) undoes that translation.
  const glm::vec4 jointOrigin = glm::inverse(skin.inverseBindMatrices[1]) * glm::vec4(0, 0, 0, 1);
  EXPECT_NEAR(jointOrigin.y, 1.0f, 1e-5f);
  const Primitive& prim = model.meshes[std::size_t(model.nodes[std::size_t(skinnedNode)].mesh)].primitives[0];
  ASSERT_EQ(prim.skin.size(), prim.vertices.size());
  for (const auto& w : prim.skin) {
    EXPECT_NEAR(w.weights.x + w.weights.y + w.weights.z + w.weights.w, 1.0f, 1e-5f);
    for (auto j : w.joints) EXPECT_LT(j, skin.joints.size());
  }
  ASSERT_EQ(model.animations.size(), 1u);
  const AnimClip& clip = model.animations[0];
  EXPECT_NEAR(clip.duration, 5.5f, 1e-4f);  // the input accessor's max, in seconds
  bool rotation = false;
  for (const auto& channel : clip.channels) {
    if (channel.path != AnimPath::Rotation) continue;
    rotation = true;
    EXPECT_EQ(channel.values.size(), channel.times.size() * 4);
    EXPECT_EQ(model.nodes[channel.node].name, model.nodes[skin.joints[1]].name);
    EXPECT_TRUE(std::is_sorted(channel.times.begin(), channel.times.end()));
  }
  EXPECT_TRUE(rotation);
}

TEST(ImportGltf, AnimatedMorphCubeHasTwoTargetsAndAWeightsChannel) {
  auto result = importSample("glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Primitive& prim = result->meshes.at(0).primitives.at(0);
  ASSERT_EQ(prim.morphTargets.size(), 2u);
  ASSERT_EQ(prim.defaultMorphWeights.size(), 2u);
  float largestDelta = 0.0f;
  for (const auto& target : prim.morphTargets) {
    ASSERT_EQ(target.positionDeltas.size(), prim.vertices.size());
    for (const auto& d : target.positionDeltas) largestDelta = std::max(largestDelta, glm::length(d));
  }
  EXPECT_GT(largestDelta, 0.01f);
  ASSERT_EQ(result->animations.size(), 1u);
  bool weights = false;
  for (const auto& channel : result->animations[0].channels) {
    if (channel.path != AnimPath::Weights) continue;
    weights = true;
    EXPECT_EQ(channel.values.size(), channel.times.size() * 2);
  }
  EXPECT_TRUE(weights);
}

TEST(ImportGltf, CamerasKeepTheirProjection) {
  auto result = importSample("glTF2/cameras/Cameras.gltf");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->cameras.size(), 2u);
  int perspective = 0, orthographic = 0;
  for (const auto& camera : result->cameras) {
    if (camera.perspective) {
      ++perspective;
      EXPECT_NEAR(camera.yfov, 0.7f, 1e-4f);  // the file's yfov
      EXPECT_NEAR(camera.znear, 0.01f, 1e-6f);
      EXPECT_NEAR(camera.zfar, 100.0f, 1e-3f);
    } else {
      ++orthographic;
      EXPECT_NEAR(camera.xmag, 1.0f, 1e-5f);
      EXPECT_NEAR(camera.ymag, 1.0f, 1e-5f);
    }
  }
  EXPECT_EQ(perspective, 1);
  EXPECT_EQ(orthographic, 1);
  int attached = 0;
  for (const auto& node : result->nodes) attached += node.camera >= 0;
  EXPECT_EQ(attached, 2);
}

}  // namespace
}  // namespace sc::assets::test
