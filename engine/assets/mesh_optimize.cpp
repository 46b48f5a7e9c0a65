#include "assets/mesh_optimize.hpp"

#include <meshoptimizer.h>

namespace sc::assets {

namespace {

constexpr unsigned kCacheSize = 16;  // a typical post-transform cache for ACMR reporting
// A LOD must drop at least 10% of the previous level's indices to be worth a draw variant.
constexpr double kMinLodReduction = 0.9;

double acmr(const std::vector<std::uint32_t>& indices, std::size_t vertexCount) {
  if (indices.empty()) return 0.0;
  return meshopt_analyzeVertexCache(indices.data(), indices.size(), vertexCount, kCacheSize, 0, 0).acmr;
}

std::vector<std::uint32_t> cacheOrder(const std::vector<std::uint32_t>& indices, std::size_t vertexCount) {
  std::vector<std::uint32_t> out(indices.size());
  meshopt_optimizeVertexCache(out.data(), indices.data(), indices.size(), vertexCount);
  return out;
}

// meshopt_simplify reads positions through a stride, so the interleaved Vertex is used as is.
const float* positions(const Primitive& p) { return &p.vertices[0].position.x; }

void buildLods(Primitive& p, const MeshOptimizeOptions& options) {
  p.lodIndices.clear();
  std::size_t previous = p.indices.size();
  for (std::uint32_t level = 1; level <= options.maxLods; ++level) {
    const std::size_t target = (p.indices.size() >> level) / 3 * 3;
    if (target < 3) break;
    std::vector<std::uint32_t> lod(p.indices.size());
    float resultError = 0.0f;
    const std::size_t count = meshopt_simplify(
        lod.data(), p.indices.data(), p.indices.size(), positions(p), p.vertices.size(),
        sizeof(Vertex), target, options.lodTargetError, 0, &resultError);
    if (count == 0 || double(count) > double(previous) * kMinLodReduction) break;
    lod.resize(count);
    if (options.vertexCache) lod = cacheOrder(lod, p.vertices.size());
    previous = count;
    p.lodIndices.push_back(std::move(lod));
  }
}

template <typename T>
void remapStream(std::vector<T>& stream, const std::vector<std::uint32_t>& remap, std::size_t newCount) {
  if (stream.empty()) return;
  std::vector<T> out(newCount);
  meshopt_remapVertexBuffer(out.data(), stream.data(), stream.size(), sizeof(T), remap.data());
  stream = std::move(out);
}

void remapIndices(std::vector<std::uint32_t>& indices, const std::vector<std::uint32_t>& remap) {
  meshopt_remapIndexBuffer(indices.data(), indices.data(), indices.size(), remap.data());
}

}  // namespace

void optimizePrimitive(Primitive& p, const MeshOptimizeOptions& options, MeshOptimizeStats* stats) {
  if (!options.enabled || p.indices.empty() || p.vertices.empty()) return;
  const std::size_t vertexCount = p.vertices.size();
  if (stats != nullptr) {
    stats->primitives++;
    stats->verticesBefore += vertexCount;
    stats->acmrBefore += acmr(p.indices, vertexCount);
  }
  if (options.vertexCache) p.indices = cacheOrder(p.indices, vertexCount);
  if (options.overdraw) {
    std::vector<std::uint32_t> out(p.indices.size());
    meshopt_optimizeOverdraw(out.data(), p.indices.data(), p.indices.size(), positions(p),
                             vertexCount, sizeof(Vertex), options.overdrawThreshold);
    p.indices = std::move(out);
  }
  if (p.indices.size() / 3 > options.lodTriangleThreshold && options.maxLods > 0) buildLods(p, options);
  if (options.vertexFetch) {
    // Numbering follows first use in LOD 0; LODs only use LOD 0's vertices (simplification
    // collapses onto existing vertices), so one remap serves every level.
    std::vector<std::uint32_t> remap(vertexCount);
    const std::size_t unique =
        meshopt_optimizeVertexFetchRemap(remap.data(), p.indices.data(), p.indices.size(), vertexCount);
    remapStream(p.vertices, remap, unique);
    remapStream(p.skin, remap, unique);
    for (MorphTarget& t : p.morphTargets) {
      remapStream(t.positionDeltas, remap, unique);
      remapStream(t.normalDeltas, remap, unique);
    }
    remapIndices(p.indices, remap);
    for (auto& lod : p.lodIndices) remapIndices(lod, remap);
  }
  if (stats != nullptr) {
    stats->verticesAfter += p.vertices.size();
    stats->acmrAfter += acmr(p.indices, p.vertices.size());
    if (!p.lodIndices.empty()) stats->primitivesWithLods++;
    stats->lodLevels += p.lodIndices.size();
  }
}

MeshOptimizeStats optimizeModel(Model& model, const MeshOptimizeOptions& options) {
  MeshOptimizeStats stats;
  for (Mesh& mesh : model.meshes) {
    for (Primitive& p : mesh.primitives) optimizePrimitive(p, options, &stats);
  }
  return stats;
}

}  // namespace sc::assets
