#include "landmarks.hpp"

namespace sc::landmarks {

std::vector<LandmarkEntry> allLandmarks() {
  return {
      {"hongyadong", buildHongyadong},     {"jiefangbei", buildJiefangbei},
      {"chaotianmen", buildChaotianmen},   {"liziba", buildLiziba},
      {"peoples_square", buildPeoplesSquare}, {"erchang", buildErchang},
      {"huangjueping", buildHuangjueping},
  };
}

}  // namespace sc::landmarks
