#pragma once
// The cooked-model file format: a Model (assets/model.hpp) and the list of source files it was
// made from, in one little-endian binary file that loads with a few memcpy calls.
//
// Layout (all integers little-endian, floats IEEE-754 binary32, no alignment padding):
//
//   header, 64 bytes
//     0  u8[8] magic "SHCOOKED"
//     8  u32   format version (kCookedFormatVersion; other versions are refused, not converted)
//    12  u32   header size (64)
//    16  u64   cache key (cooked_cache.hpp: source bytes, referenced files, options, versions)
//    24  u64   payload size in bytes; the file is exactly 64 + payload size bytes long
//    32  u64   payload checksum: hash64(payload) (content_hash.hpp)
//    40  u64   size of the source file when it was cooked
//    48  u32   flags (kCookedFlag*)
//    52  u32   reserved, 0
//    56  u64   header checksum: hash64(bytes 0..55)
//   payload
//     dependencies: u32 n, n x { string contentPath, u64 size, u64 hash64 of the bytes, stamp }
//     source:       u64 size, u64 hash64 of the model file's bytes, stamp
//       stamp = u8 trusted (0/1), i64 mtime ns, i64 ctime ns, u64 inode, u64 device: the file's
//       status when it was hashed (cooked_cache.hpp: a load skips re-hashing a file whose
//       status still matches a trusted stamp); all zero when untrusted
//     model:        string sourcePath, then meshes, materials, textures, nodes, rootNodes,
//                   lights, cameras, skins, animations, each as u32 count + records
//                   (cooked_format.cpp writes them in one function, encodeModel, in this order).
//   string = u32 byte count + UTF-8 bytes; arrays = u32 count + packed records. Vertex records
//   are the 64-byte assets::Vertex (position, normal, tangent, uv0, uv1: floats; colour,
//   padding: u32), skin records 24 bytes (4 x u16 joints, 4 x f32 weights), matrices 16 floats
//   column-major, quaternions x,y,z,w. Booleans and enums are one byte and must be in range.
//
// Reading trusts nothing: the header checksum, size and payload checksum are checked first;
// every count is checked against the bytes that remain (overflow-safe) before anything is
// allocated; strings are capped at kMaxCookedString; and the decoded model is checked for
// internal consistency (checkModelConsistency) before it is returned, since a checksum only
// proves the file is as written, not that its writer was honest.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace sc::assets {

// Bump whenever the layout OR what the importer/cook step produces changes: every existing
// cache file then becomes a miss and is re-cooked.
// Version 2: file stamps (dependencies and source), for the re-hash fast path.
inline constexpr std::uint32_t kCookedFormatVersion = 2;
inline constexpr std::size_t kCookedHeaderBytes = 64;
inline constexpr char kCookedMagic[8] = {'S', 'H', 'C', 'O', 'O', 'K', 'E', 'D'};
inline constexpr std::uint32_t kMaxCookedString = 1u << 20;   // bytes per string
inline constexpr std::uint32_t kMaxCookedTextureSide = 1u << 16;
inline constexpr std::uint32_t kCookedFlagOptimized = 1u << 0;  // meshoptimizer passes ran
inline constexpr std::uint32_t kCookedFlagLods = 1u << 1;       // LOD generation was enabled

// A file's status (stat) when it was hashed. `trusted` is false when the file was too young
// to vouch for its content (cooked_cache.cpp explains the rule); an untrusted stamp never matches.
struct FileStamp {
  bool trusted = false;
  std::int64_t mtimeNs = 0;
  std::int64_t ctimeNs = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;

  bool operator==(const FileStamp&) const = default;
};

// A file the model was built from, as a content path relative to the model's folder (empty for
// the model file itself).
struct CookedDependency {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t hash = 0;
  FileStamp stamp;
};

struct CookedHeader {
  std::uint32_t version = kCookedFormatVersion;
  std::uint64_t key = 0;
  std::uint64_t payloadBytes = 0;
  std::uint64_t payloadHash = 0;
  std::uint64_t sourceBytes = 0;
  std::uint32_t flags = 0;
};

struct CookedFile {
  CookedHeader header;
  std::vector<CookedDependency> dependencies;
  CookedDependency source;  // the model file (path empty)
  Model model;
  // With an owner: the byte range of `bytes` that the textures point into (empty without one
  // or without textures); the rest of the buffer is no longer needed after decoding.
  std::size_t borrowedBegin = 0;
  std::size_t borrowedEnd = 0;
};

// Serialises a whole cache file (header included, sealed: sizes and checksums filled in).
// `source` is the model file's size, hash and stamp (its path is not stored).
std::vector<std::uint8_t> encodeCookedFile(const Model& model, std::uint64_t key,
                                           std::uint64_t sourceBytes,
                                           std::span<const CookedDependency> dependencies,
                                           std::uint32_t flags, const CookedDependency& source = {});

// Reads and checks only the header (magic, version, header checksum, file size). `label`
// names the file in messages.
Result<CookedHeader> readCookedHeader(std::span<const std::uint8_t> bytes,
                                      const std::string& label);

enum class CookedChecksum { Verify, Skip };

// Decodes a whole cache file. `Skip` leaves out the payload checksum only (for the fuzzer,
// so that it reaches the payload decoder); everything else is always checked.
// `owner`: when set, `bytes` stay valid and unchanged as long as it lives (a mapped file), and
// the textures' mip levels point into `bytes` (PixelBytes::borrowed, holding `owner`) instead
// of being copied; without it every byte is copied. Vertices and indices are always copied.
Result<CookedFile> decodeCookedFile(std::span<const std::uint8_t> bytes, const std::string& label,
                                    CookedChecksum checksum = CookedChecksum::Verify,
                                    std::shared_ptr<const void> owner = nullptr);

// Rewrites the header's payload size, payload checksum and header checksum to match the bytes
// that follow it (files shorter than a header are left alone). For tests and the fuzzer, which
// craft hostile payloads that must get past the checksums.
void sealCookedFile(std::vector<std::uint8_t>& bytes);

// Checks every index a Model holds (vertex indices and LODs, materials, textures, nodes and
// their parent/child links, skins, animation targets), per-vertex array sizes, mip sizes and
// that node transforms are finite (vertex values are not scanned: cost, and no memory hazard). Errors name `label` and the element.
Status checkModelConsistency(const Model& model, const std::string& label);

}  // namespace sc::assets
