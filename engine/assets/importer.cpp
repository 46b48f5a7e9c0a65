#include "assets/importer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <stdexcept>

#include <assimp/Importer.hpp>
#include <assimp/config.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>
#include <spdlog/spdlog.h>

#include "assets/content_io_system.hpp"
#include "assets/import_guards.hpp"
#include "assets/material_import.hpp"
#include "assets/scene_import.hpp"

// Debian's Assimp 5.2.5 is built with ASSIMP_BUILD_DEBUG, so its internal ai_assert checks are
// live, and a failed one calls Assimp::aiAssertViolation, which prints and calls std::abort():
// one malformed model would end the whole process (a kiosk, the editor). That version exports
// no setAiAssertHandler, but the library calls aiAssertViolation through its PLT, so this
// definition in the executable takes its place: it throws instead, and the exception becomes
// an import error (Assimp's ReadFile catches it and returns null; ApplyPostProcessing lets it
// reach importModel's catch). Found by tests/fuzz/model_import_fuzz (a PLY face list that made
// TriangulateProcess assert; regression seed model_corpus/regress_ply_triangulate_assert.ply).
namespace Assimp {
void aiAssertViolation(const char* failedExpression, const char* file, int line);
void aiAssertViolation(const char* failedExpression, const char* file, int line) {
  throw std::runtime_error(fmt::format("Assimp's internal check '{}' failed ({}:{})", failedExpression,
                                       file, line));
}
}  // namespace Assimp

namespace sc::assets {

namespace fs = std::filesystem;

namespace {

constexpr unsigned kFirstPassFlags =
    aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_ValidateDataStructure;

std::string lowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

// The resolver's message for a file Assimp failed to open (it carries its own advice):
// a refusal (path escaping the content roots) first, since Assimp may retry a refused path in
// another spelling; otherwise the last failure, the one that ended the import (earlier ones are
// often probes for optional companions such as .mtl or .md5anim).
std::string advice(const ContentIoSystem& io) {
  if (io.failures().empty()) {
    return "check that the file is complete and in a supported format";
  }
  for (const auto& failure : io.failures()) {
    if (failure.find("refused") != std::string::npos) return "the file it needs was refused: " + failure;
  }
  return "the file it needs failed to open: " + io.failures().back();
}

Status checkFinite(const aiScene& scene, const std::string& label) {
  for (unsigned m = 0; m < scene.mNumMeshes; ++m) {
    const aiMesh* mesh = scene.mMeshes[m];
    if (mesh == nullptr || mesh->mVertices == nullptr) continue;
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
      const aiVector3D& p = mesh->mVertices[v];
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
        return makeError("{}: mesh '{}': vertex {} has a non-finite position (NaN or infinity); "
                         "fix the model in its authoring tool and export it again", label,
                         mesh->mName.C_Str(), v);
      }
    }
  }
  std::vector<const aiNode*> stack{scene.mRootNode};
  std::size_t visited = 0;
  while (!stack.empty() && visited++ < kMaxNodes) {
    const aiNode* node = stack.back();
    stack.pop_back();
    if (node == nullptr) continue;
    const ai_real* m = &node->mTransformation.a1;
    for (int k = 0; k < 16; ++k) {
      if (!std::isfinite(m[k])) {
        return makeError("{}: node '{}' has a non-finite transform (NaN or infinity); fix the "
                         "model and export it again", label, node->mName.C_Str());
      }
    }
    for (unsigned c = 0; c < node->mNumChildren && node->mChildren != nullptr; ++c) {
      stack.push_back(node->mChildren[c]);
    }
  }
  return okStatus();
}

// FBX keeps its unit (centimetres times UnitScaleFactor) and axis system in metadata; Assimp
// applies neither without aiProcess_GlobalScale. Returns the correction to metres, +Y up.
glm::mat4 fbxCorrection(const aiScene& scene, const std::string& label) {
  glm::mat4 correction(1.0f);
  const aiMetadata* meta = scene.mMetaData;
  if (meta == nullptr) return correction;
  auto getInt = [&](const char* key, int fallback) {
    int value = fallback;
    return meta->Get(key, value) ? value : fallback;
  };
  const int up = getInt("UpAxis", 1), upSign = getInt("UpAxisSign", 1);
  const int front = getInt("FrontAxis", 2), frontSign = getInt("FrontAxisSign", 1);
  const int coord = getInt("CoordAxis", 0), coordSign = getInt("CoordAxisSign", 1);
  if (up >= 0 && up < 3 && front >= 0 && front < 3 && coord >= 0 && coord < 3 && up != front &&
      up != coord && front != coord) {
    glm::mat3 basis(0.0f);  // rows: engine x, y, z expressed in file axes
    basis[coord][0] = coordSign < 0 ? -1.0f : 1.0f;
    basis[up][1] = upSign < 0 ? -1.0f : 1.0f;
    basis[front][2] = frontSign < 0 ? -1.0f : 1.0f;
    if (glm::determinant(basis) > 0.0f) {
      correction = glm::mat4(basis);
    } else {
      spdlog::warn("{}: FBX axis system is left-handed; axes left as stored", label);
    }
  }
  float unitScale = 1.0f;
  double unitScaleD = 1.0;
  if (meta->Get("UnitScaleFactor", unitScale) && std::isfinite(unitScale) && unitScale > 0.0f) {
  } else if (meta->Get("UnitScaleFactor", unitScaleD) && std::isfinite(unitScaleD) && unitScaleD > 0) {
    unitScale = float(unitScaleD);
  } else {
    unitScale = 1.0f;
  }
  return glm::scale(glm::mat4(1.0f), glm::vec3(unitScale * 0.01f)) * correction;
}

