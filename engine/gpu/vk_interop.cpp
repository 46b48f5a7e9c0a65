// A Device made through someone else's Vulkan creation calls (OpenXR's XR_KHR_vulkan_enable2),
// and foreign images wrapped as textures. The steps mirror Device::create in vk_device.cpp.
#include "gpu/vk_interop.hpp"

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/file_io.hpp"
#include "gpu/vk_state.hpp"

namespace sc::gpu {

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

// Same policy as vk_device.cpp's messenger: validation errors are counted and logged, loader
// chatter goes to debug.
VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT type,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* state = static_cast<DeviceState*>(user);
  if (!(type & VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT)) {
    spdlog::debug("Vulkan loader: {}", data->pMessage);
    return VK_FALSE;
  }
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    ++state->validationErrors;
    spdlog::error("Vulkan validation: {}", data->pMessage);
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

const char* deviceTypeName(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU";
    default: return "other";
  }
}

// What the renderer needs of the runtime's GPU; empty when it has all of it.
std::string unsuitableReason(VkPhysicalDevice physical, const VkPhysicalDeviceProperties& props,
                             std::uint32_t& queueFamily) {
  if (props.apiVersion < VK_API_VERSION_1_3) return "Vulkan 1.3 is not supported";
  VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  v11.pNext = &v13;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &v11;
  vkGetPhysicalDeviceFeatures2(physical, &features);
  if (!v13.dynamicRendering || !v13.synchronization2) return "no dynamic rendering";
  if (!v11.multiview) return "no multiview";
  std::uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &familyCount, families.data());
  for (std::uint32_t f = 0; f < familyCount; ++f) {
    if (families[f].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      queueFamily = f;
      return {};
    }
  }
  return "no graphics queue";
}

DeviceInfo describe(VkInstance instance, VkPhysicalDevice physical, const VkPhysicalDeviceProperties& props) {
  DeviceInfo info;
  info.name = props.deviceName;
  info.type = deviceTypeName(props.deviceType);
  info.isSoftware = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  // Same rule as vk_device.cpp: Mesa's lavapipe writes every multiview view into layer 0.
  info.multiviewReliable = info.name.find("llvmpipe") == std::string::npos;
  info.apiVersion = fmt::format("{}.{}.{}", VK_API_VERSION_MAJOR(props.apiVersion),
                                VK_API_VERSION_MINOR(props.apiVersion), VK_API_VERSION_PATCH(props.apiVersion));
  info.driver = fmt::format("{:#x}", props.driverVersion);
  std::uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  for (std::uint32_t i = 0; i < count; ++i)
    if (devices[i] == physical) info.index = i;
  return info;
}

// A persisted pipeline cache is used only when its header matches this device (as in
// vk_device.cpp); anything else starts an empty cache.
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
  if (!matches) return {};
  return std::move(bytes.value());
}

Status createInstance(DeviceState& s, const ExternalVulkanCreators& creators) {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = s.options.appName.c_str();
  app.pEngineName = "shancheng";
  app.apiVersion = VK_API_VERSION_1_3;
  std::vector<const char*> extensions;
  for (const auto& e : s.options.instanceExtensions) extensions.push_back(e.c_str());
  std::vector<const char*> layers;
  if (s.options.validation) {
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
  messenger.pUserData = &s;
  VkValidationFeatureEnableEXT syncFeature = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
  VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = &syncFeature;
  if (s.options.validation) {
    info.pNext = &messenger;
    if (s.options.syncValidation) {
      features.pNext = &messenger;
      info.pNext = &features;
    }
  }
  auto instance = creators.createInstance(info, vkGetInstanceProcAddr);
  if (!instance) return instance.error();
  s.instance = *instance;
  if (s.options.validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(s.instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create) create(s.instance, &messenger, nullptr, &s.messenger);
  }
  return okStatus();
}

Status createLogicalDevice(DeviceState& s, const ExternalVulkanCreators& creators) {
  VkPhysicalDeviceFeatures supported{};
  vkGetPhysicalDeviceFeatures(s.physical, &supported);
  s.enabledFeatures.samplerAnisotropy = supported.samplerAnisotropy;
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
  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  auto device = creators.createDevice(s.physical, info, vkGetInstanceProcAddr);
  if (!device) return device.error();
  s.device = *device;
  vkGetDeviceQueue(s.device, s.queueFamily, 0, &s.queue);
  return okStatus();
}

Status createFrameResources(DeviceState& s) {
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
  return okStatus();
}

VkImageView makeView(VkDevice device, VkImage image, VkFormat format, VkImageViewType type,
                     std::uint32_t baseLayer, std::uint32_t layers, std::uint32_t mips) {
  VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  info.image = image;
  info.viewType = type;
  info.format = format;
  info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, mips, baseLayer, layers};
  VkImageView view = VK_NULL_HANDLE;
  if (vkCreateImageView(device, &info, nullptr, &view) != VK_SUCCESS) return VK_NULL_HANDLE;
  return view;
}

void destroyViews(VkDevice device, const TextureRecord& record) {
  for (auto v : record.layerViews) vkDestroyImageView(device, v, nullptr);
  if (record.attachmentView) vkDestroyImageView(device, record.attachmentView, nullptr);
  if (record.sampledView) vkDestroyImageView(device, record.sampledView, nullptr);
}

}  // namespace

