#include "common_parts.hpp"

namespace sc::landmarks {

Model buildErchang(const GenerateOptions& o) {
  Model m;
  m.name = "erchang";
  (void)o;
  return m;
}

}  // namespace sc::landmarks
