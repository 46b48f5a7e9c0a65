// Instance, validation, physical-device choice and logical device creation.
#include <algorithm>
#include <cctype>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/file_io.hpp"
#include "gpu/vk_interop.hpp"
#include "gpu/vk_state.hpp"

namespace sc::gpu {

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

const char* deviceTypeName(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU";
    default: return "other";
  }
}

int typeRank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

// Messages the validation layer is known to print for correct use are not counted as errors.
// Keep this list empty unless a layer bug is documented next to the entry.
bool isKnownFalsePositive(const char* /*messageIdName*/) { return false; }

VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT type,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* state = static_cast<DeviceState*>(user);
  if (!(type & VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT)) {
    // The loader's own reports (missing driver manifests and the like): our caller explains
    // the consequence in one line, so these are details for --verbose.
    spdlog::debug("Vulkan loader: {}", data->pMessage);
    return VK_FALSE;
  }
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    if (!isKnownFalsePositive(data->pMessageIdName)) {
      ++state->validationErrors;
      spdlog::error("Vulkan validation: {}", data->pMessage);
    }
  } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    spdlog::warn("Vulkan validation: {}", data->pMessage);
  }
  return VK_FALSE;
}

bool hasLayer(const char* name) {
  std::uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  return std::any_of(layers.begin(), layers.end(),
                     [&](const auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

Result<VkInstance> createInstance(DeviceState& state, bool validation,
                                  const ExternalVulkanCreators* creators = nullptr) {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = state.options.appName.c_str();
  app.pEngineName = "shancheng";
  app.apiVersion = VK_API_VERSION_1_3;

  std::vector<const char*> extensions;
  for (const auto& e : state.options.instanceExtensions) extensions.push_back(e.c_str());
  std::vector<const char*> layers;
  if (validation) {
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    layers.push_back(kValidationLayer);
  }

  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = std::uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  info.enabledLayerCount = std::uint32_t(layers.size());
  info.ppEnabledLayerNames = layers.data();

  VkDebugUtilsMessengerCreateInfoEXT messenger{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
  messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger.pfnUserCallback = onValidationMessage;
  messenger.pUserData = &state;
  VkValidationFeatureEnableEXT syncFeature = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
  VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = &syncFeature;
  if (validation) {
    // The messenger in the chain also reports instance creation; the validation features
    // (synchronisation validation) go before it.
    info.pNext = &messenger;
    if (state.options.syncValidation) {
      features.pNext = &messenger;
      info.pNext = &features;
    }
  }

  VkInstance instance = VK_NULL_HANDLE;
  if (creators) {
    auto made = creators->createInstance(info, vkGetInstanceProcAddr);
    if (!made) return made.error();
    instance = *made;
  }
  VkResult result = creators ? VK_SUCCESS : vkCreateInstance(&info, nullptr, &instance);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER || result == VK_ERROR_INITIALIZATION_FAILED) {
    return makeError("no Vulkan 1.3 driver is installed ({}); install your GPU's Vulkan driver, "
                     "or mesa-vulkan-drivers for the lavapipe CPU renderer",
                     vkResultName(result));
  }
  SC_VK_TRY(result);
  if (validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create) create(instance, &messenger, nullptr, &state.messenger);
  }
  return instance;
}

struct Candidate {
  VkPhysicalDevice device;
  VkPhysicalDeviceProperties props;
  std::uint32_t index;
  std::string unsuitable;  // empty when usable
  std::uint32_t queueFamily = 0;
};

// What this engine needs of a device: Vulkan 1.3, dynamic rendering, synchronization2,
// multiview, a graphics queue (and a swapchain for windows).
Candidate inspect(VkPhysicalDevice device, std::uint32_t index, bool needSwapchain) {
  Candidate c{device, {}, index, {}};
  vkGetPhysicalDeviceProperties(device, &c.props);
  VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  v11.pNext = &v13;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &v11;
  if (c.props.apiVersion >= VK_API_VERSION_1_3) vkGetPhysicalDeviceFeatures2(device, &features);
  std::uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &familyCount, families.data());
  bool foundQueue = false;
  for (std::uint32_t f = 0; f < familyCount && !foundQueue; ++f) {
    if (families[f].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      c.queueFamily = f;
      foundQueue = true;
    }
  }
  if (c.props.apiVersion < VK_API_VERSION_1_3) c.unsuitable = "Vulkan 1.3 is not supported";
  else if (!v13.dynamicRendering || !v13.synchronization2) c.unsuitable = "no dynamic rendering";
  else if (!v11.multiview) c.unsuitable = "no multiview";
  else if (!foundQueue) c.unsuitable = "no graphics queue";
  if (needSwapchain && c.unsuitable.empty()) {
    std::uint32_t extCount = 0;
    vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, nullptr);
    std::vector<VkExtensionProperties> exts(extCount);
    vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, exts.data());
    bool swapchain = std::any_of(exts.begin(), exts.end(), [](const auto& e) {
      return std::strcmp(e.extensionName, VK_KHR_SWAPCHAIN_EXTENSION_NAME) == 0;
    });
    if (!swapchain) c.unsuitable = "no swapchain support";
  }
  return c;
}

