#include "assets/scene_import.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "assets/anim_import.hpp"
#include "assets/mesh_import.hpp"

namespace sc::assets {

namespace {

glm::mat4 toGlm(const aiMatrix4x4& m) {
  // Assimp is row-major (a1..a4 is the first row); glm is column-major.
  return glm::mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4,
                   m.b4, m.c4, m.d4);
}

bool finite(const glm::mat4& m) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      if (!std::isfinite(m[c][r])) return false;
  return true;
}

aiMatrix4x4 toAssimp(const glm::mat4& m) {
  return aiMatrix4x4(m[0][0], m[1][0], m[2][0], m[3][0], m[0][1], m[1][1], m[2][1], m[3][1],
                     m[0][2], m[1][2], m[2][2], m[3][2], m[0][3], m[1][3], m[2][3], m[3][3]);
}

class SceneGraphImporter {
 public:
  SceneGraphImporter(const aiScene& scene, const SceneImportContext& context, Model& model)
      : scene_(scene), context_(context), model_(model) {}

  Status run() {
    SC_TRY(importNodes());
    SC_TRY(importMeshes());
    importLights();
    importCameras();
    SC_TRY(importAnimations());
    return okStatus();
  }

 private:
  Status importNodes();
  Status importMeshes();
  Result<std::int32_t> meshFor(const std::vector<unsigned>& meshIndices, std::int32_t& skin);
  void importLights();
  void importCameras();
  Status importAnimations() {
    return importAnimationClips(scene_, context_.modelLabel, nodeIndex_, model_);
  }

  std::int32_t nodeByName(const std::string& name) const {
    auto found = nodeIndex_.find(name);
    return found == nodeIndex_.end() ? -1 : found->second;
  }

  const aiScene& scene_;
  const SceneImportContext& context_;
  Model& model_;
  std::vector<const aiNode*> sourceNodes_;  // parallel to model_.nodes
  std::map<std::string, std::int32_t> nodeIndex_;
  std::map<std::vector<unsigned>, std::pair<std::int32_t, std::int32_t>> meshCache_;
};

Status SceneGraphImporter::importNodes() {
  if (scene_.mRootNode == nullptr) {
    return makeError("{}: the file has no scene graph (no root node); export it with a scene",
                     context_.modelLabel);
  }
  struct Pending {
    const aiNode* node;
    std::int32_t parent;
    int depth;
  };
  std::vector<Pending> stack{{scene_.mRootNode, -1, 0}};
  std::unordered_set<const aiNode*> seen;
  while (!stack.empty()) {
    Pending item = stack.back();
    stack.pop_back();
    if (item.node == nullptr) continue;
    if (!seen.insert(item.node).second) {
      return makeError("{}: node '{}' appears twice in the hierarchy (a cycle); fix the file",
                       context_.modelLabel, item.node->mName.C_Str());
    }
    if (item.depth > kMaxNodeDepth) {
      return makeError("{}: the node hierarchy is deeper than {} levels; flatten it",
                       context_.modelLabel, kMaxNodeDepth);
    }
    if (model_.nodes.size() >= kMaxNodes) {
      return makeError("{}: more than {} nodes; split the model", context_.modelLabel, kMaxNodes);
    }
    Node node;
    node.name = item.node->mName.C_Str();
    node.parent = item.parent;
    glm::mat4 local = toGlm(item.node->mTransformation);
    if (item.parent < 0) local = context_.rootCorrection * local;
    if (!finite(local)) {
      return makeError("{}: node '{}' has a non-finite transform (NaN or infinity); fix the "
                       "model and export it again", context_.modelLabel, node.name);
    }
    aiVector3D scale, position;
    aiQuaternion rotation;
    toAssimp(local).Decompose(scale, rotation, position);
    node.translation = {position.x, position.y, position.z};
    node.rotation = glm::normalize(glm::quat(rotation.w, rotation.x, rotation.y, rotation.z));
    node.scale = {scale.x, scale.y, scale.z};
    if (!std::isfinite(node.rotation.w)) node.rotation = glm::quat(1, 0, 0, 0);  // zero scale

    const auto index = std::int32_t(model_.nodes.size());
    if (item.parent >= 0) model_.nodes[std::size_t(item.parent)].children.push_back(std::uint32_t(index));
    else model_.rootNodes.push_back(std::uint32_t(index));
    nodeIndex_.emplace(node.name, index);
    model_.nodes.push_back(std::move(node));
    sourceNodes_.push_back(item.node);
    if (item.node->mChildren != nullptr) {
      // Reverse so children come out of the stack in file order.
      for (unsigned c = item.node->mNumChildren; c-- > 0;) {
        stack.push_back({item.node->mChildren[c], index, item.depth + 1});
      }
    }
  }
  return okStatus();
}

