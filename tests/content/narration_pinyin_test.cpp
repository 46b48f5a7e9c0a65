// Every Mandarin line a guide speaks must have a reading for each character: espeak-ng's
// cmn-latn-pinyin voice reads our pinyin, and a character the lexicon lacks is silently skipped
// (a gap in the spoken sentence while the subtitle shows it). Checked on every shipped scene,
// with the scene's own lexicon overrides, so a new narration with a new character fails here.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "guide/pinyin_lexicon.hpp"
#include "guide/utf8_text.hpp"
#include "scene/scene_loader.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> allScenes() {
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(fs::path(SC_SOURCE_DIR) / "scenes")) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().filename().string().ends_with(".scene.json")) files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// The Mandarin text the guide may speak: POI names and narrations, and tour stops' own lines.
std::vector<std::string> spokenChinese(const sc::scene::SceneDocument& doc) {
  std::vector<std::string> lines;
  for (const auto& poi : doc.pois) {
    lines.push_back(poi.name.zh);
    lines.push_back(poi.narration.shortText.zh);
    lines.push_back(poi.narration.longText.zh);
  }
  for (const auto& tour : doc.tours) {
    for (const auto& stop : tour.stops) {
      if (!stop.narration) continue;
      lines.push_back(stop.narration->shortText.zh);
      lines.push_back(stop.narration->longText.zh);
    }
  }
  return lines;
}

TEST(NarrationPinyin, EveryCharacterOfEverySceneHasAReading) {
  const auto scenes = allScenes();
  ASSERT_GE(scenes.size(), 8u);
  std::size_t checkedCharacters = 0;
  for (const auto& file : scenes) {
    sc::scene::ValidationReport report;
    auto loaded = sc::scene::loadSceneDocument(file, {}, report);
    ASSERT_TRUE(loaded) << file << ": " << report.format();
    auto lexicon = sc::guide::PinyinLexicon::builtIn();
    ASSERT_TRUE(lexicon) << lexicon.error().message;
    if (loaded->doc.guide) {
      for (const auto& [word, pinyin] : loaded->doc.guide->pinyinLexicon) {
        ASSERT_TRUE(lexicon->addWord(word, pinyin)) << file << ": " << word;
      }
    }
    std::u32string missing;
    for (const auto& line : spokenChinese(loaded->doc)) {
      const auto converted = lexicon->convert(line);
      for (char32_t c : converted.unknown) {
        if (missing.find(c) == std::u32string::npos) missing.push_back(c);
      }
      for (std::size_t at = 0; at < line.size();) {
        const auto cp = sc::guide::decodeUtf8At(line, at);
        if (sc::guide::isCjkIdeograph(cp.codepoint)) ++checkedCharacters;
        at += std::max<std::size_t>(cp.length, 1);
      }
    }
    std::string names;
    for (char32_t c : missing) names += utf8(c);
    EXPECT_TRUE(missing.empty()) << file.filename() << ": no reading for " << names
                                 << " (add them to engine/guide/data/pinyin_chars.tsv, or a word"
                                 << " to the scene's guide.pinyinLexicon)";
  }
  EXPECT_GT(checkedCharacters, 2000u) << "the scenes' Mandarin narration seems to be missing";
}

}  // namespace
