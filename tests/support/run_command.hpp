#pragma once
// A shell command run to its end, as the tests run the shancheng executable, xvfb-run and
// xdotool scripts: its exit code and everything it wrote to stdout and stderr, together.
#include <string>

namespace sc::test {

struct RunResult {
  int exitCode = -1;  // -1 when it did not exit normally (a signal) or could not be started
  int signal = 0;     // the signal that ended the command (or, through sh, the program it ran)
  std::string output;
};

// Runs `command` through /bin/sh (popen) with stderr joined to stdout; blocks until it exits.
// No time limit of its own: put `timeout N` in the command where a hang is possible.
RunResult runCommand(const std::string& command);

}  // namespace sc::test
