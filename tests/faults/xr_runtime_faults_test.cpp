// The OpenXR runtime killed in the middle of a tour. Monado runs out of process here:
// `monado-service` (tools/build-monado.sh --service) in its own process, `shancheng xr` loading
// Monado's IPC client (libopenxr_monado.so of that build), the two talking over a socket in a
// private XDG_RUNTIME_DIR. Once frames flow, the service gets SIGKILL - what a crashed or
// killed runtime looks like to the app (the socket closes; the client's calls answer
// XR_ERROR_INSTANCE_LOST).
//
// What must happen (docs/XR.md "Loss", docs/ROBUSTNESS.md "Fault injection"):
// - killed for good: shancheng tries to come back (instance loss: wait 2 s, make the instance
//   again; at most 5 tries), then gives up with one message that says the runtime is
//   gone and what to do, and exit code 8 (kXrExitRuntimeLost; no desktop fallback in the middle
//   of a headset tour); no crash, no hang (timeout), no validation error, no sanitizer report;
// - killed and started again (a restarted runtime): shancheng makes a new instance, device and
//   renderer, its session reaches FOCUSED again and the tour goes on to its frame count: exit 0.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault_support.hpp"

namespace sc::faults {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The out-of-process Monado build: SC_MONADO_SERVICE_RECORD (a file like the cache's), else
// <cache>/monado-25.0.0/service.txt from tools/build-monado.sh --service: line 1 the IPC
// client's runtime manifest, line 2 the monado-service executable.
struct MonadoService {
  std::string manifest;
  std::string service;
  std::string why;  // why it cannot be used (the skip message) when empty paths
};

MonadoService findMonadoService() {
  fs::path record;
  if (const char* env = std::getenv("SC_MONADO_SERVICE_RECORD"); env && *env) {
    record = env;
  } else {
    fs::path cache;
    if (const char* dir = std::getenv("SC_CACHE_DIR"); dir && *dir) cache = dir;
    else if (const char* home = std::getenv("HOME"); home && *home) cache = fs::path(home) / ".cache" / "shancheng";
    record = cache / "monado-25.0.0" / "service.txt";
  }
  MonadoService found;
  std::ifstream in(record);
  std::getline(in, found.manifest);
  std::getline(in, found.service);
  if (found.manifest.empty() || !fs::exists(found.manifest) || found.service.empty() || !fs::exists(found.service)) {
    found = {};
    found.why = "Monado's out-of-process build (monado-service + IPC client) is not in " + record.string() +
                ": run tools/build-monado.sh --service (about 4 minutes once; the in-process build that the "
                "other XR tests use has no service)";
  }
  return found;
}

// A child process: `argv` run with `environment` added, stdout and stderr to `log`.
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& environment,
            const fs::path& log) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  ::_exit(127);
}

