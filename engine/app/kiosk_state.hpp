#pragma once
// The kiosk's behaviour over time, as a pure state machine (no window, no GPU, no clock of its
// own): fed the seconds that passed and what the visitor did, it says what the kiosk must do.
//
//            activity                      idleSeconds without activity
//   Attract ----------> Visitor ----------------------------------------> Idle (reset to start)
//      ^                   ^  activity                                      |
//      |                   +--------------------------------------------- --+
//      +------------------------------------------------------------------- + attractAfterSeconds
//                                                                              without activity
//   Any state --admin key combination--> AdminPin --right PIN + Enter--> exit (ExitUnlocked)
//                                           | Esc, timeout, wrong PIN: back where it was
//   maxPinAttempts wrong PINs in a row lock the prompt for lockoutSeconds (AdminLockedOut).
//   Esc or the window's close button outside AdminPin: ExitRefused (the kiosk logs it).
//
// The kiosk starts in Idle (the landmark at its start, waiting), so a kiosk that boots into an
// empty hall goes to its attract loop after attractAfterSeconds.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sc::app {

struct KioskTimings {
  double idleSeconds = 90.0;          // a visitor this long without touching is gone
  double attractAfterSeconds = 20.0;  // from the reset (Idle) to the attract loop
  double pinTimeoutSeconds = 30.0;    // the PIN prompt closes itself
  int maxPinAttempts = 3;
  double lockoutSeconds = 60.0;
};

enum class KioskState : std::uint8_t { Idle, Attract, Visitor, AdminPin };
std::string_view kioskStateName(KioskState state);  // "idle", "attract", "visitor", "admin-pin"

enum class KioskEvent : std::uint8_t {
  EnterAttract,    // start the attract loop (guide invites, attract tour plays)
  VisitorArrived,  // stop attracting: start the tour from its beginning for the visitor
  IdleReset,       // the visitor left: reset to the start (close panels, rescan content)
  AdminPrompt,     // show the PIN entry
  AdminCancelled,  // hide it (Esc, timeout)
  PinRejected,     // wrong PIN (logged, prompt hidden)
  AdminLockedOut,  // too many wrong PINs: the combination is ignored for lockoutSeconds
  ExitRefused,     // Esc or close outside the admin prompt (logged)
  ExitUnlocked,    // right PIN: the kiosk may exit (code 0)
};
std::string_view kioskEventName(KioskEvent event);

// What happened since the previous update, in plain values.
struct KioskInput {
  bool activity = false;        // any key, button, pointer move, touch, wheel, gamepad
  bool adminCombination = false;  // the configured admin keys went down together
  bool exitRequest = false;     // Esc (outside the prompt) or the window's close button
  std::string typed;            // characters typed (PIN digits)
  bool enter = false;
  bool backspace = false;
  bool escape = false;          // inside the prompt: cancel
};

class KioskStateMachine {
 public:
  // `pin`: the admin PIN (the config checks it is 4-12 digits).
  KioskStateMachine(KioskTimings timings, std::string pin);

  std::vector<KioskEvent> update(double seconds, const KioskInput& input);

  KioskState state() const { return state_; }
  double idleSeconds() const { return idle_; }  // without activity, in the current state
  std::size_t pinLength() const { return entered_.size(); }  // digits typed so far (shown masked)
  bool lockedOut() const { return lockout_ > 0.0; }
  bool exitUnlocked() const { return unlocked_; }
  const KioskTimings& timings() const { return timings_; }

 private:
  void enter(KioskState state, std::vector<KioskEvent>& events);
  KioskTimings timings_;
  std::string pin_;
  KioskState state_ = KioskState::Idle;
  KioskState beforeAdmin_ = KioskState::Idle;
  double idle_ = 0.0;
  double promptOpen_ = 0.0;
  double lockout_ = 0.0;
  int failures_ = 0;
  std::string entered_;
  bool unlocked_ = false;
};

}  // namespace sc::app
