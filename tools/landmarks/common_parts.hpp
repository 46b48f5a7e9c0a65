#pragma once
// Pieces several landmarks share: a named sub-seed, standard surfaces, glass towers, lantern
// strings and POI construction.
#include <string>

#include "landmarks.hpp"
#include "rng.hpp"
#include "texture_patterns.hpp"

namespace sc::landmarks {

inline std::uint64_t seedFor(const GenerateOptions& o, const std::string& what) {
  return deriveSeed(o.seed, what);
}

// A glass office tower: podium box, shaft (rectangular or rounded by `sides`), crown.
// Shaft uses material `glass` (tile = 4 bays x 4 storeys = 12 m x 16 m), podium `podium`.
void addGlassTower(Model& m, int object, int glass, int podium, glm::vec3 base, float width,
                   float depth, float height, float yaw, Rng& rng);

// A red lantern (octagonal barrel) hanging with its top at `top`.
void addLantern(MeshBuilder& b, glm::vec3 top, float radius);

PointOfInterest makePoi(const std::string& id, const std::string& en, const std::string& zh,
                        glm::vec3 anchor, glm::vec3 eye, glm::vec3 target, glm::vec3 xrPosition);

}  // namespace sc::landmarks
