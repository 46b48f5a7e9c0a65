#pragma once
// Assimp materials -> engine Materials (glTF 2.0 metallic-roughness), with their textures decoded
// once each (keyed by source and colour space). Internal to sc_assets.
//
// Texture transforms (KHR_texture_transform): Assimp 5.2.5 rewrites the glTF offset/rotation/
// scale into its own bottom-left UV space (rotation negated, offset re-centred). We invert that
// exactly, so TextureRef::transform holds the values written in the glTF file, for UVs in glTF
// convention (origin top-left, which the importer restores by flipping V of every vertex):
//   uv' = offset + R(rotation) * (scale * uv),  R(r) = [ cos r  sin r ]
//                                                      [-sin r  cos r ]  (row-major)
// i.e. the KHR_texture_transform reference matrix. Other formats carry only scale/translation
// in practice and map through the same inverse.
#include <string>

#include <assimp/scene.h>

#include "assets/content_io_system.hpp"
#include "assets/importer.hpp"
#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

// Appends one Material per aiMaterial (same order) and the textures they use to `model`.
// A texture that is missing, refused by the resolver, undecodable or over the size limit fails
// the whole import with a message naming the model, the material and the texture path.
Status importMaterials(const aiScene& scene, const ContentIoSystem& io,
                       const ImportOptions& options, const std::string& modelLabel, Model& model);

// The inverse of Assimp 5.2.5's glTF2 KHR_texture_transform conversion (see above).
TextureTransform textureTransformFromAssimp(const aiUVTransform& assimp);

}  // namespace sc::assets
