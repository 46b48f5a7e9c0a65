// The OpenXR session: state machine, swapchains as a RenderTarget, spaces and the frame loop.
#include "xr/xr_session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

#include "gpu/vk_interop.hpp"
#include "xr/xr_ext.hpp"
#include "xr/xr_input.hpp"
#include "xr/xr_internal.hpp"

namespace sc::xr {

namespace {

constexpr XrViewConfigurationType kViewConfig = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;

struct Swapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  std::vector<gpu::TextureHandle> images;
  std::uint32_t acquired = UINT32_MAX;  // index of the image held this frame
};

}  // namespace

class XrTarget;

struct Session::Impl {
  System::Impl* system = nullptr;
  gpu::Device* device = nullptr;
  SessionOptions options;
  XrSession session = XR_NULL_HANDLE;
  XrSpace space = XR_NULL_HANDLE;
  SpaceKind spaceKind = SpaceKind::Local;
  std::vector<Swapchain> swapchains;  // one array swapchain, or one per eye
  bool array = false;
  std::uint32_t width = 0, height = 0;
  gpu::Format format = gpu::Format::RGBA8Srgb;
  XrEnvironmentBlendMode blendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  std::unique_ptr<ActionInput> input;
  std::unique_ptr<XrTarget> target;

  SessionState state = SessionState::Unknown;
  SessionState highest = SessionState::Unknown;
  bool running = false, exiting = false, lost = false, instanceLost = false;
  std::uint32_t begun = 0;
  bool frameOpen = false;
  bool rendered = false;  // images were acquired and released this frame
  XrFrameState frameState{XR_TYPE_FRAME_STATE};
  std::array<XrView, 2> views{};
  std::uint64_t submitted = 0, ended = 0;
  bool readbackRequested = false;
  std::vector<ImageRgba8> readback;

  // Notes loss results so the owner can tear down and retry.
  XrResult note(XrResult r) {
    if (r == XR_ERROR_SESSION_LOST) lost = true;
    if (r == XR_ERROR_INSTANCE_LOST) instanceLost = lost = true;
    return r;
  }
  Status releaseImages();
};

// The eyes' swapchain images as the renderer's target.
class XrTarget final : public gpu::RenderTarget {
 public:
  explicit XrTarget(Session::Impl& s) : s_(s) {}

