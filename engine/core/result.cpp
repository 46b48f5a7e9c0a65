#include "core/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace sc {

void panic(const char* file, int line, const std::string& message) {
  std::fprintf(stderr, "shancheng: internal error at %s:%d: %s\n", file, line, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace sc
