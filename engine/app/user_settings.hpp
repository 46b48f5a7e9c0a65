#pragma once
// The desktop visitor's settings remembered between runs of `shancheng tour` (window mode):
// quality preset, volume, text size and language, in
// $XDG_CONFIG_HOME/shancheng/settings.json (else ~/.config/shancheng/settings.json):
//
//   {"version": 1, "quality": "high", "volume": 0.8, "textScale": 1.3, "language": "en"}
//
// Every key is optional. The file is a convenience, never a reason to stop: a damaged or
// unreadable file gives one warning naming it and the defaults are used; a value of the wrong type
// or out of range is warned about and that key keeps its default; unknown keys are warned about
// and ignored. Saving writes a temporary file and renames it over the old one
// (sc::writeFileAtomic), so a crash never leaves half a file.
//
// The kiosk never reads or writes this file: its config is its TOML (a kiosk starts the same
// every day, whoever touched the screen yesterday). Command-line options win over the file for
// the run (--quality); they are not written back unless the visitor changes that setting.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ui/ui_model.hpp"

namespace sc::app {

struct UserSettings {
  ui::QualityPreset quality = ui::QualityPreset::Medium;
  float volume = 1.0f;     // 0..1
  float textScale = 1.0f;  // ui::kMinTextScale..ui::kMaxTextScale
  ui::UiLanguage language = ui::UiLanguage::Both;
  bool operator==(const UserSettings&) const = default;
};

struct UserSettingsRead {
  UserSettings settings;
  bool found = false;                 // the file existed and was read
  std::vector<std::string> warnings;  // one line each, naming the file; log them as warnings
};

// $XDG_CONFIG_HOME/shancheng/settings.json when XDG_CONFIG_HOME is an absolute path (the XDG
// rule: a relative one is ignored), else $HOME/.config/shancheng/settings.json; empty when
// neither variable is usable (the settings are then not remembered).
std::filesystem::path userSettingsPath();

// Parses the file's text; `file` only names it in the warnings. Never fails: what cannot be used
// becomes a warning and the default.
UserSettingsRead parseUserSettings(std::string_view text, const std::filesystem::path& file);
// The file's text (pretty JSON, every key, ending in a newline); parseUserSettings reads it back
// equal.
std::string serializeUserSettings(const UserSettings& settings);

// Reads `file`: a missing file is the defaults without a warning (found = false); an unreadable
// or damaged one is the defaults with one warning.
UserSettingsRead loadUserSettings(const std::filesystem::path& file);
// Creates the folder when needed and writes the file atomically. An error names the file and
// what went wrong (a read-only folder, a full disk).
Status saveUserSettings(const std::filesystem::path& file, const UserSettings& settings);

// Settings as the visitor leaves them: remembers what the file said and takes in, field by field,
// only what changes after the first look (a --quality given for this run stays out of the file
// unless the visitor picks another preset). Saves are debounced: a volume drag writes once,
// kSaveDelaySeconds after the last change, and flush() writes what is pending (at exit).
class RememberedSettings {
 public:
  static constexpr double kSaveDelaySeconds = 0.5;

  RememberedSettings(std::filesystem::path file, UserSettings stored)
      : file_(std::move(file)), stored_(stored) {}

  const std::filesystem::path& file() const { return file_; }
  const UserSettings& stored() const { return stored_; }
  bool dirty() const { return dirty_; }

  // What the UI shows now at time `now` (seconds, any clock that only goes up). The first call
  // is the baseline; later calls copy each field that differs from the previous call into
  // stored() and mark it for saving. Saves when a change is kSaveDelaySeconds old; a failed save
  // is warned about once and not retried until the next change.
  void observe(const UserSettings& shown, double now);
  // Writes stored() when it changed and was not written yet (returns ok when nothing to do).
  Status flush();

 private:
  std::filesystem::path file_;
  UserSettings stored_;
  UserSettings last_;
  bool seen_ = false;
  bool dirty_ = false;
  double changedAt_ = 0.0;
};

}  // namespace sc::app
