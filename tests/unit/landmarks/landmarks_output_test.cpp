// Runs the real landmark generator and checks that its output is deterministic (same seed, same
// bytes), well-formed glTF (every referenced file exists, every accessor fits its buffer view and
// every view its buffer), within the per-landmark budgets, and that each landmark has a POI sidecar.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

const char* const kLandmarks[] = {"hongyadong", "jiefangbei",  "chaotianmen", "liziba",
                                  "peoples_square", "erchang", "huangjueping"};

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

fs::path freshDir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("sc_landmarks_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

int generate(const fs::path& out, const std::string& extra) {
  std::string cmd = std::string("\"") + SC_LANDMARKS_EXE + "\" --out \"" + out.string() + "\" " + extra + " > \"" +
                    (out / "log.txt").string() + "\" 2>&1";
  return std::system(cmd.c_str());
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "log.txt")
      files[fs::relative(e.path(), dir).generic_string()] = readAll(e.path());
  return files;
}

std::size_t componentSize(int type) {
  switch (type) {
    case 5120: case 5121: return 1;
    case 5122: case 5123: return 2;
    case 5125: case 5126: return 4;
    default: return 0;
  }
}

std::size_t componentCount(const std::string& type) {
  if (type == "SCALAR") return 1;
  if (type == "VEC2") return 2;
  if (type == "VEC3") return 3;
  if (type == "VEC4") return 4;
  if (type == "MAT4") return 16;
  return 0;
}

class LandmarkOutput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dirA_ = new fs::path(freshDir("a"));
    dirB_ = new fs::path(freshDir("b"));
    rcA_ = generate(*dirA_, "--seed 1");
    rcB_ = generate(*dirB_, "--seed 1");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dirA_);
    fs::remove_all(*dirB_);
    delete dirA_;
    delete dirB_;
  }
  static fs::path* dirA_;
  static fs::path* dirB_;
  static int rcA_, rcB_;
};
fs::path* LandmarkOutput::dirA_ = nullptr;
fs::path* LandmarkOutput::dirB_ = nullptr;
int LandmarkOutput::rcA_ = -1;
int LandmarkOutput::rcB_ = -1;

TEST_F(LandmarkOutput, SameSeedGivesIdenticalBytes) {
  ASSERT_EQ(rcA_, 0) << readAll(*dirA_ / "log.txt");
  ASSERT_EQ(rcB_, 0) << readAll(*dirB_ / "log.txt");
  auto a = snapshot(*dirA_), b = snapshot(*dirB_);
  ASSERT_GT(a.size(), 7u * 4u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    ASSERT_TRUE(b.count(name)) << name << " missing from the second run";
    EXPECT_TRUE(bytes == b[name]) << name << " differs between two runs with the same seed";
  }
}

TEST_F(LandmarkOutput, DifferentSeedChangesTheOutput) {
  fs::path c = freshDir("c");
  ASSERT_EQ(generate(c, "--seed 2 --only huangjueping"), 0) << readAll(c / "log.txt");
  std::string seed2 = readAll(c / "huangjueping" / "graffiti_a_basecolor.png");
  std::string seed1 = readAll(*dirA_ / "huangjueping" / "graffiti_a_basecolor.png");
  EXPECT_FALSE(seed2.empty());
  EXPECT_NE(seed1, seed2);
  fs::remove_all(c);
}

