#include "ui/glyph_ranges.hpp"

#include <algorithm>

#include "guide/utf8_text.hpp"
#include "ui/ui_labels.hpp"

namespace sc::ui {

namespace {

void append(std::string& out, const scene::LocalizedText& text) {
  for (const std::string* s : {&text.zh, &text.en}) {
    if (s->empty()) continue;
    out += *s;
    out += '\n';
  }
}

void append(std::string& out, const scene::Narration& narration) {
  append(out, narration.shortText);
  append(out, narration.longText);
}

// Always in the atlas: printable ASCII, Latin-1, CJK symbols and punctuation, full-width forms.
constexpr std::pair<char32_t, char32_t> kBaseRanges[] = {
    {0x0020, 0x007E}, {0x00A0, 0x00FF}, {0x3000, 0x303F}, {0xFF00, 0xFF65}};

}  // namespace

std::string glyphTextForScene(const scene::SceneDocument& scene) {
  std::string out;
  append(out, scene.title);
  append(out, scene.description);
  for (const auto& poi : scene.pois) {
    append(out, poi.name);
    append(out, poi.narration);
  }
  for (const auto& tour : scene.tours) {
    append(out, tour.title);
    for (const auto& stop : tour.stops) {
      if (stop.narration) append(out, *stop.narration);
    }
  }
  return out;
}

std::string uiLabelText() {
  std::string out;
  for (const Label& label : allLabels()) {
    out += label.zh;
    out += '\n';
    out += label.en;
    out += '\n';
  }
  return out;
}

std::vector<char32_t> codepointsOf(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    guide::DecodedCodepoint d = guide::decodeUtf8At(text, i);
    // decodeUtf8At turns a malformed byte into U+FFFD: keep only what the text really says.
    bool malformed = d.codepoint == 0xFFFD && !(d.length == 3 && text.substr(i, 3) == "\xEF\xBF\xBD");
    if (!malformed) out.push_back(d.codepoint);
    i += d.length;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint16_t> glyphRangesFor(std::string_view text) {
  std::vector<char32_t> points;
  for (auto [first, last] : kBaseRanges) {
    for (char32_t c = first; c <= last; ++c) points.push_back(c);
  }
  for (char32_t c : codepointsOf(text)) {
    if (c >= 0x20 && c <= 0xFFFF) points.push_back(c);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<std::uint16_t> ranges;
  for (std::size_t i = 0; i < points.size();) {
    std::size_t j = i;
    while (j + 1 < points.size() && points[j + 1] == points[j] + 1) ++j;
    ranges.push_back(std::uint16_t(points[i]));
    ranges.push_back(std::uint16_t(points[j]));
    i = j + 1;
  }
  ranges.push_back(0);
  return ranges;
}

bool rangesCover(const std::vector<std::uint16_t>& ranges, char32_t codepoint) {
  for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2) {
    if (codepoint >= ranges[i] && codepoint <= ranges[i + 1]) return true;
  }
  return false;
}

}  // namespace sc::ui
