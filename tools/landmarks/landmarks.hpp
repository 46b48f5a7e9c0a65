#pragma once
// The landmark generators. Each builds one Model from the options; the same options always
// give the same model. Coordinates: metres, +Y up, origin near the landmark's centre at its
// main walking level; -Z is "north" only loosely (layouts are schematic, not surveyed).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sc::landmarks {

// The longest triangle edge (metres) sc_landmarks writes; build() results are tessellated to it.
inline constexpr float kMaxTriangleEdge = 20.0f;

struct GenerateOptions {
  std::uint64_t seed = 1;
  int textureSize = 512;  // base colour size of the detailed surfaces (others use half)
  std::string fontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
};

Model buildHongyadong(const GenerateOptions& options);
Model buildJiefangbei(const GenerateOptions& options);
Model buildChaotianmen(const GenerateOptions& options);
Model buildLiziba(const GenerateOptions& options);
Model buildPeoplesSquare(const GenerateOptions& options);  // Great Hall + Three Gorges Museum
Model buildErchang(const GenerateOptions& options);        // Eling Er Chang factory halls
Model buildHuangjueping(const GenerateOptions& options);   // graffiti street

struct LandmarkEntry {
  std::string name;
  std::function<Model(const GenerateOptions&)> build;
};
// All landmarks in a fixed order.
std::vector<LandmarkEntry> allLandmarks();

}  // namespace sc::landmarks
