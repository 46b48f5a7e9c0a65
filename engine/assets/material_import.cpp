#include "assets/material_import.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>

#include "assets/texture_decode.hpp"
#include "core/log.hpp"

namespace sc::assets {

namespace {

// glTF sampler filter enums as Assimp stores them (GL constants).
constexpr int kGlNearest = 9728;
constexpr int kGlLinear = 9729;
constexpr int kGlNearestMipmapNearest = 9984;
constexpr int kGlNearestMipmapLinear = 9986;

// "$mat.gltf.unlit" (KHR_materials_unlit); its macro lives only in the deprecated pbrmaterial.h.
constexpr const char* kGltfUnlitKey = "$mat.gltf.unlit";

float finiteOr(float value, float fallback) { return std::isfinite(value) ? value : fallback; }

Wrap toWrap(int mode) {
  switch (mode) {
    case aiTextureMapMode_Clamp:
    case aiTextureMapMode_Decal: return Wrap::ClampToEdge;
    case aiTextureMapMode_Mirror: return Wrap::MirroredRepeat;
    default: return Wrap::Repeat;
  }
}

class MaterialImporter {
 public:
  MaterialImporter(const aiScene& scene, const ContentIoSystem& io, const ImportOptions& options,
                   const std::string& modelLabel, Model& model)
      : scene_(scene), io_(io), options_(options), modelLabel_(modelLabel), model_(model) {}

  Result<Material> convert(const aiMaterial& in, unsigned index);

 private:
  // Fills `ref` from texture slot (type, 0) when the material has one.
  Status readTexture(const aiMaterial& in, aiTextureType type, bool srgb,
                     const std::string& materialName, TextureRef& ref);
  Result<std::int32_t> textureIndex(const std::string& path, bool srgb,
                                    const std::string& materialName);