TEST_F(LandmarkOutput, EveryGltfIsConsistentAndWithinBudget) {
  ASSERT_EQ(rcA_, 0);
  for (const char* name : kLandmarks) {
    SCOPED_TRACE(name);
    fs::path dir = *dirA_ / name;
    fs::path gltf = dir / (std::string(name) + ".gltf");
    ASSERT_TRUE(fs::exists(gltf));
    nlohmann::json doc = nlohmann::json::parse(readAll(gltf), nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << gltf << " is not valid JSON";
    EXPECT_EQ(doc["asset"]["version"], "2.0");

    std::vector<std::uint64_t> bufferSizes;
    for (const auto& b : doc["buffers"]) {
      fs::path file = dir / b["uri"].get<std::string>();
      ASSERT_TRUE(fs::exists(file)) << file;
      EXPECT_EQ(fs::file_size(file), b["byteLength"].get<std::uint64_t>()) << file;
      bufferSizes.push_back(b["byteLength"].get<std::uint64_t>());
    }
    for (const auto& img : doc["images"]) {
      fs::path file = dir / img["uri"].get<std::string>();
      ASSERT_TRUE(fs::exists(file)) << file;
      std::string png = readAll(file);
      ASSERT_GE(png.size(), 24u);
      EXPECT_EQ(png.substr(1, 3), "PNG") << file;
      auto be32 = [&](std::size_t o) {
        return (std::uint32_t(std::uint8_t(png[o])) << 24) | (std::uint32_t(std::uint8_t(png[o + 1])) << 16) |
               (std::uint32_t(std::uint8_t(png[o + 2])) << 8) | std::uint32_t(std::uint8_t(png[o + 3]));
      };
      EXPECT_LE(be32(16), 1024u) << file << " wider than 1024";
      EXPECT_LE(be32(20), 1024u) << file << " taller than 1024";
    }
    const auto& views = doc["bufferViews"];
    for (const auto& v : views) {
      std::size_t buffer = v["buffer"].get<std::size_t>();
      ASSERT_LT(buffer, bufferSizes.size());
      EXPECT_LE(v.value("byteOffset", 0ull) + v["byteLength"].get<std::uint64_t>(), bufferSizes[buffer]);
    }
    for (const auto& a : doc["accessors"]) {
      std::size_t view = a["bufferView"].get<std::size_t>();
      ASSERT_LT(view, views.size());
      std::uint64_t need = a.value("byteOffset", 0ull) +
                           a["count"].get<std::uint64_t>() * componentSize(a["componentType"].get<int>()) *
                               componentCount(a["type"].get<std::string>());
      EXPECT_GT(need, 0u);
      EXPECT_LE(need, views[view]["byteLength"].get<std::uint64_t>());
    }
    std::uint64_t triangles = 0, primitives = 0;
    for (const auto& mesh : doc["meshes"])
      for (const auto& prim : mesh["primitives"]) {
        ++primitives;
        triangles += doc["accessors"][prim["indices"].get<std::size_t>()]["count"].get<std::uint64_t>() / 3;
        EXPECT_LT(prim["material"].get<std::size_t>(), doc["materials"].size());
      }
    EXPECT_GT(triangles, 1000u);
    EXPECT_LT(triangles, 300000u);
    EXPECT_LT(primitives, 50u);

    fs::path pois = dir / (std::string(name) + ".pois.json");
    nlohmann::json p = nlohmann::json::parse(readAll(pois), nullptr, false);
    ASSERT_FALSE(p.is_discarded()) << pois;
    ASSERT_GE(p["pois"].size(), 5u);
    for (const auto& poi : p["pois"]) {
      EXPECT_FALSE(poi["id"].get<std::string>().empty());
      EXPECT_EQ(poi["anchor"].size(), 3u);
      EXPECT_EQ(poi["desktop"]["eye"].size(), 3u);
      EXPECT_EQ(poi["xr"]["position"].size(), 3u);
    }
  }
}

// Huge triangles crossing the screen edge made lavapipe (4x MSAA) up to ~100x slower; every edge
// the generator writes is at most 20 m (plus rounding), ground and water included.
TEST_F(LandmarkOutput, NoTriangleEdgeIsLongerThanTwentyMetres) {
  ASSERT_EQ(rcA_, 0);
  for (const char* name : kLandmarks) {
    SCOPED_TRACE(name);
    fs::path dir = *dirA_ / name;
    nlohmann::json doc = nlohmann::json::parse(readAll(dir / (std::string(name) + ".gltf")));
    std::string bin = readAll(dir / doc["buffers"][0]["uri"].get<std::string>());
    auto view = [&](const nlohmann::json& accessor, std::size_t elementSize, std::size_t i) {
      const auto& v = doc["bufferViews"][accessor["bufferView"].get<std::size_t>()];
      std::size_t stride = v.value("byteStride", std::size_t(0));
      if (stride == 0) stride = elementSize;
      return bin.data() + v.value("byteOffset", std::size_t(0)) + accessor.value("byteOffset", std::size_t(0)) +
             i * stride;
    };
    float longest = 0.0f;
    std::size_t checked = 0;
    for (const auto& mesh : doc["meshes"])
      for (const auto& prim : mesh["primitives"]) {
        const auto& pos = doc["accessors"][prim["attributes"]["POSITION"].get<std::size_t>()];
        const auto& idx = doc["accessors"][prim["indices"].get<std::size_t>()];
        ASSERT_EQ(pos["componentType"], 5126);
        int type = idx["componentType"].get<int>();
        ASSERT_TRUE(type == 5125 || type == 5123);
        auto index = [&](std::size_t i) -> std::size_t {
          if (type == 5125) {
            std::uint32_t v;
            std::memcpy(&v, view(idx, 4, i), 4);
            return v;
          }
          std::uint16_t v;
          std::memcpy(&v, view(idx, 2, i), 2);
          return v;
        };
        auto position = [&](std::size_t i) {
          float p[3];
          std::memcpy(p, view(pos, 12, i), 12);
          return std::array<float, 3>{p[0], p[1], p[2]};
        };
        std::size_t count = idx["count"].get<std::size_t>();
        for (std::size_t t = 0; t + 2 < count; t += 3)
          for (int e = 0; e < 3; ++e) {
            auto a = position(index(t + e)), b = position(index(t + (e + 1) % 3));
            float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
            longest = std::max(longest, std::sqrt(dx * dx + dy * dy + dz * dz));
            ++checked;
          }
      }
    EXPECT_GT(checked, 3000u);
    EXPECT_LE(longest, 20.01f);
  }
}

// A textured surface whose emissive factor had no emissive map glowed all over (Er Chang's red
// brick rendered cream): emissive factors on textured materials come with an emissive map.
TEST_F(LandmarkOutput, TexturedSurfacesGlowOnlyThroughAnEmissiveMap) {
  ASSERT_EQ(rcA_, 0);
  for (const char* name : kLandmarks) {
    nlohmann::json doc = nlohmann::json::parse(readAll(*dirA_ / name / (std::string(name) + ".gltf")));
    for (const auto& m : doc["materials"]) {
      if (!m["pbrMetallicRoughness"].contains("baseColorTexture") || !m.contains("emissiveFactor")) continue;
      EXPECT_TRUE(m.contains("emissiveTexture")) << name << ": " << m["name"];
    }
  }
}

TEST_F(LandmarkOutput, LizibaCarriesTheTrainAnimation) {
  ASSERT_EQ(rcA_, 0);
  nlohmann::json doc = nlohmann::json::parse(readAll(*dirA_ / "liziba" / "liziba.gltf"));
  ASSERT_EQ(doc["animations"].size(), 1u);
  const auto& channel = doc["animations"][0]["channels"][0];
  EXPECT_EQ(channel["target"]["path"], "translation");
  EXPECT_EQ(doc["nodes"][channel["target"]["node"].get<std::size_t>()]["name"], "monorail_train");
}

TEST(LandmarkGenerator, RejectsUnknownLandmark) {
  fs::path d = freshDir("bad");
  EXPECT_NE(generate(d, "--only no_such_place"), 0);
  EXPECT_NE(readAll(d / "log.txt").find("no landmark named"), std::string::npos);
  fs::remove_all(d);
}

}  // namespace
