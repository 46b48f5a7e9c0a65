// gpu::LiveShaderSet with the real glslc on a copy of the project's shaders: runtime SPIR-V
// equals the build's, a deliberately broken shader keeps the last good code and returns the
// compiler's message, and fixing it rebuilds it.
#include <gtest/gtest.h>

#include <filesystem>
#include <cstring>
#include <fstream>
#include <unistd.h>

#include "gpu/shader_compiler.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

const fs::path kSource = SC_SOURCE_DIR;
const fs::path kBuiltShaders = SC_BUILT_SHADERS;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class ShaderCompilerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sc_shaders_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(kSource / "shaders", dir_ / "src", fs::copy_options::recursive);
    fs::create_directories(dir_ / "out");
    // The session folder starts with the build's SPIR-V, as the preview seeds it.
    fs::copy_file(kBuiltShaders / "pbr.frag.spv", dir_ / "out/pbr.frag.spv");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(ShaderCompilerTest, RuntimeSpirvIsWhatTheBuildMakes) {
  auto words = gpu::compileGlsl(dir_ / "src/sky.frag", {});
  ASSERT_TRUE(words.ok()) << words.error().message;
  std::string built = readAll(kBuiltShaders / "sky.frag.spv");
  ASSERT_EQ(words->size() * 4, built.size());
  EXPECT_EQ(std::memcmp(words->data(), built.data(), built.size()), 0);
}

TEST_F(ShaderCompilerTest, BrokenShaderKeepsTheLastGoodCodeWithTheCompilerMessage) {
  gpu::LiveShaderSet shaders(dir_ / "src", dir_ / "out");
  const auto* seeded = shaders.spirv("pbr.frag.spv");
  ASSERT_NE(seeded, nullptr);
  const std::vector<std::uint32_t> good = *seeded;
  const std::string goodFile = readAll(dir_ / "out/pbr.frag.spv");

  // A typo on line 3 of the fragment shader.
  std::string source = readAll(dir_ / "src/pbr.frag");
  std::size_t line3 = source.find('\n', source.find('\n') + 1) + 1;
  std::string broken = source;
  broken.insert(line3, "vec3 oops = ;\n");
  std::ofstream(dir_ / "src/pbr.frag", std::ios::trunc) << broken;
  auto update = shaders.recompile({dir_ / "src/pbr.frag"});
  EXPECT_TRUE(update.rebuilt.empty());
  ASSERT_EQ(update.errors.count("pbr.frag.spv"), 1u);
  const std::string& message = update.errors.at("pbr.frag.spv");
  EXPECT_NE(message.find("pbr.frag:3:"), std::string::npos) << message;
  EXPECT_NE(message.find("error"), std::string::npos) << message;
  EXPECT_EQ(shaders.errors().size(), 1u);
  ASSERT_NE(shaders.spirv("pbr.frag.spv"), nullptr);
  EXPECT_EQ(*shaders.spirv("pbr.frag.spv"), good);
  EXPECT_EQ(readAll(dir_ / "out/pbr.frag.spv"), goodFile);

  // Fixed, with a real change: new code, no error.
  std::string changed = source;
  std::size_t main = changed.find("void main()");
  ASSERT_NE(main, std::string::npos);
  changed.insert(main, "const float kUnusedHotReloadMarker = 1.0;\n");
  std::ofstream(dir_ / "src/pbr.frag", std::ios::trunc) << changed;
  update = shaders.recompile({dir_ / "src/pbr.frag"});
  EXPECT_TRUE(update.errors.empty());
  EXPECT_EQ(update.rebuilt, std::vector<std::string>{"pbr.frag.spv"});
  EXPECT_TRUE(shaders.errors().empty());
  auto onDisk = readAll(dir_ / "out/pbr.frag.spv");
  ASSERT_EQ(onDisk.size(), shaders.spirv("pbr.frag.spv")->size() * 4);
  EXPECT_EQ(std::memcmp(onDisk.data(), shaders.spirv("pbr.frag.spv")->data(), onDisk.size()), 0);
}

TEST_F(ShaderCompilerTest, AnIncludeRebuildsEveryStageAndOtherFoldersAreIgnored) {
  gpu::LiveShaderSet shaders(dir_ / "src", dir_ / "out");
  auto update = shaders.recompile({dir_ / "src/common.glsl", dir_ / "elsewhere.frag"});
  EXPECT_TRUE(update.errors.empty()) << update.errors.begin()->second;
  std::size_t stages = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "src")) stages += gpu::isShaderStageFile(entry.path());
  EXPECT_EQ(update.rebuilt.size(), stages);
  EXPECT_GE(stages, 7u);
}

TEST(ShaderCompiler, MissingCompilerIsAClearError) {
  gpu::ShaderCompileOptions options;
  options.compiler = "/nonexistent/glslc";
  auto words = gpu::compileGlsl(fs::path(SC_SOURCE_DIR) / "shaders/sky.frag", options);
  ASSERT_FALSE(words.ok());
  EXPECT_NE(words.error().message.find("/nonexistent/glslc"), std::string::npos) << words.error().message;
  EXPECT_FALSE(gpu::compileGlsl(fs::path(SC_SOURCE_DIR) / "shaders/common.glsl", {}).ok());
}

}  // namespace
