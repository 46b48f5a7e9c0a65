#include "common_parts.hpp"

namespace sc::landmarks {

Model buildHuangjueping(const GenerateOptions& o) {
  Model m;
  m.name = "huangjueping";
  (void)o;
  return m;
}

}  // namespace sc::landmarks
