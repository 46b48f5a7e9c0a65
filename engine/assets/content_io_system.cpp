#include "assets/content_io_system.hpp"

#include <algorithm>
#include <cstring>

#include <assimp/IOStream.hpp>

#include "core/file_io.hpp"

namespace sc::assets {

namespace fs = std::filesystem;

namespace {

// Serves one file from memory; Assimp only reads model inputs, never writes.
class MemoryStream final : public Assimp::IOStream {
 public:
  explicit MemoryStream(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}

  size_t Read(void* buffer, size_t size, size_t count) override {
    if (size == 0 || count == 0) return 0;
    size_t available = bytes_.size() - position_;
    size_t items = std::min(count, available / size);  // whole items only, no overflow
    if (items > 0) {
      std::memcpy(buffer, bytes_.data() + position_, items * size);
      position_ += items * size;
    }
    return items;
  }
  size_t Write(const void*, size_t, size_t) override { return 0; }
  aiReturn Seek(size_t offset, aiOrigin origin) override {
    size_t base = 0;
    switch (origin) {
      case aiOrigin_SET: base = 0; break;
      case aiOrigin_CUR: base = position_; break;
      case aiOrigin_END: base = bytes_.size(); break;
      default: return aiReturn_FAILURE;
    }
    // Assimp passes negative offsets from END/CUR as wrapped size_t; check without overflow.
    size_t target = base + offset;
    if (target > bytes_.size()) return aiReturn_FAILURE;
    position_ = target;
    return aiReturn_SUCCESS;
  }
  size_t Tell() const override { return position_; }
  size_t FileSize() const override { return bytes_.size(); }
  void Flush() override {}

 private:
  std::vector<std::uint8_t> bytes_;
  size_t position_ = 0;
};

}  // namespace

ContentIoSystem::ContentIoSystem(const ContentRoots& roots, fs::path modelFile)
    : roots_(roots), modelFile_(std::move(modelFile)) {
  modelDir_ = modelFile_.parent_path();
  modelPath_ = modelFile_.generic_string();
  modelDirPrefix_ = modelDir_.generic_string();
  if (modelDirPrefix_.empty() || modelDirPrefix_.back() != '/') modelDirPrefix_ += '/';
}

std::string ContentIoSystem::toContentPath(std::string_view requested) const {
  std::string path(requested);
  std::replace(path.begin(), path.end(), '\\', '/');
  if (path == modelPath_) return modelFile_.filename().generic_string();
  // Importers build sibling paths as "<model folder>/<uri>"; what follows the folder is the
  // content path exactly as the file wrote it (so "<folder>//etc/passwd" stays absolute and
  // "<folder>/../x" keeps its '..', and both are refused by the resolver).
  if (path.rfind(modelDirPrefix_, 0) == 0) return path.substr(modelDirPrefix_.size());
  // Anything else that is absolute is outside the model folder: keep it absolute to refuse it.
  return path;
}

Result<fs::path> ContentIoSystem::resolve(std::string_view contentPath,
                                          std::string_view referrer) const {
  return roots_.resolve(contentPath, referrer, modelDir_);
}

Result<std::vector<std::uint8_t>> ContentIoSystem::readContent(std::string_view contentPath,
                                                               std::string_view referrer) const {
  auto path = resolve(contentPath, referrer);
  if (!path) return path.error();
  auto bytes = readFileBytes(path.value(), kMaxContentFileBytes);
  // The reader's message names only the resolved path ("<dir>: is a folder"); a creator needs
  // to know which model line asked for it (found by model_import_fuzz: "mtllib .").
  if (!bytes) return makeError("{}: '{}': {}", referrer, contentPath, bytes.error().message);
  return bytes;
}

bool ContentIoSystem::Exists(const char* file) const {
  if (file == nullptr) return false;
  auto path = resolve(toContentPath(file), modelFile_.filename().string());
  return path.ok();
}

Assimp::IOStream* ContentIoSystem::Open(const char* file, const char* mode) {
  if (file == nullptr) return nullptr;
  if (mode != nullptr && (std::strchr(mode, 'w') || std::strchr(mode, 'a') || std::strchr(mode, '+'))) {
    failures_.push_back(fmt::format("refused to open '{}' for writing", file));
    return nullptr;
  }
  auto bytes = readContent(toContentPath(file), modelFile_.filename().string());
  if (!bytes) {
    failures_.push_back(bytes.error().message);
    return nullptr;
  }
  return new MemoryStream(std::move(bytes.value()));
}

void ContentIoSystem::Close(Assimp::IOStream* stream) { delete stream; }

bool ContentIoSystem::ComparePaths(const char* one, const char* second) const {
  if (one == nullptr || second == nullptr) return false;
  return toContentPath(one) == toContentPath(second);
}

}  // namespace sc::assets
