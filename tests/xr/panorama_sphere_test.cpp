// The panorama fallback sphere, without a GPU.
#include <gtest/gtest.h>

#include "xr/panorama_sphere.hpp"

namespace {

using namespace sc;
using namespace sc::xr;

ImageRgba8 solid(std::uint32_t w, std::uint32_t h) {
  ImageRgba8 image;
  image.width = w;
  image.height = h;
  image.pixels.assign(std::size_t(w) * h * 4, 128);
  return image;
}

void expectNear(glm::vec3 a, glm::vec3 b) {
  EXPECT_NEAR(a.x, b.x, 1e-5f);
  EXPECT_NEAR(a.y, b.y, 1e-5f);
  EXPECT_NEAR(a.z, b.z, 1e-5f);
}

TEST(PanoramaSphere, EquirectMappingMatchesTheLayer) {
  expectNear(equirectDirection({0.5f, 0.5f}), {0, 0, -1});   // image centre ahead
  expectNear(equirectDirection({0.75f, 0.5f}), {1, 0, 0});   // a quarter right: +X
  expectNear(equirectDirection({0.25f, 0.5f}), {-1, 0, 0});
  expectNear(equirectDirection({0.0f, 0.5f}), {0, 0, 1});    // the seam behind
  expectNear(equirectDirection({0.3f, 0.0f}), {0, 1, 0});    // top row: up
  expectNear(equirectDirection({0.3f, 1.0f}), {0, -1, 0});
}

TEST(PanoramaSphere, FacesTheCentreWithTheImageAsUnlitTexture) {
  auto model = makePanoramaSphere(solid(64, 32), 20.0f, 8, 16);
  ASSERT_TRUE(model.ok()) << model.error().message;
  ASSERT_EQ(model->meshes.size(), 1u);
  const auto& prim = model->meshes[0].primitives[0];
  EXPECT_EQ(prim.vertices.size(), 9u * 17u);
  EXPECT_EQ(prim.indices.size(), 8u * 16u * 6u);
  for (const auto& v : prim.vertices) {
    EXPECT_NEAR(glm::length(v.position), 20.0f, 1e-3f);
    EXPECT_LT(glm::dot(v.normal, v.position), 0.0f);
  }
  // Every non-degenerate triangle winds counter-clockwise seen from the centre.
  std::size_t checked = 0;
  for (std::size_t i = 0; i < prim.indices.size(); i += 3) {
    glm::vec3 a = prim.vertices[prim.indices[i]].position, b = prim.vertices[prim.indices[i + 1]].position,
              c = prim.vertices[prim.indices[i + 2]].position;
    glm::vec3 n = glm::cross(b - a, c - a);
    if (glm::length(n) < 1e-4f) continue;  // at the poles
    EXPECT_LT(glm::dot(n, (a + b + c) / 3.0f), 0.0f) << "triangle " << i / 3;
    ++checked;
  }
  EXPECT_GT(checked, 200u);
  const auto& material = model->materials.at(prim.material);
  EXPECT_TRUE(material.unlit);
  ASSERT_TRUE(material.baseColor.present());
  EXPECT_EQ(model->textures.at(std::size_t(material.baseColor.texture)).width, 64u);
  EXPECT_EQ(material.baseColor.sampler.wrapV, assets::Wrap::ClampToEdge);
}

TEST(PanoramaSphere, RefusesImagesThatAreNotTwoToOne) {
  auto model = makePanoramaSphere(solid(64, 64), 20.0f);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("2:1"), std::string::npos);
}

}  // namespace
