#include "cook_test_support.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <random>
#include <type_traits>

#include <fmt/format.h>

namespace sc::assets::cooktest {

namespace fs = std::filesystem;

TempFolder::TempFolder(const std::string& tag) {
  std::random_device device;
  path_ = fs::temp_directory_path() / ("sc_cook_" + tag + "_" + std::to_string(device()));
  fs::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

fs::path copySample(const std::string& relative, const fs::path& dest) {
  const fs::path source = kModels / relative;
  fs::create_directories(dest);
  fs::copy(source.parent_path(), dest, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return dest / source.filename();
}

std::vector<std::uint8_t> readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

namespace {

template <typename T>
bool sameBits(const T& a, const T& b) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
bool sameBits(const std::vector<T>& a, const std::vector<T>& b) {
  static_assert(std::is_trivially_copyable_v<T>);
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool sameRef(const TextureRef& a, const TextureRef& b) {
  return a.texture == b.texture && a.texCoord == b.texCoord && sameBits(a.sampler, b.sampler) &&
         sameBits(a.transform.offset, b.transform.offset) && sameBits(a.transform.rotation, b.transform.rotation) &&
         sameBits(a.transform.scale, b.transform.scale) && sameBits(a.scale, b.scale);
}

std::string primitiveDifference(const Primitive& a, const Primitive& b) {
  if (a.name != b.name) return "name";
  if (a.material != b.material) return "material";
  if (!sameBits(a.bounds.min, b.bounds.min) || !sameBits(a.bounds.max, b.bounds.max)) return "bounds";
  if (!sameBits(a.vertices, b.vertices)) return fmt::format("vertices ({} vs {})", a.vertices.size(), b.vertices.size());
  if (!sameBits(a.indices, b.indices)) return "indices";
  if (!sameBits(a.skin, b.skin)) return "skin";
  if (a.morphTargets.size() != b.morphTargets.size()) return "morph target count";
  for (std::size_t t = 0; t < a.morphTargets.size(); ++t) {
    const auto &x = a.morphTargets[t], &y = b.morphTargets[t];
    if (x.name != y.name || !sameBits(x.positionDeltas, y.positionDeltas) || !sameBits(x.normalDeltas, y.normalDeltas)) {
      return fmt::format("morph target {}", t);
    }
  }
  if (!sameBits(a.defaultMorphWeights, b.defaultMorphWeights)) return "default morph weights";
  if (a.lodIndices.size() != b.lodIndices.size()) return "LOD count";
  for (std::size_t k = 0; k < a.lodIndices.size(); ++k) {
    if (!sameBits(a.lodIndices[k], b.lodIndices[k])) return fmt::format("LOD {}", k);
  }
  return {};
}

std::string materialDifference(const Material& a, const Material& b) {
  if (a.name != b.name) return "name";
  if (!sameBits(a.baseColorFactor, b.baseColorFactor) || !sameBits(a.metallicFactor, b.metallicFactor) ||
      !sameBits(a.roughnessFactor, b.roughnessFactor) || !sameBits(a.emissiveFactor, b.emissiveFactor) ||
      !sameBits(a.emissiveStrength, b.emissiveStrength) || a.alphaMode != b.alphaMode ||
      !sameBits(a.alphaCutoff, b.alphaCutoff) || a.doubleSided != b.doubleSided || a.unlit != b.unlit) {
    return "factors";
  }
  if (!sameRef(a.baseColor, b.baseColor) || !sameRef(a.metallicRoughness, b.metallicRoughness) ||
      !sameRef(a.normal, b.normal) || !sameRef(a.occlusion, b.occlusion) || !sameRef(a.emissive, b.emissive)) {
    return "texture refs";
  }
  return {};
}

std::string nodeDifference(const Node& a, const Node& b) {
  if (a.name != b.name) return "name";
  if (!sameBits(a.translation, b.translation) || !sameBits(a.rotation, b.rotation) || !sameBits(a.scale, b.scale)) {
    return "transform";
  }
  if (a.parent != b.parent || a.children != b.children || a.mesh != b.mesh || a.light != b.light ||
      a.camera != b.camera || a.skin != b.skin) {
    return "links";
  }
  return {};
}

}  // namespace

std::string modelDifference(const Model& a, const Model& b) {
  if (a.sourcePath != b.sourcePath) return "sourcePath";
  if (a.meshes.size() != b.meshes.size()) return "mesh count";
  for (std::size_t m = 0; m < a.meshes.size(); ++m) {
    if (a.meshes[m].name != b.meshes[m].name) return fmt::format("mesh {} name", m);
    if (a.meshes[m].primitives.size() != b.meshes[m].primitives.size()) return fmt::format("mesh {} primitive count", m);
    for (std::size_t p = 0; p < a.meshes[m].primitives.size(); ++p) {
      auto d = primitiveDifference(a.meshes[m].primitives[p], b.meshes[m].primitives[p]);
      if (!d.empty()) return fmt::format("mesh {} primitive {}: {}", m, p, d);
    }
  }
  if (a.materials.size() != b.materials.size()) return "material count";
  for (std::size_t i = 0; i < a.materials.size(); ++i) {
    auto d = materialDifference(a.materials[i], b.materials[i]);
    if (!d.empty()) return fmt::format("material {}: {}", i, d);
  }
  if (a.textures.size() != b.textures.size()) return "texture count";
  for (std::size_t i = 0; i < a.textures.size(); ++i) {
    const Texture &x = a.textures[i], &y = b.textures[i];
    if (x.name != y.name || x.width != y.width || x.height != y.height || x.mips != y.mips) {
      return fmt::format("texture {}", i);
    }
  }
  if (a.nodes.size() != b.nodes.size()) return "node count";
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    auto d = nodeDifference(a.nodes[i], b.nodes[i]);
    if (!d.empty()) return fmt::format("node {}: {}", i, d);
  }
  if (a.rootNodes != b.rootNodes) return "root nodes";
  if (a.lights.size() != b.lights.size()) return "light count";
  for (std::size_t i = 0; i < a.lights.size(); ++i) {
    const Light &x = a.lights[i], &y = b.lights[i];
    if (x.name != y.name || x.type != y.type || !sameBits(x.color, y.color) || !sameBits(x.intensity, y.intensity) ||
        !sameBits(x.range, y.range) || !sameBits(x.innerConeAngle, y.innerConeAngle) ||
        !sameBits(x.outerConeAngle, y.outerConeAngle)) {
      return fmt::format("light {}", i);
    }
  }
  if (a.cameras.size() != b.cameras.size()) return "camera count";
  for (std::size_t i = 0; i < a.cameras.size(); ++i) {
    const Camera &x = a.cameras[i], &y = b.cameras[i];
    if (x.name != y.name || x.perspective != y.perspective || !sameBits(x.yfov, y.yfov) ||
        !sameBits(x.aspect, y.aspect) || !sameBits(x.znear, y.znear) || !sameBits(x.zfar, y.zfar) ||
        !sameBits(x.xmag, y.xmag) || !sameBits(x.ymag, y.ymag)) {
      return fmt::format("camera {}", i);
    }
  }
  if (a.skins.size() != b.skins.size()) return "skin count";
  for (std::size_t i = 0; i < a.skins.size(); ++i) {
    if (a.skins[i].name != b.skins[i].name || a.skins[i].joints != b.skins[i].joints ||
        !sameBits(a.skins[i].inverseBindMatrices, b.skins[i].inverseBindMatrices)) {
      return fmt::format("skin {}", i);
    }
  }
  if (a.animations.size() != b.animations.size()) return "animation count";
  for (std::size_t i = 0; i < a.animations.size(); ++i) {
    const AnimClip &x = a.animations[i], &y = b.animations[i];
    if (x.name != y.name || !sameBits(x.duration, y.duration) || x.channels.size() != y.channels.size()) {
      return fmt::format("animation {}", i);
    }
    for (std::size_t c = 0; c < x.channels.size(); ++c) {
      const AnimChannel &p = x.channels[c], &q = y.channels[c];
      if (p.node != q.node || p.path != q.path || p.interpolation != q.interpolation ||
          !sameBits(p.times, q.times) || !sameBits(p.values, q.values)) {
        return fmt::format("animation {} channel {}", i, c);
      }
    }
  }
  return {};
}

std::vector<std::string> triangleSet(const Primitive& p, const std::vector<std::uint32_t>& indices) {
  auto corner = [&](std::uint32_t v) {
    std::string s(reinterpret_cast<const char*>(&p.vertices[v]), sizeof(Vertex));
    if (!p.skin.empty()) s.append(reinterpret_cast<const char*>(&p.skin[v]), sizeof(SkinWeights));
    for (const MorphTarget& t : p.morphTargets) {
      s.append(reinterpret_cast<const char*>(&t.positionDeltas[v]), sizeof(glm::vec3));
      if (!t.normalDeltas.empty()) s.append(reinterpret_cast<const char*>(&t.normalDeltas[v]), sizeof(glm::vec3));
    }
    return s;
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
    std::string c[3] = {corner(indices[i]), corner(indices[i + 1]), corner(indices[i + 2])};
    const int first = int(std::min_element(c, c + 3) - c);  // rotation keeps the winding
    out.push_back(c[first] + c[(first + 1) % 3] + c[(first + 2) % 3]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sc::assets::cooktest