std::vector<VkPhysicalDevice> physicalDevices(VkInstance instance) {
  std::uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  return devices;
}

std::vector<Candidate> enumerateCandidates(VkInstance instance, bool needSwapchain) {
  std::vector<Candidate> out;
  auto devices = physicalDevices(instance);
  for (std::uint32_t i = 0; i < devices.size(); ++i) out.push_back(inspect(devices[i], i, needSwapchain));
  return out;
}

DeviceInfo describe(const Candidate& c) {
  DeviceInfo info;
  info.name = c.props.deviceName;
  info.type = deviceTypeName(c.props.deviceType);
  info.index = c.index;
  info.isSoftware = c.props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  // Mesa 22.3's lavapipe writes every view of a multiview draw into layer 0 (seen here).
  info.multiviewReliable = info.name.find("llvmpipe") == std::string::npos;
  info.apiVersion = fmt::format("{}.{}.{}", VK_API_VERSION_MAJOR(c.props.apiVersion),
                                VK_API_VERSION_MINOR(c.props.apiVersion),
                                VK_API_VERSION_PATCH(c.props.apiVersion));
  info.driver = fmt::format("{:#x}", c.props.driverVersion);
  VkFormatProperties packed{};
  vkGetPhysicalDeviceFormatProperties(c.device, VK_FORMAT_B10G11R11_UFLOAT_PACK32, &packed);
  constexpr VkFormatFeatureFlags kPackedHdrNeeds = VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT |
                                                   VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BLEND_BIT |
                                                   VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
  VkImageFormatProperties multisampled{};
  bool fourSamples = vkGetPhysicalDeviceImageFormatProperties(
                         c.device, VK_FORMAT_B10G11R11_UFLOAT_PACK32, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                         VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT, 0, &multisampled) == VK_SUCCESS &&
                     (multisampled.sampleCounts & VK_SAMPLE_COUNT_4_BIT);
  info.packedHdrColor = (packed.optimalTilingFeatures & kPackedHdrNeeds) == kPackedHdrNeeds && fourSamples;
  return info;
}

