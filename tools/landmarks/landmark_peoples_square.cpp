#include "common_parts.hpp"

namespace sc::landmarks {

Model buildPeoplesSquare(const GenerateOptions& o) {
  Model m;
  m.name = "peoples_square";
  (void)o;
  return m;
}

}  // namespace sc::landmarks
