#include "app/user_settings.hpp"

#include <cmath>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/file_io.hpp"

namespace sc::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kVersion = 1;
// A settings file is a few hundred bytes; anything far larger is not ours.
constexpr std::uint64_t kMaxBytes = 64 * 1024;

std::string quoted(const fs::path& file) { return file.string(); }

bool qualityFrom(std::string_view name, ui::QualityPreset& out) {
  for (auto preset : {ui::QualityPreset::Low, ui::QualityPreset::Medium, ui::QualityPreset::High}) {
    if (name == ui::qualityPresetName(preset)) {
      out = preset;
      return true;
    }
  }
  return false;
}

bool languageFrom(std::string_view name, ui::UiLanguage& out) {
  for (auto language : {ui::UiLanguage::Chinese, ui::UiLanguage::English, ui::UiLanguage::Both}) {
    if (name == ui::uiLanguageName(language)) {
      out = language;
      return true;
    }
  }
  return false;
}

// A number in [low, high], else a warning and the default stays.
void readNumber(const json& value, const char* key, float low, float high, float& out, const fs::path& file,
                std::vector<std::string>& warnings) {
  if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < low ||
      value.get<double>() > high) {
    warnings.push_back(fmt::format("settings file {}: \"{}\" must be a number from {} to {} (it is {}); using {}",
                                   quoted(file), key, low, high, value.dump(), out));
    return;
  }
  out = value.get<float>();
}

}  // namespace

fs::path userSettingsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "shancheng" / "settings.json";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".config" / "shancheng" / "settings.json";
  return {};
}

UserSettingsRead parseUserSettings(std::string_view text, const fs::path& file) {
  UserSettingsRead read;
  read.found = true;
  json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    // One warning for the whole file: the visitor's choices are lost, but the run goes on.
    read.warnings.push_back(fmt::format(
        "settings file {}: {}; the default settings are used (the file is replaced at the next change; delete it "
        "to silence this)",
        quoted(file), root.is_discarded() ? "not valid JSON (damaged?)" : "not a JSON object"));
    return read;
  }
  UserSettings& s = read.settings;
  for (const auto& [key, value] : root.items()) {
    if (key == "version") {
      if (!value.is_number_integer() || value.get<int>() != kVersion) {
        read.warnings.push_back(fmt::format("settings file {}: version {} is not {}; reading what is understood",
                                            quoted(file), value.dump(), kVersion));
      }
    } else if (key == "quality") {
      if (!value.is_string() || !qualityFrom(value.get<std::string>(), s.quality)) {
        read.warnings.push_back(fmt::format(
            "settings file {}: \"quality\" must be \"low\", \"medium\" or \"high\" (it is {}); using medium",
            quoted(file), value.dump()));
      }
    } else if (key == "language") {
      if (!value.is_string() || !languageFrom(value.get<std::string>(), s.language)) {
        read.warnings.push_back(fmt::format(
            "settings file {}: \"language\" must be \"zh\", \"en\" or \"both\" (it is {}); using both", quoted(file),
            value.dump()));
      }
    } else if (key == "volume") {
      readNumber(value, "volume", 0.0f, 1.0f, s.volume, file, read.warnings);
    } else if (key == "textScale") {
      readNumber(value, "textScale", ui::kMinTextScale, ui::kMaxTextScale, s.textScale, file, read.warnings);
    } else {
      read.warnings.push_back(fmt::format(
          "settings file {}: unknown key \"{}\" ignored (known: version, quality, volume, textScale, language)",
          quoted(file), key));
    }
  }
  return read;
}

std::string serializeUserSettings(const UserSettings& settings) {
  // Ordered by hand (nlohmann sorts keys): the file reads in the order of the settings panel.
  return fmt::format(
      "{{\n  \"version\": {},\n  \"quality\": \"{}\",\n  \"volume\": {},\n  \"textScale\": {},\n  \"language\": "
      "\"{}\"\n}}\n",
      kVersion, ui::qualityPresetName(settings.quality), settings.volume, settings.textScale,
      ui::uiLanguageName(settings.language));
}

UserSettingsRead loadUserSettings(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec) && !ec) return {};  // never saved: the defaults, silently
  auto text = readFileText(file, kMaxBytes);
  if (!text) {
    UserSettingsRead read;
    read.warnings.push_back(
        fmt::format("settings file {} cannot be read ({}); the default settings are used", quoted(file),
                    text.error().message));
    return read;
  }
  return parseUserSettings(*text, file);
}

Status saveUserSettings(const fs::path& file, const UserSettings& settings) {
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  if (ec) {
    return makeError("settings file {}: cannot create its folder ({}); the settings are not remembered",
                     quoted(file), ec.message());
  }
  std::string text = serializeUserSettings(settings);
  Status written = writeFileAtomic(
      file, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  if (!written) {
    return makeError("settings file {}: cannot be saved ({}); the settings are not remembered", quoted(file),
                     written.error().message);
  }
  return okStatus();
}

void RememberedSettings::observe(const UserSettings& shown, double now) {
  if (!seen_) {
    seen_ = true;
    last_ = shown;
    return;
  }
  if (shown != last_) {
    // Only the fields the visitor changed: a run's --quality is not written by a volume change.
    if (shown.quality != last_.quality) stored_.quality = shown.quality;
    if (shown.volume != last_.volume) stored_.volume = shown.volume;
    if (shown.textScale != last_.textScale) stored_.textScale = shown.textScale;
    if (shown.language != last_.language) stored_.language = shown.language;
    last_ = shown;
    dirty_ = true;
    changedAt_ = now;
  }
  if (dirty_ && now - changedAt_ >= kSaveDelaySeconds) {
    if (Status saved = flush(); !saved) spdlog::warn("{}", saved.error().message);
  }
}

Status RememberedSettings::flush() {
  if (!dirty_) return okStatus();
  dirty_ = false;  // a failed save is not retried every frame: the next change tries again
  if (file_.empty()) return okStatus();
  SC_TRY(saveUserSettings(file_, stored_));
  spdlog::info("settings: saved {} (quality {}, volume {:.2f}, text size {:.2f}, language {})", file_.string(),
               ui::qualityPresetName(stored_.quality), stored_.volume, stored_.textScale,
               ui::uiLanguageName(stored_.language));
  return okStatus();
}

}  // namespace sc::app
