#include "scene/json_text_edit.hpp"

#include <cctype>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace sc::scene {

namespace {

constexpr int kMaxEditDepth = 256;

// A forward-only reader over JSON text that finds the byte ranges of values. It never reads
// outside the text; on anything that is not JSON it reports failure instead.
struct Scanner {
  std::string_view t;
  std::size_t p = 0;

  bool atEnd() const { return p >= t.size(); }
  char peek() const { return atEnd() ? '\0' : t[p]; }
  void ws() {
    while (!atEnd() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')) ++p;
  }
  bool string() {
    if (peek() != '"') return false;
    for (++p; !atEnd(); ++p) {
      if (t[p] == '\\') {
        ++p;
      } else if (t[p] == '"') {
        ++p;
        return true;
      }
    }
    return false;
  }
  bool value(int depth) {
    if (depth > kMaxEditDepth) return false;
    ws();
    char c = peek();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++p;
      ws();
      if (peek() == close) {
        ++p;
        return true;
      }
      for (;;) {
        ws();
        if (c == '{') {
          if (!string()) return false;
          ws();
          if (peek() != ':') return false;
          ++p;
        }
        if (!value(depth + 1)) return false;
        ws();
        if (peek() == ',') {
          ++p;
          continue;
        }
        if (peek() != close) return false;
        ++p;
        return true;
      }
    }
    if (c == '"') return string();
    std::size_t start = p;
    while (!atEnd() && (std::isalnum(static_cast<unsigned char>(t[p])) || t[p] == '-' || t[p] == '+' || t[p] == '.')) ++p;
    return p > start;
  }
};

// The member name of a JSON string token (without quotes), decoding the escapes a key may hold.
std::string decodeKey(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  // Keys with escapes are compared after the same decoding the JSON parser applies.
  auto parsed = nlohmann::json::parse("\"" + std::string(raw) + "\"", nullptr, false);
  return parsed.is_string() ? parsed.get<std::string>() : std::string(raw);
}

std::vector<std::string> pointerTokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::size_t at = pointer.front() == '/' ? 1 : 0;
  for (;;) {
    std::size_t slash = pointer.find('/', at);
    std::string token(pointer.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at));
    std::string unescaped;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        unescaped += token[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        unescaped += token[i];
      }
    }
    tokens.push_back(std::move(unescaped));
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return tokens;
}

// Walks the members of the object at s.p (which must be '{'). Calls visit(key, valueStart,
// valueEnd) for each; stops early when visit returns true. Leaves s.p after the object.
template <typename Visit>
bool eachMember(Scanner& s, std::size_t& lastValueEnd, Visit&& visit) {
  if (s.peek() != '{') return false;
  ++s.p;
  s.ws();
  lastValueEnd = std::string_view::npos;
  if (s.peek() == '}') {
    ++s.p;
    return true;
  }
  for (;;) {
    s.ws();
    std::size_t keyStart = s.p;
    if (!s.string()) return false;
    std::string key = decodeKey(s.t.substr(keyStart + 1, s.p - keyStart - 2));
    s.ws();
    if (s.peek() != ':') return false;
    ++s.p;
    s.ws();
    std::size_t valueStart = s.p;
    if (!s.value(1)) return false;
    lastValueEnd = s.p;
    if (visit(key, valueStart, s.p)) return true;
    s.ws();
    if (s.peek() == ',') {
      ++s.p;
      continue;
    }
    if (s.peek() != '}') return false;
    ++s.p;
    return true;
  }
}

std::string quoted(std::string_view key) {
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<JsonValueRange> locateJsonValue(std::string_view text, std::string_view pointer) {
  Scanner s{text};
  s.ws();
  for (const std::string& token : pointerTokens(pointer)) {
    bool found = false;
    if (s.peek() == '{') {
      std::size_t last = 0, target = 0;
      bool ok = eachMember(s, last, [&](const std::string& key, std::size_t start, std::size_t) {
        if (key != token) return false;
        found = true;
        target = start;
        return true;
      });
      if (!ok) return makeError("the text is not well-formed JSON");
      s.p = target;
    } else if (s.peek() == '[') {
      std::size_t wanted = 0;
      try {
        wanted = std::stoul(token);
      } catch (const std::exception&) {
        return makeError("{}: '{}' is not an array index", pointer, token);
      }
      ++s.p;
      for (std::size_t i = 0;; ++i) {
        s.ws();
        if (s.peek() == ']') break;
        if (i == wanted) {
          found = true;
          break;
        }
        if (!s.value(1)) return makeError("the text is not well-formed JSON");
        s.ws();
        if (s.peek() == ',') ++s.p;
      }
    }
    if (!found) return makeError("{}: no value there", pointer);
    s.ws();
  }
  std::size_t start = s.p;
  if (!s.value(1)) return makeError("the text is not well-formed JSON");
  return JsonValueRange{start, s.p};
}

Result<std::string> setJsonMember(std::string_view text, std::string_view objectPointer, std::string_view key,
                                  std::string_view valueJson) {
  auto object = locateJsonValue(text, objectPointer);
  if (!object) return object.error();
  Scanner s{text, object->valueStart};
  if (s.peek() != '{') return makeError("{}: not an object", objectPointer.empty() ? "/" : objectPointer);
  std::optional<JsonValueRange> existing;
  std::size_t lastValueEnd = 0;
  bool ok = eachMember(s, lastValueEnd, [&](const std::string& k, std::size_t start, std::size_t end) {
    if (k != key) return false;
    existing = JsonValueRange{start, end};
    return true;
  });
  if (!ok) return makeError("the text is not well-formed JSON");
  std::string out(text);
  if (existing) {
    out.replace(existing->valueStart, existing->valueEnd - existing->valueStart, valueJson);
  } else if (lastValueEnd == std::string_view::npos) {
    // An empty object: "{}" becomes {"key": value}.
    out.replace(object->valueStart + 1, object->valueEnd - object->valueStart - 2,
                quoted(key) + ": " + std::string(valueJson));
  } else {
    out.insert(lastValueEnd, ", " + quoted(key) + ": " + std::string(valueJson));
  }
  return out;
}

}  // namespace sc::scene