bool meshesLack(const aiScene& scene, bool (*lacks)(const aiMesh&)) {
  for (unsigned m = 0; m < scene.mNumMeshes; ++m) {
    if (scene.mMeshes[m] != nullptr && lacks(*scene.mMeshes[m])) return true;
  }
  return false;
}

Result<Model> convertScene(const aiScene& scene, const ContentIoSystem& io,
                           const ImportOptions& options, const std::string& label, bool isFbx) {
  Model model;
  model.sourcePath = label;
  SC_TRY(importMaterials(scene, io, options, label, model));
  const auto fileMaterials = std::uint32_t(model.materials.size());
  bool needsDefault = fileMaterials == 0;
  for (unsigned m = 0; m < scene.mNumMeshes; ++m) {
    if (scene.mMeshes[m] != nullptr && scene.mMeshes[m]->mMaterialIndex >= fileMaterials) {
      needsDefault = true;
    }
  }
  if (needsDefault) model.materials.push_back(Material{.name = "default"});
  SceneImportContext context{label};
  context.rootCorrection = isFbx ? fbxCorrection(scene, label) : glm::mat4(1.0f);
  context.materialCount = fileMaterials;
  context.defaultMaterial = needsDefault ? fileMaterials : 0;
  SC_TRY(importSceneGraph(scene, context, model));
  if (model.meshes.empty() && model.animations.empty() && model.lights.empty() &&
      model.cameras.empty()) {
    return makeError("{}: the file contains no triangle meshes, animations, lights or cameras; "
                     "check that the right file was exported", label);
  }
  return model;
}

}  // namespace

Result<Model> importModel(const fs::path& file, const ContentRoots& roots,
                          const ImportOptions& options) {
  const std::string label = file.string();
  std::error_code ec;
  const fs::path canonical = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(canonical, ec)) {
    return makeError("{}: the model file does not exist or is not a regular file; check the path",
                     label);
  }
  if (!roots.contains(canonical)) {
    return makeError("{}: the model lies outside the content roots; copy it into the content "
                     "folder", label);
  }
  const std::string ext = lowerExtension(canonical);
  const bool indexedFormat = ext == ".gltf" || ext == ".glb";
  const bool isFbx = ext == ".fbx";

  Assimp::Importer importer;
  auto* io = new ContentIoSystem(roots, canonical);
  importer.SetIOHandler(io);  // the importer owns it from here
  SC_TRY(checkBeforeAssimp(importer, *io, canonical, label));
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  importer.SetPropertyInteger(AI_CONFIG_PP_LBW_MAX_WEIGHTS, 4);
  importer.SetPropertyFloat(AI_CONFIG_PP_GSN_MAX_SMOOTHING_ANGLE, 80.0f);
  importer.SetPropertyFloat(AI_CONFIG_PP_FID_ANIM_ACCURACY, 0.0f);
  importer.SetPropertyBool(AI_CONFIG_PP_FID_IGNORE_TEXTURECOORDS, true);
  importer.SetPropertyBool(AI_CONFIG_IMPORT_FBX_PRESERVE_PIVOTS, false);

  const aiScene* scene = nullptr;
  try {
    scene = importer.ReadFile(io->modelPath(), kFirstPassFlags);
    if (scene == nullptr) {
      return makeError("{}: Assimp could not import it: {}; {}", label,
                       importer.GetErrorString(), advice(*io));
    }
    if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) != 0 && scene->mNumMeshes == 0 &&
        scene->mNumAnimations == 0) {
      return makeError("{}: the file holds no complete scene (Assimp marked it incomplete); "
                       "export the model again", label);
    }
    SC_TRY(checkFinite(*scene, label));

    // Second pass: only the steps this input needs.
    unsigned flags = aiProcess_FindInvalidData | aiProcess_LimitBoneWeights |
                     aiProcess_ValidateDataStructure;
    if (!indexedFormat) flags |= aiProcess_JoinIdenticalVertices;
    if (meshesLack(*scene, [](const aiMesh& m) { return m.mNormals == nullptr; })) {
      flags |= aiProcess_GenSmoothNormals;
    }
    if (meshesLack(*scene, [](const aiMesh& m) {
          return m.mTangents == nullptr && m.mTextureCoords[0] != nullptr;
        })) {
      flags |= aiProcess_CalcTangentSpace;
    }
    scene = importer.ApplyPostProcessing(flags);
    if (scene == nullptr) {
      return makeError("{}: Assimp post-processing failed: {}; the file is probably corrupt, "
                       "export it again", label, importer.GetErrorString());
    }
    return convertScene(*scene, *io, options, label, isFbx);
  } catch (const std::exception& e) {
    return makeError("{}: Assimp failed while importing: {}; {}", label, e.what(), advice(*io));
  } catch (...) {
    return makeError("{}: Assimp failed while importing (unknown exception); the file is "
                     "probably corrupt, export it again", label);
  }
}

}  // namespace sc::assets
