#include "gltf_export.hpp"

#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/file_io.hpp"
#include "textures.hpp"

namespace sc::avatar {
namespace {

using nlohmann::json;

constexpr int kFloat = 5126, kUShort = 5123, kUInt = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;

class BufferBuilder {
 public:
  // Appends raw bytes as a new buffer view (4-byte aligned) and returns its index.
  int view(const void* data, std::size_t size, int target) {
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    json v = {{"buffer", 0}, {"byteOffset", bytes_.size()}, {"byteLength", size}};
    if (target != 0) v["target"] = target;
    const auto* b = static_cast<const std::uint8_t*>(data);
    bytes_.insert(bytes_.end(), b, b + size);
    views_.push_back(std::move(v));
    return int(views_.size()) - 1;
  }
  int accessor(int viewIndex, int componentType, std::size_t count, const char* type,
               json extra = json::object()) {
    json a = {{"bufferView", viewIndex}, {"componentType", componentType}, {"count", count},
              {"type", type}};
    for (auto& [k, v] : extra.items()) a[k] = v;
    accessors_.push_back(std::move(a));
    return int(accessors_.size()) - 1;
  }
  int vec3s(const std::vector<glm::vec3>& data, bool withBounds) {
    const int v = view(data.data(), data.size() * sizeof(glm::vec3), kArrayBuffer);
    json extra = json::object();
    if (withBounds) {
      glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
      for (const glm::vec3& p : data) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
      }
      extra["min"] = {lo.x, lo.y, lo.z};
      extra["max"] = {hi.x, hi.y, hi.z};
    }
    return accessor(v, kFloat, data.size(), "VEC3", extra);
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }
  json& views() { return views_; }
  json& accessors() { return accessors_; }

 private:
  std::vector<std::uint8_t> bytes_;
  json views_ = json::array();
  json accessors_ = json::array();
};

json primitiveJson(const Primitive& p, BufferBuilder& buf) {
  const std::size_t n = p.vertices.size();
  std::vector<glm::vec3> pos(n), nrm(n);
  std::vector<glm::vec2> uv(n);
  std::vector<std::uint16_t> joints(n * 4);
  std::vector<glm::vec4> weights(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Vertex& v = p.vertices[i];
    pos[i] = v.position;
    nrm[i] = v.normal;
    uv[i] = v.uv;
    for (int k = 0; k < 4; ++k) joints[i * 4 + k] = v.joints[k];
    weights[i] = v.weights;
  }
  json attributes;
  attributes["POSITION"] = buf.vec3s(pos, true);
  attributes["NORMAL"] = buf.vec3s(nrm, false);
  attributes["TEXCOORD_0"] =
      buf.accessor(buf.view(uv.data(), n * sizeof(glm::vec2), kArrayBuffer), kFloat, n, "VEC2");
  attributes["JOINTS_0"] = buf.accessor(
      buf.view(joints.data(), joints.size() * 2, kArrayBuffer), kUShort, n, "VEC4");
  attributes["WEIGHTS_0"] = buf.accessor(
      buf.view(weights.data(), n * sizeof(glm::vec4), kArrayBuffer), kFloat, n, "VEC4");
  json prim = {{"attributes", attributes}, {"material", p.material}, {"mode", 4}};
  if (n <= 65535) {
    std::vector<std::uint16_t> idx(p.indices.begin(), p.indices.end());
    prim["indices"] = buf.accessor(buf.view(idx.data(), idx.size() * 2, kElementArrayBuffer),
                                   kUShort, idx.size(), "SCALAR");
  } else {
    prim["indices"] =
        buf.accessor(buf.view(p.indices.data(), p.indices.size() * 4, kElementArrayBuffer),
                     kUInt, p.indices.size(), "SCALAR");
  }
  if (!p.morphDeltas.empty()) {
    json targets = json::array();
    for (const auto& deltas : p.morphDeltas) targets.push_back({{"POSITION", buf.vec3s(deltas, true)}});
    prim["targets"] = targets;
  }
  return prim;
}

}  // namespace

