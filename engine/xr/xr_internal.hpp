#pragma once
// engine/xr internals: OpenXR types, error helpers and the System's state shared by the
// session. Never included outside engine/xr.
#include <string>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "core/result.hpp"
#include "xr/xr_system.hpp"

namespace sc::xr {

// "XR_ERROR_SESSION_LOST" etc.; works without an instance (for errors before it exists).
std::string xrResultName(XrInstance instance, XrResult result);

#define SC_XR_TRY(instance, call)                                                              \
  do {                                                                                         \
    XrResult scXrResult_ = (call);                                                             \
    if (XR_FAILED(scXrResult_))                                                                \
      return ::sc::makeError("OpenXR call {} failed: {} ({}:{})", #call,                       \
                             ::sc::xr::xrResultName((instance), scXrResult_), __FILE__, __LINE__); \
  } while (0)

struct System::Impl {
  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId systemId = XR_NULL_SYSTEM_ID;
  XrDebugUtilsMessengerEXT messenger = XR_NULL_HANDLE;
  std::vector<std::string> enabledExtensions;
  std::string runtimeName;
  std::string systemName;
  std::vector<XrViewConfigurationView> views;
  std::vector<XrEnvironmentBlendMode> blendModes;
  std::uint32_t validationErrors = 0;
  std::uint32_t whitelistedMessages = 0;

  PFN_xrCreateVulkanInstanceKHR createVulkanInstance = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR getVulkanGraphicsDevice = nullptr;
  PFN_xrCreateVulkanDeviceKHR createVulkanDevice = nullptr;
  PFN_xrGetVulkanGraphicsRequirements2KHR getVulkanGraphicsRequirements = nullptr;

  bool has(std::string_view extension) const {
    for (const auto& e : enabledExtensions)
      if (e == extension) return true;
    return false;
  }
  template <typename Fn>
  Fn proc(const char* name) const {
    PFN_xrVoidFunction fn = nullptr;
    if (XR_FAILED(xrGetInstanceProcAddr(instance, name, &fn))) return nullptr;
    return reinterpret_cast<Fn>(fn);
  }
};

SessionState toSessionState(XrSessionState state);
XrEnvironmentBlendMode toXrBlendMode(BlendMode mode);
Pose toPose(const XrPosef& pose);

}  // namespace sc::xr