// Waits up to `limit` for `pid`; true (and its status) when it ended.
bool waitFor(pid_t pid, std::chrono::seconds limit, int& status) {
  const auto until = Clock::now() + limit;
  while (Clock::now() < until) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Waits up to `limit` for `text` in `file` (or for `pid` to end); true when it appeared.
bool waitForText(const fs::path& file, const std::string& text, pid_t pid, std::chrono::seconds limit) {
  const auto until = Clock::now() + limit;
  while (Clock::now() < until) {
    if (readFile(file).find(text) != std::string::npos) return true;
    if (::kill(pid, 0) != 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

class XrRuntimeFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    exe_ = shanchengExe();
    if (exe_.empty()) GTEST_SKIP() << "no shancheng executable in this build";
    monado_ = findMonadoService();
    if (monado_.manifest.empty()) GTEST_SKIP() << monado_.why;
    if (!fs::exists("/usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json")) {
      GTEST_SKIP() << "the OpenXR core validation layer is not installed (openxr-layer-corevalidation)";
    }
    runtimeDir_ = dir_.path() / "xdg";  // the service's socket lives here, private to this test
    fs::create_directories(runtimeDir_);
    ::chmod(runtimeDir_.c_str(), 0700);
  }
  void TearDown() override {
    for (pid_t pid : {service_, app_}) {
      if (pid > 0) {
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
      }
    }
  }

  std::vector<std::pair<std::string, std::string>> environment() const {
    std::vector<std::pair<std::string, std::string>> env{{"XDG_RUNTIME_DIR", runtimeDir_.string()},
            {"XRT_COMPOSITOR_NULL", "1"},
            // monado-service watches stdin for Enter to quit; epoll refuses a file or /dev/null.
            {"XRT_NO_STDIN", "1"},
            {"XR_RUNTIME_JSON", monado_.manifest},
            {"XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation"},
            {"XR_CORE_VALIDATION_EXPORT_TYPE", "text"},
            {"XR_CORE_VALIDATION_FILE_NAME", (dir_.path() / "xr-validation.txt").string()}};
    // Under tools/asan-test.sh a preloaded shim keeps the libraries the loaders dlclose mapped
    // (SC_KEEP_LOADED), so LeakSanitizer can name their own leaks for tests/lsan.supp. The IPC
    // client of this build is not on its list (the other XR tests load the in-process runtime):
    // without it here, the client's leaks at exit showed as "<unknown module>".
    if (const char* keep = std::getenv("SC_KEEP_LOADED"); keep && *keep) {
      std::string client = runtimeLibrary(monado_.manifest);
      if (!client.empty()) env.emplace_back("SC_KEEP_LOADED", std::string(keep) + ":" + client);
    }
    return env;
  }

  // The "library_path" of an OpenXR runtime manifest (absolute in Monado's build-tree manifest).
  static std::string runtimeLibrary(const std::string& manifest) {
    const std::string text = readFile(manifest);
    const std::string key = "\"library_path\"";
    std::size_t at = text.find(key);
    if (at == std::string::npos) return {};
    std::size_t open = text.find('"', text.find(':', at + key.size()));
    std::size_t close = open == std::string::npos ? std::string::npos : text.find('"', open + 1);
    return close == std::string::npos ? std::string() : text.substr(open + 1, close - open - 1);
  }

  // Starts monado-service and waits for its socket. Empty string when it came up; else why not.
  std::string startService(const std::string& logName) {
    const fs::path socket = runtimeDir_ / "monado_comp_ipc";
    fs::remove(socket);
    service_ = spawn({monado_.service}, environment(), dir_.path() / logName);
    const auto until = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < until) {
      if (fs::exists(socket)) return {};
      int status = 0;
      if (::waitpid(service_, &status, WNOHANG) == service_) {
        service_ = -1;
        return "monado-service ended at start: " + readFile(dir_.path() / logName);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "monado-service made no socket in 30 s: " + readFile(dir_.path() / logName);
  }

  void killService() {
    ASSERT_GT(service_, 0);
    ASSERT_EQ(::kill(service_, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(service_, &status, 0), service_);
    service_ = -1;
  }

  // `shancheng xr` of the test courtyard under `timeout` (a hang fails the test as exit 124).
  // The loss recovery's defaults (XrRequest): 2 s between tries, at most 5 tries.
  void startApp(unsigned frames) {
    app_ = spawn({"timeout", "-s", "KILL", "150", exe_, "xr", "builtin:default", "--no-fallback", "--msaa", "1",
                  "--max-eye-width", "320", "--shadow-map-size", "512", "--frames", std::to_string(frames)},
                 environment(), log());
  }

  // Waits for shancheng to end (bounded); its exit code, or -1 for a signal / no end.
  int finishApp(int& signal) {
    int status = 0;
    signal = 0;
    if (!waitFor(app_, std::chrono::seconds(160), status)) {
      ::kill(app_, SIGKILL);
      ::waitpid(app_, &status, 0);
      app_ = -1;
      ADD_FAILURE() << "shancheng xr did not end after the runtime was killed (hang)";
      return -1;
    }
    app_ = -1;
    if (WIFSIGNALED(status)) {
      signal = WTERMSIG(status);
      return -1;
    }
    return WEXITSTATUS(status);
  }

  fs::path log() const { return dir_.path() / "shancheng.txt"; }

  // No validation error (OpenXR core validation layer, less the known 1.0.20 false positive;
  // Vulkan validation errors are logged by the app) and no sanitizer report.
  void expectCleanRun(const std::string& output) {
    // The layer ran (it writes its log file only when it has something to say).
    EXPECT_GE(occurrences(output, "Core Validation output type"), 1) << output;
    std::ifstream in(dir_.path() / "xr-validation.txt");
    for (std::string line; std::getline(in, line);) {
      if (line.find("VALID_ERROR") == std::string::npos) continue;
      bool known = line.find("XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR") != std::string::npos &&
                   line.find("XR_KHR_vulkan_enable") != std::string::npos;
      EXPECT_TRUE(known) << line;
    }
    EXPECT_EQ(occurrences(output, "Vulkan validation:"), 0) << output;
    EXPECT_EQ(occurrences(output, "OpenXR validation:"), 0) << output;
    EXPECT_EQ(occurrences(output, "AddressSanitizer"), 0) << output;
    EXPECT_EQ(occurrences(output, "LeakSanitizer"), 0) << output;
    EXPECT_EQ(occurrences(output, "runtime error:"), 0) << output;
  }

  std::string exe_;
  MonadoService monado_;
  TempDir dir_{"xr_runtime_faults"};
  fs::path runtimeDir_;
  pid_t service_ = -1;
  pid_t app_ = -1;
};

TEST_F(XrRuntimeFaults, RuntimeKilledForGoodEndsTheTourWithOneMessageAndExitCode8) {
  const std::string started = startService("service.txt");
  ASSERT_TRUE(started.empty()) << started;
  startApp(0);  // until the runtime ends
  ASSERT_TRUE(waitForText(log(), "XR frame 20:", app_, std::chrono::seconds(120)))
      << "no frames flowed through monado-service:\n" << readFile(log()) << "\nservice:\n"
      << readFile(dir_.path() / "service.txt");
  killService();
  int signal = 0;
  const int rc = finishApp(signal);
  const std::string output = readFile(log());
  EXPECT_EQ(signal, 0) << "shancheng crashed when the runtime went away:\n" << output;
  EXPECT_EQ(rc, 8) << output;
  // One message: what happened and what to do.
  EXPECT_EQ(occurrences(output, "the OpenXR runtime went away"), 1) << output;
  EXPECT_EQ(occurrences(output, "start the OpenXR runtime again"), 1) << output;
  EXPECT_EQ(occurrences(output, "[error]"), 1) << output;
  // It tried to come back, as the loss recovery says, and did not fall back to the desktop.
  EXPECT_EQ(occurrences(output, "OpenXR instance lost; starting again"), 1) << output;
  EXPECT_EQ(occurrences(output, "on the desktop instead"), 0) << output;
  expectCleanRun(output);
}

TEST_F(XrRuntimeFaults, RuntimeKilledAndStartedAgainTheTourComesBack) {
  const std::string started = startService("service.txt");
  ASSERT_TRUE(started.empty()) << started;
  startApp(60);
  ASSERT_TRUE(waitForText(log(), "XR frame 20:", app_, std::chrono::seconds(120)))
      << "no frames flowed through monado-service:\n" << readFile(log());
  killService();
  // A runtime that restarts (a supervisor, or the visitor's helper starting it again).
  const std::string again = startService("service-again.txt");
  ASSERT_TRUE(again.empty()) << again;
  int signal = 0;
  const int rc = finishApp(signal);
  const std::string output = readFile(log());
  EXPECT_EQ(signal, 0) << output;
  EXPECT_EQ(rc, 0) << output;
  EXPECT_GE(occurrences(output, "OpenXR instance lost; starting again"), 1) << output;
  // A second session made through the new instance reached FOCUSED and ran to its frames.
  EXPECT_GE(occurrences(output, "OpenXR session state: FOCUSED"), 2) << output;
  std::smatch second;
  ASSERT_TRUE(std::regex_search(output, second, std::regex("XR session 1: reached FOCUSED, (\\d+) frames submitted")))
      << output;
  EXPECT_GE(std::stoi(second[1].str()), 60) << output;
  expectCleanRun(output);
}

}  // namespace
}  // namespace sc::faults
