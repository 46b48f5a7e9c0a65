#pragma once
// Cook-time mesh optimisation with meshoptimizer 0.18: vertex-cache order, optional overdraw
// order, vertex-fetch order (vertices renumbered in first-use order, unused ones dropped) and
// levels of detail (Primitive::lodIndices) for large primitives.
//
// Everything that is per vertex moves together: vertices, skin weights and morph-target
// deltas. Triangles stay the same set (same corners, same winding), only their order and the
// vertex numbering change; bounds are kept as imported.
//
// LODs: for a primitive with more than lodTriangleThreshold triangles, level k (k = 1..maxLods)
// targets indexCount / 2^k indices with meshopt_simplify at a target error of lodTargetError,
// which meshoptimizer measures relative to the primitive's extent (0.02 = the surface may move
// by up to 2% of the mesh's size, meshopt_simplifyScale). A level is kept only when it has at
// most 90% of the indices of the level before; simplification stops at the first level that
// cannot get there within the error. Each LOD is a triangle list over the same vertices.
#include <cstddef>
#include <cstdint>

#include "assets/model.hpp"

namespace sc::assets {

struct MeshOptimizeOptions {
  bool enabled = true;        // false: the model is left exactly as imported
  bool vertexCache = true;
  bool overdraw = false;      // needs positions; trades a little vertex-cache efficiency
  float overdrawThreshold = 1.05f;
  bool vertexFetch = true;
  std::uint32_t lodTriangleThreshold = 2048;
  std::uint32_t maxLods = 3;
  float lodTargetError = 0.02f;
};

struct MeshOptimizeStats {
  std::size_t primitives = 0;
  std::size_t primitivesWithLods = 0;
  std::size_t lodLevels = 0;
  std::size_t verticesBefore = 0;
  std::size_t verticesAfter = 0;
  // Average cache miss ratio (ACMR, meshopt_analyzeVertexCache with a 16-entry FIFO) summed over
  // primitives, before and after: divide by `primitives` for the mean.
  double acmrBefore = 0.0;
  double acmrAfter = 0.0;
};

// Optimises one primitive in place. A primitive without indices is left alone.
void optimizePrimitive(Primitive& primitive, const MeshOptimizeOptions& options,
                       MeshOptimizeStats* stats = nullptr);

// Optimises every primitive of every mesh (nothing else in the model changes).
MeshOptimizeStats optimizeModel(Model& model, const MeshOptimizeOptions& options);

}  // namespace sc::assets