Result<std::int32_t> SceneGraphImporter::meshFor(const std::vector<unsigned>& meshIndices,
                                                 std::int32_t& skinIndex) {
  if (auto found = meshCache_.find(meshIndices); found != meshCache_.end()) {
    skinIndex = found->second.second;
    return found->second.first;
  }
  // Skin: union of bone names across the primitives, in first-seen order.
  std::map<std::string, std::uint16_t> joints;
  Skin skin;
  for (unsigned m : meshIndices) {
    const aiMesh* mesh = scene_.mMeshes[m];
    for (unsigned b = 0; b < mesh->mNumBones && mesh->mBones != nullptr; ++b) {
      const aiBone* bone = mesh->mBones[b];
      if (bone == nullptr || joints.count(bone->mName.C_Str())) continue;
      std::int32_t node = nodeByName(bone->mName.C_Str());
      if (node < 0) {
        spdlog::warn("{}: bone '{}' has no node of that name; its weights are dropped",
                     context_.modelLabel, bone->mName.C_Str());
        continue;
      }
      if (skin.joints.size() >= 0xffff) {
        return makeError("{}: mesh '{}' has more than 65535 joints; split the skeleton",
                         context_.modelLabel, mesh->mName.C_Str());
      }
      glm::mat4 inverseBind = toGlm(bone->mOffsetMatrix);
      if (!finite(inverseBind)) {
        return makeError("{}: bone '{}' has a non-finite inverse bind matrix; fix the skin",
                         context_.modelLabel, bone->mName.C_Str());
      }
      joints.emplace(bone->mName.C_Str(), std::uint16_t(skin.joints.size()));
      skin.joints.push_back(std::uint32_t(node));
      skin.inverseBindMatrices.push_back(inverseBind);
    }
  }
  Mesh mesh;
  MeshImportContext meshContext{context_.modelLabel, context_.defaultMaterial,
                                context_.materialCount, joints.empty() ? nullptr : &joints};
  for (unsigned m : meshIndices) {
    auto prim = convertMesh(*scene_.mMeshes[m], meshContext);
    if (!prim) return prim.error();
    if (prim->indices.empty()) continue;  // nothing drawable (e.g. only points)
    if (mesh.name.empty()) mesh.name = prim->name;
    mesh.primitives.push_back(std::move(prim.value()));
  }
  std::int32_t meshIndex = -1;
  skinIndex = -1;
  if (!mesh.primitives.empty()) {
    meshIndex = std::int32_t(model_.meshes.size());
    model_.meshes.push_back(std::move(mesh));
    if (!skin.joints.empty()) {
      skin.name = model_.meshes.back().name;
      skinIndex = std::int32_t(model_.skins.size());
      model_.skins.push_back(std::move(skin));
    }
  }
  meshCache_.emplace(meshIndices, std::make_pair(meshIndex, skinIndex));
  return meshIndex;
}

Status SceneGraphImporter::importMeshes() {
  for (std::size_t i = 0; i < sourceNodes_.size(); ++i) {
    const aiNode* source = sourceNodes_[i];
    if (source->mNumMeshes == 0 || source->mMeshes == nullptr) continue;
    std::vector<unsigned> indices;
    for (unsigned k = 0; k < source->mNumMeshes; ++k) {
      unsigned m = source->mMeshes[k];
      if (m >= scene_.mNumMeshes || scene_.mMeshes[m] == nullptr) {
        return makeError("{}: node '{}' refers to mesh {} but the file has {}; the file is "
                         "corrupt", context_.modelLabel, source->mName.C_Str(), m,
                         scene_.mNumMeshes);
      }
      indices.push_back(m);
    }
    std::int32_t skin = -1;
    auto mesh = meshFor(indices, skin);
    if (!mesh) return mesh.error();
    model_.nodes[i].mesh = mesh.value();
    model_.nodes[i].skin = skin;
  }
  return okStatus();
}

