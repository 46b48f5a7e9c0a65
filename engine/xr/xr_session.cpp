// The OpenXR session: state machine, swapchains as a RenderTarget, spaces and the frame loop.
#include "xr/xr_session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <glm/gtc/constants.hpp>
#include <spdlog/spdlog.h>

#include "gpu/vk_interop.hpp"
#include "xr/xr_ext.hpp"
#include "xr/xr_input.hpp"
#include "xr/xr_internal.hpp"
#include "xr/xr_session_impl.hpp"

namespace sc::xr {

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
    XrInstance instance = s_.system->instance;
    for (auto& chain : s_.swapchains) {
      SC_TRY(acquireImage(instance, chain, s_.noter()));
      if (s_.array) image.color = chain.images[chain.acquired];
      else image.viewColors.push_back(chain.images[chain.acquired]);
    }
    std::vector<gpu::TextureHandle> depths;
    for (auto& chain : s_.depthChains) {
      SC_TRY(acquireImage(instance, chain, s_.noter()));
      depths.push_back(chain.images[chain.acquired]);
    }
    gpu::setDepthExport(*s_.device, kMainPassName, std::move(depths));
    return image;
  }

  void beforeSubmit(gpu::CommandList&) override {
    // OpenXR wants swapchain images back in COLOR_ATTACHMENT_OPTIMAL (colour) and
    // DEPTH_STENCIL_ATTACHMENT_OPTIMAL (depth).
    for (auto* chains : {&s_.swapchains, &s_.depthChains})
      for (auto& chain : *chains)
        if (chain.acquired != UINT32_MAX) gpu::recordReleaseLayout(*s_.device, chain.images[chain.acquired]);
    s_.depthWritten = !s_.depthChains.empty() && gpu::depthExportsDone(*s_.device) == s_.depthChains.size();
    gpu::setDepthExport(*s_.device, {}, {});
  }

  Status afterSubmit() override {
    if (s_.readbackRequested) {
      s_.readbackRequested = false;
      s_.readback.clear();
      s_.depthReadback.clear();
      for (std::uint32_t view = 0; view < 2; ++view) {
        Swapchain& chain = s_.swapchains[s_.array ? 0 : view];
        gpu::TextureHandle texture = chain.images[chain.acquired];
        auto pixels = s_.device->readback(texture, s_.array ? view : 0);
        if (!pixels) return pixels.error();
        s_.readback.push_back(std::move(pixels.value()));
        SC_TRY(gpu::releaseLayoutNow(*s_.device, texture));
        if (!s_.depthWritten) continue;
        Swapchain& depthChain = s_.depthChains[s_.array ? 0 : view];
        gpu::TextureHandle depth = depthChain.images[depthChain.acquired];
        auto depths = gpu::readbackDepth(*s_.device, depth, s_.array ? view : 0);
        if (!depths) return depths.error();
        s_.depthReadback.push_back(std::move(depths.value()));
        SC_TRY(gpu::releaseLayoutNow(*s_.device, depth));
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
  for (auto* chains : {&swapchains, &depthChains})
    for (auto& chain : *chains) SC_TRY(releaseImage(system->instance, chain, noter()));
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
  auto offered = [&](VkFormat f) { return std::find(formats.begin(), formats.end(), std::int64_t(f)) != formats.end(); };
  std::int64_t chosen = 0;
  for (VkFormat wanted : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
    if (offered(wanted)) {
      chosen = wanted;
      break;
    }
  }
  if (chosen == 0) return makeError("the XR runtime offers no 8-bit sRGB colour swapchain format");
  s.nativeFormat = chosen;
  s.format = *gpu::fromNativeFormat(VkFormat(chosen));
  const auto& view = s.system->views[0];
  s.width = view.recommendedImageRectWidth;
  s.height = view.recommendedImageRectHeight;
  if (s.options.maxEyeWidth > 0 && s.width > s.options.maxEyeWidth) {
    s.height = std::max(1u, std::uint32_t(std::uint64_t(s.height) * s.options.maxEyeWidth / s.width));
    s.width = s.options.maxEyeWidth;
  }
  s.array = s.options.preferArraySwapchain && s.device->info().multiviewReliable;
  bool depth = s.options.submitDepth && s.system->has(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  if (depth && !offered(VK_FORMAT_D32_SFLOAT)) {
    spdlog::info("OpenXR: depth layer offered but not the D32_SFLOAT swapchain format; no depth submitted");
    depth = false;
  }

  std::uint32_t chains = s.array ? 1 : 2;
  for (std::uint32_t c = 0; c < chains; ++c) {
    SwapchainSpec spec;
    spec.nativeFormat = chosen;
    spec.format = s.format;
    spec.width = s.width;
    spec.height = s.height;
    spec.layers = s.array ? 2 : 1;
    spec.xrUsage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    spec.textureUsage = gpu::TextureUsage::ColorAttachment;
    if (s.options.readbackUsage) {
      spec.xrUsage |= XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
      spec.textureUsage |= gpu::TextureUsage::TransferSrc;
    }
    spec.name = fmt::format("eye {}", c);
    s.swapchains.emplace_back();  // destroyed with the session from here on, even half made
    SC_TRY(createSwapchain(instance, s.session, *s.device, spec, s.noter(), s.swapchains.back()));
    if (!depth) continue;
    spec.nativeFormat = VK_FORMAT_D32_SFLOAT;
    spec.format = gpu::Format::Depth32Float;
    spec.xrUsage = (spec.xrUsage & ~XrSwapchainUsageFlags(XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT)) |
                   XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    spec.textureUsage = (spec.textureUsage & ~std::uint32_t(gpu::TextureUsage::ColorAttachment)) |
                        gpu::TextureUsage::DepthAttachment;
    spec.name = fmt::format("depth {}", c);
    s.depthChains.emplace_back();
    SC_TRY(createSwapchain(instance, s.session, *s.device, spec, s.noter(), s.depthChains.back()));
  }
  spdlog::info("OpenXR swapchains: {} x {}x{} {} ({} images each){}, space {}", chains, s.width, s.height,
               s.array ? "2-layer array" : "single-layer", s.swapchains[0].images.size(),
               depth ? " + depth (Depth32Float)" : "", spaceKindName(s.spaceKind));
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
  s.refreshRates = rates;
  if (XR_SUCCEEDED(r)) s.refreshRate = best;
  std::string offered;
  for (float rate : rates) offered += fmt::format("{}{:g}", offered.empty() ? "" : ", ", rate);
  spdlog::info("OpenXR display refresh rate: {:g} Hz requested of {} ({})", best, offered,
               xrResultName(s.system->instance, r));
}

}  // namespace

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Session::~Session() {
  if (!impl_) return;
  Impl& s = *impl_;
  (void)s.device->waitIdle();
  for (auto* chains : {&s.swapchains, &s.depthChains})
    for (auto& chain : *chains) destroySwapchain(*s.device, chain);
  destroySwapchain(*s.device, s.panel);
  destroySwapchain(*s.device, s.panorama);
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
  // The caller chose among System::blendModes(); a mode the runtime does not list is refused
  // by xrEndFrame, so it is checked here once.
  XrEnvironmentBlendMode wanted = toXrBlendMode(options.blendMode);
  if (!sys.blendModes.empty() &&
      std::find(sys.blendModes.begin(), sys.blendModes.end(), wanted) == sys.blendModes.end()) {
    return makeError("the XR runtime does not offer the {} environment blend mode", blendModeName(options.blendMode));
  }
  s.blendMode = wanted;
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

const InputState& Session::input() const { return impl_->input->state(); }
const std::vector<BindingResult>& Session::bindings() const { return impl_->input->bindings(); }
SpaceKind Session::space() const { return impl_->spaceKind; }
float Session::floorOffset() const { return impl_->spaceKind == SpaceKind::Local ? impl_->options.eyeHeight : 0.0f; }
std::uint32_t Session::width() const { return impl_->width; }
std::uint32_t Session::height() const { return impl_->height; }
bool Session::arraySwapchain() const { return impl_->array; }
std::uint64_t Session::framesSubmitted() const { return impl_->submitted; }
std::uint64_t Session::framesEnded() const { return impl_->ended; }
std::uint64_t Session::framesWithDepth() const { return impl_->withDepth; }
std::uint64_t Session::framesWithPanel() const { return impl_->withPanel; }
std::uint64_t Session::framesWithPanorama() const { return impl_->withPanorama; }
std::uint64_t Session::framesWithAlphaProjection() const { return impl_->withAlphaProjection; }
BlendMode Session::blendMode() const { return impl_->options.blendMode; }

void Session::requestReadback() {
  SC_CHECK(impl_->options.readbackUsage, "requestReadback needs SessionOptions::readbackUsage");
  impl_->readbackRequested = true;
}

float Session::refreshRate() const { return impl_->refreshRate; }
const std::vector<float>& Session::refreshRatesOffered() const { return impl_->refreshRates; }

void Session::simulateLoss(bool instance) {
  spdlog::warn("OpenXR: simulating the loss of the {} (test)", instance ? "instance" : "session");
  impl_->lost = true;
  if (instance) impl_->instanceLost = true;
}

std::vector<ImageRgba8> Session::takeReadback() { return std::move(impl_->readback); }
std::vector<std::vector<float>> Session::takeDepthReadback() { return std::move(impl_->depthReadback); }

}  // namespace sc::xr
