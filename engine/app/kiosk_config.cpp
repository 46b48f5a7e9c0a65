#include "app/kiosk_config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/file_io.hpp"

namespace sc::app {

namespace fs = std::filesystem;
using platform::Key;

bool KeyCombination::pressed(const platform::InputState& input) const {
  std::uint8_t want = std::uint8_t((ctrl ? platform::kModCtrl : 0) | (alt ? platform::kModAlt : 0) |
                                   (shift ? platform::kModShift : 0));
  return input.pressed(key) && input.pressedMods[std::size_t(key)] == want;
}

Result<KeyCombination> parseKeyCombination(const std::string& text) {
  KeyCombination combo;
  combo.text = text;
  bool haveKey = false;
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, '+')) {
    std::string p;
    for (char c : part) {
      if (!std::isspace(static_cast<unsigned char>(c))) p += char(std::tolower(static_cast<unsigned char>(c)));
    }
    if (p == "ctrl" || p == "control") combo.ctrl = true;
    else if (p == "alt") combo.alt = true;
    else if (p == "shift") combo.shift = true;
    else {
      std::optional<Key> key;
      if (p.size() == 1 && p[0] >= 'a' && p[0] <= 'z') key = Key(int(Key::A) + (p[0] - 'a'));
      else if (p.size() == 1 && p[0] >= '0' && p[0] <= '9') key = Key(int(Key::Num0) + (p[0] - '0'));
      else if (p == "f1") key = Key::F1;
      else if (p == "f11") key = Key::F11;
      else if (p == "f12") key = Key::F12;
      else if (p == "escape" || p == "esc") key = Key::Escape;
      else if (p == "enter") key = Key::Enter;
      else if (p == "space") key = Key::Space;
      else if (p == "tab") key = Key::Tab;
      else if (p == "backspace") key = Key::Backspace;
      if (!key || haveKey) {
        return makeError("key combination \"{}\": \"{}\" is not a modifier (ctrl, alt, shift) or the one key "
                         "(a letter, a digit, f1, f11, f12, escape, enter, space, tab, backspace)", text, part);
      }
      combo.key = *key;
      haveKey = true;
    }
  }
  if (!haveKey) return makeError("key combination \"{}\": name one key, e.g. ctrl+alt+shift+k", text);
  if (!combo.ctrl && !combo.alt) {
    return makeError("key combination \"{}\": include ctrl or alt, so a visitor cannot press it by chance", text);
  }
  return combo;
}

fs::path expandHome(const fs::path& path) {
  std::string text = path.string();
  if (text == "~" || text.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    return fs::path(home ? home : "/tmp") / text.substr(std::min<std::size_t>(2, text.size()));
  }
  return path;
}

KioskConfig defaultKioskConfig() {
  KioskConfig config;
  config.adminKeys = *parseKeyCombination("ctrl+alt+shift+k");
  return config;
}

namespace {

// Reads one table's keys into the config, refusing unknown keys and wrong types.
class TableReader {
 public:
  TableReader(const toml::table& root, std::string name, std::string file, std::string& error)
      : name_(std::move(name)), file_(std::move(file)), error_(error) {
    if (const toml::node* node = root.get(name_)) {
      table_ = node->as_table();
      if (!table_) fail(*node, fmt::format("[{}] must be a table", name_));
    }
  }

  template <typename T>
  void read(const char* key, T& out) {
    known_.insert(key);
    if (!table_ || !error_.empty()) return;
    const toml::node* node = table_->get(key);
    if (!node) return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = node->value<std::string>()) out = *v;
      else fail(*node, fmt::format("{}.{} must be a string in quotes", name_, key));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>()) out = *v;
      else fail(*node, fmt::format("{}.{} must be true or false", name_, key));
    } else {
      auto v = node->value<double>();
      if (!v) fail(*node, fmt::format("{}.{} must be a number", name_, key));
      else out = T(*v);
    }
  }

  void range(const char* key, double value, double lo, double hi) {
    if (!table_ || !error_.empty()) return;
    if (const toml::node* node = table_->get(key); node && (value < lo || value > hi)) {
      fail(*node, fmt::format("{}.{} = {} is out of range; write a value from {} to {}", name_, key, value, lo, hi));
    }
  }

  void fail(const toml::node& node, const std::string& what) {
    if (error_.empty()) error_ = fmt::format("{}:{}:{}: {}", file_, node.source().begin.line, node.source().begin.column, what);
  }

  void refuseUnknown() {
    if (!table_ || !error_.empty()) return;
    for (const auto& [key, node] : *table_) {
      if (!known_.count(std::string(key.str()))) {
        std::string list;
        for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
        fail(node, fmt::format("unknown key {}.{}; the keys of [{}] are: {}", name_, key.str(), name_, list));
        return;
      }
    }
  }

 private:
  std::string name_, file_;
  std::string& error_;
  const toml::table* table_ = nullptr;
  std::set<std::string> known_;
};

}  // namespace