  Result<gpu::TargetImage> acquire() override {
    SC_CHECK(s_.frameOpen, "XR target acquired outside beginFrame/endFrame");
    gpu::TargetImage image;
    image.width = s_.width;
    image.height = s_.height;
    image.views = 2;
    image.format = s_.format;
    for (auto& chain : s_.swapchains) {
      if (chain.acquired == UINT32_MAX) {
        XrSwapchainImageAcquireInfo acquireInfo{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
        SC_XR_TRY(s_.system->instance, s_.note(xrAcquireSwapchainImage(chain.handle, &acquireInfo, &chain.acquired)));
        XrSwapchainImageWaitInfo waitInfo{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
        waitInfo.timeout = 1'000'000'000;  // 1 s: the compositor holds images a frame or two at most
        XrResult r = s_.note(xrWaitSwapchainImage(chain.handle, &waitInfo));
        if (r == XR_TIMEOUT_EXPIRED) return makeError("the XR runtime did not hand back a swapchain image within 1 s");
        SC_XR_TRY(s_.system->instance, r);
      }
      if (chain.acquired >= chain.images.size()) {
        return makeError("the XR runtime acquired swapchain image {} of {}", chain.acquired, chain.images.size());
      }
      if (s_.array) image.color = chain.images[chain.acquired];
      else image.viewColors.push_back(chain.images[chain.acquired]);
    }
    return image;
  }

  void beforeSubmit(gpu::CommandList&) override {
    // OpenXR wants colour swapchain images back in COLOR_ATTACHMENT_OPTIMAL.
    for (auto& chain : s_.swapchains)
      if (chain.acquired != UINT32_MAX) gpu::recordReleaseLayout(*s_.device, chain.images[chain.acquired]);
  }

  Status afterSubmit() override {
    if (s_.readbackRequested) {
      s_.readbackRequested = false;
      s_.readback.clear();
      for (std::uint32_t view = 0; view < 2; ++view) {
        Swapchain& chain = s_.swapchains[s_.array ? 0 : view];
        gpu::TextureHandle texture = chain.images[chain.acquired];
        auto pixels = s_.device->readback(texture, s_.array ? view : 0);
        if (!pixels) return pixels.error();
        s_.readback.push_back(std::move(pixels.value()));
        SC_TRY(gpu::releaseLayoutNow(*s_.device, texture));
      }
    }
    SC_TRY(s_.releaseImages());
    s_.rendered = true;
    return okStatus();
  }

 private:
  Session::Impl& s_;
};

Status Session::Impl::releaseImages() {
  for (auto& chain : swapchains) {
    if (chain.acquired == UINT32_MAX) continue;
    chain.acquired = UINT32_MAX;
    XrSwapchainImageReleaseInfo releaseInfo{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
    SC_XR_TRY(system->instance, note(xrReleaseSwapchainImage(chain.handle, &releaseInfo)));
  }
  return okStatus();
}

namespace {

Status chooseSpace(Session::Impl& s) {
  XrInstance instance = s.system->instance;
  std::uint32_t count = 0;
  SC_XR_TRY(instance, xrEnumerateReferenceSpaces(s.session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> offered(count);
  SC_XR_TRY(instance, xrEnumerateReferenceSpaces(s.session, count, &count, offered.data()));
  auto has = [&](XrReferenceSpaceType t) { return std::find(offered.begin(), offered.end(), t) != offered.end(); };
  struct Choice {
    SpaceKind kind;
    XrReferenceSpaceType type;
    bool usable;
  };
  // The 1.0.20 core validation layer predates XR_EXT_local_floor: it refuses the enum value with
  // XR_ERROR_VALIDATION_FAILURE before the runtime sees it. Under that layer, stage is used.
  const char* layers = std::getenv("XR_ENABLE_API_LAYERS");
  bool oldValidationLayer = layers && std::strstr(layers, "XR_APILAYER_LUNARG_core_validation");
  bool localFloor = s.system->has(ext::kLocalFloorName) && has(ext::kReferenceSpaceLocalFloor);
  if (localFloor && oldValidationLayer) {
    spdlog::info("OpenXR: local-floor offered but not used: the core validation layer (1.0.20) does not know it");
    localFloor = false;
  }
  const Choice choices[] = {
      {SpaceKind::LocalFloor, ext::kReferenceSpaceLocalFloor, localFloor},
      {SpaceKind::Stage, XR_REFERENCE_SPACE_TYPE_STAGE, has(XR_REFERENCE_SPACE_TYPE_STAGE)},
      {SpaceKind::Local, XR_REFERENCE_SPACE_TYPE_LOCAL, has(XR_REFERENCE_SPACE_TYPE_LOCAL)},
  };
  for (const auto& c : choices) {
    if (int(c.kind) < int(s.options.preferredSpace) || !c.usable) continue;
    XrReferenceSpaceCreateInfo info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    info.referenceSpaceType = c.type;
    info.poseInReferenceSpace.orientation.w = 1.0f;
    SC_XR_TRY(instance, xrCreateReferenceSpace(s.session, &info, &s.space));
    s.spaceKind = c.kind;
    return okStatus();
  }
  return makeError("the XR runtime offers none of the reference spaces local-floor, stage, local");
}

Status createSwapchains(Session::Impl& s) {
  XrInstance instance = s.system->instance;
  std::uint32_t count = 0;
  SC_XR_TRY(instance, xrEnumerateSwapchainFormats(s.session, 0, &count, nullptr));
  std::vector<std::int64_t> formats(count);
  SC_XR_TRY(instance, xrEnumerateSwapchainFormats(s.session, count, &count, formats.data()));
  std::int64_t chosen = 0;
  for (VkFormat wanted : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
    if (std::find(formats.begin(), formats.end(), std::int64_t(wanted)) != formats.end()) {
      chosen = wanted;
      break;
    }
  }
  if (chosen == 0) return makeError("the XR runtime offers no 8-bit sRGB colour swapchain format");
  s.format = *gpu::fromNativeFormat(VkFormat(chosen));
  const auto& view = s.system->views[0];
  s.width = view.recommendedImageRectWidth;
  s.height = view.recommendedImageRectHeight;
  s.array = s.options.preferArraySwapchain && s.device->info().multiviewReliable;

  std::uint32_t chains = s.array ? 1 : 2;
  for (std::uint32_t c = 0; c < chains; ++c) {
    XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    if (s.options.readbackUsage) info.usageFlags |= XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
    info.format = chosen;
    info.sampleCount = 1;
    info.width = s.width;
    info.height = s.height;
    info.faceCount = 1;
    info.arraySize = s.array ? 2 : 1;
    info.mipCount = 1;
    Swapchain chain;
    SC_XR_TRY(instance, xrCreateSwapchain(s.session, &info, &chain.handle));
    s.swapchains.push_back(chain);  // destroyed with the session from here on
    Swapchain& held = s.swapchains.back();
    std::uint32_t imageCount = 0;
    SC_XR_TRY(instance, xrEnumerateSwapchainImages(held.handle, 0, &imageCount, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> images(imageCount, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
    SC_XR_TRY(instance, xrEnumerateSwapchainImages(held.handle, imageCount, &imageCount,
                                                   reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
    for (std::uint32_t i = 0; i < imageCount; ++i) {
      gpu::TextureDesc desc;
      desc.width = s.width;
      desc.height = s.height;
      desc.layers = info.arraySize;
      desc.format = s.format;
      desc.usage = gpu::TextureUsage::ColorAttachment |
                   (s.options.readbackUsage ? gpu::TextureUsage::TransferSrc : 0u);
      desc.arrayView = s.array;
      desc.debugName = fmt::format("XR swapchain {} image {}", c, i);
      gpu::TextureHandle texture = gpu::importImage(*s.device, images[i].image, desc);
      if (!texture.valid()) return makeError("could not make views of XR swapchain image {}", i);
      held.images.push_back(texture);
    }
  }
  spdlog::info("OpenXR swapchains: {} x {}x{} {} ({} images each), space {}", chains, s.width, s.height,
               s.array ? "2-layer array" : "single-layer", s.swapchains[0].images.size(), spaceKindName(s.spaceKind));
  return okStatus();
}

void chooseRefreshRate(Session::Impl& s) {
  if (!s.system->has(XR_FB_DISPLAY_REFRESH_RATE_EXTENSION_NAME)) return;
  auto enumerate = s.system->proc<PFN_xrEnumerateDisplayRefreshRatesFB>("xrEnumerateDisplayRefreshRatesFB");
  auto request = s.system->proc<PFN_xrRequestDisplayRefreshRateFB>("xrRequestDisplayRefreshRateFB");
  if (!enumerate || !request) return;
  std::uint32_t count = 0;
  if (XR_FAILED(enumerate(s.session, 0, &count, nullptr)) || count == 0) return;
  std::vector<float> rates(count);
  if (XR_FAILED(enumerate(s.session, count, &count, rates.data()))) return;
  float best = *std::max_element(rates.begin(), rates.end());
  if (s.options.refreshRateHz > 0.0f) {
    best = *std::min_element(rates.begin(), rates.end(), [&](float a, float b) {
      return std::fabs(a - s.options.refreshRateHz) < std::fabs(b - s.options.refreshRateHz);
    });
  }
  XrResult r = request(s.session, best);
  spdlog::info("OpenXR display refresh rate: {} Hz requested of {} offered ({})", best, count,
               xrResultName(s.system->instance, r));
}

}  // namespace

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Session::~Session() {
  if (!impl_) return;
  Impl& s = *impl_;
  (void)s.device->waitIdle();
  for (auto& chain : s.swapchains) {
    for (auto texture : chain.images) gpu::releaseImage(*s.device, texture);
    if (chain.handle != XR_NULL_HANDLE) xrDestroySwapchain(chain.handle);
  }
  s.input.reset();
  if (s.space != XR_NULL_HANDLE) xrDestroySpace(s.space);
  if (s.session != XR_NULL_HANDLE) xrDestroySession(s.session);
}

Result<std::unique_ptr<Session>> Session::create(System& system, gpu::Device& device, const SessionOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->system = &system.impl();
  impl->device = &device;
  impl->options = options;
  System::Impl& sys = system.impl();
  auto handles = gpu::nativeHandles(device);
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = handles.instance;
  binding.physicalDevice = handles.physicalDevice;
  binding.device = handles.device;
  binding.queueFamilyIndex = handles.queueFamily;
  binding.queueIndex = handles.queueIndex;
  XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
  info.next = &binding;
  info.systemId = sys.systemId;
  SC_XR_TRY(sys.instance, impl->note(xrCreateSession(sys.instance, &info, &impl->session)));
  std::unique_ptr<Session> session(new Session(std::move(impl)));
  Impl& s = *session->impl_;
  s.target = std::make_unique<XrTarget>(s);
  // Opaque is what a VR tour shows; additive / alpha blend (AR) only when asked for later.
  if (!sys.blendModes.empty() &&
      std::find(sys.blendModes.begin(), sys.blendModes.end(), XR_ENVIRONMENT_BLEND_MODE_OPAQUE) == sys.blendModes.end()) {
    s.blendMode = sys.blendModes[0];
  }
  SC_TRY(chooseSpace(s));
  SC_TRY(createSwapchains(s));
  auto input = ActionInput::create(sys, s.session);
  if (!input) return input.error();
  s.input = std::move(input.value());
  chooseRefreshRate(s);
  return session;
}

Status Session::pollEvents() {
  Impl& s = *impl_;
  XrInstance instance = s.system->instance;
  for (;;) {
    XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
    XrResult r = s.note(xrPollEvent(instance, &event));
    if (r == XR_EVENT_UNAVAILABLE) return okStatus();
    SC_XR_TRY(instance, r);
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
        if (changed.session != s.session) break;  // an earlier session's late event
        s.state = toSessionState(changed.state);
        if (s.state > s.highest && s.state <= SessionState::Focused) s.highest = s.state;
        spdlog::info("OpenXR session state: {}", sessionStateName(s.state));
        if (s.state == SessionState::Ready) {
          XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
          begin.primaryViewConfigurationType = kViewConfig;
          SC_XR_TRY(instance, s.note(xrBeginSession(s.session, &begin)));
          s.running = true;
          ++s.begun;
        } else if (s.state == SessionState::Stopping) {
          SC_XR_TRY(instance, s.note(xrEndSession(s.session)));
          s.running = false;
        } else if (s.state == SessionState::Exiting) {
          s.exiting = true;
        } else if (s.state == SessionState::LossPending) {
          s.lost = true;
        }
        break;
      }
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        spdlog::warn("OpenXR: the runtime will go away (instance loss pending)");
        s.instanceLost = s.lost = true;
        break;
      case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
        spdlog::info("OpenXR: interaction profile changed");
        break;
      case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
        spdlog::info("OpenXR: reference space change pending (recentring)");
        break;
      case XR_TYPE_EVENT_DATA_EVENTS_LOST:
        spdlog::warn("OpenXR: {} events lost", reinterpret_cast<const XrEventDataEventsLost&>(event).lostEventCount);
        break;
      default:
        break;
    }
  }
}

SessionState Session::state() const { return impl_->state; }
SessionState Session::highestState() const { return impl_->highest; }
bool Session::running() const { return impl_->running; }
bool Session::exiting() const { return impl_->exiting; }
bool Session::lost() const { return impl_->lost; }
bool Session::instanceLost() const { return impl_->instanceLost; }
std::uint32_t Session::timesBegun() const { return impl_->begun; }

Status Session::requestExit() {
  Impl& s = *impl_;
  if (!s.running) {
    s.exiting = true;
    return okStatus();
  }
  SC_XR_TRY(s.system->instance, s.note(xrRequestExitSession(s.session)));
  return okStatus();
}

Result<Frame> Session::beginFrame() {
  Impl& s = *impl_;
  SC_CHECK(s.running && !s.frameOpen, "beginFrame needs a running session and no open frame");
  XrInstance instance = s.system->instance;
  XrFrameWaitInfo waitInfo{XR_TYPE_FRAME_WAIT_INFO};
  s.frameState = {XR_TYPE_FRAME_STATE};
  SC_XR_TRY(instance, s.note(xrWaitFrame(s.session, &waitInfo, &s.frameState)));
  XrFrameBeginInfo beginInfo{XR_TYPE_FRAME_BEGIN_INFO};
  SC_XR_TRY(instance, s.note(xrBeginFrame(s.session, &beginInfo)));
  s.frameOpen = true;
  s.rendered = false;

  Frame frame;
  frame.displayTimeNs = s.frameState.predictedDisplayTime;
  frame.periodNs = s.frameState.predictedDisplayPeriod;
  SC_TRY(s.input->update(s.state == SessionState::Focused, s.space, s.frameState.predictedDisplayTime));
  if (!s.frameState.shouldRender) return frame;

  XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
  locate.viewConfigurationType = kViewConfig;
  locate.displayTime = s.frameState.predictedDisplayTime;
  locate.space = s.space;
  XrViewState viewState{XR_TYPE_VIEW_STATE};
  std::uint32_t count = 0;
  s.views = {XrView{XR_TYPE_VIEW}, XrView{XR_TYPE_VIEW}};
  SC_XR_TRY(instance, s.note(xrLocateViews(s.session, &locate, &viewState, 2, &count, s.views.data())));
  bool valid = count == 2 && (viewState.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) &&
               (viewState.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT);
  // Without a pose (tracking lost) nothing is drawn this frame: an empty frame is better than
  // a world glued to the face.
  if (!valid) return frame;
  for (std::size_t i = 0; i < 2; ++i) {
    frame.views[i].pose = toPose(s.views[i].pose);
    frame.views[i].fov = {s.views[i].fov.angleLeft, s.views[i].fov.angleRight, s.views[i].fov.angleUp,
                          s.views[i].fov.angleDown};
  }
  frame.shouldRender = true;
  return frame;
}

gpu::RenderTarget& Session::target() { return *impl_->target; }

Status Session::endFrame() {
  Impl& s = *impl_;
  SC_CHECK(s.frameOpen, "endFrame without beginFrame");
  s.frameOpen = false;
  // A frame whose rendering failed still hands its images back before ending.
  bool heldImages = std::any_of(s.swapchains.begin(), s.swapchains.end(),
                                [](const Swapchain& c) { return c.acquired != UINT32_MAX; });
  if (heldImages) {
    SC_TRY(s.releaseImages());
    s.rendered = false;
  }
  std::array<XrCompositionLayerProjectionView, 2> views{};
  XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  const XrCompositionLayerBaseHeader* layers[1] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection)};
  bool submit = s.rendered && s.frameState.shouldRender;
  if (submit) {
    for (std::uint32_t i = 0; i < 2; ++i) {
      views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      views[i].pose = s.views[i].pose;
      views[i].fov = s.views[i].fov;
      views[i].subImage.swapchain = s.swapchains[s.array ? 0 : i].handle;
      views[i].subImage.imageRect = {{0, 0}, {std::int32_t(s.width), std::int32_t(s.height)}};
      views[i].subImage.imageArrayIndex = s.array ? i : 0;
    }
    projection.space = s.space;
    projection.viewCount = 2;
    projection.views = views.data();
  }
  XrFrameEndInfo endInfo{XR_TYPE_FRAME_END_INFO};
  endInfo.displayTime = s.frameState.predictedDisplayTime;
  endInfo.environmentBlendMode = s.blendMode;
  endInfo.layerCount = submit ? 1 : 0;
  endInfo.layers = submit ? layers : nullptr;
  SC_XR_TRY(s.system->instance, s.note(xrEndFrame(s.session, &endInfo)));
  ++s.ended;
  if (submit) ++s.submitted;
  return okStatus();
}

const InputState& Session::input() const { return impl_->input->state(); }
const std::vector<BindingResult>& Session::bindings() const { return impl_->input->bindings(); }
SpaceKind Session::space() const { return impl_->spaceKind; }
float Session::floorOffset() const { return impl_->spaceKind == SpaceKind::Local ? impl_->options.eyeHeight : 0.0f; }
std::uint32_t Session::width() const { return impl_->width; }
std::uint32_t Session::height() const { return impl_->height; }
bool Session::arraySwapchain() const { return impl_->array; }
std::uint64_t Session::framesSubmitted() const { return impl_->submitted; }
std::uint64_t Session::framesEnded() const { return impl_->ended; }

void Session::requestReadback() {
  SC_CHECK(impl_->options.readbackUsage, "requestReadback needs SessionOptions::readbackUsage");
  impl_->readbackRequested = true;
}

std::vector<ImageRgba8> Session::takeReadback() { return std::move(impl_->readback); }

}  // namespace sc::xr
