#include "scene/json_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "core/content_roots.hpp"
#include "scene/scene_limits.hpp"

namespace sc::scene::detail {

void ParseContext::error(std::string pointer, std::string message, std::string hint) {
  ++errors_;
  diagnostics_.push_back(
      {Severity::Error, {}, 0, 0, std::move(pointer), std::move(message), std::move(hint)});
}

void ParseContext::warning(std::string pointer, std::string message, std::string hint) {
  diagnostics_.push_back(
      {Severity::Warning, {}, 0, 0, std::move(pointer), std::move(message), std::move(hint)});
}

void ParseContext::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++errors_;
  diagnostics_.push_back(std::move(diagnostic));
}

std::string_view jsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "true/false";
    case Json::value_t::null: return "null";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

namespace {

std::string formatLimit(double v) { return fmt::format("{:g}", v); }

std::string rangeText(const Range& range) {
  std::string out = fmt::format("[{}, {}]", formatLimit(range.min), formatLimit(range.max));
  if (!range.unit.empty()) out += fmt::format(" {}", range.unit);
  return out;
}

}  // namespace

std::optional<double> readNumber(ParseContext& ctx, const Json& value, const std::string& pointer,
                                 Range range) {
  if (!value.is_number()) {
    ctx.error(pointer, fmt::format("expected a number, found {}", jsonTypeName(value)),
              fmt::format("write a number in {} without quotes", rangeText(range)));
    return std::nullopt;
  }
  double v = value.get<double>();
  // JSON has no NaN, but a literal such as 1e400 parses to infinity.
  if (!std::isfinite(v)) {
    ctx.error(pointer, "number is too large to represent",
              fmt::format("use a value in {}", rangeText(range)));
    return std::nullopt;
  }
  if (v < range.min || v > range.max) {
    ctx.error(pointer, fmt::format("{} is out of range {}", formatLimit(v), rangeText(range)),
              fmt::format("use a value in {}", rangeText(range)));
    return std::nullopt;
  }
  return v;
}

std::optional<glm::vec3> readVec3(ParseContext& ctx, const Json& value, const std::string& pointer,
                                  Range range) {
  if (!value.is_array() || value.size() != 3) {
    std::string found = value.is_array() ? fmt::format("an array of {} values", value.size())
                                         : std::string(jsonTypeName(value));
    ctx.error(pointer, fmt::format("expected three numbers [x, y, z], found {}", found),
              "write [x, y, z], for example [0, 1.5, -2]");
    return std::nullopt;
  }
  glm::vec3 out{0.0f};
  bool ok = true;
  for (int i = 0; i < 3; ++i) {
    auto n = readNumber(ctx, value[static_cast<std::size_t>(i)], fmt::format("{}/{}", pointer, i),
                        range);
    if (n) {
      out[i] = static_cast<float>(*n);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> readString(ParseContext& ctx, const Json& value,
                                      const std::string& pointer, std::size_t maxBytes) {
  if (!value.is_string()) {
    ctx.error(pointer, fmt::format("expected a string, found {}", jsonTypeName(value)),
              "put the text in double quotes");
    return std::nullopt;
  }
  const auto& s = value.get_ref<const std::string&>();
  if (s.empty()) {
    ctx.error(pointer, "must not be empty", "write the text, or remove the field if it is optional");
    return std::nullopt;
  }
  if (s.size() > maxBytes) {
    ctx.error(pointer, fmt::format("text is {} bytes long, more than the limit of {}", s.size(),
                                   maxBytes),
              "shorten it");
    return std::nullopt;
  }
  return s;
}

std::optional<LocalizedText> readLocalizedText(ParseContext& ctx, const Json& value,
                                               const std::string& pointer, std::size_t maxBytes) {
  if (value.is_string()) {
    ctx.error(pointer, "expected the text in both languages, found a single string",
              "write {\"zh-CN\": \"...\", \"en\": \"...\"}");
    return std::nullopt;
  }
  ObjectReader obj(ctx, value, pointer);
  if (!obj.isObject()) return std::nullopt;
  LocalizedText text;
  bool ok = true;
  const std::pair<std::string_view, std::string*> languages[] = {{"zh-CN", &text.zh},
                                                                   {"en", &text.en}};
  for (const auto& [key, target] : languages) {
    const Json* member = obj.get(key);
    if (!member) {
      ctx.error(obj.pointerTo(key),
                key == "en" ? "missing English text" : "missing Chinese (zh-CN) text",
                fmt::format("add \"{}\": \"...\"", key));
      ok = false;
      continue;
    }
    auto s = readString(ctx, *member, obj.pointerTo(key), maxBytes);
    if (s) {
      *target = std::move(*s);
    } else {
      ok = false;
    }
  }
  obj.reportUnknownKeys();
  if (!ok) return std::nullopt;
  return text;
}

const Json* readArray(ParseContext& ctx, const Json& value, const std::string& pointer,
                      std::size_t maxCount) {
  if (!value.is_array()) {
    ctx.error(pointer, fmt::format("expected an array, found {}", jsonTypeName(value)),
              "write a list in square brackets: [ ... ]");
    return nullptr;
  }
  if (value.size() > maxCount) {
    ctx.error(pointer,
              fmt::format("{} entries is more than the limit of {}", value.size(), maxCount),
              "split the scene into several scenes");
    return nullptr;
  }
  return &value;
}

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return alnum(c) || c == '_' || c == '-' || c == '.'; });
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return std::max(a.size(), b.size());
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// ---------------------------------------------------------------------------------------------

ObjectReader::ObjectReader(ParseContext& ctx, const Json& value, std::string pointer)
    : ctx_(ctx), pointer_(std::move(pointer)) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    ctx_.error(pointer_, fmt::format("expected an object, found {}", jsonTypeName(value)),
               "write the fields in curly braces: { \"name\": value, ... }");
  }
}

