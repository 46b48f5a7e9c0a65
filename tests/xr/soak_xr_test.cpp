// `shancheng soak --xr` (engine/app/soak_xr.hpp) against Monado: XR sessions begun and ended
// with the guided tour face, a memory sample after each, no live Vulkan object at exit and no
// validation error (Vulkan's and OpenXR's core validation layer); and a deliberate leak (the
// hidden --test-leak: one buffer left alive) fails the run with the soak's exit code.
// A run of seconds cannot judge growth per 10 minutes (its slope is noise): the bound given here
// is loose; docs/ROBUSTNESS.md "Soak with XR sessions" has the long runs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include <gtest/gtest.h>

#include "monado_env.hpp"

namespace fs = std::filesystem;

namespace {

struct SoakRun {
  int rc = -1;
  std::string log;
  std::vector<std::vector<std::string>> rows;  // the samples CSV, header left out
};

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

SoakRun runSoak(const fs::path& dir, unsigned sessions, unsigned frames, const std::string& extra) {
  SoakRun run;
  std::string cmd = std::string("cd '") + SC_SOURCE_DIR + "' && timeout 150 '" + SC_SHANCHENG_EXE +
                    "' soak --xr --scenes scenes/example/example.scene.json --validation --msaa 1 --size 160x160"
                    " --sessions " + std::to_string(sessions) + " --frames-per-session " + std::to_string(frames) +
                    " --max-growth 100000 --out '" + (dir / "samples.csv").string() + "' " + extra + " > '" +
                    (dir / "log.txt").string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.log = readText(dir / "log.txt");
  std::istringstream csv(readText(dir / "samples.csv"));
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream cellText(line);
    std::string cell;
    while (std::getline(cellText, cell, ',')) cells.push_back(cell);
    run.rows.push_back(cells);
  }
  return run;
}

}  // namespace

TEST(SoakXr, SessionsBegunAndEndedSampledNothingAliveAtExit) {
  std::string json = sc::xrtest::monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built (tools/build-monado.sh)";
  fs::path dir = sc::xrtest::freshDir("soak-xr");
  sc::xrtest::useMonado(json, dir / "xr-validation.txt");
  SoakRun run = runSoak(dir, 4, 10, "");
  ASSERT_EQ(run.rc, 0) << run.log;
  EXPECT_NE(run.log.find("4 sessions ended (4 begins), 40 frames, 4 samples; fit over 3 samples"), std::string::npos)
      << run.log;
  EXPECT_NE(run.log.find("live objects at exit: none; PASS"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("Monado"), std::string::npos) << "not run under Monado: " << run.log;
  // One sample per ended session, in order: 10 frames each, RSS and GPU memory measured.
  ASSERT_EQ(run.rows.size(), 4u) << run.log;
  for (std::size_t i = 0; i < run.rows.size(); ++i) {
    const auto& row = run.rows[i];
    ASSERT_EQ(row.size(), 13u);
    EXPECT_EQ(row[1], std::to_string(i));
    EXPECT_EQ(row[2], "10");
    EXPECT_GT(std::stoull(row[3]), 10'000'000ull) << "RSS not read";
    EXPECT_GT(std::stoull(row[5]), 0ull) << "GPU memory in use not read (the content is on the GPU)";
    EXPECT_GT(std::stoull(row[7]), 0ull) << "no live buffer while the renderer holds the content";
  }
  EXPECT_GT(std::stod(run.rows[3][0]), std::stod(run.rows[0][0]));
  // Between sessions the GPU holds the same content: bytes in use and buffers as after the first.
  for (std::size_t i = 1; i < run.rows.size(); ++i) {
    EXPECT_EQ(run.rows[i][5], run.rows[0][5]) << "GPU memory in use changed after session " << i;
    EXPECT_EQ(run.rows[i][7], run.rows[0][7]) << "live buffers changed after session " << i;
  }
  EXPECT_NE(run.log.find(" MB in use +0.00 MB/10 min"), std::string::npos) << run.log;
  sc::xrtest::ValidationLog xrLog = sc::xrtest::readValidationLog(dir / "xr-validation.txt");
  EXPECT_TRUE(xrLog.errors.empty()) << xrLog.errors.front();
  sc::xrtest::cleanUp(dir);
}

TEST(SoakXr, ABufferLeftAliveFailsTheSoak) {
  std::string json = sc::xrtest::monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built (tools/build-monado.sh)";
  fs::path dir = sc::xrtest::freshDir("soak-xr-leak");
  sc::xrtest::useMonado(json, dir / "xr-validation.txt");
  SoakRun run = runSoak(dir, 4, 4, "--test-leak");
  EXPECT_EQ(run.rc, 7) << run.log;
  EXPECT_NE(run.log.find("live objects at exit: 1 buffer; FAIL"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("Vulkan objects left alive at exit: 1 buffer"), std::string::npos) << run.log;
  EXPECT_EQ(run.rows.size(), 4u) << "the sessions did not all run; the leak was not the only failure";
  sc::xrtest::cleanUp(dir);
}
