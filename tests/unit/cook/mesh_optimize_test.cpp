#include <gtest/gtest.h>

#include "assets/importer.hpp"
#include "assets/mesh_optimize.hpp"
#include "cook_test_support.hpp"

namespace sc::assets {
namespace {

using cooktest::kModels;
using cooktest::triangleSet;

Model importSample(const std::string& relative) {
  ContentRoots roots({kModels});
  auto model = importModel(kModels / relative, roots);
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model.value()) : Model{};
}

// The optimised model draws exactly the same triangles (same corners with all their
// per-vertex data, same winding) in a different order and numbering.
void expectSameTriangles(const Model& before, const Model& after) {
  ASSERT_EQ(before.meshes.size(), after.meshes.size());
  for (std::size_t m = 0; m < before.meshes.size(); ++m) {
    for (std::size_t p = 0; p < before.meshes[m].primitives.size(); ++p) {
      const Primitive& a = before.meshes[m].primitives[p];
      const Primitive& b = after.meshes[m].primitives[p];
      EXPECT_EQ(triangleSet(a, a.indices), triangleSet(b, b.indices)) << "mesh " << m << " primitive " << p;
      EXPECT_LE(b.vertices.size(), a.vertices.size());
      EXPECT_TRUE(b.skin.empty() || b.skin.size() == b.vertices.size());
    }
  }
}

TEST(MeshOptimize, KeepsTrianglesAndImprovesVertexCache) {
  const Model original = importSample("glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb");
  Model optimized = original;
  const MeshOptimizeStats stats = optimizeModel(optimized, {});
  expectSameTriangles(original, optimized);
  ASSERT_GT(stats.primitives, 0u);
  EXPECT_LT(stats.acmrAfter, stats.acmrBefore);
  std::printf("2CylinderEngine: %zu primitives, mean ACMR %.3f -> %.3f, vertices %zu -> %zu, "
              "%zu primitives with %zu LODs\n", stats.primitives, stats.acmrBefore / double(stats.primitives),
              stats.acmrAfter / double(stats.primitives), stats.verticesBefore, stats.verticesAfter,
              stats.primitivesWithLods, stats.lodLevels);
}

TEST(MeshOptimize, MovesSkinWeightsAndMorphDeltasWithTheirVertices) {
  for (const char* relative : {"glTF2/simple_skin/simple_skin.gltf",
                               "glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf",
                               "FBX/animation_with_skeleton.fbx"}) {
    SCOPED_TRACE(relative);
    const Model original = importSample(relative);
    Model optimized = original;
    optimizeModel(optimized, MeshOptimizeOptions{.overdraw = true});
    expectSameTriangles(original, optimized);
  }
}

TEST(MeshOptimize, LodsAreValidAndSmaller) {
  const Model original = importSample("glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb");
  Model optimized = original;
  const auto stats = optimizeModel(optimized, MeshOptimizeOptions{.lodTriangleThreshold = 500});
  ASSERT_GT(stats.primitivesWithLods, 0u);
  std::size_t checked = 0;
  for (std::size_t m = 0; m < optimized.meshes.size(); ++m) {
    for (std::size_t p = 0; p < optimized.meshes[m].primitives.size(); ++p) {
      const Primitive& prim = optimized.meshes[m].primitives[p];
      if (prim.indices.size() / 3 <= 500) {
        EXPECT_TRUE(prim.lodIndices.empty());
        continue;
      }
      std::size_t previous = prim.indices.size();
      for (const auto& lod : prim.lodIndices) {
        EXPECT_EQ(lod.size() % 3, 0u);
        EXPECT_LE(double(lod.size()), double(previous) * 0.9);
        EXPECT_GT(lod.size(), 0u);
        for (std::uint32_t i : lod) ASSERT_LT(i, prim.vertices.size());
        // A LOD stays inside the primitive's bounds (it only collapses onto existing vertices).
        for (std::uint32_t i : lod) {
          const glm::vec3& v = prim.vertices[i].position;
          ASSERT_TRUE(glm::all(glm::greaterThanEqual(v, prim.bounds.min)) &&
                      glm::all(glm::lessThanEqual(v, prim.bounds.max)));
        }
        previous = lod.size();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST(MeshOptimize, DisabledLeavesTheModelAsImported) {
  const Model original = importSample("glTF2/simple_skin/simple_skin.gltf");
  Model copy = original;
  optimizeModel(copy, MeshOptimizeOptions{.enabled = false});
  EXPECT_EQ(cooktest::modelDifference(original, copy), "");
}

}  // namespace
}  // namespace sc::assets
