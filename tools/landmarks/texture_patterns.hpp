#pragma once
// The surface patterns the landmarks use. Each returns tileable maps whose one tile stands for
// the real-world size given in its comment (callers pass that size as the mesh uvScale or tile
// size). Colours are sRGB 0..1.
#include <cstdint>
#include <string>

#include "texture_gen.hpp"

namespace sc::landmarks {

// Running-bond brick, one tile = 2 m x 2 m (about 30 courses).
SurfaceMaps brickWall(std::uint64_t seed, int size, glm::vec3 brick);
// Diaojiaolou storey bay, one tile = 4 m wide x 3.6 m high: dark timber posts and rails, white
// plaster panels, a lattice window whose panes glow warm (emissive) at night.
SurfaceMaps timberFacade(std::uint64_t seed, int size);
// Rows of curved roof tiles running down the slope (image v), one tile = 2 m x 2 m.
SurfaceMaps roofTiles(std::uint64_t seed, int size, glm::vec3 tint, float roughness);
// Dressed stone blocks, one tile = 4 m x 4 m, blocksX x blocksY blocks.
SurfaceMaps stoneBlocks(std::uint64_t seed, int size, glm::vec3 tint, int blocksX, int blocksY);
// Curtain-wall glass, one tile = baysX bays x floorsY storeys; some windows lit (emissive).
SurfaceMaps glassCurtain(std::uint64_t seed, int size, int baysX, int floorsY, glm::vec3 tint,
                         float litFraction);
// Lime plaster / render, one tile = 4 m.
SurfaceMaps plaster(std::uint64_t seed, int size, glm::vec3 tint);
// Board-marked concrete, one tile = 4 m.
SurfaceMaps concrete(std::uint64_t seed, int size, glm::vec3 tint);
// River surface, one tile = 16 m; tint sets the silt colour.
SurfaceMaps water(std::uint64_t seed, int size, glm::vec3 tint);
// Square stone paving slabs, one tile = 6 m (8 x 8 slabs).
SurfaceMaps paving(std::uint64_t seed, int size, glm::vec3 tint);
// Hillside: grass, shrubs and bare soil, one tile = 32 m.
SurfaceMaps hillside(std::uint64_t seed, int size);
// Residential facade, one tile = 2 bays (7.2 m) x 2 storeys (6 m): tiled wall, windows,
// balcony slabs; a few windows lit.
SurfaceMaps residentialFacade(std::uint64_t seed, int size, glm::vec3 wall);
// Painted graffiti over an old render wall, one tile = 12 m x 12 m.
SurfaceMaps graffitiWall(std::uint64_t seed, int size);
// Brick factory facade bay, one tile = 6 m x 4.5 m: brick wall with a big steel-framed window.
SurfaceMaps factoryFacade(std::uint64_t seed, int size);
// A clock dial (white face, black marks and hands at about ten past ten), glowing softly.
SurfaceMaps clockFace(int size);
// A painted sign: text centred on a plain background; aspect = panel width / height, so the
// square image stretched over the panel shows undistorted glyphs.
SurfaceMaps signPanel(const std::string& utf8, glm::vec3 background, glm::vec3 ink, float aspect,
                      int size, bool glow, const std::string& fontPath);

}  // namespace sc::landmarks
