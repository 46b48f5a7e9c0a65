#include "app/kiosk_watchdog.hpp"

#include <cstdlib>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace sc::app {

ServiceNotifier::ServiceNotifier() {
  if (const char* socket = std::getenv("NOTIFY_SOCKET")) socket_ = socket;
  if (const char* usec = std::getenv("WATCHDOG_USEC")) {
    char* end = nullptr;
    long long value = std::strtoll(usec, &end, 10);
    if (end && *end == '\0' && value > 0) interval_ = std::chrono::microseconds(value);
  }
}

bool ServiceNotifier::notify(const std::string& message) {
  if (socket_.empty() || socket_.size() >= sizeof(sockaddr_un::sun_path)) return false;
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, socket_.data(), socket_.size());
  if (address.sun_path[0] == '@') address.sun_path[0] = '\0';  // abstract socket
  socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + socket_.size());
  ssize_t sent = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&address), length);
  ::close(fd);
  return sent == ssize_t(message.size());
}

void ServiceNotifier::keepAlive() {
  if (socket_.empty() || interval_.count() == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - lastPing_ < interval_ / 2) return;
  lastPing_ = now;
  notify("WATCHDOG=1");
}

}  // namespace sc::app
