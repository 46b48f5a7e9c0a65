#include "assets/mesh_import.hpp"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

namespace sc::assets {

namespace {

bool finite(const aiVector3D& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

glm::vec3 toGlm(const aiVector3D& v) { return {v.x, v.y, v.z}; }

std::uint32_t packColor(const aiColor4D& c) {
  auto channel = [](float v) {
    v = std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 1.0f;
    return std::uint32_t(std::lround(v * 255.0f));
  };
  return channel(c.r) | (channel(c.g) << 8) | (channel(c.b) << 16) | (channel(c.a) << 24);
}

void addInfluence(SkinWeights& skin, std::uint16_t joint, float weight) {
  // Keep the 4 largest: replace the smallest slot when this one is larger.
  int smallest = 0;
  for (int i = 1; i < 4; ++i) {
    if (skin.weights[i] < skin.weights[smallest]) smallest = i;
  }
  if (weight > skin.weights[smallest]) {
    skin.weights[smallest] = weight;
    skin.joints[std::size_t(smallest)] = joint;
  }
}

}  // namespace

Result<Primitive> convertMesh(const aiMesh& mesh, const MeshImportContext& context) {
  Primitive prim;
  prim.name = mesh.mName.length > 0 ? mesh.mName.C_Str() : "mesh";
  const std::uint32_t count = mesh.mNumVertices;
  if (mesh.mVertices == nullptr && count > 0) {
    return makeError("{}: mesh '{}' has {} vertices but no positions; re-export the model",
                     context.modelLabel, prim.name, count);
  }
  prim.material = mesh.mMaterialIndex < context.materialCount ? mesh.mMaterialIndex
                                                              : context.defaultMaterial;
  prim.vertices.resize(count);
  const aiVector3D* uv0 = mesh.mTextureCoords[0];
  const aiVector3D* uv1 = mesh.mTextureCoords[1];
  for (std::uint32_t i = 0; i < count; ++i) {
    Vertex& v = prim.vertices[i];
    if (!finite(mesh.mVertices[i])) {
      return makeError("{}: mesh '{}': vertex {} has a non-finite position (NaN or infinity); "
                       "fix the model in its authoring tool and export it again",
                       context.modelLabel, prim.name, i);
    }
    v.position = toGlm(mesh.mVertices[i]);
    prim.bounds.add(v.position);
    if (mesh.mNormals != nullptr && finite(mesh.mNormals[i])) {
      glm::vec3 n = toGlm(mesh.mNormals[i]);
      float length = glm::length(n);
      if (length > 1e-12f) v.normal = n / length;
    }
    if (mesh.mTangents != nullptr && finite(mesh.mTangents[i])) {
      glm::vec3 t = toGlm(mesh.mTangents[i]);
      float length = glm::length(t);
      if (length > 1e-12f) {
        t /= length;
        float sign = 1.0f;
        if (mesh.mBitangents != nullptr && finite(mesh.mBitangents[i])) {
          sign = glm::dot(glm::cross(v.normal, t), toGlm(mesh.mBitangents[i])) < 0.0f ? -1.0f
                                                                                      : 1.0f;
        }
        v.tangent = glm::vec4(t, sign);
      }
    }
    if (uv0 != nullptr && std::isfinite(uv0[i].x) && std::isfinite(uv0[i].y)) {
      v.uv0 = {uv0[i].x, 1.0f - uv0[i].y};
    }
    if (uv1 != nullptr && std::isfinite(uv1[i].x) && std::isfinite(uv1[i].y)) {
      v.uv1 = {uv1[i].x, 1.0f - uv1[i].y};
    }
    if (mesh.mColors[0] != nullptr) v.color = packColor(mesh.mColors[0][i]);
  }

  prim.indices.reserve(std::size_t(mesh.mNumFaces) * 3);
  std::size_t skipped = 0;
  for (std::uint32_t f = 0; f < mesh.mNumFaces; ++f) {
    const aiFace& face = mesh.mFaces[f];
    if (face.mNumIndices != 3 || face.mIndices == nullptr) {
      ++skipped;  // points/lines that survived SortByPType; not drawable as triangles
      continue;
    }
    for (int k = 0; k < 3; ++k) {
      if (face.mIndices[k] >= count) {
        return makeError("{}: mesh '{}': face {} refers to vertex {} but the mesh has {}; the "
                         "file is corrupt, export it again", context.modelLabel, prim.name, f,
                         face.mIndices[k], count);
      }
      prim.indices.push_back(face.mIndices[k]);
    }
  }
  if (skipped > 0) {
    spdlog::debug("{}: mesh '{}': {} non-triangle faces skipped", context.modelLabel, prim.name,
                  skipped);
  }

  if (mesh.mNumBones > 0 && mesh.mBones != nullptr && context.joints != nullptr) {
    prim.skin.resize(count);
    for (std::uint32_t b = 0; b < mesh.mNumBones; ++b) {
      const aiBone* bone = mesh.mBones[b];
      if (bone == nullptr) continue;
      auto joint = context.joints->find(bone->mName.C_Str());
      if (joint == context.joints->end()) continue;
      for (std::uint32_t w = 0; w < bone->mNumWeights && bone->mWeights != nullptr; ++w) {
        const aiVertexWeight& weight = bone->mWeights[w];
        if (weight.mVertexId >= count || !std::isfinite(weight.mWeight) || weight.mWeight <= 0) {
          continue;
        }
        addInfluence(prim.skin[weight.mVertexId], joint->second, weight.mWeight);
      }
    }
    for (auto& skin : prim.skin) {
      float sum = skin.weights.x + skin.weights.y + skin.weights.z + skin.weights.w;
      if (sum > 0.0f) skin.weights /= sum;
    }
  }

  for (std::uint32_t a = 0; a < mesh.mNumAnimMeshes && mesh.mAnimMeshes != nullptr; ++a) {
    const aiAnimMesh* anim = mesh.mAnimMeshes[a];
    if (anim == nullptr || anim->mVertices == nullptr || anim->mNumVertices != count) {
      spdlog::warn("{}: mesh '{}': morph target {} does not match the mesh's {} vertices; "
                   "skipped", context.modelLabel, prim.name, a, count);
      continue;
    }
    MorphTarget target;
    target.name = anim->mName.length > 0 ? anim->mName.C_Str() : fmt::format("target{}", a);
    target.positionDeltas.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!finite(anim->mVertices[i])) {
        return makeError("{}: mesh '{}': morph target '{}' has a non-finite position at vertex "
                         "{}; fix the model and export it again", context.modelLabel, prim.name,
                         target.name, i);
      }
      target.positionDeltas[i] = toGlm(anim->mVertices[i]) - prim.vertices[i].position;
    }
    if (anim->mNormals != nullptr && mesh.mNormals != nullptr) {
      target.normalDeltas.resize(count);
      for (std::uint32_t i = 0; i < count; ++i) {
        if (finite(anim->mNormals[i]) && finite(mesh.mNormals[i])) {
          target.normalDeltas[i] = toGlm(anim->mNormals[i]) - toGlm(mesh.mNormals[i]);
        }
      }
    }
    prim.morphTargets.push_back(std::move(target));
    prim.defaultMorphWeights.push_back(std::isfinite(anim->mWeight) ? anim->mWeight : 0.0f);
  }
  return prim;
}

}  // namespace sc::assets