  const aiScene& scene_;
  const ContentIoSystem& io_;
  const ImportOptions& options_;
  const std::string& modelLabel_;
  Model& model_;
  std::map<std::string, std::int32_t> textures_;  // key: source + colour space
};

Result<std::int32_t> MaterialImporter::textureIndex(const std::string& path, bool srgb,
                                                    const std::string& materialName) {
  const std::string referrer =
      fmt::format("{}: material '{}': texture '{}'", modelLabel_, materialName, path);
  std::string key;
  Result<Texture> texture = Error{};
  auto [embedded, embeddedIndex] = scene_.GetEmbeddedTextureAndIndex(path.c_str());
  if (embedded != nullptr) {
    key = fmt::format("embedded:{}:{}", embeddedIndex, srgb);
    if (auto found = textures_.find(key); found != textures_.end()) return found->second;
    const std::string name = fmt::format("{} (embedded image {})", referrer, embeddedIndex);
    if (embedded->mHeight == 0) {
      // Compressed (PNG/JPEG/...): mWidth is the byte count.
      if (embedded->pcData == nullptr) return makeError("{}: the embedded image is empty", name);
      texture = decodeTexture(
          {reinterpret_cast<const std::uint8_t*>(embedded->pcData), embedded->mWidth}, name, srgb,
          options_);
    } else {
      const std::uint64_t w = embedded->mWidth, h = embedded->mHeight;
      if (w > options_.maxTextureSize || h > options_.maxTextureSize || embedded->pcData == nullptr) {
        return makeError("{}: the raw embedded image is {}x{}, over the limit of {} per side; "
                         "resize it", name, w, h, options_.maxTextureSize);
      }
      std::vector<std::uint8_t> pixels(std::size_t(w * h * 4));
      for (std::size_t i = 0; i < std::size_t(w * h); ++i) {
        const aiTexel& t = embedded->pcData[i];  // stored BGRA
        pixels[i * 4 + 0] = t.r;
        pixels[i * 4 + 1] = t.g;
        pixels[i * 4 + 2] = t.b;
        pixels[i * 4 + 3] = t.a;
      }
      texture = textureFromRgba8(std::move(pixels), std::uint32_t(w), std::uint32_t(h), name, srgb,
                                 options_);
    }
    if (texture.ok()) texture->name = fmt::format("embedded:{}", embeddedIndex);
  } else {
    auto resolved = io_.resolve(path, referrer);
    if (!resolved) return resolved.error();
    key = fmt::format("file:{}:{}", resolved->generic_string(), srgb);
    if (auto found = textures_.find(key); found != textures_.end()) return found->second;
    auto bytes = io_.readContent(path, referrer);
    if (!bytes) return bytes.error();
    texture = decodeTexture(bytes.value(), referrer, srgb, options_);
    if (texture.ok()) texture->name = path;
  }
  if (!texture) return texture.error();
  const auto index = std::int32_t(model_.textures.size());
  model_.textures.push_back(std::move(texture.value()));
  textures_.emplace(key, index);
  return index;
}

Status MaterialImporter::readTexture(const aiMaterial& in, aiTextureType type, bool srgb,
                                     const std::string& materialName, TextureRef& ref) {
  aiString path;
  if (in.GetTexture(type, 0, &path) != AI_SUCCESS || path.length == 0) return okStatus();
  auto index = textureIndex(path.C_Str(), srgb, materialName);
  if (!index) return index.error();
  ref.texture = index.value();

  int uvSet = 0;
  if (in.Get(AI_MATKEY_UVWSRC(type, 0), uvSet) == AI_SUCCESS && (uvSet == 0 || uvSet == 1)) {
    ref.texCoord = std::uint32_t(uvSet);
  } else if (uvSet > 1) {
    spdlog::warn("{}: material '{}': texture '{}' uses UV set {}; only 0 and 1 are imported, "
                "using 0", modelLabel_, materialName, path.C_Str(), uvSet);
  }
  int wrapU = aiTextureMapMode_Wrap, wrapV = aiTextureMapMode_Wrap;
  in.Get(AI_MATKEY_MAPPINGMODE_U(type, 0), wrapU);
  in.Get(AI_MATKEY_MAPPINGMODE_V(type, 0), wrapV);
  ref.sampler.wrapU = toWrap(wrapU);
  ref.sampler.wrapV = toWrap(wrapV);
  int mag = 0, min = 0;
  if (in.Get(AI_MATKEY_GLTF_MAPPINGFILTER_MAG(type, 0), mag) == AI_SUCCESS) {
    ref.sampler.magFilter = mag == kGlNearest ? Filter::Nearest : Filter::Linear;
  }
  if (in.Get(AI_MATKEY_GLTF_MAPPINGFILTER_MIN(type, 0), min) == AI_SUCCESS) {
    ref.sampler.minFilter =
        (min == kGlNearest || min == kGlNearestMipmapNearest || min == kGlNearestMipmapLinear)
            ? Filter::Nearest
            : Filter::Linear;
    // glTF: plain NEAREST / LINEAR minification means "no mipmaps".
    ref.sampler.mipmaps = !(min == kGlNearest || min == kGlLinear);
  }
  aiUVTransform transform;
  if (in.Get(AI_MATKEY_UVTRANSFORM(type, 0), transform) == AI_SUCCESS) {
    ref.transform = textureTransformFromAssimp(transform);
  }
  return okStatus();
}

Result<Material> MaterialImporter::convert(const aiMaterial& in, unsigned index) {
  Material out;
  aiString name;
  out.name = in.Get(AI_MATKEY_NAME, name) == AI_SUCCESS && name.length > 0
                 ? std::string(name.C_Str())
                 : fmt::format("material{}", index);

  // Specular-glossiness glTF materials still carry the default metallic factor (1.0), so the
  // glossiness key decides first.
  float glossiness = 0.0f;
  const bool specularGlossiness = in.Get(AI_MATKEY_GLOSSINESS_FACTOR, glossiness) == AI_SUCCESS;
  float metallic = 0.0f;
  const bool hasMetallic = !specularGlossiness && in.Get(AI_MATKEY_METALLIC_FACTOR, metallic) == AI_SUCCESS;

  aiColor4D colour(1.0f, 1.0f, 1.0f, 1.0f);
  bool hasColour = false;
  if (!specularGlossiness) hasColour = in.Get(AI_MATKEY_BASE_COLOR, colour) == AI_SUCCESS;
  if (!hasColour) hasColour = in.Get(AI_MATKEY_COLOR_DIFFUSE, colour) == AI_SUCCESS;
  float opacity = 1.0f;
  const bool hasOpacity = in.Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS;
  if (!hasMetallic && hasOpacity) colour.a = opacity;  // non-glTF formats: alpha lives here
  out.baseColorFactor = glm::clamp(glm::vec4(finiteOr(colour.r, 1), finiteOr(colour.g, 1),
                                             finiteOr(colour.b, 1), finiteOr(colour.a, 1)),
                                   0.0f, 1.0f);

  if (hasMetallic) {
    out.metallicFactor = std::clamp(finiteOr(metallic, 1.0f), 0.0f, 1.0f);
    float roughness = 1.0f;
    in.Get(AI_MATKEY_ROUGHNESS_FACTOR, roughness);
    out.roughnessFactor = std::clamp(finiteOr(roughness, 1.0f), 0.0f, 1.0f);
  } else {
    // Phong-era formats: dielectric, roughness from the Blinn-Phong exponent (the usual
    // sqrt(2 / (n + 2)) equivalence), or from glossiness.
    out.metallicFactor = 0.0f;
    float shininess = 0.0f;
    float roughness = 1.0f;
    if (specularGlossiness) {
      roughness = 1.0f - finiteOr(glossiness, 0.0f);
    } else if (in.Get(AI_MATKEY_ROUGHNESS_FACTOR, roughness) == AI_SUCCESS) {
    } else if (in.Get(AI_MATKEY_SHININESS, shininess) == AI_SUCCESS && shininess > 0.0f) {
      roughness = std::sqrt(2.0f / (finiteOr(shininess, 0.0f) + 2.0f));
    }
    out.roughnessFactor = std::clamp(finiteOr(roughness, 1.0f), 0.05f, 1.0f);
  }

  aiColor3D emissive(0.0f, 0.0f, 0.0f);
  if (in.Get(AI_MATKEY_COLOR_EMISSIVE, emissive) == AI_SUCCESS) {
    out.emissiveFactor = glm::max(glm::vec3(finiteOr(emissive.r, 0), finiteOr(emissive.g, 0),
                                            finiteOr(emissive.b, 0)), glm::vec3(0.0f));
  }
  float emissiveStrength = 1.0f;
  if (in.Get(AI_MATKEY_EMISSIVE_INTENSITY, emissiveStrength) == AI_SUCCESS) {
    out.emissiveStrength = std::max(finiteOr(emissiveStrength, 1.0f), 0.0f);
  }

  aiString alphaMode;
  if (in.Get(AI_MATKEY_GLTF_ALPHAMODE, alphaMode) == AI_SUCCESS) {
    const std::string mode = alphaMode.C_Str();
    out.alphaMode = mode == "MASK" ? AlphaMode::Mask : mode == "BLEND" ? AlphaMode::Blend
                                                                       : AlphaMode::Opaque;
    float cutoff = 0.5f;
    if (in.Get(AI_MATKEY_GLTF_ALPHACUTOFF, cutoff) == AI_SUCCESS) {
      out.alphaCutoff = std::clamp(finiteOr(cutoff, 0.5f), 0.0f, 1.0f);
    }
  } else if (out.baseColorFactor.a < 1.0f) {
    out.alphaMode = AlphaMode::Blend;
  }

  int twoSided = 0;
  if (in.Get(AI_MATKEY_TWOSIDED, twoSided) == AI_SUCCESS) out.doubleSided = twoSided != 0;
  int shading = 0;
  bool unlit = false;
  if (in.Get(AI_MATKEY_SHADING_MODEL, shading) == AI_SUCCESS && shading == aiShadingMode_Unlit) {
    unlit = true;
  }
  int gltfUnlit = 0;
  if (in.Get(kGltfUnlitKey, 0, 0, gltfUnlit) == AI_SUCCESS && gltfUnlit != 0) unlit = true;
  out.unlit = unlit;

  // Textures. Base colour: the PBR slot, else diffuse (spec-gloss and Phong formats).
  if (!specularGlossiness) SC_TRY(readTexture(in, aiTextureType_BASE_COLOR, true, out.name, out.baseColor));
  if (!out.baseColor.present()) SC_TRY(readTexture(in, aiTextureType_DIFFUSE, true, out.name, out.baseColor));
  if (hasMetallic) {
    // Assimp 5.2.5 glTF2 puts metallicRoughness at UNKNOWN/0 (and copies it to METALNESS).
    SC_TRY(readTexture(in, aiTextureType_UNKNOWN, false, out.name, out.metallicRoughness));
    if (!out.metallicRoughness.present()) {
      SC_TRY(readTexture(in, aiTextureType_METALNESS, false, out.name, out.metallicRoughness));
    }
  }
  SC_TRY(readTexture(in, aiTextureType_NORMALS, false, out.name, out.normal));
  if (out.normal.present()) {
    float scale = 1.0f;
    if (in.Get(AI_MATKEY_GLTF_TEXTURE_SCALE(aiTextureType_NORMALS, 0), scale) == AI_SUCCESS) {
      out.normal.scale = finiteOr(scale, 1.0f);
    }
  }
  SC_TRY(readTexture(in, aiTextureType_LIGHTMAP, false, out.name, out.occlusion));
  aiTextureType occlusionType = aiTextureType_LIGHTMAP;
  if (!out.occlusion.present()) {
    occlusionType = aiTextureType_AMBIENT_OCCLUSION;
    SC_TRY(readTexture(in, occlusionType, false, out.name, out.occlusion));
  }
  if (out.occlusion.present()) {
    float strength = 1.0f;
    if (in.Get(AI_MATKEY_GLTF_TEXTURE_STRENGTH(occlusionType, 0), strength) == AI_SUCCESS) {
      out.occlusion.scale = std::clamp(finiteOr(strength, 1.0f), 0.0f, 1.0f);
    }
  }
  SC_TRY(readTexture(in, aiTextureType_EMISSIVE, true, out.name, out.emissive));
  // glTF: an emissive texture with the default (black) factor still means "emit"; Assimp writes
  // the factor always, so nothing to adjust here.
  return out;
}

}  // namespace

TextureTransform textureTransformFromAssimp(const aiUVTransform& t) {
  TextureTransform out;
  out.scale = {t.mScaling.x, t.mScaling.y};
  out.rotation = -t.mRotation;
  const float c = std::cos(out.rotation);
  const float s = std::sin(out.rotation);
  out.offset.x = t.mTranslation.x - 0.5f * out.scale.x * (-c + s + 1.0f);
  out.offset.y = 0.5f * out.scale.y * (s + c - 1.0f) + 1.0f - out.scale.y - t.mTranslation.y;
  if (!std::isfinite(out.offset.x) || !std::isfinite(out.offset.y) ||
      !std::isfinite(out.rotation) || !std::isfinite(out.scale.x) || !std::isfinite(out.scale.y)) {
    return TextureTransform{};
  }
  return out;
}

Status importMaterials(const aiScene& scene, const ContentIoSystem& io,
                       const ImportOptions& options, const std::string& modelLabel, Model& model) {
  MaterialImporter importer(scene, io, options, modelLabel, model);
  for (unsigned i = 0; i < scene.mNumMaterials; ++i) {
    if (scene.mMaterials[i] == nullptr) {
      model.materials.push_back(Material{.name = fmt::format("material{}", i)});
      continue;
    }
    auto material = importer.convert(*scene.mMaterials[i], i);
    if (!material) return material.error();
    model.materials.push_back(std::move(material.value()));
  }
  return okStatus();
}

}  // namespace sc::assets
