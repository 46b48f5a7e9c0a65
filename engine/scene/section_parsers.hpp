#pragma once
// Internal to sc_scene: one function per part of the scene file. Each reads its part from the
// root object into the document and reports problems into the context; none throws.
#include <optional>

#include "scene/json_reader.hpp"
#include "scene/scene_document.hpp"
#include "scene/scene_limits.hpp"

namespace sc::scene::detail {

// scene_parser_world.cpp
void parseContentRoots(ObjectReader& root, SceneDocument& doc);
void parseModels(ObjectReader& root, SceneDocument& doc);
void parseEnvironment(ObjectReader& root, SceneDocument& doc);
void parseLights(ObjectReader& root, SceneDocument& doc);

// scene_parser_visit.cpp
void parsePois(ObjectReader& root, SceneDocument& doc);
void parseTours(ObjectReader& root, SceneDocument& doc);
void parseGuide(ObjectReader& root, SceneDocument& doc);
void parseSpawn(ObjectReader& root, SceneDocument& doc);
void parseKiosk(ObjectReader& root, SceneDocument& doc);

// Cross-references that need the whole document: duplicate ids, tours naming unknown POIs,
// the kiosk's attract tour.
void checkReferences(ParseContext& ctx, const SceneDocument& doc);

// Shared pieces.
std::optional<DesktopViewpoint> readDesktopViewpoint(ParseContext& ctx, const Json& value,
                                                     const std::string& pointer);
std::optional<XrViewpoint> readXrViewpoint(ParseContext& ctx, const Json& value,
                                           const std::string& pointer);

inline constexpr Range kPositionRange{-kMaxCoordinate, kMaxCoordinate, "metres"};

}  // namespace sc::scene::detail
