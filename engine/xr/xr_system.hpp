#pragma once
// An OpenXR instance and its head-mounted display (the "system"), through the Khronos loader.
// Needs XR_KHR_vulkan_enable2; the runtime chooses the GPU and creates the Vulkan instance and
// device (createDevice). Enables, when the runtime offers them: composition_layer_depth,
// XR_EXT_local_floor, XR_FB_display_refresh_rate, XR_EXT_debug_utils (validation messages are
// counted) and the extensions of the controller and hand profiles the input binds.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "gpu/device.hpp"
#include "xr/xr_types.hpp"

namespace sc::xr {

struct SystemOptions {
  std::string appName = "shancheng";
};

class System {
 public:
  // Fails with one clear message; `availability` (optional) says whether the cause is a missing
  // runtime or headset (the caller may fall back to the desktop) or something else.
  static Result<std::unique_ptr<System>> create(const SystemOptions& options,
                                                Availability* availability = nullptr);
  ~System();
  System(const System&) = delete;
  System& operator=(const System&) = delete;

  const std::string& runtimeName() const;  // e.g. "Monado(XRT) by Collabora et al ..."
  const std::string& systemName() const;   // e.g. "Monado: Simulated HMD"
  bool extensionEnabled(std::string_view name) const;
  std::uint32_t viewCount() const;         // 2 for primary stereo
  std::uint32_t recommendedWidth() const;  // per view, pixels
  std::uint32_t recommendedHeight() const;
  // The environment blend modes offered for primary stereo, the runtime's preference first
  // (modes this engine does not know are left out).
  std::vector<BlendMode> blendModes() const;

  // A gpu::Device on the runtime's GPU, its VkInstance and VkDevice made by the runtime
  // (xrCreateVulkanInstanceKHR / xrCreateVulkanDeviceKHR) with the engine's features and, when
  // options.validation is set, the Khronos validation layer.
  Result<std::unique_ptr<gpu::Device>> createDevice(const gpu::DeviceOptions& options);

  // Errors reported through XR_EXT_debug_utils (the core validation layer when it is enabled
  // with XR_ENABLE_API_LAYERS), less known layer false positives (whitelistedCount()).
  std::uint32_t validationErrorCount() const;
  std::uint32_t whitelistedCount() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit System(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::xr
