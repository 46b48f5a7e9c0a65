#pragma once
// Procedural textures of the guide, deterministic from the seed (own PCG-style hash noise, no
// std:: distributions). Base colours are sRGB; normal maps are tangent-space, +Y up in the image
// (glTF convention); metallic-roughness maps hold roughness in G and metalness in B.
#include <cstdint>
#include <vector>

#include "guide_model.hpp"

namespace sc::avatar {

struct JacketMaps {
  Image baseColor, normal, metallicRoughness;
};
struct HairMaps {
  Image baseColor, normal;
};

// The skin colour used by the face texture and the plain skin material (sRGB bytes).
inline constexpr std::uint8_t kSkinSrgb[3] = {234, 192, 168};

Image paintFace(std::uint64_t seed, int size);
JacketMaps paintJacket(std::uint64_t seed, int size);
HairMaps paintHair(std::uint64_t seed, int size);
Image paintEye(int size);
// Ba-Yu brocade (Tujia xilankapu-style diamond hooks) for the sash; one tile, repeats in u.
Image paintSash(std::uint64_t seed, int width, int height);

// PNG bytes (stb_image_write, fixed settings: identical input gives identical bytes).
std::vector<std::uint8_t> encodePng(const Image& image);

// sRGB byte -> linear factor, for material colours that must match a texture.
float srgbToLinear(std::uint8_t value);

}  // namespace sc::avatar
