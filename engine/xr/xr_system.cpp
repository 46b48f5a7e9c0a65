// OpenXR instance, system (HMD) and the Vulkan objects made through XR_KHR_vulkan_enable2.
#include "xr/xr_system.hpp"

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

#include "gpu/vk_interop.hpp"
#include "xr/xr_ext.hpp"
#include "xr/xr_internal.hpp"

namespace sc::xr {

namespace {

// Extensions enabled when offered. The interaction-profile ones only make their profiles'
// binding suggestions legal (see xr_input.cpp).
constexpr const char* kOptionalExtensions[] = {
    XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME,
    XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME,
    XR_FB_DISPLAY_REFRESH_RATE_EXTENSION_NAME,
    XR_EXT_DEBUG_UTILS_EXTENSION_NAME,
    XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME,
    XR_EXT_SAMSUNG_ODYSSEY_CONTROLLER_EXTENSION_NAME,
    XR_HTC_VIVE_COSMOS_CONTROLLER_INTERACTION_EXTENSION_NAME,
    XR_HUAWEI_CONTROLLER_INTERACTION_EXTENSION_NAME,
    XR_MSFT_HAND_INTERACTION_EXTENSION_NAME,
    ext::kLocalFloorName,
    ext::kHandInteractionName,
    ext::kViveFocus3Name,
    ext::kBdControllerName,
};

// The one message the 1.0.20 core validation layer prints for correct XR_KHR_vulkan_enable2
// use: XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR has the value of XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR
// and the layer asks for XR_KHR_vulkan_enable (shared/RECIPES.md, "A real OpenXR runtime").
bool isKnownLayerFalsePositive(const char* message) {
  return message && std::strstr(message, "XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR") &&
         std::strstr(message, "XR_KHR_vulkan_enable");
}

XRAPI_ATTR XrBool32 XRAPI_CALL onXrMessage(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                           XrDebugUtilsMessageTypeFlagsEXT /*types*/,
                                           const XrDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* impl = static_cast<System::Impl*>(user);
  const char* text = data && data->message ? data->message : "";
  const char* function = data && data->functionName ? data->functionName : "";
  if (severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    if (isKnownLayerFalsePositive(text)) {
      ++impl->whitelistedMessages;
      spdlog::debug("OpenXR validation (known 1.0.20 layer false positive): {}: {}", function, text);
    } else {
      ++impl->validationErrors;
      spdlog::error("OpenXR validation: {}: {}", function, text);
    }
  } else if (severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    spdlog::warn("OpenXR: {}: {}", function, text);
  } else {
    spdlog::debug("OpenXR: {}: {}", function, text);
  }
  return XR_FALSE;
}

std::string vkName(VkResult result) { return fmt::format("VkResult {}", int(result)); }

}  // namespace

std::string xrResultName(XrInstance instance, XrResult result) {
  char buffer[XR_MAX_RESULT_STRING_SIZE] = {};
  if (instance != XR_NULL_HANDLE && XR_SUCCEEDED(xrResultToString(instance, result, buffer))) return buffer;
  switch (result) {
    case XR_ERROR_RUNTIME_UNAVAILABLE: return "XR_ERROR_RUNTIME_UNAVAILABLE";
    case XR_ERROR_RUNTIME_FAILURE: return "XR_ERROR_RUNTIME_FAILURE";
    case XR_ERROR_INSTANCE_LOST: return "XR_ERROR_INSTANCE_LOST";
    case XR_ERROR_INITIALIZATION_FAILED: return "XR_ERROR_INITIALIZATION_FAILED";
    case XR_ERROR_EXTENSION_NOT_PRESENT: return "XR_ERROR_EXTENSION_NOT_PRESENT";
    case XR_ERROR_API_LAYER_NOT_PRESENT: return "XR_ERROR_API_LAYER_NOT_PRESENT";
    case XR_ERROR_FORM_FACTOR_UNAVAILABLE: return "XR_ERROR_FORM_FACTOR_UNAVAILABLE";
    default: return fmt::format("XrResult {}", int(result));
  }
}

SessionState toSessionState(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_IDLE: return SessionState::Idle;
    case XR_SESSION_STATE_READY: return SessionState::Ready;
    case XR_SESSION_STATE_SYNCHRONIZED: return SessionState::Synchronized;
    case XR_SESSION_STATE_VISIBLE: return SessionState::Visible;
    case XR_SESSION_STATE_FOCUSED: return SessionState::Focused;
    case XR_SESSION_STATE_STOPPING: return SessionState::Stopping;
    case XR_SESSION_STATE_LOSS_PENDING: return SessionState::LossPending;
    case XR_SESSION_STATE_EXITING: return SessionState::Exiting;
    default: return SessionState::Unknown;
  }
}