Result<Candidate> chooseDevice(const std::vector<Candidate>& candidates, const std::string& wanted) {
  if (candidates.empty()) {
    return makeError("no Vulkan device found; install your GPU's Vulkan driver, or "
                     "mesa-vulkan-drivers for the lavapipe CPU renderer");
  }
  std::string list;
  for (const auto& c : candidates) {
    list += fmt::format("\n  {}: {} ({}){}", c.index, c.props.deviceName,
                        deviceTypeName(c.props.deviceType),
                        c.unsuitable.empty() ? "" : " - unusable: " + c.unsuitable);
  }
  if (!wanted.empty()) {
    bool isIndex = std::all_of(wanted.begin(), wanted.end(), [](unsigned char ch) { return std::isdigit(ch); });
    for (const auto& c : candidates) {
      bool match = isIndex ? std::to_string(c.index) == wanted
                           : lower(c.props.deviceName).find(lower(wanted)) != std::string::npos;
      if (!match) continue;
      if (!c.unsuitable.empty()) {
        return makeError("--gpu {}: device '{}' cannot be used: {}; the devices are:{}", wanted,
                         c.props.deviceName, c.unsuitable, list);
      }
      return c;
    }
    return makeError("--gpu {}: no such device; give an index or part of a name from:{}", wanted, list);
  }
  const Candidate* best = nullptr;
  for (const auto& c : candidates) {
    if (!c.unsuitable.empty()) continue;
    if (!best || typeRank(c.props.deviceType) > typeRank(best->props.deviceType)) best = &c;
  }
  if (!best) return makeError("no usable Vulkan 1.3 device; the devices are:{}", list);
  return *best;
}

// A persisted pipeline cache is only handed to the driver when its header matches this device;
// a truncated or foreign file is ignored rather than trusted.
std::vector<std::uint8_t> loadPipelineCache(const DeviceState& state) {
  if (state.options.pipelineCacheFile.empty()) return {};
  auto bytes = readFileBytes(state.options.pipelineCacheFile, 256ull << 20);
  if (!bytes || bytes->size() < 16 + VK_UUID_SIZE) return {};
  std::uint32_t header[4];
  std::memcpy(header, bytes->data(), sizeof(header));
  bool matches = header[0] >= 16 + VK_UUID_SIZE && header[0] <= bytes->size() &&
                 header[1] == VK_PIPELINE_CACHE_HEADER_VERSION_ONE &&
                 header[2] == state.properties.vendorID && header[3] == state.properties.deviceID &&
                 std::memcmp(bytes->data() + 16, state.properties.pipelineCacheUUID, VK_UUID_SIZE) == 0;
  if (!matches) {
    spdlog::info("pipeline cache {} is from another device or driver; starting a new one",
                 state.options.pipelineCacheFile.string());
    return {};
  }
  return std::move(bytes.value());
}

void savePipelineCache(const DeviceState& state) {
  if (state.options.pipelineCacheFile.empty() || !state.pipelineCache) return;
  std::size_t size = 0;
  if (vkGetPipelineCacheData(state.device, state.pipelineCache, &size, nullptr) != VK_SUCCESS) return;
  std::vector<std::uint8_t> data(size);
  if (vkGetPipelineCacheData(state.device, state.pipelineCache, &size, data.data()) != VK_SUCCESS) return;
  data.resize(size);
  std::error_code ec;
  std::filesystem::create_directories(state.options.pipelineCacheFile.parent_path(), ec);
  auto saved = writeFileAtomic(state.options.pipelineCacheFile, data);
  if (!saved) spdlog::warn("pipeline cache not saved: {}", saved.error().message);
}

}  // namespace

std::string vkResultName(VkResult result) {
  switch (result) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_SUBOPTIMAL_KHR: return "VK_SUBOPTIMAL_KHR";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY (the GPU is out of memory)";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST (the GPU was reset or removed)";
    case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_OUT_OF_DATE_KHR: return "VK_ERROR_OUT_OF_DATE_KHR";
    case VK_ERROR_SURFACE_LOST_KHR: return "VK_ERROR_SURFACE_LOST_KHR";
    default: return fmt::format("VkResult {}", int(result));
  }
}

bool isDepthFormat(Format format) { return format == Format::Depth32Float; }

