#include "core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sc {

void initLogging(LogLevel level) {
  auto logger = spdlog::stderr_color_mt("shancheng");
  logger->set_pattern("%^shancheng [%l]%$ %v");
  switch (level) {
    case LogLevel::Quiet: logger->set_level(spdlog::level::warn); break;
    case LogLevel::Normal: logger->set_level(spdlog::level::info); break;
    case LogLevel::Verbose: logger->set_level(spdlog::level::debug); break;
  }
  spdlog::set_default_logger(logger);
}

}  // namespace sc
