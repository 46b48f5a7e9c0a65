// The desktop visitor's remembered settings (app/user_settings.hpp): the file's text both ways,
// damaged and odd files, the path rules, saving into a read-only folder, and which changes are
// written.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/user_settings.hpp"
#include "core/file_io.hpp"

namespace {

namespace fs = std::filesystem;
using sc::app::loadUserSettings;
using sc::app::parseUserSettings;
using sc::app::RememberedSettings;
using sc::app::saveUserSettings;
using sc::app::serializeUserSettings;
using sc::app::UserSettings;
using sc::ui::QualityPreset;
using sc::ui::UiLanguage;

fs::path freshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("sc_user_settings_" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void writeText(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

std::string readText(const fs::path& file) {
  auto text = sc::readFileText(file);
  return text ? *text : std::string();
}

TEST(UserSettings, SerialisedTextReadsBackEqual) {
  UserSettings s;
  s.quality = QualityPreset::High;
  s.volume = 0.35f;
  s.textScale = 1.3f;
  s.language = UiLanguage::English;
  std::string text = serializeUserSettings(s);
  EXPECT_NE(text.find("\"quality\": \"high\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"language\": \"en\""), std::string::npos) << text;
  auto read = parseUserSettings(text, "settings.json");
  EXPECT_TRUE(read.warnings.empty()) << read.warnings.front();
  EXPECT_TRUE(read.found);
  EXPECT_EQ(read.settings, s);
  // The defaults too (every key written).
  auto defaults = parseUserSettings(serializeUserSettings(UserSettings{}), "settings.json");
  EXPECT_EQ(defaults.settings, UserSettings{});
  EXPECT_TRUE(defaults.warnings.empty());
}

TEST(UserSettings, MissingKeysKeepTheirDefaults) {
  auto read = parseUserSettings(R"({"language": "zh"})", "s.json");
  EXPECT_TRUE(read.warnings.empty());
  EXPECT_EQ(read.settings.language, UiLanguage::Chinese);
  EXPECT_EQ(read.settings.quality, QualityPreset::Medium);
  EXPECT_FLOAT_EQ(read.settings.volume, 1.0f);
  EXPECT_FLOAT_EQ(read.settings.textScale, 1.0f);
}

TEST(UserSettings, DamagedFileIsOneWarningNamingItAndTheDefaults) {
  for (const char* text : {"{\"quality\": \"high\",", "", "\x00\xff garbage", "[1, 2]", "\"high\""}) {
    auto read = parseUserSettings(text, "/home/v/.config/shancheng/settings.json");
    ASSERT_EQ(read.warnings.size(), 1u) << text;
    EXPECT_NE(read.warnings[0].find("/home/v/.config/shancheng/settings.json"), std::string::npos) << read.warnings[0];
    EXPECT_NE(read.warnings[0].find("default"), std::string::npos) << read.warnings[0];
    EXPECT_EQ(read.settings, UserSettings{}) << text;
  }
}

TEST(UserSettings, UnknownKeysAreWarnedAndTheRestIsRead) {
  auto read = parseUserSettings(R"({"quality": "low", "fov": 90, "theme": "dark"})", "s.json");
  ASSERT_EQ(read.warnings.size(), 2u);
  EXPECT_NE(read.warnings[0].find("unknown key \"fov\""), std::string::npos) << read.warnings[0];
  EXPECT_NE(read.warnings[1].find("unknown key \"theme\""), std::string::npos) << read.warnings[1];
  EXPECT_EQ(read.settings.quality, QualityPreset::Low);
}

TEST(UserSettings, WrongValuesAreWarnedAndThatKeyKeepsItsDefault) {
  auto read = parseUserSettings(
      R"({"quality": "ultra", "volume": 3, "textScale": "big", "language": 7, "version": 99})", "s.json");
  EXPECT_EQ(read.warnings.size(), 5u);
  EXPECT_EQ(read.settings, UserSettings{});
  auto nan = parseUserSettings(R"({"volume": -0.1, "textScale": 0.5})", "s.json");
  EXPECT_EQ(nan.warnings.size(), 2u);
  EXPECT_EQ(nan.settings, UserSettings{});
  auto edges = parseUserSettings(R"({"volume": 0, "textScale": 2})", "s.json");
  EXPECT_TRUE(edges.warnings.empty());
  EXPECT_FLOAT_EQ(edges.settings.volume, 0.0f);
  EXPECT_FLOAT_EQ(edges.settings.textScale, 2.0f);
}

TEST(UserSettings, SaveCreatesTheFolderAndLoadReadsIt) {
  fs::path file = freshDir("save") / "shancheng" / "settings.json";
  EXPECT_FALSE(loadUserSettings(file).found);  // not there yet: defaults, no warning
  EXPECT_TRUE(loadUserSettings(file).warnings.empty());
  UserSettings s;
  s.quality = QualityPreset::Low;
  s.volume = 0.5f;
  ASSERT_TRUE(saveUserSettings(file, s));
  auto read = loadUserSettings(file);
  EXPECT_TRUE(read.found);
  EXPECT_TRUE(read.warnings.empty());
  EXPECT_EQ(read.settings, s);
  // The temporary file of the atomic write is gone.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(file.parent_path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(UserSettings, UnreadableFileIsOneWarningAndTheDefaults) {
  fs::path dir = freshDir("unreadable");
  fs::create_directories(dir / "settings.json");  // a folder where the file should be
  auto read = loadUserSettings(dir / "settings.json");
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_NE(read.warnings[0].find((dir / "settings.json").string()), std::string::npos) << read.warnings[0];
  EXPECT_EQ(read.settings, UserSettings{});
}

TEST(UserSettings, FolderThatCannotBeWrittenIsAnErrorNamingTheFileNotACrash) {
  // Folders nobody can write, root included (the tests may run as root, which ignores mode bits):
  // /proc refuses new entries, and a "folder" that is a regular file cannot hold one.
  fs::path dir = freshDir("readonly");
  writeText(dir / "not-a-folder", "x");
  std::vector<fs::path> files = {dir / "not-a-folder" / "shancheng" / "settings.json"};
  if (fs::exists("/proc/self")) files.push_back("/proc/sc-user-settings-test/shancheng/settings.json");
  if (::geteuid() != 0) {
    // A read-only home: the folder is there but the atomic write's temporary file cannot be made.
    fs::create_directories(dir / "ro" / "shancheng");
    fs::permissions(dir / "ro" / "shancheng", fs::perms::owner_read | fs::perms::owner_exec);
    files.push_back(dir / "ro" / "shancheng" / "settings.json");
  }
  for (const fs::path& file : files) {
    auto saved = saveUserSettings(file, UserSettings{});
    ASSERT_FALSE(saved) << file;
    EXPECT_NE(saved.error().message.find(file.string()), std::string::npos) << saved.error().message;
    EXPECT_FALSE(fs::exists(file));
    // RememberedSettings warns and goes on (the next change tries again), nothing thrown.
    RememberedSettings remembered(file, UserSettings{});
    UserSettings shown;
    remembered.observe(shown, 0.0);
    shown.volume = 0.2f;
    remembered.observe(shown, 1.0);
    remembered.observe(shown, 2.0);
    EXPECT_FALSE(remembered.dirty());
    EXPECT_FLOAT_EQ(remembered.stored().volume, 0.2f);
    EXPECT_TRUE(remembered.flush()) << "nothing pending: ok";
  }
  if (::geteuid() != 0) fs::permissions(dir / "ro" / "shancheng", fs::perms::owner_all);
}

TEST(UserSettings, PathFollowsXdgConfigHomeThenHome) {
  std::string oldXdg = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
  std::string oldHome = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg", 1);
  ::setenv("HOME", "/home/visitor", 1);
  EXPECT_EQ(sc::app::userSettingsPath(), fs::path("/tmp/xdg/shancheng/settings.json"));
  ::setenv("XDG_CONFIG_HOME", "relative/dir", 1);  // the XDG spec: ignored
  EXPECT_EQ(sc::app::userSettingsPath(), fs::path("/home/visitor/.config/shancheng/settings.json"));
  ::unsetenv("XDG_CONFIG_HOME");
  EXPECT_EQ(sc::app::userSettingsPath(), fs::path("/home/visitor/.config/shancheng/settings.json"));
  ::unsetenv("HOME");
  EXPECT_TRUE(sc::app::userSettingsPath().empty());
  if (!oldXdg.empty()) ::setenv("XDG_CONFIG_HOME", oldXdg.c_str(), 1);
  if (!oldHome.empty()) ::setenv("HOME", oldHome.c_str(), 1);
}

TEST(UserSettings, OnlyWhatTheVisitorChangesIsWrittenAfterTheDelay) {
  fs::path file = freshDir("remember") / "settings.json";
  UserSettings stored;
  stored.quality = QualityPreset::High;  // the file said high
  RememberedSettings remembered(file, stored);
  UserSettings shown = stored;
  shown.quality = QualityPreset::Low;  // but this run has --quality low
  remembered.observe(shown, 10.0);     // baseline: nothing to save
  EXPECT_FALSE(remembered.dirty());
  shown.volume = 0.7f;                 // the visitor drags the volume
  remembered.observe(shown, 10.1);
  shown.volume = 0.6f;
  remembered.observe(shown, 10.2);
  EXPECT_TRUE(remembered.dirty());
  EXPECT_FALSE(fs::exists(file));      // not yet: still dragging
  remembered.observe(shown, 10.2 + RememberedSettings::kSaveDelaySeconds);
  EXPECT_FALSE(remembered.dirty());
  ASSERT_TRUE(fs::exists(file));
  auto read = loadUserSettings(file);
  EXPECT_EQ(read.settings.quality, QualityPreset::High);  // the run's --quality stays out
  EXPECT_FLOAT_EQ(read.settings.volume, 0.6f);
  // A change in the last frame before exit is written by flush().
  shown.language = UiLanguage::Chinese;
  remembered.observe(shown, 11.0);
  ASSERT_TRUE(remembered.flush());
  EXPECT_EQ(loadUserSettings(file).settings.language, UiLanguage::Chinese);
  EXPECT_NE(readText(file).find("\"language\": \"zh\""), std::string::npos);
}

}  // namespace