XrEnvironmentBlendMode toXrBlendMode(BlendMode mode) {
  switch (mode) {
    case BlendMode::Opaque: return XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    case BlendMode::Additive: return XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
    case BlendMode::AlphaBlend: return XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND;
  }
  return XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
}

const char* sessionStateName(SessionState state) {
  switch (state) {
    case SessionState::Unknown: return "UNKNOWN";
    case SessionState::Idle: return "IDLE";
    case SessionState::Ready: return "READY";
    case SessionState::Synchronized: return "SYNCHRONIZED";
    case SessionState::Visible: return "VISIBLE";
    case SessionState::Focused: return "FOCUSED";
    case SessionState::Stopping: return "STOPPING";
    case SessionState::LossPending: return "LOSS_PENDING";
    case SessionState::Exiting: return "EXITING";
  }
  return "?";
}

const char* spaceKindName(SpaceKind kind) {
  switch (kind) {
    case SpaceKind::LocalFloor: return "local-floor";
    case SpaceKind::Stage: return "stage";
    case SpaceKind::Local: return "local";
  }
  return "?";
}

Pose toPose(const XrPosef& pose) {
  Pose out;
  out.orientation = glm::quat(pose.orientation.w, pose.orientation.x, pose.orientation.y, pose.orientation.z);
  out.position = {pose.position.x, pose.position.y, pose.position.z};
  return out;
}

