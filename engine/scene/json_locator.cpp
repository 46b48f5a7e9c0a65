#include "scene/json_locator.hpp"

#include <algorithm>
#include <cstdint>

#include "scene/diagnostics.hpp"

namespace sc::scene {

namespace {

bool isContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Walks the text byte by byte, keeping line and column (in code points) current.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {
    // Editors do not show a byte order mark, so it takes no column.
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  std::size_t offset() const { return pos_; }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }
  TextPosition position() const { return {line_, column_}; }

  void advance() {
    if (atEnd()) return;
    auto b = static_cast<unsigned char>(text_[pos_++]);
    if (b == '\n') {
      ++line_;
      column_ = 1;
    } else if (!isContinuation(b)) {
      ++column_;
    }
  }

  void skipWhitespace() {
    while (!atEnd()) {
      char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      advance();
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads four hex digits; returns -1 when they are not there.
long readHex4(Cursor& cur) {
  long value = 0;
  for (int i = 0; i < 4; ++i) {
    int h = hexValue(cur.peek());
    if (h < 0) return -1;
    value = value * 16 + h;
    cur.advance();
  }
  return value;
}

// Consumes a string starting at its opening quote; decodes it into `out` when given.
bool readString(Cursor& cur, std::string* out) {
  if (cur.peek() != '"') return false;
  cur.advance();
  while (!cur.atEnd()) {
    char c = cur.peek();
    if (c == '"') {
      cur.advance();
      return true;
    }
    if (c != '\\') {
      if (out) *out += c;
      cur.advance();
      continue;
    }
    cur.advance();
    char e = cur.peek();
    cur.advance();
    switch (e) {
      case 'n': if (out) *out += '\n'; break;
      case 't': if (out) *out += '\t'; break;
      case 'r': if (out) *out += '\r'; break;
      case 'b': if (out) *out += '\b'; break;
      case 'f': if (out) *out += '\f'; break;
      case 'u': {
        long cp = readHex4(cur);
        if (cp < 0) return false;
        // A high surrogate followed by "\uDC00".."\uDFFF" forms one code point.
        if (cp >= 0xD800 && cp <= 0xDBFF && cur.peek() == '\\') {
          cur.advance();
          if (cur.peek() != 'u') return false;
          cur.advance();
          long low = readHex4(cur);
          if (low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out) appendUtf8(*out, static_cast<std::uint32_t>(cp));
        break;
      }
      case '"': case '\\': case '/':
        if (out) *out += e;
        break;
      default:
        return false;
    }
  }
  return false;
}

bool isScalarChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' ||
         (c >= 'a' && c <= 'z');
}

struct Frame {
  bool isObject = false;
  std::size_t index = 0;
  std::size_t pointerLength = 0;  // length of the container's own pointer
  std::unordered_map<std::string, TextPosition> keys;
};

}  // namespace

JsonScanResult scanJson(std::string_view text, const std::unordered_set<std::string>& wanted,
                        std::size_t maxDepth, std::size_t valueOffset) {
  JsonScanResult result;
  Cursor cur(text);
  std::vector<Frame> stack;
  std::string pointer;  // pointer of the value about to be read or just read

  auto record = [&](const TextPosition& at) {
    if (!wanted.empty() && wanted.count(pointer)) result.positions.emplace(pointer, at);
  };
  auto fail = [&] { result.wellFormed = false; };

  // Reads one member key plus its ':' and sets `pointer` to the member; false on bad input.
  auto readMemberKey = [&](Frame& frame) {
    cur.skipWhitespace();
    TextPosition at = cur.position();
    std::string key;
    if (!readString(cur, &key)) return false;
    pointer.resize(frame.pointerLength);
    pointer += '/';
    pointer += escapePointerToken(key);
    auto [it, inserted] = frame.keys.emplace(key, at);
    if (!inserted) result.duplicates.push_back({pointer, it->second, at});
    record(at);
    cur.skipWhitespace();
    if (cur.peek() != ':') return false;
    cur.advance();
    return true;
  };

  bool expectValue = true;
  cur.skipWhitespace();
  record(cur.position());
  while (result.wellFormed) {
    if (expectValue) {
      cur.skipWhitespace();
      char c = cur.peek();
      if (cur.offset() == valueOffset) {
        result.pointerAtOffset = pointer;
        result.positionAtOffset = cur.position();
      }
      if (c == '{' || c == '[') {
        cur.advance();
        if (stack.size() + 1 > maxDepth) {
          result.maxDepth = stack.size() + 1;
          fail();
          break;
        }
        Frame frame;
        frame.isObject = c == '{';
        frame.pointerLength = pointer.size();
        stack.push_back(std::move(frame));
        result.maxDepth = std::max(result.maxDepth, stack.size());
        cur.skipWhitespace();
        char close = c == '{' ? '}' : ']';
        if (cur.peek() == close) {
          cur.advance();
          stack.pop_back();
          expectValue = false;
          continue;
        }
        if (c == '{') {
          if (!readMemberKey(stack.back())) fail();
        } else {
          pointer += "/0";
          record(cur.position());
        }
        continue;  // a value follows either way
      }
      if (c == '"') {
        if (!readString(cur, nullptr)) fail();
      } else if (isScalarChar(c)) {
        while (!cur.atEnd() && isScalarChar(cur.peek())) cur.advance();
      } else {
        fail();
        break;
      }
      expectValue = false;
      continue;
    }
    // After a value: a separator, a closing bracket, or the end of the document.
    if (stack.empty()) {
      cur.skipWhitespace();
      if (!cur.atEnd()) fail();
      break;
    }
    cur.skipWhitespace();
    Frame& frame = stack.back();
    char c = cur.peek();
    if (c == ',') {
      cur.advance();
      if (frame.isObject) {
        if (!readMemberKey(frame)) fail();
      } else {
        ++frame.index;
        pointer.resize(frame.pointerLength);
        pointer += '/';
        pointer += std::to_string(frame.index);
        cur.skipWhitespace();
        record(cur.position());
      }
      expectValue = true;
    } else if (c == (frame.isObject ? '}' : ']')) {
      cur.advance();
      pointer.resize(frame.pointerLength);
      stack.pop_back();
    } else {
      fail();
    }
  }
  return result;
}

TextPosition positionOfByte(std::string_view text, std::size_t offset) {
  TextPosition pos{1, 1};
  std::size_t start = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::size_t end = std::min(offset, text.size());
  for (std::size_t i = start; i < end; ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (!isContinuation(b)) {
      ++pos.column;
    }
  }
  return pos;
}

std::size_t findInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      cp = b & 0x07;
    } else {
      return i;  // stray continuation byte, overlong 2-byte lead, or beyond U+10FFFF
    }
    if (n - i < length) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if (!isContinuation(s[i + k])) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return i;
    i += length;
  }
  return std::string_view::npos;
}

void placeDiagnostics(std::string_view text, std::vector<Diagnostic>& diagnostics,
                      std::size_t maxDepth) {
  std::unordered_set<std::string> wanted;
  for (const auto& d : diagnostics) {
    if (d.line > 0) continue;
    for (std::string p = d.jsonPointer;; p = parentPointer(p)) {
      wanted.insert(p);
      if (p.empty()) break;
    }
  }
  if (wanted.empty()) return;
  JsonScanResult scan = scanJson(text, wanted, maxDepth);
  for (auto& d : diagnostics) {
    if (d.line > 0) continue;
    for (std::string p = d.jsonPointer;; p = parentPointer(p)) {
      auto it = scan.positions.find(p);
      if (it != scan.positions.end()) {
        d.line = it->second.line;
        d.column = it->second.column;
        break;
      }
      if (p.empty()) break;
    }
  }
}

std::string parentPointer(std::string_view pointer) {
  auto slash = pointer.rfind('/');
  if (slash == std::string_view::npos) return {};
  return std::string(pointer.substr(0, slash));
}

}  // namespace sc::scene
