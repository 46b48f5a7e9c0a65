#include "app/kiosk_state.hpp"

#include <algorithm>

namespace sc::app {

namespace {
constexpr std::size_t kMaxPinDigits = 12;
}

std::string_view kioskStateName(KioskState state) {
  switch (state) {
    case KioskState::Idle: return "idle";
    case KioskState::Attract: return "attract";
    case KioskState::Visitor: return "visitor";
    case KioskState::AdminPin: return "admin-pin";
  }
  return "?";
}

std::string_view kioskEventName(KioskEvent event) {
  switch (event) {
    case KioskEvent::EnterAttract: return "enter-attract";
    case KioskEvent::VisitorArrived: return "visitor-arrived";
    case KioskEvent::IdleReset: return "idle-reset";
    case KioskEvent::AdminPrompt: return "admin-prompt";
    case KioskEvent::AdminCancelled: return "admin-cancelled";
    case KioskEvent::PinRejected: return "pin-rejected";
    case KioskEvent::AdminLockedOut: return "admin-locked-out";
    case KioskEvent::ExitRefused: return "exit-refused";
    case KioskEvent::ExitUnlocked: return "exit-unlocked";
  }
  return "?";
}

KioskStateMachine::KioskStateMachine(KioskTimings timings, std::string pin)
    : timings_(timings), pin_(std::move(pin)) {}

void KioskStateMachine::enter(KioskState state, std::vector<KioskEvent>& events) {
  state_ = state;
  idle_ = 0.0;
  switch (state) {
    case KioskState::Idle: events.push_back(KioskEvent::IdleReset); break;
    case KioskState::Attract: events.push_back(KioskEvent::EnterAttract); break;
    case KioskState::Visitor: events.push_back(KioskEvent::VisitorArrived); break;
    case KioskState::AdminPin: events.push_back(KioskEvent::AdminPrompt); break;
  }
}

std::vector<KioskEvent> KioskStateMachine::update(double seconds, const KioskInput& input) {
  std::vector<KioskEvent> events;
  if (unlocked_) return events;
  seconds = std::max(0.0, seconds);
  lockout_ = std::max(0.0, lockout_ - seconds);

  if (state_ != KioskState::AdminPin) {
    if (input.adminCombination) {
      if (lockout_ > 0.0) {
        events.push_back(KioskEvent::AdminLockedOut);
      } else {
        beforeAdmin_ = state_;
        entered_.clear();
        promptOpen_ = 0.0;
        state_ = KioskState::AdminPin;
        events.push_back(KioskEvent::AdminPrompt);
        return events;
      }
    }
    if (input.exitRequest) events.push_back(KioskEvent::ExitRefused);
    if (input.activity || input.adminCombination || input.exitRequest) {
      idle_ = 0.0;
      // Whoever touches an unattended kiosk is a visitor; the tour starts over for them.
      if (state_ == KioskState::Attract || state_ == KioskState::Idle) enter(KioskState::Visitor, events);
      return events;
    }
    idle_ += seconds;
    if (state_ == KioskState::Visitor && idle_ >= timings_.idleSeconds) {
      enter(KioskState::Idle, events);
    } else if (state_ == KioskState::Idle && idle_ >= timings_.attractAfterSeconds) {
      enter(KioskState::Attract, events);
    }
    return events;
  }

  // The PIN prompt: digits, Backspace, Enter; Esc or the timeout cancel.
  promptOpen_ += seconds;
  auto leave = [&](KioskEvent why) {
    events.push_back(why);
    entered_.clear();
    state_ = beforeAdmin_;
    idle_ = 0.0;
  };
  if (input.exitRequest) events.push_back(KioskEvent::ExitRefused);
  if (input.escape) {
    leave(KioskEvent::AdminCancelled);
    return events;
  }
  for (char c : input.typed) {
    if (c >= '0' && c <= '9' && entered_.size() < kMaxPinDigits) entered_ += c;
  }
  if (input.backspace && !entered_.empty()) entered_.pop_back();
  if (input.enter) {
    if (!pin_.empty() && entered_ == pin_) {
      failures_ = 0;
      unlocked_ = true;
      entered_.clear();
      events.push_back(KioskEvent::ExitUnlocked);
      return events;
    }
    ++failures_;
    leave(KioskEvent::PinRejected);
    if (failures_ >= timings_.maxPinAttempts) {
      failures_ = 0;
      lockout_ = timings_.lockoutSeconds;
      events.push_back(KioskEvent::AdminLockedOut);
    }
    return events;
  }
  if (promptOpen_ >= timings_.pinTimeoutSeconds) leave(KioskEvent::AdminCancelled);
  return events;
}

}  // namespace sc::app
