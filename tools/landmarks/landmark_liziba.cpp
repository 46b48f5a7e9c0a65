#include "common_parts.hpp"

namespace sc::landmarks {

Model buildLiziba(const GenerateOptions& o) {
  Model m;
  m.name = "liziba";
  (void)o;
  return m;
}

}  // namespace sc::landmarks
