#pragma once
// The cooked-model cache: the first load of a model imports it through Assimp (importer.hpp),
// optimises its meshes (mesh_optimize.hpp) and writes the result to a binary cache file
// (cooked_format.hpp); later loads read that file instead and never call Assimp.
//
// Cache key (stored in the file's header, compared on every load). A cache file is used only
// when ALL of these equal what they were at cook time:
//   - the bytes of the model file itself;
//   - the bytes of every file it referenced, each by the content path it was found under,
//     resolved again through the caller's ContentRoots: glTF buffers[].uri and images[].uri
//     (.gltf text or the .glb JSON chunk; data: URIs are part of the file already), OBJ
//     `mtllib` libraries, and every external texture the import decoded (any format: the
//     texture names the importer records). A referenced file that has disappeared or no longer
//     resolves is a miss (the re-import then reports it);
//   - ImportOptions (maxTextureSize, downscaleAbove, generateMips) and every MeshOptimizeOptions
//     field;
//   - kCookedFormatVersion (bumped when the format or the importer's output changes) and the
//     Assimp version.
// Not tracked (edit the model file or delete the cache to force a re-cook): files Assimp opens
// on its own for other formats (Collada/.zae parts, MD5 .md5anim companions, ...).
//
// Re-hash fast path (POSIX): the cache file also records each file's status when it was hashed
// (size, mtime and ctime in ns, inode, device). A load re-reads and re-hashes only the files
// whose status differs; a file whose status is unchanged is taken to hold the bytes it was
// hashed from. Any ordinary write changes mtime and ctime, a replace (editor, git, rsync, tar)
// the inode too, and setting the times back (touch -d, cp -p) changes ctime. Files whose mtime
// was less than 3 s old when they were hashed get no stamp and are re-hashed on every load
// (timestamps are coarse, 1-10 ms on Linux, 2 s on FAT: a same-size write right after the hash
// could keep the stamp). Accepted limit: a content change that leaves size, inode, device and
// both times identical to the nanosecond is not noticed (a write to the raw block device, or a
// same-size write whose mtime and ctime land exactly on the recorded ones, e.g. after the
// clock was set back); delete the cache folder to force a re-cook.
//
// The cache file lives at <cacheDir>/<stem>-<hash of canonical path and options>.sccooked, so
// each (model, options) pair has one file and a changed source overwrites its own file.
// Robustness: a truncated, corrupted (size, header and payload checksums) or inconsistent file
// is logged, deleted (when writing is allowed) and re-cooked, never trusted. On a hit the
// textures' pixels stay in the mapped cache file (model.hpp PixelBytes), which stays mapped as
// long as any copy of those textures lives: cache files are replaced by rename, never rewritten
// in place, so this is safe; truncating a cache file in place (not something shancheng does)
// while a model loaded from it lives would make reading its pixels fault (SIGBUS): delete
// cache files, do not truncate them. Writes are atomic
// (write to a temporary file, then rename). A cache folder that cannot be created or written
// (read-only, full disk) gives a warning and the model is still returned: the cache never makes
// a load fail.
#include <cstdint>
#include <filesystem>
#include <string>

#include "assets/importer.hpp"
#include "assets/mesh_optimize.hpp"
#include "assets/model.hpp"
#include "core/content_roots.hpp"
#include "core/result.hpp"

namespace sc::assets {

struct CookOptions {
  std::filesystem::path cacheDir;  // empty: defaultCookedCacheDir()
  bool allowWrite = true;          // false: read the cache only (a miss imports, writes nothing)
  MeshOptimizeOptions mesh;        // cook-time mesh passes (part of the cache key)
};

struct CookStats {
  bool hit = false;           // the model came from the cache file
  bool wrote = false;         // a cache file was written on this call
  std::string missReason;     // why the cache was not used (empty on a hit)
  std::filesystem::path cacheFile;
  std::uint64_t cacheBytes = 0;   // size of the cache file read or written
  std::uint64_t sourceBytes = 0;  // bytes of the model file and its dependencies (the key's files)
  std::size_t dependencies = 0;   // referenced files in the key
  std::size_t rehashedFiles = 0;  // files read and hashed (the others matched their stamps)
  double hashSeconds = 0.0;       // checking stamps, reading and hashing the source files
  double readSeconds = 0.0;       // reading the cache file
  double decodeSeconds = 0.0;     // checksum + decode + consistency check
  double importSeconds = 0.0;     // Assimp import (miss only)
  double optimizeSeconds = 0.0;   // meshoptimizer passes (miss only)
  double writeSeconds = 0.0;      // encode + atomic write (miss only)
  double totalSeconds = 0.0;
  MeshOptimizeStats mesh;         // miss only
};

// ${XDG_CACHE_HOME:-$HOME/.cache}/shancheng/cooked (a relative XDG_CACHE_HOME is ignored, as
// the XDG spec asks); the system temporary folder's shancheng/cooked when neither is set.
std::filesystem::path defaultCookedCacheDir();

// The cache file that loadOrCook uses for this model and these options. `file` should be the
// canonical path of the model.
std::filesystem::path cookedCacheFile(const std::filesystem::path& file, const ImportOptions& import,
                                      const CookOptions& cook);

// Loads `file` from its cache file when the key matches; otherwise imports it (importModel,
// same contract and errors), applies the mesh passes and writes the cache file. Errors come
// only from the import itself; cache problems are logged as warnings and recorded in `stats`
// (which may be null). Safe to call from several threads at once, also for the same model.
Result<Model> loadOrCook(const std::filesystem::path& file, const ContentRoots& roots,
                         const ImportOptions& import = {}, const CookOptions& cook = {},
                         CookStats* stats = nullptr);

// Test hook: how many times loadOrCook has called importModel in this process. A cache hit
// leaves it unchanged.
std::uint64_t cookImporterCalls();

}  // namespace sc::assets
