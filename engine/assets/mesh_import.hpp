#pragma once
// One Assimp mesh (already triangulated, points and lines removed) -> one engine Primitive.
// Internal to sc_assets.
//
// What is produced, per vertex: position; normal (unit; +Y when absent); tangent xyz (unit) with
// w = +1/-1 such that cross(normal, tangent.xyz) * w is the direction of decreasing glTF V,
// i.e. "up" in the image, as glTF / MikkTSpace normal maps expect (Assimp's bitangent);
// uv0, uv1 in glTF convention (origin top-left: V is flipped back from Assimp's bottom-left);
// colour from the first colour set, clamped to [0,1], RGBA8 linear.
// Skin weights: at most 4 influences per vertex, the largest kept, normalised to sum 1; a vertex
// with no influence keeps all weights 0 (draw it unskinned). Morph targets: position (and normal
// when present) deltas relative to the base mesh.
#include <cstdint>
#include <map>
#include <string>

#include <assimp/mesh.h>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

struct MeshImportContext {
  const std::string& modelLabel;
  std::uint32_t defaultMaterial;  // used when the mesh's material index is out of range
  std::uint32_t materialCount;    // materials imported from the file
  // Joint index in the skin of the engine Mesh this primitive belongs to, by bone name.
  const std::map<std::string, std::uint16_t>* joints = nullptr;
};

// Errors: a non-finite position, or a face index past the vertex count.
Result<Primitive> convertMesh(const aiMesh& mesh, const MeshImportContext& context);

}  // namespace sc::assets
