#pragma once
// An XR face session whose controllers are Monado's remote-driver controllers, moved by a
// test's script: the face's own hooks run, and each frame then sends the script's next state
// (frame 0 at session start), as a visitor's hands would.
#include <cstdint>
#include <functional>

#include "monado_remote.hpp"
#include "xr/xr_command.hpp"

namespace sc::xrtest {

struct RemoteDrivenRun {
  Result<xr::XrRunReport> run = makeError("not run");
  bool connected = false;   // the remote driver's port answered
  bool layoutOk = false;    // it accepted our wire layout
  bool sendFailed = false;  // a frame's state could not be sent
};

// `request` must already be wired to the face (XrFace::wire); its hooks are wrapped here.
inline RemoteDrivenRun runWithRemoteControllers(xr::XrRequest request, int port,
                                                const std::function<WireData(std::uint32_t frame)>& script) {
  RemoteDrivenRun result;
  RemoteControllers remote;
  std::uint32_t frame = 0;
  auto faceStart = request.hooks.onStart;
  auto faceFrame = request.hooks.onFrame;
  request.hooks.onStart = [&](render::Renderer& r) {
    result.connected = remote.connect(port);
    if (!result.connected) return Status(makeError("could not connect to Monado's remote driver on port {}", port));
    remote.send(script(0));
    return faceStart(r);
  };
  request.hooks.onFrame = [&](render::Renderer& r, const xr::XrFrameInfo& f) {
    faceFrame(r, f);
    if (!remote.send(script(++frame))) result.sendFailed = true;
  };
  result.run = xr::runXrSession(request);
  result.layoutOk = remote.layoutOk();
  return result;
}

}  // namespace sc::xrtest
