// The kiosk's logic without a window: the state machine (idle -> attract -> visitor -> idle
// reset, admin unlock), the TOML config, content fingerprints and the systemd notification
// protocol over a real AF_UNIX socket.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "app/kiosk_config.hpp"
#include "app/kiosk_state.hpp"
#include "app/kiosk_watchdog.hpp"
#include "app/window_landmarks.hpp"

namespace sc::app {
namespace {

namespace fs = std::filesystem;

KioskTimings shortTimings() {
  KioskTimings t;
  t.idleSeconds = 10.0;
  t.attractAfterSeconds = 5.0;
  t.pinTimeoutSeconds = 20.0;
  t.maxPinAttempts = 2;
  t.lockoutSeconds = 30.0;
  return t;
}

// Runs `seconds` of nothing in 0.5 s steps and collects the events.
std::vector<KioskEvent> idleFor(KioskStateMachine& kiosk, double seconds) {
  std::vector<KioskEvent> all;
  for (double t = 0.0; t < seconds - 1e-9; t += 0.5) {
    auto events = kiosk.update(0.5, {});
    all.insert(all.end(), events.begin(), events.end());
  }
  return all;
}

KioskInput touch() {
  KioskInput in;
  in.activity = true;
  return in;
}

TEST(KioskState, IdleAttractVisitorAndBackToTheStart) {
  KioskStateMachine kiosk(shortTimings(), "2468");
  EXPECT_EQ(kiosk.state(), KioskState::Idle);
  EXPECT_TRUE(idleFor(kiosk, 4.5).empty());
  EXPECT_EQ(idleFor(kiosk, 0.5), std::vector<KioskEvent>{KioskEvent::EnterAttract});
  EXPECT_EQ(kiosk.state(), KioskState::Attract);
  EXPECT_TRUE(idleFor(kiosk, 60.0).empty()) << "the attract loop runs as long as nobody comes";
  EXPECT_EQ(kiosk.update(0.1, touch()), std::vector<KioskEvent>{KioskEvent::VisitorArrived});
  EXPECT_EQ(kiosk.state(), KioskState::Visitor);
  // The visitor keeps touching now and then: no reset.
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(idleFor(kiosk, 8.0).empty());
    EXPECT_TRUE(kiosk.update(0.1, touch()).empty());
  }
  EXPECT_TRUE(idleFor(kiosk, 9.5).empty());
  EXPECT_EQ(idleFor(kiosk, 0.5), std::vector<KioskEvent>{KioskEvent::IdleReset});
  EXPECT_EQ(kiosk.state(), KioskState::Idle);
  EXPECT_EQ(idleFor(kiosk, 5.0), std::vector<KioskEvent>{KioskEvent::EnterAttract});
  // A touch in Idle (before the attract loop) also starts the tour for the visitor.
  KioskStateMachine fresh(shortTimings(), "2468");
  EXPECT_EQ(fresh.update(1.0, touch()), std::vector<KioskEvent>{KioskEvent::VisitorArrived});
}

TEST(KioskState, EscapeAndCloseAreRefusedOutsideTheAdminPrompt) {
  KioskStateMachine kiosk(shortTimings(), "2468");
  KioskInput esc;
  esc.exitRequest = true;
  auto events = kiosk.update(0.1, esc);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front(), KioskEvent::ExitRefused);
  EXPECT_FALSE(kiosk.exitUnlocked());
  EXPECT_EQ(kiosk.state(), KioskState::Visitor) << "someone pressed a key: a visitor";
  for (int i = 0; i < 10; ++i) {
    auto again = kiosk.update(0.1, esc);
    EXPECT_EQ(again, std::vector<KioskEvent>{KioskEvent::ExitRefused});
  }
  EXPECT_FALSE(kiosk.exitUnlocked());
}

