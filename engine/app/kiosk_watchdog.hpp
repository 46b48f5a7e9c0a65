#pragma once
// systemd's service notification protocol (sd_notify(3)) without libsystemd: one datagram per
// message to the AF_UNIX socket named by $NOTIFY_SOCKET ("@name" = abstract namespace).
// "READY=1" once the first frame is on screen, "WATCHDOG=1" at least every WatchdogSec/2 while
// frames keep coming, "STOPPING=1" on the way out. Without $NOTIFY_SOCKET (not run by systemd,
// or a unit without Type=notify) every call does nothing.
#include <chrono>
#include <string>

namespace sc::app {

class ServiceNotifier {
 public:
  ServiceNotifier();  // reads $NOTIFY_SOCKET and $WATCHDOG_USEC
  bool active() const { return !socket_.empty(); }
  // The interval systemd expects pings at (WatchdogSec), 0 when no watchdog is configured.
  std::chrono::microseconds watchdogInterval() const { return interval_; }
  bool notify(const std::string& message);  // false when not active or the send failed
  void ready() { notify("READY=1"); }
  // Sends WATCHDOG=1 when half the interval has passed since the last ping.
  void keepAlive();
  void stopping() { notify("STOPPING=1"); }

 private:
  std::string socket_;
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point lastPing_{};
};

}  // namespace sc::app