Result<KioskConfig> parseKioskConfig(const std::string& text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return makeError("{}:{}:{}: {} (TOML syntax; see assets/kiosk/kiosk.toml for an example)", name,
                     e.source().begin.line, e.source().begin.column, e.description());
  }
  KioskConfig config = defaultKioskConfig();
  std::string error;
  for (const auto& [key, node] : root) {
    static const std::set<std::string> tables = {"kiosk", "admin", "display", "log", "watchdog"};
    if (!tables.count(std::string(key.str()))) {
      return makeError("{}:{}:{}: unknown section [{}]; the sections are [kiosk], [admin], [display], [log], "
                       "[watchdog]", name, node.source().begin.line, node.source().begin.column, key.str());
    }
  }
  std::string contentDir = config.contentDir.string(), logFile = config.logFile.string(), adminKeys = "ctrl+alt+shift+k";
  KioskTimings& t = config.timings;
  double maxAttempts = t.maxPinAttempts, width = config.width, height = config.height;
  double logMaxBytes = config.logMaxBytes, logMaxFiles = config.logMaxFiles;
  double volume = config.volume, textScale = config.textScale;

  TableReader kiosk(root, "kiosk", name, error);
  kiosk.read("scene", config.scene);
  kiosk.read("content_dir", contentDir);
  kiosk.read("language", config.language);
  kiosk.read("attract_tour", config.attractTour);
  kiosk.read("volume", volume);
  kiosk.read("text_scale", textScale);
  kiosk.read("idle_seconds", t.idleSeconds);
  kiosk.read("attract_after_seconds", t.attractAfterSeconds);
  kiosk.range("idle_seconds", t.idleSeconds, 1.0, 86400.0);
  kiosk.range("attract_after_seconds", t.attractAfterSeconds, 0.0, 86400.0);
  kiosk.range("volume", volume, 0.0, 1.0);
  kiosk.range("text_scale", textScale, ui::kMinTextScale, ui::kMaxTextScale);
  kiosk.refuseUnknown();
  config.volume = float(volume);
  config.textScale = float(textScale);
  if (error.empty() && config.language != "zh" && config.language != "en" && config.language != "both") {
    error = fmt::format("{}: kiosk.language = \"{}\"; write \"zh\", \"en\" or \"both\"", name, config.language);
  }

  TableReader admin(root, "admin", name, error);
  admin.read("keys", adminKeys);
  admin.read("pin", config.pin);
  admin.read("pin_timeout_seconds", t.pinTimeoutSeconds);
  admin.read("max_attempts", maxAttempts);
  admin.read("lockout_seconds", t.lockoutSeconds);
  admin.range("pin_timeout_seconds", t.pinTimeoutSeconds, 5.0, 600.0);
  admin.range("max_attempts", maxAttempts, 1.0, 100.0);
  admin.range("lockout_seconds", t.lockoutSeconds, 0.0, 86400.0);
  admin.refuseUnknown();
  t.maxPinAttempts = int(maxAttempts);

  TableReader display(root, "display", name, error);
  display.read("fullscreen", config.fullscreen);
  display.read("hide_cursor", config.hideCursor);
  display.read("width", width);
  display.read("height", height);
  display.read("vsync", config.vsync);
  display.read("quality", config.quality);
  display.range("width", width, 64.0, 16384.0);
  display.range("height", height, 64.0, 16384.0);
  display.refuseUnknown();
  config.width = std::uint32_t(width);
  config.height = std::uint32_t(height);
  if (error.empty() && config.quality != "low" && config.quality != "medium" && config.quality != "high") {
    error = fmt::format("{}: display.quality = \"{}\"; write \"low\", \"medium\" or \"high\"", name, config.quality);
  }

  TableReader log(root, "log", name, error);
  log.read("file", logFile);
  log.read("max_bytes", logMaxBytes);
  log.read("max_files", logMaxFiles);
  log.range("max_bytes", logMaxBytes, 4096.0, 1e9);
  log.range("max_files", logMaxFiles, 1.0, 100.0);
  log.refuseUnknown();
  config.logMaxBytes = std::uint32_t(logMaxBytes);
  config.logMaxFiles = std::uint32_t(logMaxFiles);

  TableReader watchdog(root, "watchdog", name, error);
  watchdog.read("enabled", config.watchdog);
  watchdog.refuseUnknown();
  if (!error.empty()) return Error{error};

  bool digits = config.pin.size() >= 4 && config.pin.size() <= 12 &&
                std::all_of(config.pin.begin(), config.pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return makeError("{}: admin.pin must be 4 to 12 digits in quotes, e.g. pin = \"804213\"", name);
  auto combo = parseKeyCombination(adminKeys);
  if (!combo) return makeError("{}: admin.keys: {}", name, combo.error().message);
  config.adminKeys = *combo;
  config.contentDir = contentDir;
  config.logFile = logFile;
  return config;
}

void applyVisitorDefaults(const KioskConfig& config, ui::UiModel& model) {
  model.settings.volume = config.volume;
  model.settings.textScale = config.textScale;
  model.language = ui::UiLanguage::Both;
  if (config.language == "zh") model.language = ui::UiLanguage::Chinese;
  else if (config.language == "en") model.language = ui::UiLanguage::English;
}

Result<KioskConfig> loadKioskConfig(const fs::path& file) {
  auto text = readFileText(file);
  if (!text) return makeError("kiosk config {}: {}", file.string(), text.error().message);
  auto config = parseKioskConfig(*text, file.string());
  if (config) config->file = file;
  return config;
}

}  // namespace sc::app
