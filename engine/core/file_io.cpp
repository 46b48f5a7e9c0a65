#include "core/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include <unistd.h>

namespace sc {

namespace fs = std::filesystem;

Result<std::vector<std::uint8_t>> readFileBytes(const fs::path& path, std::uint64_t maxBytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return makeError("{}: file not found; check the path and the working directory",
                     path.string());
  }
  if (fs::is_directory(path, ec)) {
    return makeError("{}: is a folder, not a file; name a file inside it", path.string());
  }
  std::uint64_t size = fs::file_size(path, ec);
  if (ec) return makeError("{}: cannot read its size: {}", path.string(), ec.message());
  if (size > maxBytes) {
    return makeError("{}: {} bytes is more than the limit of {} bytes for this kind of file",
                     path.string(), size, maxBytes);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError("{}: cannot open: {}", path.string(), std::strerror(errno));
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) {
    return makeError("{}: read {} of {} bytes; was the file changed while reading?",
                     path.string(), in.gcount(), size);
  }
  return bytes;
}

Result<std::string> readFileText(const fs::path& path, std::uint64_t maxBytes) {
  auto bytes = readFileBytes(path, maxBytes);
  if (!bytes) return bytes.error();
  return std::string(bytes->begin(), bytes->end());
}

Status writeFileAtomic(const fs::path& path, std::span<const std::uint8_t> bytes, bool keepBackup) {
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  std::FILE* file = std::fopen(tmp.c_str(), "wb");
  if (!file) {
    return makeError("{}: cannot create a temporary file to write: {}; check that the folder "
                     "exists and is writable", tmp.string(), std::strerror(errno));
  }
  bool written = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  written = (std::fflush(file) == 0) && written;
  written = (::fsync(::fileno(file)) == 0) && written;
  int saved = errno;
  std::fclose(file);
  if (!written) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return makeError("{}: writing failed ({}); the original file was left untouched",
                     path.string(), std::strerror(saved));
  }
  std::error_code ec;
  if (keepBackup && fs::exists(path, ec)) {
    fs::path backup = path;
    backup += ".bak";
    // Copied beside the backup first and renamed over it: a copy that fails midway (disk full)
    // must not replace an older, complete backup with a partial one.
    fs::path backupTmp = backup;
    backupTmp += ".tmp." + std::to_string(::getpid());
    fs::copy_file(path, backupTmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(backupTmp, backup, ec);
    if (ec) {
      std::error_code ignore;
      fs::remove(backupTmp, ignore);
      fs::remove(tmp, ignore);
      return makeError("{}: cannot keep a backup as {}: {}; nothing was changed", path.string(),
                       backup.string(), ec.message());
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return makeError("{}: cannot replace the file: {}; the original was left untouched",
                     path.string(), ec.message());
  }
  return okStatus();
}

}  // namespace sc