VkFormat toVkFormat(Format format) {
  switch (format) {
    case Format::RGBA8Unorm: return VK_FORMAT_R8G8B8A8_UNORM;
    case Format::RGBA8Srgb: return VK_FORMAT_R8G8B8A8_SRGB;
    case Format::BGRA8Unorm: return VK_FORMAT_B8G8R8A8_UNORM;
    case Format::BGRA8Srgb: return VK_FORMAT_B8G8R8A8_SRGB;
    case Format::RGBA16Float: return VK_FORMAT_R16G16B16A16_SFLOAT;
    case Format::RG11B10Float: return VK_FORMAT_B10G11R11_UFLOAT_PACK32;
    case Format::Depth32Float: return VK_FORMAT_D32_SFLOAT;
    case Format::Undefined: break;
  }
  return VK_FORMAT_UNDEFINED;
}

Result<std::vector<DeviceInfo>> Device::listDevices() {
  DeviceState state;
  auto instance = createInstance(state, false);
  if (!instance) return instance.error();
  std::vector<DeviceInfo> out;
  for (const auto& c : enumerateCandidates(*instance, false)) out.push_back(describe(c));
  vkDestroyInstance(*instance, nullptr);
  return out;
}

Result<std::unique_ptr<Device>> Device::create(const DeviceOptions& options) {
  return createDevice(options, nullptr);
}