Result<WriteStats> writeGuideGltf(const GuideModel& model, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return makeError("{}: cannot create the output folder: {}", dir.string(), ec.message());

  BufferBuilder buf;
  WriteStats stats;
  json gltf;
  gltf["asset"] = {{"version", "2.0"}, {"generator", "sc_avatar (Shancheng tools/avatar)"}};
  gltf["scene"] = 0;

  // Nodes: root, joints, mesh nodes.
  json nodes = json::array();
  json rootChildren = json::array();
  nodes.push_back({{"name", model.name}});
  for (std::size_t j = 0; j < model.joints.size(); ++j) {
    const Joint& jt = model.joints[j];
    json n = {{"name", jt.name}};
    if (jt.translation != glm::vec3(0.0f)) {
      n["translation"] = {jt.translation.x, jt.translation.y, jt.translation.z};
    }
    json children = json::array();
    for (std::size_t c = 0; c < model.joints.size(); ++c) {
      if (model.joints[c].parent == int(j)) children.push_back(c + 1);
    }
    if (!children.empty()) n["children"] = children;
    if (jt.parent < 0) rootChildren.push_back(j + 1);
    nodes.push_back(std::move(n));
  }
  const std::size_t firstMeshNode = nodes.size();
  for (std::size_t m = 0; m < model.meshes.size(); ++m) {
    nodes.push_back({{"name", model.meshes[m].name}, {"mesh", m}, {"skin", 0}});
    rootChildren.push_back(firstMeshNode + m);
  }
  nodes[0]["children"] = rootChildren;
  gltf["nodes"] = nodes;
  gltf["scenes"] = json::array({{{"name", "guide"}, {"nodes", {0}}}});

  // Skin: every joint, inverse bind = inverse of the joint's model-space rest transform.
  {
    std::vector<glm::mat4> ibm;
    json joints = json::array();
    for (std::size_t j = 0; j < model.joints.size(); ++j) {
      glm::mat4 m(1.0f);
      m[3] = glm::vec4(-model.joints[j].world, 1.0f);  // rest rotations are identity (T-pose)
      ibm.push_back(m);
      joints.push_back(j + 1);
    }
    const int acc = buf.accessor(buf.view(ibm.data(), ibm.size() * sizeof(glm::mat4), 0), kFloat,
                                 ibm.size(), "MAT4");
    gltf["skins"] = json::array({{{"name", "guide_skin"}, {"joints", joints},
                                  {"inverseBindMatrices", acc}, {"skeleton", 1}}});
  }

  json meshes = json::array();
  for (const Mesh& mesh : model.meshes) {
    json prims = json::array();
    for (const Primitive& p : mesh.primitives) {
      prims.push_back(primitiveJson(p, buf));
      stats.triangles += p.triangleCount();
      stats.vertices += p.vertices.size();
    }
    json m = {{"name", mesh.name}, {"primitives", prims}};
    if (!mesh.targetNames.empty()) {
      m["weights"] = std::vector<float>(mesh.targetNames.size(), 0.0f);
      m["extras"] = {{"targetNames", mesh.targetNames}};
    }
    meshes.push_back(std::move(m));
  }
  gltf["meshes"] = meshes;

  json materials = json::array();
  for (const Material& mat : model.materials) {
    json pbr = {{"baseColorFactor", {mat.baseColorFactor.r, mat.baseColorFactor.g,
                                     mat.baseColorFactor.b, mat.baseColorFactor.a}},
                {"metallicFactor", mat.metallic},
                {"roughnessFactor", mat.roughness}};
    if (mat.baseColorTexture >= 0) pbr["baseColorTexture"] = {{"index", mat.baseColorTexture}};
    if (mat.metallicRoughnessTexture >= 0) {
      pbr["metallicRoughnessTexture"] = {{"index", mat.metallicRoughnessTexture}};
    }
    json m = {{"name", mat.name}, {"pbrMetallicRoughness", pbr}};
    if (mat.normalTexture >= 0) {
      m["normalTexture"] = {{"index", mat.normalTexture}, {"scale", mat.normalScale}};
    }
    if (mat.doubleSided) m["doubleSided"] = true;
    materials.push_back(std::move(m));
  }
  gltf["materials"] = materials;

  json images = json::array(), textures = json::array();
  for (std::size_t t = 0; t < model.textures.size(); ++t) {
    images.push_back({{"uri", model.textures[t].uri}});
    textures.push_back({{"source", t}, {"sampler", 0}});
    const std::vector<std::uint8_t> png = encodePng(model.textures[t].image);
    const auto file = dir / model.textures[t].uri;
    if (auto s = writeFileAtomic(file, png); !s.ok()) {
      return makeError("{}: cannot write the texture: {}", file.string(), s.error().message);
    }
    stats.bytes += png.size();
  }
  if (!images.empty()) {
    gltf["images"] = images;
    gltf["textures"] = textures;
    gltf["samplers"] = json::array({{{"magFilter", 9729}, {"minFilter", 9987},
                                     {"wrapS", 10497}, {"wrapT", 10497}}});
  }

  const std::string binName = model.name + ".bin";
  gltf["buffers"] = json::array({{{"uri", binName}, {"byteLength", buf.bytes().size()}}});
  gltf["bufferViews"] = buf.views();
  gltf["accessors"] = buf.accessors();

  const auto binFile = dir / binName;
  if (auto s = writeFileAtomic(binFile, buf.bytes()); !s.ok()) {
    return makeError("{}: cannot write the buffer: {}", binFile.string(), s.error().message);
  }
  const std::string text = gltf.dump(1) + "\n";
  const auto gltfFile = dir / (model.name + ".gltf");
  if (auto s = writeFileAtomic(gltfFile, std::span(reinterpret_cast<const std::uint8_t*>(text.data()),
                                                   text.size()));
      !s.ok()) {
    return makeError("{}: cannot write the glTF: {}", gltfFile.string(), s.error().message);
  }
  stats.bytes += buf.bytes().size() + text.size();
  return stats;
}

}  // namespace sc::avatar
