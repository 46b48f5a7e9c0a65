#include "assets/cooked_format.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "assets/content_hash.hpp"

namespace sc::assets {

namespace {

// Records copied as raw bytes must have exactly the documented sizes (no hidden padding).
static_assert(std::endian::native == std::endian::little);
static_assert(sizeof(Vertex) == 64 && std::is_trivially_copyable_v<Vertex>);
static_assert(sizeof(SkinWeights) == 24 && std::is_trivially_copyable_v<SkinWeights>);
static_assert(sizeof(glm::vec3) == 12 && sizeof(glm::vec4) == 16 && sizeof(glm::mat4) == 64);

constexpr std::uint32_t kMaxMipLevels = 32;

class ByteWriter {
 public:
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* raw = reinterpret_cast<const std::uint8_t*>(&value);
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
  }
  void putBool(bool value) { put(std::uint8_t(value ? 1 : 0)); }
  template <typename E>
  void putEnum(E value) { put(std::uint8_t(value)); }
  void putCount(std::size_t n) { put(std::uint32_t(n)); }
  void putString(const std::string& s) {
    putCount(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  template <typename T>
  void putArray(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    putCount(values.size());
    const auto* raw = reinterpret_cast<const std::uint8_t*>(values.data());
    bytes.insert(bytes.end(), raw, raw + values.size() * sizeof(T));
  }

  std::vector<std::uint8_t> bytes;
};

// Large arrays get their fresh pages in one system call (MADV_POPULATE_WRITE, Linux 5.14+)
// instead of one page fault per 4 KiB page as the copy first touches them: the pages are
// zeroed by the kernel either way, but each fault is a trap, which costs most in a virtual
// machine. Refused on older kernels (EINVAL): then the copy faults as before.
constexpr std::size_t kPrefaultBytes = 256 * 1024;

void prefault(void* data, std::size_t bytes) {
#if defined(__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
  const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
  const auto begin = (std::uintptr_t(data) + page - 1) & ~(page - 1);
  const auto end = (std::uintptr_t(data) + bytes) & ~(page - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Reads T records from unaligned bytes, one memcpy each, so that vector::assign builds a
// vector in one pass from the file's bytes: resize() + memcpy would zero-fill every page of
// the model first and write it a second time (the cooked load's cost is its fresh pages).
template <typename T>
class RecordIterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = T;

  explicit RecordIterator(const std::uint8_t* at) : at_(at) {}
  T operator*() const {
    T value;
    std::memcpy(&value, at_, sizeof(T));
    return value;
  }
  RecordIterator& operator++() {
    at_ += sizeof(T);
    return *this;
  }
  RecordIterator operator++(int) {
    RecordIterator old = *this;
    at_ += sizeof(T);
    return old;
  }
  RecordIterator& operator--() {
    at_ -= sizeof(T);
    return *this;
  }
  RecordIterator operator--(int) {
    RecordIterator old = *this;
    at_ -= sizeof(T);
    return old;
  }
  RecordIterator& operator+=(difference_type n) {
    at_ += n * difference_type(sizeof(T));
    return *this;
  }
  RecordIterator& operator-=(difference_type n) { return *this += -n; }
  RecordIterator operator+(difference_type n) const { return RecordIterator(*this) += n; }
  RecordIterator operator-(difference_type n) const { return RecordIterator(*this) -= n; }
  T operator[](difference_type n) const { return *(*this + n); }
  bool operator<(const RecordIterator& other) const { return at_ < other.at_; }
  difference_type operator-(const RecordIterator& other) const {
    return (at_ - other.at_) / difference_type(sizeof(T));
  }
  bool operator==(const RecordIterator& other) const { return at_ == other.at_; }
  bool operator!=(const RecordIterator& other) const { return at_ != other.at_; }

 private:
  const std::uint8_t* at_;
};

// Sticky-error reader: after the first failure every read yields zeros and every count 0, so
// decoding loops end at once and the first message is what the caller sees.
class ByteReader {
 public:
  ByteReader(std::span<const std::uint8_t> bytes, std::size_t base) : bytes_(bytes), base_(base) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  std::size_t position() const { return base_ + pos_; }

  template <typename... Args>
  void fail(fmt::format_string<Args...> format, Args&&... args) {
    if (failed()) return;
    error_ = fmt::format("at byte {}: {}", base_ + pos_, fmt::format(format, std::forward<Args>(args)...));
  }

  template <typename T>
  T get(const char* what) {
    T value{};
    if (failed()) return value;
    if (remaining() < sizeof(T)) {
      fail("{} is cut off ({} bytes needed, {} left)", what, sizeof(T), remaining());
      return value;
    }
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  bool getBool(const char* what) {
    const auto v = get<std::uint8_t>(what);
    if (v > 1) fail("{} is {}, not a boolean (0 or 1)", what, v);
    return v == 1;
  }
  template <typename E>
  E getEnum(E last, const char* what) {
    const auto v = get<std::uint8_t>(what);
    if (v > std::uint8_t(last)) fail("{} is {}, above the largest value {}", what, v, std::uint8_t(last));
    return E(v);
  }
  // A count of elements each needing at least `minBytes` bytes: refused when the remaining
  // bytes cannot hold that many (division, so no overflow), before anyone allocates.
  std::uint32_t count(std::size_t minBytes, const char* what) {
    const auto n = get<std::uint32_t>(what);
    if (failed()) return 0;
    if (std::uint64_t(n) > remaining() / minBytes) {
      fail("{} declares {} elements of at least {} bytes, more than the {} remaining bytes hold",
           what, n, minBytes, remaining());
      return 0;
    }
    return n;
  }
  void string(std::string& out, const char* what) {
    const std::uint32_t n = count(1, what);
    if (n > kMaxCookedString) {
      fail("{} is {} bytes long, over the limit of {}", what, n, kMaxCookedString);
      return;
    }
    out.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
    pos_ += n;
  }
  template <typename T>
  void array(std::vector<T>& out, const char* what) {
    const std::uint32_t n = count(sizeof(T), what);  // 0 after a failure
    records(out, n);
  }
  // Fills `out` with `n` records the caller has already checked against remaining(): one
  // allocation of the exact size, each byte written once.
  template <typename T>
  void records(std::vector<T>& out, std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.clear();
    if (failed() || n == 0) return;
    const std::uint8_t* first = bytes_.data() + pos_;
    if (n * sizeof(T) >= kPrefaultBytes) {
      out.reserve(n);  // assign() below then fills this allocation without reallocating
      prefault(out.data(), n * sizeof(T));
    }
    if constexpr (sizeof(T) == 1) {
      out.assign(reinterpret_cast<const T*>(first), reinterpret_cast<const T*>(first) + n);
    } else {
      out.assign(RecordIterator<T>(first), RecordIterator<T>(first + n * sizeof(T)));
    }
    pos_ += n * sizeof(T);
  }
  // `n` bytes the caller has checked against remaining(): borrowed from the input when `owner`
  // keeps it alive (no allocation, no copy: what makes a cooked load cheap), copied otherwise.
  PixelBytes pixels(std::size_t n, const std::shared_ptr<const void>& owner) {
    if (failed()) return {};
    const std::span<const std::uint8_t> view = bytes_.subspan(pos_, n);
    pos_ += n;
    if (owner != nullptr) return PixelBytes::borrowed(view, owner);
    std::vector<std::uint8_t> copy;
    if (n >= kPrefaultBytes) {
      copy.reserve(n);
      prefault(copy.data(), n);
    }
    copy.assign(view.begin(), view.end());
    return PixelBytes(std::move(copy));
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t base_;
  std::size_t pos_ = 0;
  std::string error_;
};

// ---- writing -------------------------------------------------------------------------------

void putTextureRef(ByteWriter& w, const TextureRef& t) {
  w.put(t.texture);
  w.put(t.texCoord);
  w.putEnum(t.sampler.magFilter);
  w.putEnum(t.sampler.minFilter);
  w.putBool(t.sampler.mipmaps);
  w.putEnum(t.sampler.wrapU);
  w.putEnum(t.sampler.wrapV);
  w.put(t.transform.offset);
  w.put(t.transform.rotation);
  w.put(t.transform.scale);
  w.put(t.scale);
}

void encodeModel(ByteWriter& w, const Model& model) {
  w.putString(model.sourcePath);
  w.putCount(model.meshes.size());
  for (const Mesh& mesh : model.meshes) {
    w.putString(mesh.name);
    w.putCount(mesh.primitives.size());
    for (const Primitive& p : mesh.primitives) {
      w.putString(p.name);
      w.put(p.material);
      w.put(p.bounds.min);
      w.put(p.bounds.max);
      w.putArray(p.vertices);
      w.putArray(p.indices);
      w.putArray(p.skin);
      w.putCount(p.morphTargets.size());
      for (const MorphTarget& t : p.morphTargets) {
        w.putString(t.name);
        w.putArray(t.positionDeltas);
        w.putArray(t.normalDeltas);
      }
      w.putArray(p.defaultMorphWeights);
      w.putCount(p.lodIndices.size());
      for (const auto& lod : p.lodIndices) w.putArray(lod);
    }
  }
  w.putCount(model.materials.size());
  for (const Material& m : model.materials) {
    w.putString(m.name);
    w.put(m.baseColorFactor);
    w.put(m.metallicFactor);
    w.put(m.roughnessFactor);
    w.put(m.emissiveFactor);
    w.put(m.emissiveStrength);
    w.putEnum(m.alphaMode);
    w.put(m.alphaCutoff);
    w.putBool(m.doubleSided);
    w.putBool(m.unlit);
    for (const TextureRef* t : {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive}) {
      putTextureRef(w, *t);
    }
  }
  w.putCount(model.textures.size());
  for (const Texture& t : model.textures) {
    w.putString(t.name);
    w.put(t.width);
    w.put(t.height);
    w.putCount(t.mips.size());
    for (const PixelBytes& mip : t.mips) w.bytes.insert(w.bytes.end(), mip.begin(), mip.end());
  }
  w.putCount(model.nodes.size());
  for (const Node& n : model.nodes) {
    w.putString(n.name);
    w.put(n.translation);
    w.put(glm::vec4(n.rotation.x, n.rotation.y, n.rotation.z, n.rotation.w));
    w.put(n.scale);
    w.put(n.parent);
    w.putArray(n.children);
    w.put(n.mesh);
    w.put(n.light);
    w.put(n.camera);
    w.put(n.skin);
  }
  w.putArray(model.rootNodes);
  w.putCount(model.lights.size());
  for (const Light& l : model.lights) {
    w.putString(l.name);
    w.putEnum(l.type);
    w.put(l.color);
    w.put(l.intensity);
    w.put(l.range);
    w.put(l.innerConeAngle);
    w.put(l.outerConeAngle);
  }
  w.putCount(model.cameras.size());
  for (const Camera& c : model.cameras) {
    w.putString(c.name);
    w.putBool(c.perspective);
    for (float f : {c.yfov, c.aspect, c.znear, c.zfar, c.xmag, c.ymag}) w.put(f);
  }
  w.putCount(model.skins.size());
  for (const Skin& s : model.skins) {
    w.putString(s.name);
    w.putArray(s.joints);
    w.putArray(s.inverseBindMatrices);
  }
  w.putCount(model.animations.size());
  for (const AnimClip& a : model.animations) {
    w.putString(a.name);
    w.put(a.duration);
    w.putCount(a.channels.size());
    for (const AnimChannel& c : a.channels) {
      w.put(c.node);
      w.putEnum(c.path);
      w.putEnum(c.interpolation);
      w.putArray(c.times);
      w.putArray(c.values);
    }
  }
}

// An untrusted stamp is written as all zeros, so that each stamp has one encoding.
void putStamp(ByteWriter& w, const FileStamp& s) {
  const FileStamp out = s.trusted ? s : FileStamp{};
  w.putBool(out.trusted);
  w.put(out.mtimeNs);
  w.put(out.ctimeNs);
  w.put(out.inode);
  w.put(out.device);
}

// ---- reading -------------------------------------------------------------------------------

constexpr std::size_t kStampBytes = 1 + 8 + 8 + 8 + 8;

void getStamp(ByteReader& r, FileStamp& s) {
  s.trusted = r.getBool("stamp trusted");
  s.mtimeNs = r.get<std::int64_t>("stamp mtime");
  s.ctimeNs = r.get<std::int64_t>("stamp ctime");
  s.inode = r.get<std::uint64_t>("stamp inode");
  s.device = r.get<std::uint64_t>("stamp device");
  if (!r.failed() && !s.trusted && s != FileStamp{}) r.fail("an untrusted file stamp is not all zeros");
}

// Minimum encoded sizes, used to bound counts of variable-size records before allocating.
constexpr std::size_t kMinPrimitiveBytes = 4 + 4 + 24 + 4 * 6;
constexpr std::size_t kTextureRefBytes = 4 + 4 + 5 + 8 + 4 + 8 + 4;
constexpr std::size_t kMinMaterialBytes = 4 + 16 + 4 + 4 + 12 + 4 + 1 + 4 + 1 + 1 + 5 * kTextureRefBytes;
constexpr std::size_t kMinNodeBytes = 4 + 12 + 16 + 12 + 4 + 4 + 16;

void getTextureRef(ByteReader& r, TextureRef& t) {
  t.texture = r.get<std::int32_t>("texture index");
  t.texCoord = r.get<std::uint32_t>("texCoord");
  t.sampler.magFilter = r.getEnum(Filter::Linear, "magFilter");
  t.sampler.minFilter = r.getEnum(Filter::Linear, "minFilter");
  t.sampler.mipmaps = r.getBool("mipmaps");
  t.sampler.wrapU = r.getEnum(Wrap::ClampToEdge, "wrapU");
  t.sampler.wrapV = r.getEnum(Wrap::ClampToEdge, "wrapV");
  t.transform.offset = r.get<glm::vec2>("transform offset");
  t.transform.rotation = r.get<float>("transform rotation");
  t.transform.scale = r.get<glm::vec2>("transform scale");
  t.scale = r.get<float>("texture scale");
}

void decodeTexture(ByteReader& r, Texture& t, const std::shared_ptr<const void>& owner) {
  r.string(t.name, "texture name");
  t.width = r.get<std::uint32_t>("texture width");
  t.height = r.get<std::uint32_t>("texture height");
  if (!r.failed() && (t.width == 0 || t.height == 0 || t.width > kMaxCookedTextureSide ||
                      t.height > kMaxCookedTextureSide)) {
    r.fail("texture '{}' is {}x{}; sides must be 1..{}", t.name, t.width, t.height, kMaxCookedTextureSide);
  }
  const std::uint32_t levels = r.count(4, "mip level count");
  if (levels == 0 || levels > kMaxMipLevels) {
    r.fail("texture '{}' has {} mip levels; 1..{} expected", t.name, levels, kMaxMipLevels);
    return;
  }
  t.mips.resize(levels);
  for (std::uint32_t i = 0; i < levels && !r.failed(); ++i) {
    // Sides are at most 2^16, so the product fits easily in 64 bits.
    const std::uint64_t w = std::max<std::uint64_t>(1, t.width >> i);
    const std::uint64_t h = std::max<std::uint64_t>(1, t.height >> i);
    const std::uint64_t size = w * h * 4;
    if (size > r.remaining()) {
      r.fail("texture '{}' mip {} needs {} bytes, only {} remain", t.name, i, size, r.remaining());
      return;
    }
    t.mips[i] = r.pixels(std::size_t(size), owner);
  }
}

void decodePrimitive(ByteReader& r, Primitive& p) {
  r.string(p.name, "primitive name");
  p.material = r.get<std::uint32_t>("primitive material");
  p.bounds.min = r.get<glm::vec3>("bounds min");
  p.bounds.max = r.get<glm::vec3>("bounds max");
  r.array(p.vertices, "vertex count");
  r.array(p.indices, "index count");
  r.array(p.skin, "skin weight count");
  p.morphTargets.resize(r.count(12, "morph target count"));
  for (MorphTarget& t : p.morphTargets) {
    r.string(t.name, "morph target name");
    r.array(t.positionDeltas, "morph position delta count");
    r.array(t.normalDeltas, "morph normal delta count");
  }
  r.array(p.defaultMorphWeights, "default morph weight count");
  p.lodIndices.resize(r.count(4, "LOD count"));
  for (auto& lod : p.lodIndices) r.array(lod, "LOD index count");
}

void decodeModel(ByteReader& r, CookedFile& file, const std::shared_ptr<const void>& owner) {
  Model& model = file.model;
  r.string(model.sourcePath, "source path");
  model.meshes.resize(r.count(8, "mesh count"));
  for (Mesh& mesh : model.meshes) {
    r.string(mesh.name, "mesh name");
    mesh.primitives.resize(r.count(kMinPrimitiveBytes, "primitive count"));
    for (Primitive& p : mesh.primitives) decodePrimitive(r, p);
  }
  model.materials.resize(r.count(kMinMaterialBytes, "material count"));
  for (Material& m : model.materials) {
    r.string(m.name, "material name");
    m.baseColorFactor = r.get<glm::vec4>("baseColorFactor");
    m.metallicFactor = r.get<float>("metallicFactor");
    m.roughnessFactor = r.get<float>("roughnessFactor");
    m.emissiveFactor = r.get<glm::vec3>("emissiveFactor");
    m.emissiveStrength = r.get<float>("emissiveStrength");
    m.alphaMode = r.getEnum(AlphaMode::Blend, "alphaMode");
    m.alphaCutoff = r.get<float>("alphaCutoff");
    m.doubleSided = r.getBool("doubleSided");
    m.unlit = r.getBool("unlit");
    for (TextureRef* t : {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive}) {
      getTextureRef(r, *t);
    }
  }
  model.textures.resize(r.count(16, "texture count"));
  const std::size_t texturesBegin = r.position();
  for (Texture& t : model.textures) decodeTexture(r, t, owner);
  if (owner != nullptr && !model.textures.empty()) {
    file.borrowedBegin = texturesBegin;
    file.borrowedEnd = r.position();
  }
  model.nodes.resize(r.count(kMinNodeBytes, "node count"));
  for (Node& n : model.nodes) {
    r.string(n.name, "node name");
    n.translation = r.get<glm::vec3>("node translation");
    const auto q = r.get<glm::vec4>("node rotation");
    n.rotation = glm::quat(q.w, q.x, q.y, q.z);
    n.scale = r.get<glm::vec3>("node scale");
    n.parent = r.get<std::int32_t>("node parent");
    r.array(n.children, "node child count");
    n.mesh = r.get<std::int32_t>("node mesh");
    n.light = r.get<std::int32_t>("node light");
    n.camera = r.get<std::int32_t>("node camera");
    n.skin = r.get<std::int32_t>("node skin");
  }
  r.array(model.rootNodes, "root node count");
  model.lights.resize(r.count(4 + 1 + 12 + 16, "light count"));
  for (Light& l : model.lights) {
    r.string(l.name, "light name");
    l.type = r.getEnum(LightType::Spot, "light type");
    l.color = r.get<glm::vec3>("light color");
    l.intensity = r.get<float>("light intensity");
    l.range = r.get<float>("light range");
    l.innerConeAngle = r.get<float>("light inner cone");
    l.outerConeAngle = r.get<float>("light outer cone");
  }
  model.cameras.resize(r.count(4 + 1 + 24, "camera count"));
  for (Camera& c : model.cameras) {
    r.string(c.name, "camera name");
    c.perspective = r.getBool("camera perspective");
    for (float* f : {&c.yfov, &c.aspect, &c.znear, &c.zfar, &c.xmag, &c.ymag}) *f = r.get<float>("camera value");
  }
  model.skins.resize(r.count(12, "skin count"));
  for (Skin& s : model.skins) {
    r.string(s.name, "skin name");
    r.array(s.joints, "skin joint count");
    r.array(s.inverseBindMatrices, "inverse bind matrix count");
  }
  model.animations.resize(r.count(12, "animation count"));
  for (AnimClip& a : model.animations) {
    r.string(a.name, "animation name");
    a.duration = r.get<float>("animation duration");
    a.channels.resize(r.count(14, "channel count"));
    for (AnimChannel& c : a.channels) {
      c.node = r.get<std::uint32_t>("channel node");
      c.path = r.getEnum(AnimPath::Weights, "channel path");
      c.interpolation = r.getEnum(Interpolation::CubicSpline, "channel interpolation");
      r.array(c.times, "channel key count");
      r.array(c.values, "channel value count");
    }
  }
}

template <typename T>
void putAt(std::vector<std::uint8_t>& bytes, std::size_t offset, T value) {
  std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

template <typename T>
T getAt(std::span<const std::uint8_t> bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace

std::vector<std::uint8_t> encodeCookedFile(const Model& model, std::uint64_t key,
                                           std::uint64_t sourceBytes,
                                           std::span<const CookedDependency> dependencies,
                                           std::uint32_t flags, const CookedDependency& source) {
  ByteWriter w;
  w.bytes.resize(kCookedHeaderBytes, 0);
  w.putCount(dependencies.size());
  for (const CookedDependency& d : dependencies) {
    w.putString(d.path);
    w.put(d.size);
    w.put(d.hash);
    putStamp(w, d.stamp);
  }
  w.put(source.size);
  w.put(source.hash);
  putStamp(w, source.stamp);
  encodeModel(w, model);
  std::memcpy(w.bytes.data(), kCookedMagic, 8);
  putAt(w.bytes, 8, kCookedFormatVersion);
  putAt(w.bytes, 12, std::uint32_t(kCookedHeaderBytes));
  putAt(w.bytes, 16, key);
  putAt(w.bytes, 40, sourceBytes);
  putAt(w.bytes, 48, flags);
  sealCookedFile(w.bytes);
  return std::move(w.bytes);
}

void sealCookedFile(std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < kCookedHeaderBytes) return;
  const std::span<const std::uint8_t> payload(bytes.data() + kCookedHeaderBytes,
                                              bytes.size() - kCookedHeaderBytes);
  putAt(bytes, 24, std::uint64_t(payload.size()));
  putAt(bytes, 32, hash64(payload));
  putAt(bytes, 56, hash64(std::span<const std::uint8_t>(bytes.data(), 56)));
}

Result<CookedHeader> readCookedHeader(std::span<const std::uint8_t> bytes, const std::string& label) {
  if (bytes.size() < kCookedHeaderBytes) {
    return makeError("{}: cache file is {} bytes, shorter than its {}-byte header (truncated)",
                     label, bytes.size(), kCookedHeaderBytes);
  }
  if (std::memcmp(bytes.data(), kCookedMagic, 8) != 0) {
    return makeError("{}: not a cooked model (wrong magic bytes)", label);
  }
  if (getAt<std::uint64_t>(bytes, 56) != hash64(bytes.first(56))) {
    return makeError("{}: the cache header's checksum does not match (corrupt header)", label);
  }
  CookedHeader h;
  h.version = getAt<std::uint32_t>(bytes, 8);
  if (h.version != kCookedFormatVersion) {
    return makeError("{}: cache format version {}, this build reads version {}", label,
                     h.version, kCookedFormatVersion);
  }
  if (getAt<std::uint32_t>(bytes, 12) != kCookedHeaderBytes || getAt<std::uint32_t>(bytes, 52) != 0) {
    return makeError("{}: unexpected header size or reserved field", label);
  }
  h.key = getAt<std::uint64_t>(bytes, 16);
  h.payloadBytes = getAt<std::uint64_t>(bytes, 24);
  h.payloadHash = getAt<std::uint64_t>(bytes, 32);
  h.sourceBytes = getAt<std::uint64_t>(bytes, 40);
  h.flags = getAt<std::uint32_t>(bytes, 48);
  // Compared as "payload == size - header" so a huge declared size cannot overflow.
  if (h.payloadBytes != bytes.size() - kCookedHeaderBytes) {
    return makeError("{}: the header declares {} payload bytes but the file holds {} "
                     "(truncated or extended)", label, h.payloadBytes,
                     bytes.size() - kCookedHeaderBytes);
  }
  return h;
}

Result<CookedFile> decodeCookedFile(std::span<const std::uint8_t> bytes, const std::string& label,
                                    CookedChecksum checksum, std::shared_ptr<const void> owner) {
  auto header = readCookedHeader(bytes, label);
  if (!header) return header.error();
  const auto payload = bytes.subspan(kCookedHeaderBytes);
  if (checksum == CookedChecksum::Verify && hash64(payload) != header->payloadHash) {
    return makeError("{}: the payload checksum does not match (corrupt cache file)", label);
  }
  CookedFile file;
  file.header = header.value();
  ByteReader r(payload, kCookedHeaderBytes);
  file.dependencies.resize(r.count(4 + 16 + kStampBytes, "dependency count"));
  for (CookedDependency& d : file.dependencies) {
    r.string(d.path, "dependency path");
    d.size = r.get<std::uint64_t>("dependency size");
    d.hash = r.get<std::uint64_t>("dependency hash");
    getStamp(r, d.stamp);
  }
  file.source.size = r.get<std::uint64_t>("source size");
  file.source.hash = r.get<std::uint64_t>("source hash");
  getStamp(r, file.source.stamp);
  decodeModel(r, file, owner);
  if (!r.failed() && r.remaining() != 0) r.fail("{} unexpected bytes after the model", r.remaining());
  if (r.failed()) return makeError("{}: {}", label, r.error());
  SC_TRY(checkModelConsistency(file.model, label));
  return file;
}

namespace {

bool finite3(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

Status checkIndices(const std::vector<std::uint32_t>& indices, std::size_t vertexCount,
                    const std::string& where) {
  if (indices.size() % 3 != 0) return makeError("{}: {} indices, not whole triangles", where, indices.size());
  // A max reduction vectorises; the slow search for the culprit runs only on failure.
  std::uint32_t largest = 0;
  for (std::uint32_t index : indices) largest = std::max(largest, index);
  if (indices.empty() || largest < vertexCount) return okStatus();
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] >= vertexCount) {
      return makeError("{}: index {} is {}, but there are {} vertices", where, i, indices[i], vertexCount);
    }
  }
  return okStatus();
}

Status checkPrimitive(const Primitive& p, const Model& model, const std::string& where) {
  if (p.material >= model.materials.size()) {
    return makeError("{}: material {} of {}", where, p.material, model.materials.size());
  }
  // Vertex values are not scanned for NaN: a bad position draws nothing but harms no memory,
  // and the scan would cost as much as the whole decode.
  const std::size_t n = p.vertices.size();
  SC_TRY(checkIndices(p.indices, n, where));
  for (std::size_t k = 0; k < p.lodIndices.size(); ++k) {
    SC_TRY(checkIndices(p.lodIndices[k], n, fmt::format("{} LOD {}", where, k + 1)));
  }
  if (!p.skin.empty() && p.skin.size() != n) {
    return makeError("{}: {} skin weights for {} vertices", where, p.skin.size(), n);
  }
  for (const MorphTarget& t : p.morphTargets) {
    if (t.positionDeltas.size() != n || (!t.normalDeltas.empty() && t.normalDeltas.size() != n)) {
      return makeError("{}: morph target '{}' has {} deltas for {} vertices", where, t.name,
                       t.positionDeltas.size(), n);
    }
  }
  return okStatus();
}

Status checkTextureRef(const TextureRef& t, const Model& model, const std::string& where) {
  if (t.texture < -1 || (t.texture >= 0 && std::size_t(t.texture) >= model.textures.size()) ||
      t.texCoord > 1) {
    return makeError("{}: texture {} (of {}) with texCoord {}", where, t.texture,
                     model.textures.size(), t.texCoord);
  }
  return okStatus();
}

// -1 or a valid index into a list of `count` elements.
bool optionalIndex(std::int32_t index, std::size_t count) {
  return index == -1 || (index >= 0 && std::size_t(index) < count);
}

}  // namespace

Status checkModelConsistency(const Model& model, const std::string& label) {
  for (std::size_t m = 0; m < model.meshes.size(); ++m) {
    for (std::size_t p = 0; p < model.meshes[m].primitives.size(); ++p) {
      SC_TRY(checkPrimitive(model.meshes[m].primitives[p], model,
                            fmt::format("{}: mesh {} primitive {}", label, m, p)));
    }
  }
  for (std::size_t i = 0; i < model.materials.size(); ++i) {
    const Material& m = model.materials[i];
    const std::string where = fmt::format("{}: material {}", label, i);
    for (const TextureRef* t : {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive}) {
      SC_TRY(checkTextureRef(*t, model, where));
    }
  }
  for (std::size_t i = 0; i < model.textures.size(); ++i) {
    const Texture& t = model.textures[i];
    if (t.mips.empty() || t.width == 0 || t.height == 0 || t.width > kMaxCookedTextureSide ||
        t.height > kMaxCookedTextureSide || t.mips.size() > kMaxMipLevels) {
      return makeError("{}: texture {} is {}x{} with {} mips", label, i, t.width, t.height, t.mips.size());
    }
    for (std::size_t level = 0; level < t.mips.size(); ++level) {
      const std::uint64_t w = std::max<std::uint64_t>(1, t.width >> level);
      const std::uint64_t h = std::max<std::uint64_t>(1, t.height >> level);
      if (t.mips[level].size() != w * h * 4) {
        return makeError("{}: texture {} mip {} has {} bytes, {}x{}x4 expected", label, i, level,
                         t.mips[level].size(), w, h);
      }
    }
  }
  const std::size_t nodeCount = model.nodes.size();
  for (std::size_t i = 0; i < nodeCount; ++i) {
    const Node& n = model.nodes[i];
    const glm::vec4 q(n.rotation.x, n.rotation.y, n.rotation.z, n.rotation.w);
    if (!finite3(n.translation) || !finite3(n.scale) || !finite3(glm::vec3(q)) || !std::isfinite(q.w)) {
      return makeError("{}: node {} has a non-finite transform", label, i);
    }
    if (n.parent < -1 || n.parent >= std::int32_t(i) ||
        !optionalIndex(n.mesh, model.meshes.size()) || !optionalIndex(n.light, model.lights.size()) ||
        !optionalIndex(n.camera, model.cameras.size()) || !optionalIndex(n.skin, model.skins.size())) {
      return makeError("{}: node {} refers to a missing or later parent, mesh, light, camera or skin",
                       label, i);
    }
    for (std::uint32_t c : n.children) {
      if (c <= i || c >= nodeCount || model.nodes[c].parent != std::int32_t(i)) {
        return makeError("{}: node {} lists child {}, which is not its child", label, i, c);
      }
    }
  }
  for (std::uint32_t r : model.rootNodes) {
    if (r >= nodeCount || model.nodes[r].parent != -1) {
      return makeError("{}: root node {} is missing or has a parent", label, r);
    }
  }
  for (std::size_t s = 0; s < model.skins.size(); ++s) {
    const Skin& skin = model.skins[s];
    if (skin.inverseBindMatrices.size() != skin.joints.size()) {
      return makeError("{}: skin {} has {} joints but {} inverse bind matrices", label, s,
                       skin.joints.size(), skin.inverseBindMatrices.size());
    }
    for (std::uint32_t j : skin.joints) {
      if (j >= nodeCount) return makeError("{}: skin {} joint {} is not a node", label, s, j);
    }
  }
  for (std::size_t a = 0; a < model.animations.size(); ++a) {
    for (const AnimChannel& c : model.animations[a].channels) {
      if (c.node >= nodeCount) return makeError("{}: animation {} targets node {}", label, a, c.node);
      const std::size_t keys = c.times.size();
      const std::size_t per = c.path == AnimPath::Rotation ? 4 : 3;
      const std::size_t factor = c.interpolation == Interpolation::CubicSpline ? 3 : 1;
      const bool ok = c.path == AnimPath::Weights ? (keys == 0 ? c.values.empty() : c.values.size() % keys == 0)
                                                  : c.values.size() == keys * per * factor;
      if (!ok) {
        return makeError("{}: animation {} channel on node {} has {} values for {} keys", label, a,
                         c.node, c.values.size(), keys);
      }
    }
  }
  return okStatus();
}

}  // namespace sc::assets