System::System(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

System::~System() {
  if (!impl_ || impl_->instance == XR_NULL_HANDLE) return;
  if (impl_->messenger != XR_NULL_HANDLE) {
    if (auto destroy = impl_->proc<PFN_xrDestroyDebugUtilsMessengerEXT>("xrDestroyDebugUtilsMessengerEXT"))
      destroy(impl_->messenger);
  }
  xrDestroyInstance(impl_->instance);
}

Result<std::unique_ptr<System>> System::create(const SystemOptions& options, Availability* availability) {
  Availability ignored;
  Availability& why = availability ? *availability : ignored;
  why = Availability::Failed;
  std::uint32_t count = 0;
  XrResult result = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
  if (XR_FAILED(result)) {
    why = Availability::NoRuntime;
    return makeError("no OpenXR runtime is available ({}): install and start one (SteamVR, Monado, the "
                     "headset vendor's) or point XR_RUNTIME_JSON at its manifest",
                     xrResultName(XR_NULL_HANDLE, result));
  }
  std::vector<XrExtensionProperties> offered(count, {XR_TYPE_EXTENSION_PROPERTIES});
  SC_XR_TRY(XR_NULL_HANDLE, xrEnumerateInstanceExtensionProperties(nullptr, count, &count, offered.data()));
  auto isOffered = [&](const char* name) {
    return std::any_of(offered.begin(), offered.end(),
                       [&](const XrExtensionProperties& p) { return std::strcmp(p.extensionName, name) == 0; });
  };
  if (!isOffered(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    return makeError("the OpenXR runtime does not offer {} (Vulkan rendering); use a runtime with Vulkan support",
                     XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
  }
  auto impl = std::make_unique<Impl>();
  impl->enabledExtensions.push_back(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
  for (const char* name : kOptionalExtensions)
    if (isOffered(name)) impl->enabledExtensions.push_back(name);
  std::vector<const char*> names;
  for (const auto& e : impl->enabledExtensions) names.push_back(e.c_str());

  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::snprintf(info.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "%s", options.appName.c_str());
  info.applicationInfo.applicationVersion = 1;
  std::snprintf(info.applicationInfo.engineName, XR_MAX_ENGINE_NAME_SIZE, "%s", "shancheng");
  info.applicationInfo.engineVersion = 1;
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  info.enabledExtensionCount = std::uint32_t(names.size());
  info.enabledExtensionNames = names.data();
  result = xrCreateInstance(&info, &impl->instance);
  if (XR_FAILED(result)) {
    // INITIALIZATION_FAILED too: the runtime could not start (seen with Monado's IPC client and
    // no monado-service behind the core validation layer, which turns RUNTIME_FAILURE into it).
    if (result == XR_ERROR_RUNTIME_UNAVAILABLE || result == XR_ERROR_RUNTIME_FAILURE ||
        result == XR_ERROR_INSTANCE_LOST || result == XR_ERROR_INITIALIZATION_FAILED) {
      why = Availability::NoRuntime;
    }
    return makeError("creating the OpenXR instance failed: {}; is the runtime running and are the layers "
                     "in XR_ENABLE_API_LAYERS installed?",
                     xrResultName(XR_NULL_HANDLE, result));
  }
  std::unique_ptr<System> system(new System(std::move(impl)));
  Impl& s = *system->impl_;

  if (s.has(XR_EXT_DEBUG_UTILS_EXTENSION_NAME)) {
    XrDebugUtilsMessengerCreateInfoEXT messenger{XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messenger.messageSeverities = XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                                  XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
    messenger.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                             XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                             XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT |
                             XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
    messenger.userCallback = onXrMessage;
    messenger.userData = &s;
    auto create = s.proc<PFN_xrCreateDebugUtilsMessengerEXT>("xrCreateDebugUtilsMessengerEXT");
    XrResult made = create ? create(s.instance, &messenger, &s.messenger) : XR_ERROR_FUNCTION_UNSUPPORTED;
    if (XR_FAILED(made)) spdlog::warn("OpenXR: no debug messenger ({})", xrResultName(s.instance, made));
  }

  XrInstanceProperties properties{XR_TYPE_INSTANCE_PROPERTIES};
  SC_XR_TRY(s.instance, xrGetInstanceProperties(s.instance, &properties));
  s.runtimeName = fmt::format("{} {}.{}.{}", properties.runtimeName, XR_VERSION_MAJOR(properties.runtimeVersion),
                              XR_VERSION_MINOR(properties.runtimeVersion), XR_VERSION_PATCH(properties.runtimeVersion));

  XrSystemGetInfo systemInfo{XR_TYPE_SYSTEM_GET_INFO};
  systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  result = xrGetSystem(s.instance, &systemInfo, &s.systemId);
  if (result == XR_ERROR_FORM_FACTOR_UNAVAILABLE || result == XR_ERROR_FORM_FACTOR_UNSUPPORTED) {
    why = Availability::NoHeadset;
    return makeError("the OpenXR runtime ({}) has no headset connected ({}); connect and switch on the headset",
                     s.runtimeName, xrResultName(s.instance, result));
  }
  SC_XR_TRY(s.instance, result);
  XrSystemProperties systemProperties{XR_TYPE_SYSTEM_PROPERTIES};
  SC_XR_TRY(s.instance, xrGetSystemProperties(s.instance, s.systemId, &systemProperties));
  s.systemName = systemProperties.systemName;

  std::uint32_t viewCount = 0;
  SC_XR_TRY(s.instance, xrEnumerateViewConfigurationViews(s.instance, s.systemId,
                                                          XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr));
  if (viewCount != 2) {
    return makeError("the headset '{}' offers {} views for primary stereo; 2 are needed", s.systemName, viewCount);
  }
  s.views.assign(viewCount, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
  SC_XR_TRY(s.instance, xrEnumerateViewConfigurationViews(s.instance, s.systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                          viewCount, &viewCount, s.views.data()));
  std::uint32_t blendCount = 0;
  SC_XR_TRY(s.instance, xrEnumerateEnvironmentBlendModes(s.instance, s.systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                         0, &blendCount, nullptr));
  s.blendModes.resize(blendCount);
  SC_XR_TRY(s.instance, xrEnumerateEnvironmentBlendModes(s.instance, s.systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                         blendCount, &blendCount, s.blendModes.data()));

  s.createVulkanInstance = s.proc<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
  s.getVulkanGraphicsDevice = s.proc<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
  s.createVulkanDevice = s.proc<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");
  s.getVulkanGraphicsRequirements = s.proc<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR");
  if (!s.createVulkanInstance || !s.getVulkanGraphicsDevice || !s.createVulkanDevice || !s.getVulkanGraphicsRequirements) {
    return makeError("the OpenXR runtime lists {} but lacks its functions", XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
  }
  spdlog::info("OpenXR: {} on {}, {}x{} per eye (recommended)", s.runtimeName, s.systemName,
               s.views[0].recommendedImageRectWidth, s.views[0].recommendedImageRectHeight);
  why = Availability::Available;
  return system;
}

const std::string& System::runtimeName() const { return impl_->runtimeName; }
const std::string& System::systemName() const { return impl_->systemName; }
bool System::extensionEnabled(std::string_view name) const { return impl_->has(name); }
std::uint32_t System::viewCount() const { return std::uint32_t(impl_->views.size()); }
std::uint32_t System::recommendedWidth() const { return impl_->views.at(0).recommendedImageRectWidth; }
std::uint32_t System::recommendedHeight() const { return impl_->views.at(0).recommendedImageRectHeight; }
std::vector<BlendMode> System::blendModes() const {
  std::vector<BlendMode> modes;
  for (XrEnvironmentBlendMode m : impl_->blendModes) {
    if (m == XR_ENVIRONMENT_BLEND_MODE_OPAQUE) modes.push_back(BlendMode::Opaque);
    if (m == XR_ENVIRONMENT_BLEND_MODE_ADDITIVE) modes.push_back(BlendMode::Additive);
    if (m == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND) modes.push_back(BlendMode::AlphaBlend);
  }
  return modes;
}
std::uint32_t System::validationErrorCount() const { return impl_->validationErrors; }
std::uint32_t System::whitelistedCount() const { return impl_->whitelistedMessages; }

Result<std::unique_ptr<gpu::Device>> System::createDevice(const gpu::DeviceOptions& options) {
  Impl& s = *impl_;
  // Required before any Vulkan call for this system (and before xrCreateSession).
  XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  SC_XR_TRY(s.instance, s.getVulkanGraphicsRequirements(s.instance, s.systemId, &requirements));
  if (XR_VERSION_MAJOR(requirements.minApiVersionSupported) > 1 ||
      (XR_VERSION_MAJOR(requirements.minApiVersionSupported) == 1 && XR_VERSION_MINOR(requirements.minApiVersionSupported) > 3)) {
    return makeError("the OpenXR runtime needs Vulkan {}.{} or newer; the engine uses Vulkan 1.3",
                     XR_VERSION_MAJOR(requirements.minApiVersionSupported), XR_VERSION_MINOR(requirements.minApiVersionSupported));
  }
  gpu::ExternalVulkanCreators creators;
  creators.createInstance = [&s](const VkInstanceCreateInfo& info, PFN_vkGetInstanceProcAddr gipa) -> Result<VkInstance> {
    XrVulkanInstanceCreateInfoKHR create{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
    create.systemId = s.systemId;
    create.pfnGetInstanceProcAddr = gipa;
    create.vulkanCreateInfo = &info;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult vk = VK_SUCCESS;
    SC_XR_TRY(s.instance, s.createVulkanInstance(s.instance, &create, &instance, &vk));
    if (vk != VK_SUCCESS) {
      return makeError("the OpenXR runtime could not create the Vulkan instance ({}); is a Vulkan 1.3 driver "
                       "installed (mesa-vulkan-drivers for lavapipe)?", vkName(vk));
    }
    return instance;
  };
  creators.physicalDevice = [&s](VkInstance instance) -> Result<VkPhysicalDevice> {
    XrVulkanGraphicsDeviceGetInfoKHR get{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
    get.systemId = s.systemId;
    get.vulkanInstance = instance;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    SC_XR_TRY(s.instance, s.getVulkanGraphicsDevice(s.instance, &get, &physical));
    return physical;
  };
  creators.createDevice = [&s](VkPhysicalDevice physical, const VkDeviceCreateInfo& info,
                               PFN_vkGetInstanceProcAddr gipa) -> Result<VkDevice> {
    XrVulkanDeviceCreateInfoKHR create{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
    create.systemId = s.systemId;
    create.pfnGetInstanceProcAddr = gipa;
    create.vulkanPhysicalDevice = physical;
    create.vulkanCreateInfo = &info;
    VkDevice device = VK_NULL_HANDLE;
    VkResult vk = VK_SUCCESS;
    SC_XR_TRY(s.instance, s.createVulkanDevice(s.instance, &create, &device, &vk));
    if (vk != VK_SUCCESS) return makeError("the OpenXR runtime could not create the Vulkan device ({})", vkName(vk));
    return device;
  };
  return gpu::createDeviceExternally(options, creators);
}

}  // namespace sc::xr