// Device::create and createDeviceExternally (vk_interop.hpp) share every step; with `creators`
// the instance, the physical device and the device come from someone else (an XR runtime).
Result<std::unique_ptr<Device>> createDevice(const DeviceOptions& options, const ExternalVulkanCreators* creators) {
  auto state = std::make_unique<DeviceState>();
  state->options = options;
  bool validation = options.validation;
  if (validation && !hasLayer(kValidationLayer)) {
    spdlog::warn("validation requested but {} is not installed (Debian: vulkan-validationlayers); "
                 "running without it", kValidationLayer);
    validation = false;
  }
  state->options.validation = validation;
  auto instance = createInstance(*state, validation, creators);
  if (!instance) return instance.error();
  state->instance = *instance;
  // From here on, an early return destroys what was made through ~Device.
  std::unique_ptr<Device> device(new Device(std::move(state)));
  DeviceState& s = device->state();

  Result<Candidate> chosen = makeError("no device");
  if (creators) {
    auto physical = creators->physicalDevice(s.instance);
    if (!physical) return physical.error();
    auto devices = physicalDevices(s.instance);
    auto index = std::uint32_t(std::find(devices.begin(), devices.end(), *physical) - devices.begin());
    chosen = inspect(*physical, index, false);
    if (!chosen->unsuitable.empty()) {
      return makeError("the XR runtime's GPU '{}' cannot be used: {}", chosen->props.deviceName,
                       chosen->unsuitable);
    }
  } else {
    chosen = chooseDevice(enumerateCandidates(s.instance, options.needSwapchain), options.gpu);
    if (!chosen) return chosen.error();
  }
  s.physical = chosen->device;
  s.properties = chosen->props;
  s.queueFamily = chosen->queueFamily;
  s.info = describe(*chosen);
  spdlog::info("GPU{}: {} ({}, Vulkan {}, device {})", creators ? " (chosen by the XR runtime)" : "",
               s.info.name, s.info.type, s.info.apiVersion, s.info.index);

  VkPhysicalDeviceFeatures supported{};
  vkGetPhysicalDeviceFeatures(s.physical, &supported);
  // Anisotropic filtering stays off on CPU rasterisers: lavapipe (Mesa 22.3) has a
  // data-dependent slow path in it - one view of the default scene took 48 s with it and 0.9 s
  // without (docs/ROBUSTNESS.md, "lavapipe stalls"), which froze windows and tours at some camera
  // positions. Samplers then fall back to trilinear, which a CPU renders faster anyway.
  s.enabledFeatures.samplerAnisotropy = supported.samplerAnisotropy && !s.info.isSoftware;
  s.info.anisotropicFiltering = s.enabledFeatures.samplerAnisotropy;
  s.enabledFeatures.depthClamp = supported.depthClamp;
  s.enabledFeatures.fillModeNonSolid = supported.fillModeNonSolid;

  VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  v13.dynamicRendering = VK_TRUE;
  v13.synchronization2 = VK_TRUE;
  VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  v11.multiview = VK_TRUE;
  v11.pNext = &v13;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.features = s.enabledFeatures;
  features.pNext = &v11;

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = s.queueFamily;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  std::vector<const char*> extensions;
  if (options.needSwapchain) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = std::uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  if (creators) {
    auto made = creators->createDevice(s.physical, info, vkGetInstanceProcAddr);
    if (!made) return made.error();
    s.device = *made;
  } else {
    SC_VK_TRY(vkCreateDevice(s.physical, &info, nullptr, &s.device));
  }
  vkGetDeviceQueue(s.device, s.queueFamily, 0, &s.queue);
  s.memory = std::make_unique<MemoryAllocator>(s.physical, s.device);

  auto cacheBytes = loadPipelineCache(s);
  VkPipelineCacheCreateInfo cacheInfo{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  cacheInfo.initialDataSize = cacheBytes.size();
  cacheInfo.pInitialData = cacheBytes.empty() ? nullptr : cacheBytes.data();
  SC_VK_TRY(vkCreatePipelineCache(s.device, &cacheInfo, nullptr, &s.pipelineCache));

  for (auto& frame : s.frames) {
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = s.queueFamily;
    SC_VK_TRY(vkCreateCommandPool(s.device, &poolInfo, nullptr, &frame.pool));
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = frame.pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    SC_VK_TRY(vkAllocateCommandBuffers(s.device, &alloc, &frame.commands));
    SC_VK_TRY(vkAllocateCommandBuffers(s.device, &alloc, &frame.uploads));
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    SC_VK_TRY(vkCreateFence(s.device, &fenceInfo, nullptr, &frame.fence));
    VkQueryPoolCreateInfo query{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    query.queryType = VK_QUERY_TYPE_TIMESTAMP;
    query.queryCount = 2;
    SC_VK_TRY(vkCreateQueryPool(s.device, &query, nullptr, &frame.timestamps));
  }
  s.commandList = std::make_unique<CommandList>(s);
  return device;
}

Device::Device(std::unique_ptr<DeviceState> state) : state_(std::move(state)) {}

Device::~Device() {
  if (!state_) return;
  state_->destroyAll();
}

void DeviceState::destroyAll() {
  if (device) {
    vkDeviceWaitIdle(device);
    for (auto& frame : frames) {
      for (auto& fn : frame.garbage) fn();
      frame.garbage.clear();
    }
    pendingUploads.clear();
    bindGroups.forEachLive([&](std::uint32_t, BindGroupRecord&) {});
    pipelines.forEachLive([&](std::uint32_t, PipelineRecord& p) {
      vkDestroyPipeline(device, p.pipeline, nullptr);
      vkDestroyPipelineLayout(device, p.layout, nullptr);
    });
    bindGroupLayouts.forEachLive([&](std::uint32_t, BindGroupLayoutRecord& l) {
      vkDestroyDescriptorSetLayout(device, l.layout, nullptr);
    });
    for (auto pool : descriptorPools) vkDestroyDescriptorPool(device, pool, nullptr);
    textures.forEachLive([&](std::uint32_t, TextureRecord& t) {
      destroyViews(device, t);
      if (t.ownsImage) {
        vkDestroyImage(device, t.image, nullptr);
        memory->free(t.allocation);
      }
    });
    buffers.forEachLive([&](std::uint32_t, BufferRecord& b) {
      vkDestroyBuffer(device, b.buffer, nullptr);
      memory->free(b.allocation);
    });
    for (auto& [desc, sampler] : samplers) vkDestroySampler(device, sampler, nullptr);
    for (auto& frame : frames) {
      vkDestroyQueryPool(device, frame.timestamps, nullptr);
      vkDestroyFence(device, frame.fence, nullptr);
      vkDestroyCommandPool(device, frame.pool, nullptr);
    }
    savePipelineCache(*this);
    vkDestroyPipelineCache(device, pipelineCache, nullptr);
    memory.reset();
    vkDestroyDevice(device, nullptr);
    device = VK_NULL_HANDLE;
  }
  if (instance) {
    if (messenger) {
      auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
          vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
      if (destroy) destroy(instance, messenger, nullptr);
    }
    vkDestroyInstance(instance, nullptr);
    instance = VK_NULL_HANDLE;
  }
}

const DeviceInfo& Device::info() const { return state_->info; }
std::uint32_t Device::validationErrorCount() const { return state_->validationErrors; }
std::uint64_t Device::releaseUnusedMemory() { return state_->memory->releaseEmptyBlocks(); }

MemoryStats Device::memoryStats() const {
  MemoryStats stats;
  stats.blocks = state_->memory->blockCount();
  stats.bytesInUse = state_->memory->bytesInUse();
  stats.bytesReserved = state_->memory->bytesReserved();
  stats.liveBuffers = state_->buffers.liveCount();
  stats.liveTextures = state_->textures.liveCount();
  return stats;
}

LiveObjects Device::liveObjects() const {
  LiveObjects live;
  live.buffers = state_->buffers.liveCount();
  live.textures = state_->textures.liveCount();
  live.pipelines = state_->pipelines.liveCount();
  live.bindGroups = state_->bindGroups.liveCount();
  live.bindGroupLayouts = state_->bindGroupLayouts.liveCount();
  live.samplers = state_->samplers.size();
  return live;
}

std::vector<std::string> Device::describeLiveResources() const {
  std::vector<std::pair<std::uint64_t, std::string>> sized;
  state_->buffers.forEachLive([&](std::uint32_t, BufferRecord& b) {
    sized.emplace_back(b.allocation.size, "buffer '" + b.desc.debugName + "': " + std::to_string(b.allocation.size) + " bytes");
  });
  state_->textures.forEachLive([&](std::uint32_t, TextureRecord& t) {
    sized.emplace_back(t.allocation.size, "texture '" + t.desc.debugName + "' " + std::to_string(t.desc.width) + "x" +
                                              std::to_string(t.desc.height) + ": " + std::to_string(t.allocation.size) + " bytes");
  });
  std::sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> lines;
  std::uint64_t held = 0;
  for (auto& entry : sized) held += entry.first, lines.push_back(std::move(entry.second));
  // The allocator's count also holds alignment padding and what deferred destructions have not
  // freed yet; a difference that stays is memory no live resource accounts for.
  lines.push_back("live resources hold " + std::to_string(held) + " bytes in " + std::to_string(sized.size()) +
                  "; the allocator has " + std::to_string(state_->memory->bytesInUse()) + " bytes in use in " +
                  std::to_string(state_->memory->liveAllocations()) + " sub-allocations");
  // With SC_GPU_MEMORY_TRACE=1: every live sub-allocation and where it was made.
  for (auto& line : state_->memory->describeLive()) lines.push_back("allocated " + std::move(line));
  return lines;
}

std::string LiveObjects::describeOwned() const {
  std::string text;
  auto add = [&](std::size_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!text.empty()) text += ", ";
    text += std::to_string(n) + " " + (n == 1 ? one : many);
  };
  add(buffers, "buffer", "buffers");
  add(textures, "texture", "textures");
  add(pipelines, "pipeline", "pipelines");
  add(bindGroups, "bind group", "bind groups");
  return text.empty() ? "none" : text;
}

std::uint32_t Device::frameSlot() const { return state_->frameSlot; }
double Device::lastGpuFrameMs() const { return state_->lastGpuFrameMs; }

std::filesystem::path Device::shaderDir() const {
  if (const char* env = std::getenv("SC_SHADER_DIR"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // Installed or build-tree layout: <prefix>/bin/shancheng next to <prefix>/share/shancheng/shaders,
    // else the build tree's shader folder.
    auto installed = exe.parent_path().parent_path() / "share" / "shancheng" / "shaders";
    if (std::filesystem::exists(installed / "pbr.vert.spv", ec)) return installed;
  }
  return SC_SHADER_DIR;
}

}  // namespace sc::gpu
