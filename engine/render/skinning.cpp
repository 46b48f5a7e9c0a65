#include "render/skinning.hpp"

#include <algorithm>
#include <cmath>

namespace sc::render {

PrimitiveDeform packDeform(const assets::Primitive& primitive, DeformBuffers& out) {
  PrimitiveDeform d;
  const std::size_t n = primitive.vertices.size();
  if (!primitive.skin.empty() && primitive.skin.size() == n) {
    d.skinBase = std::int32_t(out.skinVertices.size());
    for (const assets::SkinWeights& s : primitive.skin) {
      SkinVertexGpu v{glm::uvec4(s.joints[0], s.joints[1], s.joints[2], s.joints[3]), s.weights};
      for (int i = 0; i < 4; ++i) {
        if (s.weights[i] != 0.0f) d.maxJoint = std::max<std::uint32_t>(d.maxJoint, s.joints[std::size_t(i)]);
      }
      out.skinVertices.push_back(v);
    }
  }
  if (!primitive.morphTargets.empty()) {
    const std::size_t count = primitive.morphTargets.size();
    d.morphTargets = std::uint32_t(count);
    d.morphBase = std::uint32_t(out.morphDeltas.size());
    out.morphDeltas.resize(out.morphDeltas.size() + n * count, MorphDeltaGpu{glm::vec4(0.0f), glm::vec4(0.0f)});
    MorphDeltaGpu* base = out.morphDeltas.data() + d.morphBase;
    for (std::size_t t = 0; t < count; ++t) {
      const assets::MorphTarget& target = primitive.morphTargets[t];
      for (std::size_t v = 0; v < std::min(n, target.positionDeltas.size()); ++v) {
        base[v * count + t].position = glm::vec4(target.positionDeltas[v], 0.0f);
        d.morphReach = std::max(d.morphReach, glm::length(target.positionDeltas[v]));
      }
      for (std::size_t v = 0; v < std::min(n, target.normalDeltas.size()); ++v) {
        base[v * count + t].normal = glm::vec4(target.normalDeltas[v], 0.0f);
      }
    }
  }
  return d;
}

assets::Bounds posedBounds(const assets::Bounds& rest, float morphReach, float weightSum,
                           std::span<const glm::mat4> joints) {
  if (!rest.valid()) return rest;
  assets::Bounds grown = rest;
  glm::vec3 pad(morphReach * weightSum);
  grown.min -= pad;
  grown.max += pad;
  if (joints.empty()) return grown;
  assets::Bounds out;
  for (const glm::mat4& m : joints) out.add(grown.transformed(m));
  return out;
}

DrawConstants deformConstants(const glm::mat4& model, std::int32_t vertexOffset, const PrimitiveDeform& deform,
                              std::int64_t jointBase, std::int64_t weightBase, std::uint32_t weightCount) {
  DrawConstants c;
  c.model = model;
  // Unsigned wrap-around is intended: the shader adds gl_VertexIndex, which includes vertexOffset.
  const std::uint32_t offset = std::uint32_t(vertexOffset);
  if (jointBase >= 0 && deform.skinBase >= 0) {
    c.info.z = std::uint32_t(jointBase) + 1u;
    c.info.w = std::uint32_t(deform.skinBase) - offset;
  }
  // The primitive's targets read the first morphTargets of its mesh's weights (glTF gives every
  // primitive of a mesh the same targets); a mesh with fewer weights than targets stays at rest.
  if (weightBase >= 0 && deform.morphTargets > 0 && weightCount >= deform.morphTargets) {
    c.deform = glm::uvec4(deform.morphTargets, std::uint32_t(weightBase),
                          deform.morphBase - offset * deform.morphTargets, 0u);
  }
  return c;
}

}  // namespace sc::render