TEST(KioskState, AdminCombinationPlusPinUnlocksTheExit) {
  KioskStateMachine kiosk(shortTimings(), "2468");
  idleFor(kiosk, 6.0);
  ASSERT_EQ(kiosk.state(), KioskState::Attract);
  KioskInput combo;
  combo.adminCombination = true;
  EXPECT_EQ(kiosk.update(0.1, combo), std::vector<KioskEvent>{KioskEvent::AdminPrompt});
  EXPECT_EQ(kiosk.state(), KioskState::AdminPin);
  EXPECT_TRUE(idleFor(kiosk, 19.0).empty()) << "no attract or reset while the admin types";
  KioskInput typed;
  typed.typed = "24x6";  // not a digit: ignored
  kiosk.update(0.1, typed);
  EXPECT_EQ(kiosk.pinLength(), 3u);
  KioskInput more;
  more.typed = "89";
  more.backspace = true;  // typed then erased the last one: "2468"
  kiosk.update(0.1, more);
  EXPECT_EQ(kiosk.pinLength(), 4u);
  KioskInput enter;
  enter.enter = true;
  EXPECT_EQ(kiosk.update(0.1, enter), std::vector<KioskEvent>{KioskEvent::ExitUnlocked});
  EXPECT_TRUE(kiosk.exitUnlocked());
}

TEST(KioskState, WrongPinsTimeoutAndLockout) {
  KioskStateMachine kiosk(shortTimings(), "2468");
  kiosk.update(0.1, touch());
  ASSERT_EQ(kiosk.state(), KioskState::Visitor);
  KioskInput combo;
  combo.adminCombination = true;
  KioskInput wrong;
  wrong.typed = "1111";
  wrong.enter = true;
  kiosk.update(0.1, combo);
  EXPECT_EQ(kiosk.update(0.1, wrong), std::vector<KioskEvent>{KioskEvent::PinRejected});
  EXPECT_EQ(kiosk.state(), KioskState::Visitor) << "back where it was";
  // The prompt closes itself after its timeout.
  kiosk.update(0.1, combo);
  auto timedOut = idleFor(kiosk, 20.0);
  EXPECT_EQ(timedOut, std::vector<KioskEvent>{KioskEvent::AdminCancelled});
  EXPECT_EQ(kiosk.state(), KioskState::Visitor);
  // Esc cancels the prompt (it is not an exit request there).
  kiosk.update(0.1, combo);
  KioskInput esc;
  esc.escape = true;
  EXPECT_EQ(kiosk.update(0.1, esc), std::vector<KioskEvent>{KioskEvent::AdminCancelled});
  // The second wrong PIN locks the prompt out.
  kiosk.update(0.1, combo);
  auto locked = kiosk.update(0.1, wrong);
  EXPECT_EQ(locked, (std::vector<KioskEvent>{KioskEvent::PinRejected, KioskEvent::AdminLockedOut}));
  EXPECT_TRUE(kiosk.lockedOut());
  auto refused = kiosk.update(0.1, combo);
  ASSERT_FALSE(refused.empty());
  EXPECT_EQ(refused.front(), KioskEvent::AdminLockedOut);
  EXPECT_NE(kiosk.state(), KioskState::AdminPin);
  idleFor(kiosk, 9.5);  // the lockout runs out (30 s, in idle steps that also reset the visitor)
  idleFor(kiosk, 21.0);
  EXPECT_FALSE(kiosk.lockedOut());
  EXPECT_EQ(kiosk.update(0.1, combo), std::vector<KioskEvent>{KioskEvent::AdminPrompt});
}

TEST(KioskConfig, TheShippedDefaultConfigParsesToTheBuiltInDefaults) {
  auto config = loadKioskConfig(fs::path(SC_SOURCE_DIR) / "assets/kiosk/kiosk.toml");
  ASSERT_TRUE(config) << config.error().message;
  KioskConfig defaults = defaultKioskConfig();
  EXPECT_EQ(config->scene, defaults.scene);
  EXPECT_EQ(config->pin, defaults.pin);
  EXPECT_EQ(config->adminKeys.text, "ctrl+alt+shift+k");
  EXPECT_TRUE(config->adminKeys.ctrl && config->adminKeys.alt && config->adminKeys.shift);
  EXPECT_EQ(config->adminKeys.key, platform::Key::K);
  EXPECT_DOUBLE_EQ(config->timings.idleSeconds, defaults.timings.idleSeconds);
  EXPECT_DOUBLE_EQ(config->timings.attractAfterSeconds, defaults.timings.attractAfterSeconds);
  EXPECT_EQ(config->fullscreen, defaults.fullscreen);
  EXPECT_EQ(config->logMaxFiles, defaults.logMaxFiles);
  EXPECT_TRUE(fs::exists(fs::path(SC_SOURCE_DIR) / config->scene)) << "the default landmark exists";
}

