// A scene file damaged on disk (cut short, overwritten with binary garbage, zeroed by a lost
// write, emptied): `shancheng validate` and `shancheng render` must each name the file and the
// place, exit 1, and never crash.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <ostream>
#include <random>

#include "fault_support.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;

struct Damage {
  const char* name;
  std::string (*apply)(const std::string& good);
  const char* expected;  // part of the message that says what is wrong
};

const Damage kDamages[] = {
    {"truncated", [](const std::string& good) { return good.substr(0, good.size() / 3); },
     "JSON syntax error"},
    {"garbage",
     [](const std::string& good) {
       std::mt19937 random(20261126);  // fixed: the same garbage every run
       std::string bytes(good.size(), '\0');
       for (auto& byte : bytes) byte = char(random() & 0xFF);
       return bytes;
     },
     "invalid UTF-8"},
    {"zeroed", [](const std::string& good) { return std::string(good.size(), '\0'); }, "error"},
    {"empty", [](const std::string&) { return std::string(); }, "unexpected end of input"},
};

// Names the damage in test listings (instead of gtest's byte dump of the struct).
void PrintTo(const Damage& damage, std::ostream* out) { *out << damage.name; }

class SceneFileFaults : public ::testing::TestWithParam<Damage> {};

TEST_P(SceneFileFaults, ValidateAndRenderNameTheFileAndExit1) {
  const std::string exe = shanchengExe();
  if (exe.empty()) GTEST_SKIP() << "no shancheng executable in this build";
  TempDir dir("scene");
  const fs::path scene = writeBoxScene(dir.path());
  writeFile(scene, GetParam().apply(readFile(scene)));

  const RunResult validate = runShell(shellQuoted(exe) + " validate " + shellQuoted(scene.string()));
  EXPECT_EQ(validate.signal, 0) << validate.output;
  EXPECT_EQ(validate.exitCode, 1) << validate.output;
  // "<file>:<line>:<column>: error: ..." for an editor to jump to.
  const std::size_t at = validate.output.find(scene.string() + ":");
  ASSERT_NE(at, std::string::npos) << validate.output;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(validate.output[at + scene.string().size() + 1])))
      << validate.output;
  EXPECT_NE(validate.output.find(GetParam().expected), std::string::npos) << validate.output;
  EXPECT_NE(validate.output.find("1 error(s)"), std::string::npos) << validate.output;

  // render checks the scene before any GPU work: same problem, one error line, exit 1.
  const fs::path png = dir.path() / "never.png";
  const RunResult render = runShell(shellQuoted(exe) + " render " + shellQuoted(scene.string()) +
                                    " --size 64x48 --msaa 1 --out " + shellQuoted(png.string()));
  EXPECT_EQ(render.signal, 0) << render.output;
  EXPECT_EQ(render.exitCode, 1) << render.output;
  EXPECT_EQ(occurrences(render.output, "[error]"), 1) << render.output;
  EXPECT_NE(render.output.find("the scene cannot be shown"), std::string::npos) << render.output;
  EXPECT_EQ(occurrences(render.output, ": error: "), 1) << "the problem once, with its place\n"
                                                     << render.output;
  EXPECT_NE(render.output.find("shancheng validate"), std::string::npos) << render.output;
  EXPECT_FALSE(fs::exists(png));
}

INSTANTIATE_TEST_SUITE_P(Damages, SceneFileFaults, ::testing::ValuesIn(kDamages),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sc::faults
