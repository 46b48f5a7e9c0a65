#pragma once
// Monado's "remote" driver from a test: an HMD and two Valve Index controllers whose state the
// test sends over TCP each frame (tests/xr/xr_controllers_test.cpp, xr_face_pointer_test.cpp).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <cstdint>
#include <cstring>
#include <thread>

namespace sc::xrtest {

// Monado 25's remote wire format (src/xrt/drivers/remote/r_interface.h, "mndrmt3"), written out
// here field by field: plain C structs of floats and bools, 4-byte aligned, 376 bytes in all.
struct WirePose {
  float qx = 0, qy = 0, qz = 0, qw = 1;
  float x = 0, y = 0, z = 0;
};
struct WireView {
  float fovLeft = 0, fovRight = 0, fovUp = 0, fovDown = 0;
  WirePose pose;
  std::uint32_t pad = 0;
};
struct WireHead {
  WireView views[2];
  WirePose center;
  bool perViewDataValid = false;
  bool pad[3] = {};
};
struct WireController {
  WirePose pose;
  float linearVelocity[3] = {};
  float angularVelocity[3] = {};
  float handCurl[5] = {};
  float trigger = 0, squeeze = 0, squeezeForce = 0;
  float thumbstick[2] = {};
  float trackpadForce = 0;
  float trackpad[2] = {};
  bool handTrackingActive = false, active = true, systemClick = false, systemTouch = false;
  bool aClick = false, aTouch = false, bClick = false, bTouch = false;
  bool triggerClick = false, triggerTouch = false, thumbstickClick = false, thumbstickTouch = false;
  bool trackpadTouch = false, pad[3] = {};
};
struct WireData {
  std::uint64_t header = 0;
  WireHead head;
  WireController left, right;
};
static_assert(sizeof(WireHead) == 128 && sizeof(WireController) == 120 && sizeof(WireData) == 376,
              "Monado remote wire format");

inline std::uint64_t wireHeader() {
  std::uint64_t value = 0;
  std::memcpy(&value, "mndrmt3\0", 8);
  return value;
}

inline int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Points Monado at its remote driver on a free port through a config file under `dir` (read by
// the next runtime start in this process), so the session's head and controllers are the ones
// RemoteControllers moves. Returns the port.
inline int useRemoteDriver(const std::filesystem::path& dir) {
  int port = freePort();
  std::filesystem::create_directories(dir / "config" / "monado");
  std::ofstream(dir / "config" / "monado" / "config_v0.json")
      << "{\"active\": \"remote\", \"remote\": {\"version\": 0, \"port\": " << port << ", \"view_count\": 2}}\n";
  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  setenv("P_OVERRIDE_ACTIVE_CONFIG", "remote", 1);
  return port;
}

// The remote driver's client end: connects (the hub listens once the runtime made its system),
// reads the hub's first state, then sends states.
class RemoteControllers {
 public:
  ~RemoteControllers() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool connect(int port) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(std::uint16_t(port));
      if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
        WireData first;
        std::size_t got = 0;
        while (got < sizeof(first)) {
          ssize_t n = ::read(fd_, reinterpret_cast<char*>(&first) + got, sizeof(first) - got);
          if (n <= 0) return false;
          got += std::size_t(n);
        }
        // The hub's reset state (head 1.6 m up, controllers at +-0.2, 1.3, -0.5, active): our
        // reading of the wire layout is right when these land in the right fields.
        layoutOk_ = first.head.center.y == 1.6f && first.left.pose.x == -0.2f && first.right.pose.x == 0.2f &&
                    first.right.pose.z == -0.5f && first.right.active && first.right.pose.qw == 1.0f;
        return true;
      }
      ::close(fd_);
      fd_ = -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  bool send(const WireData& data) {
    return fd_ >= 0 && ::write(fd_, &data, sizeof(data)) == ssize_t(sizeof(data));
  }
  bool layoutOk() const { return layoutOk_; }

 private:
  int fd_ = -1;
  bool layoutOk_ = false;
};

}  // namespace sc::xrtest