std::string ObjectReader::pointerTo(std::string_view key) const {
  return pointer_ + "/" + escapePointerToken(key);
}

const Json* ObjectReader::get(std::string_view key) {
  known_.emplace_back(key);
  if (!object_) return nullptr;
  auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

const Json* ObjectReader::require(std::string_view key, std::string_view example) {
  const Json* member = get(key);
  if (!member && object_) {
    ctx_.error(pointerTo(key), fmt::format("missing required field '{}'", key),
               fmt::format("add \"{}\": {}", key, example));
  }
  return member;
}

bool ObjectReader::number(std::string_view key, Range range, float& out, bool required) {
  const Json* v = required ? require(key, "0") : get(key);
  if (!v) return false;
  auto n = readNumber(ctx_, *v, pointerTo(key), range);
  if (n) out = static_cast<float>(*n);
  return n.has_value();
}

bool ObjectReader::integer(std::string_view key, Range range, int& out, bool required) {
  const Json* v = required ? require(key, "1") : get(key);
  if (!v) return false;
  if (v->is_number_float()) {
    ctx_.error(pointerTo(key), "expected a whole number", "write it without a decimal point");
    return false;
  }
  auto n = readNumber(ctx_, *v, pointerTo(key), range);
  if (n) out = static_cast<int>(*n);
  return n.has_value();
}

bool ObjectReader::vec3(std::string_view key, Range range, glm::vec3& out, bool required) {
  const Json* v = required ? require(key, "[x, y, z]") : get(key);
  if (!v) return false;
  auto r = readVec3(ctx_, *v, pointerTo(key), range);
  if (r) out = *r;
  return r.has_value();
}

bool ObjectReader::color(std::string_view key, glm::vec3& out) {
  return vec3(key, Range{0.0, 1.0, "(linear RGB)"}, out);
}

bool ObjectReader::string(std::string_view key, std::size_t maxBytes, std::string& out,
                          bool required) {
  const Json* v = required ? require(key, "\"...\"") : get(key);
  if (!v) return false;
  auto s = readString(ctx_, *v, pointerTo(key), maxBytes);
  if (s) out = std::move(*s);
  return s.has_value();
}

bool ObjectReader::id(std::string_view key, std::string& out, bool required) {
  std::string value;
  if (!string(key, 4 * kMaxIdBytes, value, required)) return false;
  if (!isValidId(value)) {
    ctx_.error(pointerTo(key), fmt::format("'{}' is not a valid id", value),
               "ids are 1-64 characters of A-Z a-z 0-9 _ - . starting with a letter or digit, "
               "for example \"hongyadong-night\"");
    return false;
  }
  out = std::move(value);
  return true;
}

bool ObjectReader::path(std::string_view key, std::string& out, bool required) {
  std::string value;
  if (!string(key, kMaxPathBytes, value, required)) return false;
  std::string reason = ContentRoots::refusalReason(value);
  if (!reason.empty()) {
    ctx_.error(pointerTo(key), fmt::format("refused path '{}': {}", value, reason),
               "use a path relative to the scene's folder (or a declared content root), with "
               "'/' between folders, for example \"models/hall.glb\"");
    return false;
  }
  if (value.find('\\') != std::string::npos) {
    ctx_.warning(pointerTo(key), fmt::format("path '{}' uses '\\' between folders", value),
                 "use '/' so the scene works on every system");
  }
  out = std::move(value);
  return true;
}

bool ObjectReader::text(std::string_view key, std::size_t maxBytes, LocalizedText& out,
                        bool required) {
  const Json* v = required ? require(key, "{\"zh-CN\": \"...\", \"en\": \"...\"}") : get(key);
  if (!v) return false;
  auto t = readLocalizedText(ctx_, *v, pointerTo(key), maxBytes);
  if (t) out = std::move(*t);
  return t.has_value();
}

void ObjectReader::reportUnknownKeys(bool allowDollarKeys) {
  if (!object_) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    if (allowDollarKeys && !key.empty() && key.front() == '$') continue;
    std::string best;
    std::size_t bestDistance = 3;  // suggest only close matches
    for (const auto& candidate : known_) {
      // "zh" for "zh-CN": a prefix is as good as one typo.
      bool prefix = key.size() >= 2 && (candidate.starts_with(key) || key.starts_with(candidate));
      std::size_t d = prefix ? 1 : editDistance(key, candidate);
      if (d < bestDistance && d < std::max<std::size_t>(candidate.size(), 2)) {
        bestDistance = d;
        best = candidate;
      }
    }
    std::string hint;
    if (!best.empty()) {
      hint = fmt::format("did you mean '{}'?", best);
    } else {
      std::vector<std::string> sorted = known_;
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      hint = fmt::format("known fields here: {}", fmt::join(sorted, ", "));
    }
    ctx_.warning(pointerTo(key), fmt::format("unknown field '{}' is ignored", key), hint);
  }
}

}  // namespace sc::scene::detail
