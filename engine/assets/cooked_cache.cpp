#include "assets/cooked_cache.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>

#if __has_include(<sys/mman.h>)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define SC_COOK_HAVE_MMAP 1
#else
#define SC_COOK_HAVE_MMAP 0
#endif

#include <assimp/version.h>
#include <spdlog/spdlog.h>

#include "assets/content_hash.hpp"
#include "assets/content_io_system.hpp"
#include "assets/cooked_format.hpp"
#include "core/file_io.hpp"

namespace sc::assets {

namespace fs = std::filesystem;

namespace {

std::atomic<std::uint64_t> gImporterCalls{0};
// writeFileAtomic names its temporary file after the process, so two threads of one process
// writing the same cache file would share it: writes are serialised (they are rare).
std::mutex gWriteMutex;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Everything besides file contents that changes what a cook produces.
void addSettings(HashBuilder& h, const ImportOptions& import, const CookOptions& cook) {
  h.add(kCookedFormatVersion);
  h.add(std::uint64_t(aiGetVersionMajor()) << 32 | aiGetVersionMinor());
  h.add(std::uint64_t(aiGetVersionRevision()));
  h.add(import.maxTextureSize).add(import.downscaleAbove).add(import.generateMips ? 1 : 0);
  const MeshOptimizeOptions& m = cook.mesh;
  h.add(m.enabled).add(m.vertexCache).add(m.overdraw).addFloat(m.overdrawThreshold);
  h.add(m.vertexFetch).add(m.lodTriangleThreshold).add(m.maxLods).addFloat(m.lodTargetError);
}

std::uint64_t cacheKey(const ImportOptions& import, const CookOptions& cook,
                       std::uint64_t sourceSize, std::uint64_t sourceHash,
                       const std::vector<CookedDependency>& deps) {
  HashBuilder h;
  addSettings(h, import, cook);
  h.add(sourceSize).add(sourceHash).add(deps.size());
  for (const CookedDependency& d : deps) h.add(d.path).add(d.size).add(d.hash);
  return h.finish();
}

std::string lowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

// Appends the UTF-8 encoding of a code point below 0x10000 (JSON \uXXXX; surrogate pairs are
// not joined: a URI with such characters then just fails to resolve and is skipped).
void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Every string value of a "uri" key in glTF JSON (buffers and images are the only core glTF
// objects with one). A scan rather than a parse: it only gathers candidates, each of which must
// still resolve to a file, so a stray match costs nothing but a failed lookup.
void scanJsonUris(std::string_view json, std::vector<std::string>& out) {
  std::size_t pos = 0;
  while ((pos = json.find("\"uri\"", pos)) != std::string_view::npos) {
    pos += 5;
    while (pos < json.size() && std::isspace(static_cast<unsigned char>(json[pos]))) ++pos;
    if (pos >= json.size() || json[pos] != ':') continue;
    ++pos;
    while (pos < json.size() && std::isspace(static_cast<unsigned char>(json[pos]))) ++pos;
    if (pos >= json.size() || json[pos] != '"') continue;
    std::string value;
    for (++pos; pos < json.size() && json[pos] != '"'; ++pos) {
      if (json[pos] != '\\' || pos + 1 >= json.size()) {
        value += json[pos];
        continue;
      }
      const char e = json[++pos];
      if (e == 'u' && pos + 4 < json.size()) {
        appendUtf8(value, unsigned(std::strtoul(std::string(json.substr(pos + 1, 4)).c_str(), nullptr, 16)));
        pos += 4;
      } else {
        value += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // \" \\ \/ and the rest literally
      }
    }
    if (value.rfind("data:", 0) != 0) out.push_back(std::move(value));
  }
}

std::string percentDecoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += char(std::strtoul(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Content paths the model file names, found by format (see the header for the list).
std::vector<std::string> referencedPaths(const fs::path& file, std::span<const std::uint8_t> bytes,
                                         const Model& model) {
  std::vector<std::string> candidates;
  const std::string ext = lowerExtension(file);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (ext == ".gltf") {
    scanJsonUris(text, candidates);
  } else if (ext == ".glb" && bytes.size() >= 20 && text.substr(0, 4) == "glTF" &&
             text.substr(16, 4) == "JSON") {
    std::uint32_t jsonBytes = 0;
    std::memcpy(&jsonBytes, bytes.data() + 12, 4);
    if (jsonBytes <= bytes.size() - 20) scanJsonUris(text.substr(20, jsonBytes), candidates);
  } else if (ext == ".obj") {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
      if (line.substr(0, 7) != "mtllib " && line.substr(0, 7) != "mtllib\t") continue;
      line.remove_prefix(7);
      candidates.emplace_back(line);  // a name with spaces, and each word (several libraries)
      std::size_t w = 0;
      while (w < line.size()) {
        const std::size_t stop = std::min(line.find_first_of(" \t", w), line.size());
        if (stop > w) candidates.emplace_back(line.substr(w, stop - w));
        w = stop + 1;
      }
    }
  }
  for (const Texture& t : model.textures) {
    if (t.name.rfind("embedded:", 0) != 0) candidates.push_back(t.name);
  }
  return candidates;
}

struct SourceDigest {
  std::uint64_t size = 0;
  std::uint64_t hash = 0;
  FileStamp stamp;
  bool fromStamp = false;  // size and hash taken from the cache file, nothing read
};

#if SC_COOK_HAVE_MMAP
// A file whose modification time is younger than this when it is hashed gets no trusted stamp
// (it is then re-hashed on every load). File timestamps are coarse: Linux takes them from a
// clock that ticks every 1-10 ms, and some file systems keep seconds (ext3) or 2 s (FAT). A
// write after the hash that kept the size could otherwise leave an identical stamp; with the
// recorded mtime older than a granule, any later write gets a newer one. 3 s covers FAT.
constexpr std::int64_t kStampMarginNs = 3'000'000'000;

std::int64_t nanoseconds(const struct timespec& t) { return std::int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

FileStamp stampOf(const struct stat& info) {
  FileStamp s;
  s.trusted = true;
  s.mtimeNs = nanoseconds(info.st_mtim);
  s.ctimeNs = nanoseconds(info.st_ctim);
  s.inode = std::uint64_t(info.st_ino);
  s.device = std::uint64_t(info.st_dev);
  return s;
}

// The stamp a load compares with the recorded one (untrusted when the file cannot be stat'ed).
FileStamp currentStamp(const fs::path& path, std::uint64_t& size) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return {};
  size = std::uint64_t(info.st_size);
  return stampOf(info);
}
#else
FileStamp currentStamp(const fs::path&, std::uint64_t&) { return {}; }
#endif

// Streams the file through the hasher in fixed chunks: no allocation the size of the file, and
// a file truncated while it is read (an editor saving in place) just hashes differently. The
// stamp is taken before the first byte is read, so a write during the read leaves a stamp
// that no longer matches (the next load re-hashes).
Result<SourceDigest> digestFile(const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return makeError("{}: cannot open: {}", path.string(), std::strerror(errno));
  FileStamp stamp;
  std::uint64_t statSize = 0;
#if SC_COOK_HAVE_MMAP
  struct stat info {};
  if (::fstat(::fileno(file), &info) == 0 && S_ISREG(info.st_mode)) {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    stamp = stampOf(info);
    stamp.trusted = stamp.mtimeNs < nanoseconds(now) - kStampMarginNs;
    statSize = std::uint64_t(info.st_size);
  }
#endif
  thread_local std::vector<std::uint8_t> chunk(256 * 1024);
  StreamHasher hasher;
  std::uint64_t size = 0;
  for (;;) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file);
    hasher.update(std::span(chunk).first(got));
    size += got;
    if (got < chunk.size() || size > kMaxContentFileBytes) break;
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return makeError("{}: read error", path.string());
  if (size != statSize) stamp = {};  // changed while read: vouch for nothing
  return SourceDigest{size, hasher.finish(), stamp};
}

// The recorded size and hash when the file's status still matches a trusted stamp (nothing is
// read); otherwise the file is hashed again. `rehashed` counts the files that were read.
Result<SourceDigest> digestOrTrust(const fs::path& path, const CookedDependency& recorded,
                                   std::size_t& rehashed) {
  std::uint64_t size = 0;
  const FileStamp now = currentStamp(path, size);
  if (recorded.stamp.trusted && now == recorded.stamp && size == recorded.size) {
    return SourceDigest{recorded.size, recorded.hash, recorded.stamp, true};
  }
  ++rehashed;
  return digestFile(path);
}

// A read-only view of a whole cache file. Mapped (populated in one system call, no copy) where
// POSIX mmap exists, otherwise read into memory. Cache files are only ever replaced by rename,
// never truncated in place, so the mapping cannot shrink under the reader.
class CacheFileView {
 public:
  static Result<CacheFileView> open(const fs::path& path) {
    CacheFileView view;
#if SC_COOK_HAVE_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return makeError("{}: cannot open: {}", path.string(), std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      ::close(fd);
      return makeError("{}: not a regular file", path.string());
    }
    view.size_ = std::size_t(info.st_size);
    if (view.size_ > 0) {
      void* mapped = ::mmap(nullptr, view.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (mapped == MAP_FAILED) {
        ::close(fd);
        return makeError("{}: cannot map: {}", path.string(), std::strerror(errno));
      }
      view.mapped_ = static_cast<const std::uint8_t*>(mapped);
    }
    ::close(fd);
#else
    auto bytes = readFileBytes(path);
    if (!bytes) return bytes.error();
    view.copy_ = std::move(bytes.value());
    view.size_ = view.copy_.size();
#endif
    return view;
  }
  CacheFileView() = default;
  CacheFileView(CacheFileView&& other) noexcept { *this = std::move(other); }
  CacheFileView& operator=(CacheFileView&& other) noexcept {
    std::swap(mapped_, other.mapped_);
    std::swap(size_, other.size_);
    std::swap(copy_, other.copy_);
    std::swap(unmapBegin_, other.unmapBegin_);
    std::swap(unmapBytes_, other.unmapBytes_);
    return *this;
  }
  ~CacheFileView() {
#if SC_COOK_HAVE_MMAP
    if (mapped_ == nullptr) return;
    if (unmapBegin_ == 0) ::munmap(const_cast<std::uint8_t*>(mapped_), size_);
    else if (unmapBytes_ > 0) ::munmap(reinterpret_cast<void*>(unmapBegin_), unmapBytes_);
#endif
  }
  std::span<const std::uint8_t> bytes() const {
    return mapped_ != nullptr ? std::span(mapped_, size_) : std::span<const std::uint8_t>(copy_);
  }
  // Keeps only the pages holding bytes [begin, end) mapped (what a hit's textures point into),
  // so a loaded model does not hold its whole cache file in its resident set; bytes() is then
  // valid only inside that range. The copy fallback keeps everything.
  void keepOnly(std::size_t begin, std::size_t end) {
#if SC_COOK_HAVE_MMAP
    if (mapped_ == nullptr) return;
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto base = std::uintptr_t(mapped_);
    const auto limit = base + ((size_ + page - 1) & ~(page - 1));
    auto first = (base + begin) & ~(page - 1);
    auto last = std::min(limit, (base + end + page - 1) & ~(page - 1));
    if (begin >= end) first = last = base;  // nothing borrowed: unmap everything
    if (first > base) ::munmap(reinterpret_cast<void*>(base), first - base);
    if (limit > last) ::munmap(reinterpret_cast<void*>(last), limit - last);
    unmapBegin_ = first;
    unmapBytes_ = last - first;
#else
    (void)begin;
    (void)end;
#endif
  }

 private:
  const std::uint8_t* mapped_ = nullptr;
  std::size_t size_ = 0;
  std::vector<std::uint8_t> copy_;
  std::uintptr_t unmapBegin_ = 0;  // after keepOnly: the range still mapped
  std::size_t unmapBytes_ = 0;
};

// Resolves and hashes the candidates that exist; sorted and unique so the key is stable.
std::vector<CookedDependency> hashDependencies(const std::vector<std::string>& candidates,
                                               const fs::path& canonical, const ContentRoots& roots,
                                               std::uint64_t& bytesHashed) {
  std::set<std::string> seen;
  std::set<fs::path> files;
  std::vector<CookedDependency> deps;
  const fs::path dir = canonical.parent_path();
  for (const std::string& raw : candidates) {
    for (const std::string& path : {raw, percentDecoded(raw)}) {
      if (path.empty() || !seen.insert(path).second) continue;
      if (!ContentRoots::refusalReason(path).empty()) continue;
      auto resolved = roots.resolve(path, canonical.string(), dir);
      std::error_code ec;
      if (!resolved || !fs::is_regular_file(resolved.value(), ec) || resolved.value() == canonical) continue;
      if (!files.insert(resolved.value()).second) continue;
      auto digest = digestFile(resolved.value());
      if (!digest) continue;
      bytesHashed += digest->size;
      deps.push_back({path, digest->size, digest->hash, digest->stamp});
      break;
    }
  }
  std::sort(deps.begin(), deps.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return deps;
}

// Re-hashes the files a cache file lists (or trusts their stamps); an error means one is gone
// or unreadable (a miss).
Result<std::vector<CookedDependency>> rehashDependencies(const std::vector<CookedDependency>& stored,
                                                         const fs::path& canonical,
                                                         const ContentRoots& roots,
                                                         std::uint64_t& bytes, std::size_t& rehashed) {
  std::vector<CookedDependency> fresh;
  fresh.reserve(stored.size());
  for (const CookedDependency& d : stored) {
    auto resolved = roots.resolve(d.path, canonical.string(), canonical.parent_path());
    if (!resolved) return resolved.error();
    auto digest = digestOrTrust(resolved.value(), d, rehashed);
    if (!digest) return digest.error();
    bytes += digest->size;
    fresh.push_back({d.path, digest->size, digest->hash, digest->stamp});
  }
  return fresh;
}

std::string safeStem(const fs::path& file) {
  std::string stem = file.stem().string();
  for (char& c : stem) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return stem.substr(0, 48);
}

void discard(const fs::path& cacheFile, const CookOptions& cook) {
  if (!cook.allowWrite) return;
  std::error_code ec;
  fs::remove(cacheFile, ec);
}

void writeCache(const fs::path& cacheFile, const Model& model, std::uint64_t key,
                const SourceDigest& source, const std::vector<CookedDependency>& deps,
                const CookOptions& cook, const std::string& label, CookStats& stats) {
  const auto start = Clock::now();
  std::uint32_t flags = cook.mesh.enabled ? kCookedFlagOptimized : 0;
  if (cook.mesh.enabled && cook.mesh.maxLods > 0) flags |= kCookedFlagLods;
  const std::vector<std::uint8_t> bytes =
      encodeCookedFile(model, key, source.size, deps, flags, {"", source.size, source.hash, source.stamp});
  std::lock_guard lock(gWriteMutex);
  std::error_code ec;
  fs::create_directories(cacheFile.parent_path(), ec);
  Status written = ec ? Status(makeError("cannot create '{}': {}", cacheFile.parent_path().string(), ec.message()))
                      : writeFileAtomic(cacheFile, bytes);
  if (written) {
    stats.wrote = true;
    stats.cacheBytes = bytes.size();
  } else {
    spdlog::warn("{}: the cooked cache was not written ({}); the model is loaded anyway, but the "
                 "next start imports it again. Check that the cache folder is writable and has "
                 "space", label, written.error().message);
  }
  stats.writeSeconds = secondsSince(start);
}

}  // namespace

fs::path defaultCookedCacheDir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0' && fs::path(xdg).is_absolute()) return fs::path(xdg) / "shancheng" / "cooked";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return fs::path(home) / ".cache" / "shancheng" / "cooked";
  std::error_code ec;
  return fs::temp_directory_path(ec) / "shancheng" / "cooked";
}

fs::path cookedCacheFile(const fs::path& file, const ImportOptions& import, const CookOptions& cook) {
  HashBuilder h;
  h.add(file.generic_string());
  addSettings(h, import, cook);
  const fs::path dir = cook.cacheDir.empty() ? defaultCookedCacheDir() : cook.cacheDir;
  return dir / (safeStem(file) + "-" + hashHex(h.finish()) + ".sccooked");
}

std::uint64_t cookImporterCalls() { return gImporterCalls.load(); }

Result<Model> loadOrCook(const fs::path& file, const ContentRoots& roots, const ImportOptions& import,
                         const CookOptions& cook, CookStats* statsOut) {
  const auto start = Clock::now();
  CookStats local;
  CookStats& stats = statsOut != nullptr ? *statsOut : local;
  stats = CookStats{};
  const std::string label = file.string();
  std::error_code ec;
  const fs::path canonical = fs::canonical(file, ec);
  // Only a model inside the roots is hashed; anything else goes to the importer for its error.
  const bool cacheable = !ec && fs::is_regular_file(canonical, ec) && roots.contains(canonical);
  std::optional<SourceDigest> source;
  if (cacheable) {
    stats.cacheFile = cookedCacheFile(canonical, import, cook);
    const auto readStart = Clock::now();
    auto cached = fs::exists(stats.cacheFile, ec) ? CacheFileView::open(stats.cacheFile)
                                                 : Result<CacheFileView>(Error{"no cache file"});
    stats.readSeconds = secondsSince(readStart);
    if (cached) {
      // The decoded textures point into the mapping and keep it alive (model.hpp PixelBytes).
      auto view = std::make_shared<CacheFileView>(std::move(cached.value()));
      const auto decodeStart = Clock::now();
      auto decoded = decodeCookedFile(view->bytes(), stats.cacheFile.string(), CookedChecksum::Verify, view);
      stats.decodeSeconds = secondsSince(decodeStart);
      if (!decoded) {
        spdlog::warn("{}: ignoring a damaged cooked cache file: {}; re-cooking", label, decoded.error().message);
        discard(stats.cacheFile, cook);
        stats.missReason = "damaged: " + decoded.error().message;
      } else {
        const auto hashStart = Clock::now();
        auto digest = digestOrTrust(canonical, decoded->source, stats.rehashedFiles);
        if (digest) {
          source = digest.value();
          stats.sourceBytes = source->size;
        }
        auto fresh = digest ? rehashDependencies(decoded->dependencies, canonical, roots, stats.sourceBytes,
                                                 stats.rehashedFiles)
                            : Result<std::vector<CookedDependency>>(digest.error());
        stats.hashSeconds += secondsSince(hashStart);
        if (!digest) {
          stats.missReason = "the model file cannot be read: " + digest.error().message;
        } else if (!fresh) {
          stats.missReason = "a referenced file is gone: " + fresh.error().message;
        } else if (cacheKey(import, cook, source->size, source->hash, fresh.value()) != decoded->header.key) {
          stats.missReason = "stale: the source, a referenced file or a setting changed";
        } else {
          stats.hit = true;
          stats.cacheBytes = view->bytes().size();
          view->keepOnly(decoded->borrowedBegin, decoded->borrowedEnd);
          stats.dependencies = fresh->size();
          Model model = std::move(decoded->model);
          model.sourcePath = label;
          stats.totalSeconds = secondsSince(start);
          return model;
        }
      }
    } else {
      stats.missReason = "no cache file";
    }
    if (!source || source->fromStamp) {
      // Hashed again before the import in any case (a trusted stamp vouched only for the
      // recorded bytes), so that a file edited during the import is seen as stale next time.
      const auto hashStart = Clock::now();
      ++stats.rehashedFiles;
      auto digest = digestFile(canonical);
      source = digest ? std::optional<SourceDigest>(digest.value()) : std::nullopt;
      stats.sourceBytes = source ? source->size : 0;
      stats.hashSeconds += secondsSince(hashStart);
    }
  }
  if (!source) {
    stats.missReason = "the model file cannot be read or lies outside the content roots";
  } else {
    stats.sourceBytes = source->size;
  }

  const auto importStart = Clock::now();
  gImporterCalls.fetch_add(1);
  auto imported = importModel(file, roots, import);
  stats.importSeconds = secondsSince(importStart);
  if (!imported) return imported.error();
  const auto optimizeStart = Clock::now();
  stats.mesh = optimizeModel(imported.value(), cook.mesh);
  stats.optimizeSeconds = secondsSince(optimizeStart);
  // The model file is read again for its references: a file edited since it was hashed gets
  // the old key with its new references, which the next load sees as stale (safe direction).
  auto sourceBytes = source ? readFileBytes(canonical, kMaxContentFileBytes)
                            : Result<std::vector<std::uint8_t>>(Error{"not cacheable"});
  if (sourceBytes) {
    const auto hashStart = Clock::now();
    const auto deps = hashDependencies(referencedPaths(canonical, sourceBytes.value(), imported.value()),
                                       canonical, roots, stats.sourceBytes);
    stats.hashSeconds += secondsSince(hashStart);
    stats.dependencies = deps.size();
    if (cook.allowWrite) {
      const std::uint64_t key = cacheKey(import, cook, source->size, source->hash, deps);
      writeCache(stats.cacheFile, imported.value(), key, *source, deps, cook, label, stats);
    }
  }
  stats.totalSeconds = secondsSince(start);
  return imported;
}

}  // namespace sc::assets