void SceneGraphImporter::importLights() {
  for (unsigned i = 0; i < scene_.mNumLights && scene_.mLights != nullptr; ++i) {
    const aiLight* in = scene_.mLights[i];
    if (in == nullptr) continue;
    Light light;
    light.name = in->mName.C_Str();
    switch (in->mType) {
      case aiLightSource_DIRECTIONAL: light.type = LightType::Directional; break;
      case aiLightSource_POINT: light.type = LightType::Point; break;
      case aiLightSource_SPOT: light.type = LightType::Spot; break;
      default:
        spdlog::debug("{}: light '{}' of Assimp type {} is not punctual; skipped",
                      context_.modelLabel, light.name, int(in->mType));
        continue;
    }
    std::int32_t node = nodeByName(light.name);
    if (node < 0) {
      spdlog::warn("{}: light '{}' has no node of that name; skipped", context_.modelLabel,
                   light.name);
      continue;
    }
    // Assimp stores colour * intensity; split it back (exact when the colour's largest channel
    // was 1, as exporters write it).
    glm::vec3 c(in->mColorDiffuse.r, in->mColorDiffuse.g, in->mColorDiffuse.b);
    if (!std::isfinite(c.x) || !std::isfinite(c.y) || !std::isfinite(c.z)) c = glm::vec3(1.0f);
    float intensity = std::max({c.x, c.y, c.z, 0.0f});
    light.intensity = intensity;
    light.color = intensity > 0.0f ? c / intensity : glm::vec3(1.0f);
    if (light.type == LightType::Spot) {
      light.innerConeAngle = std::isfinite(in->mAngleInnerCone) ? in->mAngleInnerCone : 0.0f;
      light.outerConeAngle = std::isfinite(in->mAngleOuterCone) ? in->mAngleOuterCone : 0.785398f;
    }
    const aiNode* source = sourceNodes_[std::size_t(node)];
    if (source->mMetaData != nullptr) {
      float range = 0.0f;
      double rangeD = 0.0;
      if (source->mMetaData->Get("PBR_LightRange", range) && std::isfinite(range)) {
        light.range = std::max(range, 0.0f);
      } else if (source->mMetaData->Get("PBR_LightRange", rangeD) && std::isfinite(rangeD)) {
        light.range = float(std::max(rangeD, 0.0));
      }
    }
    model_.nodes[std::size_t(node)].light = std::int32_t(model_.lights.size());
    model_.lights.push_back(std::move(light));
  }
}

void SceneGraphImporter::importCameras() {
  for (unsigned i = 0; i < scene_.mNumCameras && scene_.mCameras != nullptr; ++i) {
    const aiCamera* in = scene_.mCameras[i];
    if (in == nullptr) continue;
    Camera camera;
    camera.name = in->mName.C_Str();
    std::int32_t node = nodeByName(camera.name);
    if (node < 0) {
      spdlog::warn("{}: camera '{}' has no node of that name; skipped", context_.modelLabel,
                   camera.name);
      continue;
    }
    const float aspect = std::isfinite(in->mAspect) && in->mAspect > 0.0f ? in->mAspect : 0.0f;
    camera.aspect = aspect;
    camera.znear = std::isfinite(in->mClipPlaneNear) && in->mClipPlaneNear > 0.0f
                       ? in->mClipPlaneNear : 0.05f;
    camera.zfar = std::isfinite(in->mClipPlaneFar) && in->mClipPlaneFar > camera.znear
                      ? in->mClipPlaneFar : 0.0f;
    if (in->mHorizontalFOV == 0.0f && in->mOrthographicWidth > 0.0f) {
      camera.perspective = false;
      camera.xmag = in->mOrthographicWidth;
      camera.ymag = aspect > 0.0f ? in->mOrthographicWidth / aspect : in->mOrthographicWidth;
    } else if (std::isfinite(in->mHorizontalFOV) && in->mHorizontalFOV > 0.0f) {
      // Assimp holds the full horizontal angle (glTF2 importer: 2 atan(tan(yfov/2) aspect)).
      const float a = aspect > 0.0f ? aspect : 1.0f;
      camera.yfov = 2.0f * std::atan(std::tan(in->mHorizontalFOV * 0.5f) / a);
    }
    model_.nodes[std::size_t(node)].camera = std::int32_t(model_.cameras.size());
    model_.cameras.push_back(std::move(camera));
  }
}

}  // namespace

Status importSceneGraph(const aiScene& scene, const SceneImportContext& context, Model& model) {
  SceneGraphImporter importer(scene, context, model);
  return importer.run();
}

}  // namespace sc::assets
