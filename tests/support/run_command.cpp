#include "support/run_command.hpp"

#include <array>
#include <cstdio>

#include <sys/wait.h>

namespace sc::test {

RunResult runCommand(const std::string& command) {
  RunResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), int(buffer.size()), pipe)) result.output += buffer.data();
  int status = pclose(pipe);
  if (WIFEXITED(status)) {
    result.exitCode = WEXITSTATUS(status);
    // sh reports a child killed by signal N as exit status 128 + N (a crash of the program run).
    if (result.exitCode > 128 && result.exitCode < 160) result.signal = result.exitCode - 128;
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace sc::test
