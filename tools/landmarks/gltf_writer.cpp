#include "gltf_writer.hpp"

#include <cstring>
#include <limits>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/file_io.hpp"

namespace sc::landmarks {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;
constexpr int kFloat = 5126;
constexpr int kUnsignedShort = 5123;
constexpr int kUnsignedInt = 5125;

Json vec(glm::vec3 v) { return Json::array({v.x, v.y, v.z}); }

struct BinaryBuilder {
  std::vector<std::uint8_t> bytes;
  Json views = Json::array();
  Json accessors = Json::array();

  int view(const void* data, std::size_t size, int target) {
    while (bytes.size() % 4) bytes.push_back(0);
    std::size_t offset = bytes.size();
    bytes.resize(offset + size);
    std::memcpy(bytes.data() + offset, data, size);
    Json v = {{"buffer", 0}, {"byteOffset", offset}, {"byteLength", size}};
    if (target) v["target"] = target;
    views.push_back(v);
    return int(views.size() - 1);
  }
  int accessor(int viewIndex, int componentType, std::size_t count, const char* type) {
    accessors.push_back({{"bufferView", viewIndex}, {"componentType", componentType},
                         {"count", count}, {"type", type}});
    return int(accessors.size() - 1);
  }
};

// Merges bit-identical vertices (first occurrence keeps its place, so the result is
// deterministic) and drops degenerate triangles.
MeshPart weld(const MeshPart& in) {
  MeshPart out;
  std::unordered_map<std::string, std::uint32_t> seen;
  seen.reserve(in.vertices.size());
  out.indices.reserve(in.indices.size());
  std::vector<std::uint32_t> remap(in.vertices.size());
  for (std::size_t i = 0; i < in.vertices.size(); ++i) {
    std::string key(reinterpret_cast<const char*>(&in.vertices[i]), sizeof(Vertex));
    auto [it, inserted] = seen.emplace(key, std::uint32_t(out.vertices.size()));
    if (inserted) out.vertices.push_back(in.vertices[i]);
    remap[i] = it->second;
  }
  // Triangles that collapsed to a line or point (cones' apexes) would be read as lines.
  for (std::size_t t = 0; t + 2 < in.indices.size(); t += 3) {
    std::uint32_t a = remap[in.indices[t]], b = remap[in.indices[t + 1]], c = remap[in.indices[t + 2]];
    if (a == b || b == c || a == c) continue;
    if (out.vertices[a].position == out.vertices[b].position ||
        out.vertices[b].position == out.vertices[c].position ||
        out.vertices[a].position == out.vertices[c].position)
      continue;
    out.indices.insert(out.indices.end(), {a, b, c});
  }
  return out;
}

Json textureInfo(int texture) { return Json{{"index", texture}}; }

}  // namespace

