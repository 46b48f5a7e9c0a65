// The shancheng executable as a user meets it: help, version, and one clear line for bad input.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>


#include <gtest/gtest.h>

#include "core/image_io.hpp"
#include "gpu_test_support.hpp"

namespace sc::test {

namespace {

int errorLines(const std::string& output) {
  int n = 0;
  std::size_t pos = 0;
  while ((pos = output.find("[error]", pos)) != std::string::npos) {
    ++n;
    ++pos;
  }
  return n;
}

}  // namespace

TEST(Cli, HelpAndVersion) {
  auto version = runShancheng("--version");
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_NE(version.output.find("shancheng 0."), std::string::npos) << version.output;
  auto help = runShancheng("--help");
  EXPECT_EQ(help.exitCode, 0);
  for (const char* word : {"render", "tour", "Exit codes"}) {
    EXPECT_NE(help.output.find(word), std::string::npos) << word;
  }
  auto renderHelp = runShancheng("render --help");
  EXPECT_EQ(renderHelp.exitCode, 0);
  for (const char* word : {"--camera", "--size", "--views", "--time-of-day", "--out", "--gpu"}) {
    EXPECT_NE(renderHelp.output.find(word), std::string::npos) << word;
  }
}

TEST(Cli, RendersABuiltinPngAndAStereoPair) {
  auto out = testOutputDir() / "cli_stereo.png";
  auto r = runShancheng("render builtin:default --size 200x100 --views 2 --validation --out " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = readPng(out);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->width, 400u);
  EXPECT_EQ(image->height, 100u);
  EXPECT_NE(r.output.find("wrote"), std::string::npos);
  EXPECT_NE(r.output.find("GPU:"), std::string::npos);  // the chosen device is printed
}

// A view of the default scene (the window test's glide from stop 1 to stop 2 passes it) that
// took lavapipe 48 s per frame with anisotropic filtering and 0.4 s without: the device leaves
// anisotropy off on CPU rasterisers. `timeout` turns a return of the stall into a failure, not
// a hung suite; the limit is 50 times the normal time.
TEST(Cli, AViewThatStalledLavapipeRendersPromptly) {
  auto out = testOutputDir() / "cli_stall_view.png";
  auto r = runShancheng(
      "render builtin:default --camera 6.42,3.4,2.48,-0.2,1,0 --size 480x300 --msaa 1 --validation --out " + out.string(),
      "timeout 20");
  ASSERT_EQ(r.exitCode, 0) << "exit 124 is the timeout: the stall is back\n" << r.output;
  auto image = readPng(out);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->width, 480u);
  EXPECT_EQ(errorLines(r.output), 0) << r.output;
}

struct BadInput {
  const char* name;
  std::string arguments;
  int exitCode;
  std::string mention;  // what the one error line must name
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneClearErrorLineAndANonZeroExit) {
  const BadInput& c = GetParam();
  auto r = runShancheng(c.arguments);
  EXPECT_EQ(r.exitCode, c.exitCode) << r.output;
  EXPECT_EQ(errorLines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find(c.mention), std::string::npos) << r.output;
}

std::string writeNotAModel() {
  auto path = testOutputDir() / "not-a-model.gltf";
  std::ofstream(path) << "this is a shopping list, not a model\n";
  return path.string();
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CliBadInput,
    ::testing::Values(
        BadInput{"missing_file", "render /nonexistent/hongyadong.glb --out /tmp/x.png", 1, "/nonexistent/hongyadong.glb"},
        BadInput{"not_a_model", "render " + writeNotAModel() + " --out /tmp/x.png", 1, "not-a-model.gltf"},
        BadInput{"broken_reference",
                 "render " SC_ASSIMP_MODELS "/glTF2/MissingBin/BoxTextured.gltf --out /tmp/x.png", 1, "BoxTextured"},
        BadInput{"bad_size", "render --size 10x", 2, "--size"},
        BadInput{"bad_time", "render --time-of-day 25:00", 2, "25:00"},
        BadInput{"bad_camera", "render --camera 1,2,3", 2, "--camera"},
        BadInput{"bad_views", "render --views 3", 2, "--views"},
        BadInput{"unknown_gpu", "render --gpu no-such-gpu --out /tmp/x.png", 3, "no-such-gpu"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Cli, NoVulkanDeviceIsExplainedNotCrashed) {
  auto r = runShancheng("render --out /tmp/x.png", "VK_ICD_FILENAMES=/nonexistent/icd.json VK_DRIVER_FILES=/nonexistent/icd.json");
  EXPECT_EQ(r.exitCode, 3) << r.output;
  EXPECT_EQ(errorLines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("mesa-vulkan-drivers"), std::string::npos) << r.output;
}

}  // namespace sc::test
