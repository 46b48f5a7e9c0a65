#pragma once
// Session::Impl: the session's state shared by xr_session.cpp (state machine, swapchains, frame
// loop) and xr_composition.cpp (the layers handed to xrEndFrame). Internal to engine/xr.
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "xr/xr_input.hpp"
#include "xr/xr_internal.hpp"
#include "xr/xr_session.hpp"
#include "xr/xr_swapchain.hpp"

namespace sc::xr {

inline constexpr XrViewConfigurationType kViewConfig = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
// The renderer's main pass (render/renderer.cpp): its depth is what the depth layer carries.
inline constexpr const char* kMainPassName = "main";


class XrTarget;

struct Session::Impl {
  System::Impl* system = nullptr;
  gpu::Device* device = nullptr;
  SessionOptions options;
  XrSession session = XR_NULL_HANDLE;
  XrSpace space = XR_NULL_HANDLE;
  SpaceKind spaceKind = SpaceKind::Local;
  std::vector<Swapchain> swapchains;  // one array swapchain, or one per eye
  std::vector<Swapchain> depthChains;  // the same layout, Depth32Float; empty: no depth layer
  bool array = false;
  std::uint32_t width = 0, height = 0;
  gpu::Format format = gpu::Format::RGBA8Srgb;
  std::int64_t nativeFormat = 0;
  XrEnvironmentBlendMode blendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  float nearZ = 0.05f, farZ = 2000.0f;
  std::unique_ptr<ActionInput> input;
  std::unique_ptr<XrTarget> target;

  Swapchain panel;
  XrPosef panelPose{{0, 0, 0, 1}, {0, 1.4f, -1.5f}};
  XrExtent2Df panelSize{0.8f, 0.45f};
  bool panelVisible = false;
  std::optional<ImageRgba8> panelReadback;
  Swapchain panorama;
  XrPosef panoramaPose{{0, 0, 0, 1}, {0, 0, 0}};
  bool panoramaShown = false;
  bool panoramaUnderEyes = false;  // the projection layer goes on top (see Session::setPanorama)

  float refreshRate = 0.0f;
  std::vector<float> refreshRates;

  SessionState state = SessionState::Unknown;
  SessionState highest = SessionState::Unknown;
  bool running = false, exiting = false, lost = false, instanceLost = false;
  std::uint32_t begun = 0;
  bool frameOpen = false;
  bool rendered = false;     // images were acquired and released this frame
  bool depthWritten = false; // the renderer's main pass wrote every depth image this frame
  XrFrameState frameState{XR_TYPE_FRAME_STATE};
  std::array<XrView, 2> views{};
  std::uint64_t submitted = 0, ended = 0, withDepth = 0, withPanel = 0, withPanorama = 0;
  std::uint64_t withAlphaProjection = 0;
  bool readbackRequested = false;
  std::vector<ImageRgba8> readback;
  std::vector<std::vector<float>> depthReadback;

  // Notes loss results so the owner can tear down and retry.
  XrResult note(XrResult r) {
    if (r == XR_ERROR_SESSION_LOST) lost = true;
    if (r == XR_ERROR_INSTANCE_LOST) instanceLost = lost = true;
    return r;
  }
  ResultNote noter() {
    return [this](XrResult r) { return note(r); };
  }
  Status releaseImages();
};

}  // namespace sc::xr
