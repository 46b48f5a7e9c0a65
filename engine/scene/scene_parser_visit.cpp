// The visit part of a scene file: points of interest, tours, the guide, spawn points, kiosk.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <fmt/format.h>

#include "scene/section_parsers.hpp"
#include "scene/guide_vocabulary.hpp"

namespace sc::scene::detail {

namespace {

const char* languageNoun(std::string_view key) {
  return key == "en" ? "English" : "Chinese (zh-CN)";
}

// {"zh-CN": {"short": .., "long": ..} | "short text", "en": ...}. Both languages are required;
// a long narration written for one language must be written for the other as well.
std::optional<Narration> readNarration(ParseContext& ctx, const Json& value,
                                       const std::string& pointer) {
  ObjectReader obj(ctx, value, pointer);
  if (!obj.isObject()) return std::nullopt;
  Narration out;
  bool ok = true;
  bool hasLong[2] = {false, false};
  std::string longPointer[2];
  const std::string_view keys[2] = {"zh-CN", "en"};
  for (int lang = 0; lang < 2; ++lang) {
    std::string_view key = keys[lang];
    std::string& shortText = lang == 0 ? out.shortText.zh : out.shortText.en;
    std::string& longText = lang == 0 ? out.longText.zh : out.longText.en;
    std::string ptr = obj.pointerTo(key);
    longPointer[lang] = ptr;
    const Json* member = obj.get(key);
    if (!member) {
      ctx.error(ptr, fmt::format("missing {} narration", languageNoun(key)),
                fmt::format("add \"{}\": \"...\"", key));
      ok = false;
      continue;
    }
    if (member->is_string()) {  // shorthand: the short narration alone
      auto s = readString(ctx, *member, ptr, kMaxNarrationBytes);
      if (s) shortText = std::move(*s); else ok = false;
      continue;
    }
    ObjectReader texts(ctx, *member, ptr);
    if (!texts.isObject()) {
      ok = false;
      continue;
    }
    ok = texts.string("short", kMaxNarrationBytes, shortText, true) && ok;
    if (texts.get("long")) {
      hasLong[lang] = texts.string("long", kMaxNarrationBytes, longText);
      ok = hasLong[lang] && ok;
      longPointer[lang] = texts.pointerTo("long");
    }
    texts.reportUnknownKeys();
  }
  obj.reportUnknownKeys();
  if (ok && hasLong[0] != hasLong[1]) {
    int missing = hasLong[0] ? 1 : 0;
    std::string_view key = keys[missing];
    ctx.error(longPointer[missing] + (longPointer[missing].ends_with("/long") ? "" : "/long"),
              fmt::format("missing {} long narration (the {} narration has one)",
                          languageNoun(key), keys[1 - missing]),
              fmt::format("add \"long\": \"...\" under \"{}\", or remove the other one", key));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

template <typename T>
void checkUniqueIds(ParseContext& ctx, const std::vector<T>& items, std::string_view arrayName,
                    std::string_view noun) {
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty()) continue;
    auto [it, inserted] = seen.emplace(items[i].id, i);
    if (!inserted) {
      ctx.error(fmt::format("/{}/{}/id", arrayName, i),
                fmt::format("duplicate {} id '{}' (already used by /{}/{})", noun, items[i].id,
                            arrayName, it->second),
                "give every entry its own id");
    }
  }
}

template <typename T>
std::string suggestId(const std::vector<T>& items, std::string_view wrong) {
  std::string best;
  std::size_t bestDistance = 4;
  for (const auto& item : items) {
    std::size_t d = editDistance(wrong, item.id);
    if (!item.id.empty() && d < bestDistance) {
      bestDistance = d;
      best = item.id;
    }
  }
  if (!best.empty()) return fmt::format("did you mean '{}'?", best);
  std::vector<std::string_view> ids;
  for (const auto& item : items) {
    if (ids.size() == 8) break;
    if (!item.id.empty()) ids.push_back(item.id);
  }
  if (ids.empty()) return "the scene defines none yet";
  return fmt::format("known ids: {}{}", fmt::join(ids, ", "), items.size() > 8 ? ", ..." : "");
}

}  // namespace

std::optional<DesktopViewpoint> readDesktopViewpoint(ParseContext& ctx, const Json& value,
                                                     const std::string& pointer) {
  ObjectReader obj(ctx, value, pointer);
  if (!obj.isObject()) return std::nullopt;
  DesktopViewpoint out;
  bool ok = obj.vec3("eye", kPositionRange, out.eye, true);
  ok = obj.vec3("target", kPositionRange, out.target, true) && ok;
  obj.reportUnknownKeys();
  if (ok && glm::length(out.eye - out.target) < 1.0e-3f) {
    ctx.error(obj.pointerTo("target"), "eye and target are the same point",
              "put the target where the camera should look, away from the eye");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<XrViewpoint> readXrViewpoint(ParseContext& ctx, const Json& value,
                                           const std::string& pointer) {
  ObjectReader obj(ctx, value, pointer);
  if (!obj.isObject()) return std::nullopt;
  XrViewpoint out;
  bool ok = obj.vec3("position", kPositionRange, out.position, true);
  if (obj.get("yawDeg")) ok = obj.number("yawDeg", Range{-360.0, 360.0, "degrees"}, out.yawDeg) && ok;
  obj.reportUnknownKeys();
  if (!ok) return std::nullopt;
  return out;
}

void parsePois(ObjectReader& root, SceneDocument& doc) {
  ParseContext& ctx = root.context();
  const Json* value = root.require("pois", "[{\"id\": \"...\", ...}]");
  if (!value) return;
  std::string ptr = root.pointerTo("pois");
  const Json* pois = readArray(ctx, *value, ptr, kMaxPois);
  if (!pois) return;
  doc.pois.reserve(pois->size());
  for (std::size_t i = 0; i < pois->size(); ++i) {
    ObjectReader p(ctx, (*pois)[i], fmt::format("{}/{}", ptr, i));
    if (!p.isObject()) {
      doc.pois.emplace_back();  // keeps indices equal to the file's
      continue;
    }
    PointOfInterest poi;
    p.id("id", poi.id);
    p.text("name", kMaxNameBytes, poi.name, true);
    if (const Json* n = p.require("narration", "{\"zh-CN\": \"...\", \"en\": \"...\"}")) {
      if (auto narration = readNarration(ctx, *n, p.pointerTo("narration"))) {
        poi.narration = std::move(*narration);
      }
    }
    p.vec3("anchor", kPositionRange, poi.anchor, true);
    if (const Json* v = p.require("viewpoints", "{\"desktop\": {...}, \"xr\": {...}}")) {
      ObjectReader views(ctx, *v, p.pointerTo("viewpoints"));
      if (const Json* d = views.require("desktop", "{\"eye\": [x, y, z], \"target\": [x, y, z]}")) {
        if (auto view = readDesktopViewpoint(ctx, *d, views.pointerTo("desktop"))) {
          poi.desktopView = *view;
        }
      }
      if (const Json* x = views.require("xr", "{\"position\": [x, y, z], \"yawDeg\": 0}")) {
        if (auto view = readXrViewpoint(ctx, *x, views.pointerTo("xr"))) poi.xrView = *view;
      }
      views.reportUnknownKeys();
    }
    p.path("panorama", poi.panorama);
    p.reportUnknownKeys();
    doc.pois.push_back(std::move(poi));
  }
}

void parseTours(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("tours");
  if (!value) return;
  ParseContext& ctx = root.context();
  std::string ptr = root.pointerTo("tours");
  const Json* tours = readArray(ctx, *value, ptr, kMaxTours);
  if (!tours) return;
  for (std::size_t i = 0; i < tours->size(); ++i) {
    ObjectReader t(ctx, (*tours)[i], fmt::format("{}/{}", ptr, i));
    if (!t.isObject()) {
      doc.tours.emplace_back();  // keeps indices equal to the file's
      continue;
    }
    Tour tour;
    t.id("id", tour.id);
    t.text("title", kMaxNameBytes, tour.title, true);
    const Json* stopsValue = t.require("stops", "[{\"poi\": \"...\"}]");
    const Json* stops =
        stopsValue ? readArray(ctx, *stopsValue, t.pointerTo("stops"), kMaxStopsPerTour) : nullptr;
    if (stops && stops->empty()) {
      ctx.error(t.pointerTo("stops"), "a tour needs at least one stop",
                "add {\"poi\": \"<a POI id>\"}");
    }
    for (std::size_t s = 0; stops && s < stops->size(); ++s) {
      ObjectReader st(ctx, (*stops)[s], fmt::format("{}/{}", t.pointerTo("stops"), s));
      if (!st.isObject()) {
        tour.stops.emplace_back();
        continue;
      }
      TourStop stop;
      st.id("poi", stop.poi);
      if (const Json* w = st.get("guideWaypoints")) {
        std::string wptr = st.pointerTo("guideWaypoints");
        if (const Json* points = readArray(ctx, *w, wptr, kMaxWaypointsPerStop)) {
          for (std::size_t k = 0; k < points->size(); ++k) {
            auto p = readVec3(ctx, (*points)[k], fmt::format("{}/{}", wptr, k), kPositionRange);
            if (p) stop.guideWaypoints.push_back(*p);
          }
        }
      }
      if (const Json* n = st.get("narration")) {
        stop.narration = readNarration(ctx, *n, st.pointerTo("narration"));
      }
      std::string gesture;
      if (st.string("gesture", 32, gesture)) {
        const Gesture all[] = {Gesture::None, Gesture::Point, Gesture::Wave, Gesture::Present};
        auto it = std::find_if(std::begin(all), std::end(all),
                               [&](Gesture g) { return gestureName(g) == gesture; });
        if (it == std::end(all)) {
          ctx.error(st.pointerTo("gesture"), fmt::format("unknown gesture '{}'", gesture),
                    "use one of \"none\", \"point\", \"wave\", \"present\"");
        } else {
          stop.gesture = *it;
        }
      }
      st.number("dwellSeconds", Range{0.0, 3600.0, "seconds"}, stop.dwellSeconds);
      st.reportUnknownKeys();
      tour.stops.push_back(std::move(stop));
    }
    t.reportUnknownKeys();
    doc.tours.push_back(std::move(tour));
  }
}

void parseGuide(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("guide");
  if (!value) return;
  ParseContext& ctx = root.context();
  ObjectReader g(ctx, *value, root.pointerTo("guide"));
  if (!g.isObject()) return;
  GuideSettings guide;
  g.path("avatar", guide.avatar);

  if (const Json* v = g.get("voices")) {
    ObjectReader voices(ctx, *v, g.pointerTo("voices"));
    for (auto [key, target] : {std::pair<std::string_view, std::string*>{"zh-CN", &guide.voices.zh},
                               {"en", &guide.voices.en}}) {
      std::string voice;
      if (!voices.string(key, 64, voice)) continue;
      bool plain = std::all_of(voice.begin(), voice.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+';
      });
      if (!plain) {
        ctx.error(voices.pointerTo(key), fmt::format("'{}' is not an espeak-ng voice name", voice),
                  "use a name such as \"cmn-latn-pinyin\" or \"en-us\" (espeak-ng --voices)");
      } else {
        *target = voice;
      }
    }
    voices.reportUnknownKeys();
  }

  if (const Json* v = g.get("boneMap")) {
    std::string ptr = g.pointerTo("boneMap");
    if (!v->is_object()) {
      ctx.error(ptr, fmt::format("expected an object, found {}", jsonTypeName(*v)),
                "map each avatar bone to a VRM humanoid bone: {\"Bip01_Head\": \"head\"}");
    } else if (v->size() > kMaxBoneMapEntries) {
      ctx.error(ptr, fmt::format("{} entries is more than the limit of {}", v->size(),
                                 kMaxBoneMapEntries));
    } else {
      std::unordered_map<std::string, std::string> usedBy;
      for (const auto& [from, to] : v->items()) {
        std::string itemPtr = ptr + "/" + escapePointerToken(from);
        auto name = readString(ctx, to, itemPtr, 64);
        if (!name) continue;
        if (!isVrmHumanoidBone(*name)) {
          ctx.error(itemPtr, fmt::format("'{}' is not a VRM humanoid bone", *name),
                    "use a VRM name such as hips, spine, chest, neck, head, leftUpperArm, "
                    "rightHand, leftIndexProximal");
          continue;
        }
        auto [it, inserted] = usedBy.emplace(*name, from);
        if (!inserted) {
          ctx.error(itemPtr, fmt::format("VRM bone '{}' is already mapped from '{}'", *name,
                                         it->second),
                    "map each VRM bone from one avatar bone only");
          continue;
        }
        guide.boneMap.emplace(from, *name);
      }
    }
  }

  if (const Json* v = g.get("pinyinLexicon")) {
    std::string ptr = g.pointerTo("pinyinLexicon");
    if (!v->is_object()) {
      ctx.error(ptr, fmt::format("expected an object, found {}", jsonTypeName(*v)),
                "write {\"重庆\": \"chong2 qing4\"}");
    } else if (v->size() > kMaxLexiconEntries) {
      ctx.error(ptr, fmt::format("{} entries is more than the limit of {}", v->size(),
                                 kMaxLexiconEntries));
    } else {
      for (const auto& [word, reading] : v->items()) {
        std::string itemPtr = ptr + "/" + escapePointerToken(word);
        if (word.empty() || word.size() > 256) {
          ctx.error(itemPtr, "the word must be 1 to 256 bytes long");
          continue;
        }
        auto pinyin = readString(ctx, reading, itemPtr, 1024);
        if (!pinyin) continue;
        std::string problem = pinyinProblem(*pinyin);
        if (!problem.empty()) {
          ctx.error(itemPtr, fmt::format("'{}' is not tone-numbered pinyin: {}", *pinyin, problem),
                    "write syllables with tone digits 1-5 separated by spaces, e.g. "
                    "\"chong2 qing4\" (use v for ü: \"lv3\")");
          continue;
        }
        guide.pinyinLexicon.emplace(word, *pinyin);
      }
    }
  }
  g.reportUnknownKeys();
  doc.guide = std::move(guide);
}

void parseSpawn(ObjectReader& root, SceneDocument& doc) {
  ParseContext& ctx = root.context();
  const Json* value = root.require("spawn", "{\"desktop\": {...}, \"xr\": {...}}");
  if (!value) return;
  ObjectReader s(ctx, *value, root.pointerTo("spawn"));
  if (!s.isObject()) return;
  if (const Json* d = s.require("desktop", "{\"eye\": [x, y, z], \"target\": [x, y, z]}")) {
    if (auto view = readDesktopViewpoint(ctx, *d, s.pointerTo("desktop"))) doc.spawn.desktop = *view;
  }
  if (const Json* x = s.require("xr", "{\"position\": [x, y, z], \"yawDeg\": 0}")) {
    if (auto view = readXrViewpoint(ctx, *x, s.pointerTo("xr"))) doc.spawn.xr = *view;
  }
  s.reportUnknownKeys();
}

void parseKiosk(ObjectReader& root, SceneDocument& doc) {
  const Json* value = root.get("kiosk");
  if (!value) return;
  ObjectReader k(root.context(), *value, root.pointerTo("kiosk"));
  if (!k.isObject()) return;
  KioskSettings kiosk;
  k.id("attractTour", kiosk.attractTour);
  k.number("idleTimeoutSeconds", Range{10.0, 86400.0, "seconds"}, kiosk.idleTimeoutSeconds);
  k.reportUnknownKeys();
  doc.kiosk = std::move(kiosk);
}

void checkReferences(ParseContext& ctx, const SceneDocument& doc) {
  checkUniqueIds(ctx, doc.models, "models", "model");
  checkUniqueIds(ctx, doc.lights, "lights", "light");
  checkUniqueIds(ctx, doc.pois, "pois", "POI");
  checkUniqueIds(ctx, doc.tours, "tours", "tour");
  for (std::size_t t = 0; t < doc.tours.size(); ++t) {
    const auto& stops = doc.tours[t].stops;
    for (std::size_t s = 0; s < stops.size(); ++s) {
      if (stops[s].poi.empty() || doc.findPoi(stops[s].poi)) continue;
      ctx.error(fmt::format("/tours/{}/stops/{}/poi", t, s),
                fmt::format("unknown POI '{}'", stops[s].poi), suggestId(doc.pois, stops[s].poi));
    }
  }
  if (doc.kiosk && !doc.kiosk->attractTour.empty() && !doc.findTour(doc.kiosk->attractTour)) {
    ctx.error("/kiosk/attractTour", fmt::format("unknown tour '{}'", doc.kiosk->attractTour),
              suggestId(doc.tours, doc.kiosk->attractTour));
  }
}

}  // namespace sc::scene::detail
