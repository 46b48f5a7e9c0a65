#pragma once
// Shared helpers for the scene tests: a small valid scene as text, and lookups into it.
#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "scene/scene_parser.hpp"

namespace sc::scene::test {

inline const std::filesystem::path kExampleScene =
    std::filesystem::path(SC_SOURCE_DIR) / "scenes/example/example.scene.json";

// A small valid scene; each test edits one thing in it. Keep every marker string unique.
inline constexpr std::string_view kMinimalScene = R"({
  "formatVersion": 1,
  "title": {"zh-CN": "测试", "en": "Test"},
  "models": [{"id": "m", "path": "triangle.gltf"}],
  "lights": [{"type": "point", "position": [0, 3, 0], "color": [1, 1, 1]}],
  "pois": [
    {
      "id": "a",
      "name": {"zh-CN": "甲", "en": "A"},
      "narration": {"zh-CN": "甲的介绍。", "en": "About A."},
      "anchor": [0, 0, 0],
      "viewpoints": {
        "desktop": {"eye": [0, 1, 5], "target": [0, 1, 0]},
        "xr": {"position": [0, 0, 2], "yawDeg": 0}
      }
    },
    {
      "id": "b",
      "name": {"zh-CN": "乙", "en": "B"},
      "narration": {"zh-CN": {"short": "乙。", "long": "乙的长介绍。"}, "en": {"short": "B.", "long": "Long B."}},
      "anchor": [4, 0, 0],
      "viewpoints": {
        "desktop": {"eye": [4, 1, 5], "target": [4, 1, 0]},
        "xr": {"position": [4, 0, 2]}
      }
    }
  ],
  "tours": [{"id": "t", "title": {"zh-CN": "游", "en": "Tour"}, "stops": [{"poi": "a"}, {"poi": "b"}]}],
  "spawn": {
    "desktop": {"eye": [0, 1.6, 5], "target": [0, 1, 0]},
    "xr": {"position": [0, 0, 3]}
  },
  "kiosk": {"attractTour": "t"}
}
)";

// Replaces the one occurrence of `from` (the test fails when it is not exactly once).
inline std::string edit(std::string_view text, std::string_view from, std::string_view to) {
  std::string s(text);
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << "marker not found: " << from;
  if (pos == std::string::npos) return s;
  EXPECT_EQ(s.find(from, pos + 1), std::string::npos) << "marker not unique: " << from;
  s.replace(pos, from.size(), to);
  return s;
}

// 1-based line of the first occurrence of `needle`.
inline int lineOf(std::string_view text, std::string_view needle) {
  auto pos = text.find(needle);
  EXPECT_NE(pos, std::string_view::npos) << "needle not found: " << needle;
  if (pos == std::string_view::npos) return -1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

struct Parsed {
  bool ok = false;
  ValidationReport report;
  SceneDocument doc;
};

inline Parsed parse(std::string_view text, const std::string& file = "test.scene.json") {
  Parsed out;
  auto result = parseScene(text, file, out.report);
  out.ok = result.ok();
  if (result.ok()) out.doc = std::move(result.value());
  return out;
}

inline std::vector<Diagnostic> only(const ValidationReport& report, Severity severity) {
  std::vector<Diagnostic> out;
  for (const auto& d : report.diagnostics()) {
    if (d.severity == severity) out.push_back(d);
  }
  return out;
}

inline std::string readText(const std::filesystem::path& path) {
  auto text = readFileText(path);
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
  return text.ok() ? text.value() : std::string();
}

}  // namespace sc::scene::test
