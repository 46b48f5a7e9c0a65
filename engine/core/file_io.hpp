#pragma once
// Whole-file reads and atomic writes. Paths here are trusted (chosen by the user or the program);
// paths that come from content go through ContentRoots first.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sc {

// Reads the whole file; refuses files larger than maxBytes (default 2 GiB) with a clear error.
Result<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path,
                                                std::uint64_t maxBytes = 2ull << 30);
Result<std::string> readFileText(const std::filesystem::path& path,
                                 std::uint64_t maxBytes = 256ull << 20);

// Writes to a temporary file beside the target, flushes it, then renames it over the target,
// so a crash or a full disk never leaves a half-written file. When keepBackup is set and the
// target exists, the previous version is kept as <target>.bak.
Status writeFileAtomic(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                       bool keepBackup = false);

}  // namespace sc