TEST(KioskConfig, MistakesNameTheLineAndTheFix) {
  auto good = parseKioskConfig("[kiosk]\nidle_seconds = 12\nlanguage = \"en\"\n[admin]\npin = \"9876\"\n"
                               "keys = \"ctrl+alt+q\"\n", "k.toml");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_DOUBLE_EQ(good->timings.idleSeconds, 12.0);
  EXPECT_EQ(good->language, "en");
  EXPECT_EQ(good->adminKeys.key, platform::Key::Q);
  EXPECT_FALSE(good->adminKeys.shift);

  auto syntax = parseKioskConfig("[kiosk]\nidle_seconds = = 3\n", "k.toml");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message.find("k.toml:2:"), std::string::npos) << syntax.error().message;
  auto unknown = parseKioskConfig("[kiosk]\nidle_secs = 3\n", "k.toml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("k.toml:2:13: unknown key kiosk.idle_secs"), std::string::npos)
      << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("idle_seconds"), std::string::npos) << "lists the right keys";
  auto type = parseKioskConfig("[display]\nfullscreen = \"yes\"\n", "k.toml");
  ASSERT_FALSE(type);
  EXPECT_NE(type.error().message.find("display.fullscreen must be true or false"), std::string::npos);
  auto range = parseKioskConfig("[kiosk]\nidle_seconds = 0\n", "k.toml");
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().message.find("out of range"), std::string::npos);
  auto pin = parseKioskConfig("[admin]\npin = 1234\n", "k.toml");
  ASSERT_FALSE(pin);
  EXPECT_NE(pin.error().message.find("admin.pin must be a string"), std::string::npos) << pin.error().message;
  auto shortPin = parseKioskConfig("[admin]\npin = \"12\"\n", "k.toml");
  ASSERT_FALSE(shortPin);
  EXPECT_NE(shortPin.error().message.find("4 to 12 digits"), std::string::npos);
  auto keys = parseKioskConfig("[admin]\nkeys = \"shift+k\"\n", "k.toml");
  ASSERT_FALSE(keys);
  EXPECT_NE(keys.error().message.find("include ctrl or alt"), std::string::npos) << keys.error().message;
  auto section = parseKioskConfig("[screen]\nx = 1\n", "k.toml");
  ASSERT_FALSE(section);
  EXPECT_NE(section.error().message.find("unknown section [screen]"), std::string::npos);
  EXPECT_FALSE(loadKioskConfig("/nonexistent/kiosk.toml"));
}

