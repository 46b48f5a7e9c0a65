// Inside-out panorama sphere.
#include "render/panorama_sphere.hpp"

#include <cmath>

#include <glm/gtc/constants.hpp>

#include "assets/texture_decode.hpp"

namespace sc::render {

glm::vec3 equirectDirection(glm::vec2 uv) {
  float longitude = (uv.x - 0.5f) * glm::two_pi<float>();  // 0 ahead (-Z), +90 degrees at +X
  float latitude = (0.5f - uv.y) * glm::pi<float>();        // +90 degrees straight up
  return {std::cos(latitude) * std::sin(longitude), std::sin(latitude), -std::cos(latitude) * std::cos(longitude)};
}

Result<assets::Model> makePanoramaSphere(const ImageRgba8& equirect, float radius, int rings, int segments) {
  if (equirect.width == 0 || equirect.width != 2 * equirect.height ||
      equirect.pixels.size() != std::size_t(equirect.width) * equirect.height * 4) {
    return makeError("a panorama must be a 2:1 equirect image; this one is {}x{}", equirect.width, equirect.height);
  }
  assets::Model model;
  auto texture = assets::textureFromRgba8(equirect.pixels, equirect.width, equirect.height, "panorama", true, {});
  if (!texture) return texture.error();
  model.textures.push_back(std::move(*texture));
  assets::Material material;
  material.name = "panorama";
  material.unlit = true;
  material.doubleSided = true;
  material.baseColor.texture = 0;
  material.baseColor.sampler.wrapU = assets::Wrap::Repeat;
  material.baseColor.sampler.wrapV = assets::Wrap::ClampToEdge;
  model.materials.push_back(material);

  assets::Primitive sphere;
  sphere.name = "panorama sphere";
  for (int r = 0; r <= rings; ++r) {
    for (int s = 0; s <= segments; ++s) {
      glm::vec2 uv(float(s) / float(segments), float(r) / float(rings));
      glm::vec3 direction = equirectDirection(uv);
      assets::Vertex v;
      v.position = direction * radius;
      v.normal = -direction;  // facing the centre
      v.uv0 = uv;
      sphere.vertices.push_back(v);
      sphere.bounds.add(v.position);
    }
  }
  auto at = [&](int r, int s) { return std::uint32_t(r * (segments + 1) + s); };
  for (int r = 0; r < rings; ++r) {
    for (int s = 0; s < segments; ++s) {
      // Counter-clockwise seen from the centre.
      std::uint32_t a = at(r, s), b = at(r, s + 1), c = at(r + 1, s), d = at(r + 1, s + 1);
      sphere.indices.insert(sphere.indices.end(), {a, c, b, b, c, d});
    }
  }
  assets::Mesh mesh;
  mesh.name = "panorama";
  mesh.primitives.push_back(std::move(sphere));
  model.meshes.push_back(std::move(mesh));
  assets::Node node;
  node.name = "panorama";
  node.mesh = 0;
  model.nodes.push_back(node);
  model.rootNodes.push_back(0);
  return model;
}

}  // namespace sc::render
