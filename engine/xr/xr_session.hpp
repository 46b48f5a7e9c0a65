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
#include <functional>
#include <memory>
#include <optional>
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
  // Eye images at most this wide (the height follows the recommended aspect); 0 = the runtime's
  // recommended size. Small sizes keep CPU-rasterised tests quick.
  std::uint32_t maxEyeWidth = 0;
  // Submit the eyes' depth (XR_KHR_composition_layer_depth) when the runtime offers it: depth
  // swapchains (Depth32Float) matching the colour ones, written by the renderer's main pass
  // (gpu::setDepthExport), chained to each projection view with setDepthRange's near/far.
  bool submitDepth = true;
  // Must be one the runtime offers (System::blendModes(); chooseBlendMode picks one).
  BlendMode blendMode = BlendMode::Opaque;
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

  // Near and far plane of the projection the eyes are rendered with (depth 0 at near, 1 at far),
  // handed to the runtime with the depth layer.
  void setDepthRange(float nearPlane, float farPlane);
  bool depthSubmission() const;  // depth swapchains exist (extension offered and asked for)

  // A world-space panel (UI: subtitles, POI card, tour menu) as a quad composition layer (core
  // OpenXR, drawn by the compositor: crisp text). setPanelImage is the one place the panel's
  // picture comes in: it is uploaded now (waits for the GPU; call between frames) into the
  // panel's swapchain, made anew when the size changes. Hidden until an image is set.
  Status setPanelImage(const ImageRgba8& image);
  // Draws the panel on the GPU: `draw` gets the next panel image (RGBA8 sRGB, width x height,
  // colour attachment and sampled, premultiplied alpha expected) and must have finished writing
  // it when it returns (e.g. Renderer::renderOverlayNow); the image is then released to the
  // runtime. Call between frames. With readbackUsage the picture is kept (takePanelReadback).
  Status drawPanel(std::uint32_t width, std::uint32_t height,
                   const std::function<Status(gpu::TextureHandle target)>& draw);
  std::optional<ImageRgba8> takePanelReadback();
  // Pose in the reference space (the quad faces +Z of the pose) and size in metres.
  void setPanelPlacement(const Pose& pose, glm::vec2 sizeMetres);
  void setPanelVisible(bool visible);

  // A 360-degree equirect panorama (VR 全景) around `centre` (reference space) through
  // XR_KHR_composition_layer_equirect2. While one is shown, endFrame submits it (and the
  // panel) without the projection layer: the visitor stands inside the picture; with
  // `underEyes` the projection layer (when rendered) goes on top of it with its alpha blended
  // (render the eyes with render::Background::Transparent: what is drawn, the guide and the
  // markers, stands in front of the picture). nullptr hides it. The image is uploaded now
  // (waits for the GPU; call between frames), into a swapchain made anew only when the size
  // changes. Fails when the runtime does not offer the extension (panoramaLayerOffered()).
  bool panoramaLayerOffered() const;
  Status setPanorama(const ImageRgba8* image, const Pose& centre = {}, bool underEyes = false);
  bool panoramaShown() const;
  bool panoramaUnderEyes() const;  // shown with underEyes
  // Turns the shown panorama (the rig turned: the picture stays fixed in the world).
  void setPanoramaCentre(const Pose& centre);

  const InputState& input() const;
  const std::vector<BindingResult>& bindings() const;
  SpaceKind space() const;
  float floorOffset() const;  // metres to add to poses' y so the floor is at y = 0
  std::uint32_t width() const;
  std::uint32_t height() const;
  bool arraySwapchain() const;
  std::uint64_t framesSubmitted() const;  // xrEndFrame calls that carried a projection layer
  std::uint64_t framesEnded() const;      // all successful xrEndFrame calls
  std::uint64_t framesWithDepth() const;  // projection layers with depth info chained to both views
  std::uint64_t framesWithPanel() const;  // frames that carried the quad (panel) layer
  std::uint64_t framesWithPanorama() const;  // frames that carried the equirect2 layer
  // Frames whose projection layer was blended by its alpha (alpha-blend AR, a panorama under
  // the eyes): XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT.
  std::uint64_t framesWithAlphaProjection() const;
  BlendMode blendMode() const;

  // XR_FB_display_refresh_rate: the rate asked for at creation (SessionOptions::refreshRateHz)
  // and the rates offered; 0 and empty when the extension is not offered.
  float refreshRate() const;
  const std::vector<float>& refreshRatesOffered() const;

  // Tests of the loss path: from now on behave as if the runtime had answered
  // XR_ERROR_SESSION_LOST (or XR_ERROR_INSTANCE_LOST): lost() (and instanceLost()) turn true.
  void simulateLoss(bool instance);

  // The eye images of the next rendered frame are copied back (needs readbackUsage).
  void requestReadback();
  // Left then right eye, once the requested frame was rendered; empty before.
  std::vector<ImageRgba8> takeReadback();
  // The depth images of the same frame (row-major floats, 0 near .. 1 far), when submitted.
  std::vector<std::vector<float>> takeDepthReadback();

  struct Impl;

 private:
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::xr