// What the last visitor changed (volume, text size, language) goes back to the config's values
// at the idle reset; the keys are read, checked and defaulted like the others.
TEST(KioskConfig, VisitorSettingsGoBackToTheConfiguredOnes) {
  auto config = parseKioskConfig("[kiosk]\nlanguage = \"en\"\nvolume = 0.6\ntext_scale = 1.3\n", "k.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FLOAT_EQ(config->volume, 0.6f);
  EXPECT_FLOAT_EQ(config->textScale, 1.3f);

  ui::UiModel model;  // as a visitor left it
  model.settings.volume = 0.1f;
  model.settings.textScale = 2.0f;
  model.language = ui::UiLanguage::Chinese;
  applyVisitorDefaults(*config, model);
  EXPECT_FLOAT_EQ(model.settings.volume, 0.6f);
  EXPECT_FLOAT_EQ(model.settings.textScale, 1.3f);
  EXPECT_EQ(model.language, ui::UiLanguage::English);

  KioskConfig defaults = defaultKioskConfig();
  applyVisitorDefaults(defaults, model);
  EXPECT_FLOAT_EQ(model.settings.volume, 1.0f);
  EXPECT_FLOAT_EQ(model.settings.textScale, 1.0f);
  EXPECT_EQ(model.language, ui::UiLanguage::Both);
  auto shipped = loadKioskConfig(fs::path(SC_SOURCE_DIR) / "assets/kiosk/kiosk.toml");
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_FLOAT_EQ(shipped->volume, defaults.volume);
  EXPECT_FLOAT_EQ(shipped->textScale, defaults.textScale);

  auto loud = parseKioskConfig("[kiosk]\nvolume = 1.5\n", "k.toml");
  ASSERT_FALSE(loud);
  EXPECT_NE(loud.error().message.find("k.toml:2:10: kiosk.volume = 1.5 is out of range"), std::string::npos)
      << loud.error().message;
  auto tiny = parseKioskConfig("[kiosk]\ntext_scale = 0.5\n", "k.toml");
  ASSERT_FALSE(tiny);
  EXPECT_NE(tiny.error().message.find("kiosk.text_scale = 0.5 is out of range; write a value from 0.75 to 2"),
            std::string::npos)
      << tiny.error().message;
}

TEST(KioskConfig, KeyCombinationMatchesOnlyWithExactlyItsModifiers) {
  auto combo = parseKeyCombination("Ctrl + Alt + K");
  ASSERT_TRUE(combo) << combo.error().message;
  platform::InputState in;
  const std::size_t k = std::size_t(platform::Key::K);
  in.keysPressed.set(k);
  EXPECT_FALSE(combo->pressed(in));
  in.pressedMods[k] = platform::kModCtrl | platform::kModAlt;  // held when K went down
  EXPECT_TRUE(combo->pressed(in));
  in.pressedMods[k] |= platform::kModShift;
  EXPECT_FALSE(combo->pressed(in)) << "shift was not asked for";
  in.pressedMods[k] = platform::kModCtrl | platform::kModAlt;
  in.keysPressed.reset(k);
  EXPECT_FALSE(combo->pressed(in)) << "K did not go down in this poll";
  EXPECT_FALSE(parseKeyCombination("ctrl+alt"));
  EXPECT_FALSE(parseKeyCombination("ctrl+alt+k+j"));
}

TEST(KioskContent, FingerprintSeesNewChangedAndRemovedFiles) {
  fs::path dir = fs::temp_directory_path() / ("sc_kiosk_content_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  EXPECT_EQ(contentFingerprint(dir), 0u);
  fs::create_directories(dir / "a");
  std::ofstream(dir / "a" / "a.scene.json") << R"({"title": {"zh-CN": "甲", "en": "Alpha"}})";
  std::uint64_t first = contentFingerprint(dir);
  EXPECT_NE(first, 0u);
  EXPECT_EQ(contentFingerprint(dir), first) << "stable when nothing changed";
  fs::create_directories(dir / "b");
  std::ofstream(dir / "b" / "b.scene.json") << "not json";
  std::uint64_t second = contentFingerprint(dir);
  EXPECT_NE(second, first);
  std::ofstream(dir / "b" / "b.scene.json") << "not json, longer";
  EXPECT_NE(contentFingerprint(dir), second);
  auto landmarks = findLandmarks(dir);
  ASSERT_EQ(landmarks.size(), 2u);
  EXPECT_EQ(landmarks[0].id, "a");
  EXPECT_EQ(landmarks[0].title.en, "Alpha");
  EXPECT_EQ(landmarks[0].title.zh, "甲");
  EXPECT_EQ(landmarks[1].title.en, "b") << "unreadable titles fall back to the folder name";
  fs::remove_all(dir / "b");
  EXPECT_EQ(findLandmarks(dir).size(), 1u);
  fs::remove_all(dir);
  EXPECT_TRUE(findLandmarks(dir).empty());
}

TEST(KioskWatchdog, NotificationsArriveOnTheNotifySocket) {
  fs::path path = fs::temp_directory_path() / ("sc_notify_" + std::to_string(::getpid()));
  fs::remove(path);
  int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "200000", 1);
  ServiceNotifier notifier;
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ASSERT_TRUE(notifier.active());
  EXPECT_EQ(notifier.watchdogInterval(), std::chrono::microseconds(200000));
  notifier.ready();
  notifier.keepAlive();
  notifier.keepAlive();  // within half the interval: not sent again
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  notifier.keepAlive();
  char buffer[64];
  std::vector<std::string> got;
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n <= 0) break;
    got.emplace_back(buffer, std::size_t(n));
  }
  ::close(fd);
  fs::remove(path);
  EXPECT_EQ(got, (std::vector<std::string>{"READY=1", "WATCHDOG=1", "WATCHDOG=1"}));
  ServiceNotifier none;
  EXPECT_FALSE(none.active());
  EXPECT_FALSE(none.notify("READY=1"));
}

}  // namespace
}  // namespace sc::app
