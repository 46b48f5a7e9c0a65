#pragma once
// Logging goes through spdlog; these helpers only set it up the same way for every face.
#include <spdlog/spdlog.h>

namespace sc {

enum class LogLevel { Quiet, Normal, Verbose };

// Configures the default logger: messages to stderr with a short "shancheng:" prefix.
void initLogging(LogLevel level);

}  // namespace sc