Status writePois(const Model& model, const std::filesystem::path& file) {
  Json pois = Json::array();
  for (const auto& p : model.pois) {
    pois.push_back({{"id", p.id},
                    {"name", {{"en", p.nameEn}, {"zh-CN", p.nameZh}}},
                    {"anchor", vec(p.anchor)},
                    {"desktop", {{"eye", vec(p.eye)}, {"target", vec(p.target)}}},
                    {"xr", {{"position", vec(p.xrPosition)}, {"yawDegrees", p.xrYawDegrees}}}});
  }
  Json doc = {{"landmark", model.name},
              {"model", model.name + ".gltf"},
              {"units", "metres, +Y up, yaw 0 looks towards -Z"},
              {"suggestedTimeOfDay", model.night ? "night" : "day"},
              {"overview", {{"eye", vec(model.overviewEye)}, {"target", vec(model.overviewTarget)}}},
              {"pois", pois}};
  std::string text = doc.dump(2) + "\n";
  return writeFileAtomic(file, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Result<WriteStats> writeGltf(const Model& model, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return makeError("{}: cannot create the output folder: {}", dir.string(), ec.message());
  WriteStats stats;
  BinaryBuilder bin;
  Json doc;
  doc["asset"] = {{"version", "2.0"}, {"generator", "Shancheng sc_landmarks"}};
  bool emissiveStrength = false;
  for (const auto& m : model.materials) emissiveStrength |= m.emissiveStrength != 1.0f;
  if (emissiveStrength) doc["extensionsUsed"] = Json::array({"KHR_materials_emissive_strength"});
  doc["scene"] = 0;

  Json meshes = Json::array(), nodes = Json::array(), rootChildren = Json::array();
  nodes.push_back({{"name", model.name}, {"children", Json::array()}});
  std::vector<int> objectNode(model.objects.size(), -1);
  for (std::size_t oi = 0; oi < model.objects.size(); ++oi) {
    const ModelObject& obj = model.objects[oi];
    Json prims = Json::array();
    for (const auto& [material, rawPart] : obj.parts) {
      if (rawPart.empty()) continue;
      MeshPart part = weld(rawPart);
      std::size_t n = part.vertices.size();
      std::vector<float> pos(n * 3), nrm(n * 3), uv(n * 2);
      glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
      for (std::size_t i = 0; i < n; ++i) {
        const Vertex& v = part.vertices[i];
        std::memcpy(&pos[i * 3], &v.position, 12);
        std::memcpy(&nrm[i * 3], &v.normal, 12);
        std::memcpy(&uv[i * 2], &v.uv, 8);
        lo = glm::min(lo, v.position);
        hi = glm::max(hi, v.position);
      }
      int aPos = bin.accessor(bin.view(pos.data(), pos.size() * 4, kArrayBuffer), kFloat, n, "VEC3");
      bin.accessors[aPos]["min"] = vec(lo);
      bin.accessors[aPos]["max"] = vec(hi);
      int aNrm = bin.accessor(bin.view(nrm.data(), nrm.size() * 4, kArrayBuffer), kFloat, n, "VEC3");
      int aUv = bin.accessor(bin.view(uv.data(), uv.size() * 4, kArrayBuffer), kFloat, n, "VEC2");
      int aIdx;
      if (n <= 65535) {
        std::vector<std::uint16_t> idx(part.indices.begin(), part.indices.end());
        aIdx = bin.accessor(bin.view(idx.data(), idx.size() * 2, kElementArrayBuffer), kUnsignedShort,
                            idx.size(), "SCALAR");
      } else {
        aIdx = bin.accessor(bin.view(part.indices.data(), part.indices.size() * 4, kElementArrayBuffer),
                            kUnsignedInt, part.indices.size(), "SCALAR");
      }
      prims.push_back({{"attributes", {{"POSITION", aPos}, {"NORMAL", aNrm}, {"TEXCOORD_0", aUv}}},
                       {"indices", aIdx},
                       {"material", material},
                       {"mode", 4}});
      stats.triangles += part.triangleCount();
      stats.vertices += n;
      stats.primitives += 1;
    }
    if (prims.empty()) continue;
    meshes.push_back({{"name", obj.name}, {"primitives", prims}});
    Json node = {{"name", obj.name}, {"mesh", meshes.size() - 1}};
    if (obj.translation != glm::vec3(0.0f)) node["translation"] = vec(obj.translation);
    nodes.push_back(node);
    objectNode[oi] = int(nodes.size() - 1);
    rootChildren.push_back(nodes.size() - 1);
  }
  nodes[0]["children"] = rootChildren;

  Json animations = Json::array();
  for (std::size_t oi = 0; oi < model.objects.size(); ++oi) {
    const auto& anim = model.objects[oi].animation;
    if (!anim || objectNode[oi] < 0 || anim->times.empty()) continue;
    if (anim->times.size() != anim->translations.size())
      return makeError("{}: animation '{}' has {} times but {} translations (generator bug)",
                       model.name, anim->name, anim->times.size(), anim->translations.size());
    int aIn = bin.accessor(bin.view(anim->times.data(), anim->times.size() * 4, 0), kFloat,
                           anim->times.size(), "SCALAR");
    bin.accessors[aIn]["min"] = Json::array({anim->times.front()});
    bin.accessors[aIn]["max"] = Json::array({anim->times.back()});
    int aOut = bin.accessor(bin.view(anim->translations.data(), anim->translations.size() * 12, 0),
                            kFloat, anim->translations.size(), "VEC3");
    animations.push_back(
        {{"name", anim->name},
         {"samplers", Json::array({{{"input", aIn}, {"output", aOut}, {"interpolation", "LINEAR"}}})},
         {"channels", Json::array({{{"sampler", 0},
                                    {"target", {{"node", objectNode[oi]}, {"path", "translation"}}}}})}});
  }

  Json materials = Json::array();
  for (const auto& m : model.materials) {
    Json pbr = {{"baseColorFactor", Json::array({m.baseColorFactor.r, m.baseColorFactor.g,
                                                 m.baseColorFactor.b, m.baseColorFactor.a})},
                {"metallicFactor", m.metallic},
                {"roughnessFactor", m.roughness}};
    if (m.baseColorTexture >= 0) pbr["baseColorTexture"] = textureInfo(m.baseColorTexture);
    if (m.metallicRoughnessTexture >= 0)
      pbr["metallicRoughnessTexture"] = textureInfo(m.metallicRoughnessTexture);
    Json jm = {{"name", m.name}, {"pbrMetallicRoughness", pbr}};
    if (m.normalTexture >= 0) jm["normalTexture"] = textureInfo(m.normalTexture);
    if (m.emissiveTexture >= 0) jm["emissiveTexture"] = textureInfo(m.emissiveTexture);
    if (m.emissiveFactor != glm::vec3(0.0f)) jm["emissiveFactor"] = vec(m.emissiveFactor);
    if (m.emissiveStrength != 1.0f)
      jm["extensions"] = {{"KHR_materials_emissive_strength", {{"emissiveStrength", m.emissiveStrength}}}};
    if (m.doubleSided) jm["doubleSided"] = true;
    materials.push_back(jm);
  }

  Json images = Json::array(), textures = Json::array();
  for (std::size_t i = 0; i < model.textures.size(); ++i) {
    const Texture& t = model.textures[i];
    images.push_back({{"uri", t.uri}, {"mimeType", "image/png"}});
    textures.push_back({{"sampler", 0}, {"source", i}});
    std::vector<std::uint8_t> png = encodePng(t.image);
    if (png.empty()) return makeError("{}: PNG encoding failed for {}", model.name, t.uri);
    SC_TRY(writeFileAtomic(dir / t.uri, png));
    stats.bytes += png.size();
  }

  doc["scenes"] = Json::array({{{"name", model.name}, {"nodes", Json::array({0})}}});
  doc["nodes"] = nodes;
  doc["meshes"] = meshes;
  doc["materials"] = materials;
  if (!textures.empty()) {
    doc["samplers"] = Json::array({{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497},
                                    {"wrapT", 10497}}});
    doc["images"] = images;
    doc["textures"] = textures;
  }
  if (!animations.empty()) doc["animations"] = animations;
  doc["accessors"] = bin.accessors;
  doc["bufferViews"] = bin.views;
  while (bin.bytes.size() % 4) bin.bytes.push_back(0);
  doc["buffers"] = Json::array({{{"uri", model.name + ".bin"}, {"byteLength", bin.bytes.size()}}});

  SC_TRY(writeFileAtomic(dir / (model.name + ".bin"), bin.bytes));
  std::string text = doc.dump(1) + "\n";
  SC_TRY(writeFileAtomic(dir / (model.name + ".gltf"),
                         std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  SC_TRY(writePois(model, dir / (model.name + ".pois.json")));
  stats.bytes += bin.bytes.size() + text.size();
  return stats;
}

}  // namespace sc::landmarks