Result<std::unique_ptr<Device>> createDeviceExternally(const DeviceOptions& options,
                                                       const ExternalVulkanCreators& creators) {
  SC_CHECK(creators.createInstance && creators.physicalDevice && creators.createDevice,
           "createDeviceExternally needs all three creation callbacks");
  // Device's constructor is private to vk_device.cpp, so a Device is obtained the ordinary way
  // (no validation, the default GPU: a few milliseconds) and its state is replaced at once by
  // one built on the runtime's objects. DeviceState lives at a fixed address inside the Device,
  // so pointers to it (the debug messenger's user data, the CommandList) stay valid.
  DeviceOptions shellOptions;
  shellOptions.appName = options.appName;
  auto shell = Device::create(shellOptions);
  if (!shell) return shell.error();
  std::unique_ptr<Device> device = std::move(shell.value());
  DeviceState& s = device->state();
  s.destroyAll();
  s = DeviceState{};
  s.options = options;
  if (s.options.validation && !hasLayer(kValidationLayer)) {
    spdlog::warn("validation requested but {} is not installed (Debian: vulkan-validationlayers); "
                 "running without it", kValidationLayer);
    s.options.validation = false;
  }
  // From here on an early return destroys what was made, through ~Device.
  SC_TRY(createInstance(s, creators));
  auto physical = creators.physicalDevice(s.instance);
  if (!physical) return physical.error();
  s.physical = *physical;
  vkGetPhysicalDeviceProperties(s.physical, &s.properties);
  std::string unsuitable = unsuitableReason(s.physical, s.properties, s.queueFamily);
  if (!unsuitable.empty()) {
    return makeError("the XR runtime's GPU '{}' cannot be used: {}", s.properties.deviceName, unsuitable);
  }
  s.info = describe(s.instance, s.physical, s.properties);
  spdlog::info("GPU (chosen by the XR runtime): {} ({}, Vulkan {})", s.info.name, s.info.type, s.info.apiVersion);
  SC_TRY(createLogicalDevice(s, creators));
  SC_TRY(createFrameResources(s));
  return device;
}

NativeHandles nativeHandles(Device& device) {
  DeviceState& s = device.state();
  return {s.instance, s.physical, s.device, s.queue, s.queueFamily, 0};
}

VkFormat toNativeFormat(Format format) { return toVkFormat(format); }

std::optional<Format> fromNativeFormat(VkFormat format) {
  for (Format f : {Format::RGBA8Unorm, Format::RGBA8Srgb, Format::BGRA8Unorm, Format::BGRA8Srgb,
                   Format::RGBA16Float, Format::Depth32Float}) {
    if (toVkFormat(f) == format) return f;
  }
  return std::nullopt;
}

TextureHandle importImage(Device& device, VkImage image, const TextureDesc& desc) {
  SC_CHECK(!isDepthFormat(desc.format), "importImage handles colour images only");
  DeviceState& s = device.state();
  TextureRecord record;
  record.image = image;
  record.desc = desc;
  record.format = toVkFormat(desc.format);
  record.ownsImage = false;
  bool array = desc.arrayView || desc.layers > 1;
  VkImageViewType type = array ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  record.sampledView = makeView(s.device, image, record.format, type, 0, desc.layers, desc.mipLevels);
  if (desc.usage & TextureUsage::ColorAttachment) {
    record.attachmentView = makeView(s.device, image, record.format, type, 0, desc.layers, 1);
    if (desc.layers > 1) {
      for (std::uint32_t layer = 0; layer < desc.layers; ++layer) {
        record.layerViews.push_back(makeView(s.device, image, record.format, VK_IMAGE_VIEW_TYPE_2D, layer, 1, 1));
      }
    }
  }
  bool failed = !record.sampledView || ((desc.usage & TextureUsage::ColorAttachment) && !record.attachmentView) ||
                std::any_of(record.layerViews.begin(), record.layerViews.end(), [](VkImageView v) { return !v; });
  if (failed) {
    destroyViews(s.device, record);
    return {};
  }
  return TextureHandle{s.textures.add(std::move(record))};
}

void releaseImage(Device& device, TextureHandle texture) {
  if (!texture.valid()) return;
  DeviceState& s = device.state();
  TextureRecord& record = s.textures.get(texture.id);
  SC_CHECK(!record.ownsImage, "releaseImage is for imported images; use Device::destroyTexture");
  destroyViews(s.device, record);
  s.textures.remove(texture.id);
}

void recordReleaseLayout(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(s.frameOpen && s.recording, "recordReleaseLayout outside a frame");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) return;
  s.transition(s.recording, record, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
}

Status releaseLayoutNow(Device& device, TextureHandle texture) {
  DeviceState& s = device.state();
  SC_CHECK(!s.frameOpen, "releaseLayoutNow inside a frame; use recordReleaseLayout");
  TextureRecord& record = s.textures.get(texture.id);
  if (record.layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) return okStatus();
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = s.frames[s.frameSlot].pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  SC_VK_TRY(vkAllocateCommandBuffers(s.device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(cmd, &begin);
  s.transition(cmd, record, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
  vkEndCommandBuffer(cmd);
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VkResult result = vkQueueSubmit(s.queue, 1, &submit, VK_NULL_HANDLE);
  if (result == VK_SUCCESS) result = vkQueueWaitIdle(s.queue);
  vkFreeCommandBuffers(s.device, s.frames[s.frameSlot].pool, 1, &cmd);
  SC_VK_TRY(result);
  return okStatus();
}

}  // namespace sc::gpu
