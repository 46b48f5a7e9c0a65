#pragma once
// One OpenXR session on a System and a gpu::Device made by System::createDevice: the session
// state machine, the frame loop (xrWaitFrame / xrBeginFrame / xrLocateViews / xrEndFrame with a
// projection layer), swapchains wrapped as a gpu::RenderTarget, the reference space and input.
//
// Swapchains: one array swapchain (one layer per eye, drawn by one multiview pass) where the
// device's multiview is reliable, else one single-layer swapchain per eye (lavapipe).
// Formats: R8G8B8A8_SRGB, else B8G8R8A8_SRGB (the renderer's tone-mapping pass writes sRGB).
//
// Use per frame:  pollEvents(); if running(): f = beginFrame(); if f.shouldRender, render into
// target() with f.views; endFrame().  When exiting() or lost(): destroy the session (and, on
// lost(), create a new one after a wait; on instanceLost() the System too).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"
#include "gpu/render_target.hpp"
#include "xr/xr_system.hpp"
#include "xr/xr_types.hpp"

namespace sc::xr {

struct SessionOptions {
  // The best space offered at or after this one in LocalFloor > Stage > Local is used.
  SpaceKind preferredSpace = SpaceKind::LocalFloor;
  // In a LOCAL space (no floor known) the eyes start this high above the floor, in metres:
  // about 1.6 standing, 1.2 seated. Reported through floorOffset().
  float eyeHeight = 1.6f;
  // Swapchains also get transfer-source usage so requestReadback() can read frames (tests).
  bool readbackUsage = false;
  // XR_FB_display_refresh_rate when offered: 0 = the highest rate offered, else the nearest.
  float refreshRateHz = 0.0f;
  // One array swapchain and multiview where the device allows it (else one per eye).
  bool preferArraySwapchain = true;
};

struct Frame {
  bool shouldRender = false;
  std::int64_t displayTimeNs = 0;  // predicted display time (XrTime, runtime clock, ns)
  std::int64_t periodNs = 0;       // predicted display period
  std::array<EyeView, 2> views;    // valid when shouldRender
};

class Session {
 public:
  static Result<std::unique_ptr<Session>> create(System& system, gpu::Device& device,
                                                 const SessionOptions& options = {});
  // Waits for the GPU, then destroys swapchains, spaces, actions and the session.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Drains the runtime's events and follows the state machine: READY -> xrBeginSession,
  // STOPPING -> xrEndSession, EXITING -> exiting(), LOSS_PENDING -> lost().
  Status pollEvents();
  SessionState state() const;
  SessionState highestState() const;  // the furthest state reached (FOCUSED is the goal)
  bool running() const;               // between xrBeginSession and xrEndSession
  bool exiting() const;
  bool lost() const;                  // LOSS_PENDING or XR_ERROR_SESSION_LOST
  bool instanceLost() const;          // instance loss pending or XR_ERROR_INSTANCE_LOST
  std::uint32_t timesBegun() const;   // xrBeginSession calls that succeeded
  // xrRequestExitSession when running (the runtime then goes STOPPING -> IDLE -> EXITING);
  // otherwise marks the session exiting at once.
  Status requestExit();

  // xrWaitFrame (blocks to the display's pace), xrBeginFrame, input sync, xrLocateViews.
  // Contract: running(), and every beginFrame is followed by endFrame.
  Result<Frame> beginFrame();
  // The eyes' swapchain images; acquire() is valid between beginFrame and endFrame.
  gpu::RenderTarget& target();
  // xrEndFrame, with a projection layer when target() was rendered this frame.
  Status endFrame();

  const InputState& input() const;
  const std::vector<BindingResult>& bindings() const;
  SpaceKind space() const;
  float floorOffset() const;  // metres to add to poses' y so the floor is at y = 0
  std::uint32_t width() const;
  std::uint32_t height() const;
  bool arraySwapchain() const;
  std::uint64_t framesSubmitted() const;  // xrEndFrame calls that carried a projection layer
  std::uint64_t framesEnded() const;      // all successful xrEndFrame calls

  // The eye images of the next rendered frame are copied back (needs readbackUsage).
  void requestReadback();
  // Left then right eye, once the requested frame was rendered; empty before.
  std::vector<ImageRgba8> takeReadback();

  struct Impl;

 private:
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::xr
