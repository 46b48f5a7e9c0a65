#pragma once
// Limits on what a scene file may hold. A file beyond them is refused with a diagnostic before
// anything is allocated for it; docs/SCENES.md lists the same numbers for creators.
#include <cstddef>
#include <cstdint>

namespace sc::scene {

inline constexpr std::uint64_t kMaxSceneFileBytes = 16ull << 20;  // 16 MiB
inline constexpr std::size_t kMaxNestingDepth = 64;  // a valid scene needs 6

inline constexpr std::size_t kMaxModels = 10000;
inline constexpr std::size_t kMaxLodLevels = 8;
inline constexpr std::size_t kMaxLights = 4096;
inline constexpr std::size_t kMaxPois = 10000;
inline constexpr std::size_t kMaxTours = 256;
inline constexpr std::size_t kMaxStopsPerTour = 1000;
inline constexpr std::size_t kMaxWaypointsPerStop = 1000;
inline constexpr std::size_t kMaxContentRoots = 16;
inline constexpr std::size_t kMaxBoneMapEntries = 512;
inline constexpr std::size_t kMaxLexiconEntries = 10000;

inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxPathBytes = 1024;
inline constexpr std::size_t kMaxNameBytes = 1024;        // names and titles
inline constexpr std::size_t kMaxNarrationBytes = 65536;  // one narration text, one language

inline constexpr double kMaxCoordinate = 1.0e6;  // metres from the scene origin
inline constexpr double kMinScale = 1.0e-6;
inline constexpr double kMaxScale = 1.0e6;

}  // namespace sc::scene
