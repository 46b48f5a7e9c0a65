#pragma once
// `shancheng validate <scene> [--profile quest2|desktop]`: every problem with file, line or JSON
// pointer and a hint; exit 0 when clean, 1 when not.
#include <string>

namespace sc::app {

int runValidate(const std::string& sceneFile, const std::string& profile);

}  // namespace sc::app
