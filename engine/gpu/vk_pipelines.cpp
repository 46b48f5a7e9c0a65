// Descriptor layouts and sets (bind groups), shader modules and graphics pipelines.
#include <spdlog/spdlog.h>

#include "core/file_io.hpp"
#include "gpu/vk_state.hpp"

namespace sc::gpu {

namespace {

VkDescriptorType toVk(BindingType type) {
  switch (type) {
    case BindingType::UniformBuffer: return VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    case BindingType::StorageBuffer: return VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    case BindingType::SampledTexture: return VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  }
  return VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
}

VkShaderStageFlags toVkStages(std::uint32_t stages) {
  VkShaderStageFlags flags = 0;
  if (stages & ShaderStage::Vertex) flags |= VK_SHADER_STAGE_VERTEX_BIT;
  if (stages & ShaderStage::Fragment) flags |= VK_SHADER_STAGE_FRAGMENT_BIT;
  if (stages & ShaderStage::Compute) flags |= VK_SHADER_STAGE_COMPUTE_BIT;
  return flags;
}

VkFormat toVk(VertexFormat format) {
  switch (format) {
    case VertexFormat::Float2: return VK_FORMAT_R32G32_SFLOAT;
    case VertexFormat::Float3: return VK_FORMAT_R32G32B32_SFLOAT;
    case VertexFormat::Float4: return VK_FORMAT_R32G32B32A32_SFLOAT;
    case VertexFormat::UNorm8x4: return VK_FORMAT_R8G8B8A8_UNORM;
    case VertexFormat::UInt16x4: return VK_FORMAT_R16G16B16A16_UINT;
  }
  return VK_FORMAT_UNDEFINED;
}

VkCompareOp toVk(CompareOp op) {
  switch (op) {
    case CompareOp::Never: return VK_COMPARE_OP_NEVER;
    case CompareOp::Less: return VK_COMPARE_OP_LESS;
    case CompareOp::LessEqual: return VK_COMPARE_OP_LESS_OR_EQUAL;
    case CompareOp::Greater: return VK_COMPARE_OP_GREATER;
    case CompareOp::GreaterEqual: return VK_COMPARE_OP_GREATER_OR_EQUAL;
    case CompareOp::Always: return VK_COMPARE_OP_ALWAYS;
  }
  return VK_COMPARE_OP_LESS;
}

Result<VkShaderModule> loadShader(DeviceState& s, const std::filesystem::path& dir, const std::string& name) {
  auto bytes = readFileBytes(dir / name, 64ull << 20);
  if (!bytes) {
    return makeError("shader {}: {}; rebuild the project (shaders are compiled by glslc at build "
                     "time) or set SC_SHADER_DIR", name, bytes.error().message);
  }
  if (bytes->size() % 4 != 0 || bytes->size() < 20) {
    return makeError("shader {}: not a SPIR-V file ({} bytes)", (dir / name).string(), bytes->size());
  }
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = bytes->size();
  info.pCode = reinterpret_cast<const std::uint32_t*>(bytes->data());
  VkShaderModule module = VK_NULL_HANDLE;
  SC_VK_TRY(vkCreateShaderModule(s.device, &info, nullptr, &module));
  return module;
}

Result<VkDescriptorSet> allocateSet(DeviceState& s, VkDescriptorSetLayout layout, VkDescriptorPool& poolOut) {
  auto tryPool = [&](VkDescriptorPool pool) -> VkDescriptorSet {
    VkDescriptorSetAllocateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    info.descriptorPool = pool;
    info.descriptorSetCount = 1;
    info.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (vkAllocateDescriptorSets(s.device, &info, &set) != VK_SUCCESS) return VK_NULL_HANDLE;
    return set;
  };
  if (!s.descriptorPools.empty()) {
    if (VkDescriptorSet set = tryPool(s.descriptorPools.back())) {
      poolOut = s.descriptorPools.back();
      return set;
    }
  }
  // The current pool is full (or none yet): open another one.
  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2048},
                                  {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1024},
                                  {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 8192}};
  VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  info.maxSets = 2048;
  info.poolSizeCount = 3;
  info.pPoolSizes = sizes;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  SC_VK_TRY(vkCreateDescriptorPool(s.device, &info, nullptr, &pool));
  s.descriptorPools.push_back(pool);
  VkDescriptorSet set = tryPool(pool);
  if (!set) return makeError("cannot allocate a descriptor set from a new pool");
  poolOut = pool;
  return set;
}

}  // namespace

BindGroupLayoutHandle Device::createBindGroupLayout(const BindGroupLayoutDesc& desc) {
  DeviceState& s = *state_;
  // Layouts are never destroyed before the device, so without this cache every Renderer or UI
  // overlay created over a kiosk's day would add its layouts for good (LiveObjects).
  auto same = [&](const BindGroupLayoutDesc& other) {
    if (other.bindings.size() != desc.bindings.size()) return false;
    for (std::size_t i = 0; i < desc.bindings.size(); ++i) {
      const BindingLayout &a = desc.bindings[i], &b = other.bindings[i];
      if (a.binding != b.binding || a.type != b.type || a.stages != b.stages) return false;
    }
    return true;
  };
  BindGroupLayoutHandle cached;
  s.bindGroupLayouts.forEachLive([&](std::uint32_t id, BindGroupLayoutRecord& record) {
    if (!cached.valid() && same(record.desc)) cached = BindGroupLayoutHandle{id};
  });
  if (cached.valid()) return cached;
  std::vector<VkDescriptorSetLayoutBinding> bindings;
  for (const auto& b : desc.bindings) {
    bindings.push_back({b.binding, toVk(b.type), 1, toVkStages(b.stages), nullptr});
  }
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = std::uint32_t(bindings.size());
  info.pBindings = bindings.data();
  BindGroupLayoutRecord record;
  record.desc = desc;
  if (vkCreateDescriptorSetLayout(s.device, &info, nullptr, &record.layout) != VK_SUCCESS) {
    SC_PANIC("vkCreateDescriptorSetLayout failed");
  }
  return BindGroupLayoutHandle{s.bindGroupLayouts.add(std::move(record))};
}

BindGroupHandle Device::createBindGroup(BindGroupLayoutHandle layoutHandle,
                                        std::span<const BindGroupEntry> entries) {
  DeviceState& s = *state_;
  BindGroupLayoutRecord& layout = s.bindGroupLayouts.get(layoutHandle.id);
  BindGroupRecord record;
  auto set = allocateSet(s, layout.layout, record.pool);
  if (!set) SC_PANIC("{}", set.error().message);
  record.set = *set;

  std::vector<VkWriteDescriptorSet> writes;
  std::vector<VkDescriptorBufferInfo> bufferInfos(entries.size());
  std::vector<VkDescriptorImageInfo> imageInfos(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const BindGroupEntry& e = entries[i];
    const BindingLayout* binding = nullptr;
    for (const auto& b : layout.desc.bindings) if (b.binding == e.binding) binding = &b;
    SC_CHECK(binding, "bind group entry {} has no binding in its layout", e.binding);
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = record.set;
    write.dstBinding = e.binding;
    write.descriptorCount = 1;
    write.descriptorType = toVk(binding->type);
    if (binding->type == BindingType::SampledTexture) {
      TextureRecord& tex = s.textures.get(e.texture.id);
      imageInfos[i] = {s.samplers.at(e.sampler.id - 1).second, tex.sampledView,
                       isDepthFormat(tex.desc.format) ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL
                                                      : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
      write.pImageInfo = &imageInfos[i];
    } else {
      BufferRecord& buf = s.buffers.get(e.buffer.id);
      bufferInfos[i] = {buf.buffer, e.offset, e.range ? e.range : VK_WHOLE_SIZE};
      write.pBufferInfo = &bufferInfos[i];
    }
    writes.push_back(write);
  }
  vkUpdateDescriptorSets(s.device, std::uint32_t(writes.size()), writes.data(), 0, nullptr);
  return BindGroupHandle{s.bindGroups.add(record)};
}

void Device::destroyBindGroup(BindGroupHandle handle) {
  if (!handle.valid()) return;
  DeviceState& s = *state_;
  BindGroupRecord record = s.bindGroups.get(handle.id);
  s.bindGroups.remove(handle.id);
  s.deferDestroy([&s, record] { vkFreeDescriptorSets(s.device, record.pool, 1, &record.set); });
}

Result<PipelineHandle> Device::createPipeline(const PipelineDesc& desc) {
  DeviceState& s = *state_;
  auto dir = shaderDir();
  auto vert = loadShader(s, dir, desc.vertexShader);
  if (!vert) return vert.error();
  VkShaderModule frag = VK_NULL_HANDLE;
  if (!desc.fragmentShader.empty()) {
    auto loaded = loadShader(s, dir, desc.fragmentShader);
    if (!loaded) {
      vkDestroyShaderModule(s.device, *vert, nullptr);
      return loaded.error();
    }
    frag = *loaded;
  }

  std::vector<VkSpecializationMapEntry> specEntries;
  for (std::uint32_t i = 0; i < desc.fragmentConstants.size(); ++i) {
    specEntries.push_back({i, i * 4, 4});
  }
  VkSpecializationInfo spec{std::uint32_t(specEntries.size()), specEntries.data(),
                            desc.fragmentConstants.size() * 4, desc.fragmentConstants.data()};

  VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                               {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = *vert;
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = frag;
  stages[1].pName = "main";
  stages[1].pSpecializationInfo = specEntries.empty() ? nullptr : &spec;

  VkVertexInputBindingDescription binding{0, desc.vertexStride, VK_VERTEX_INPUT_RATE_VERTEX};
  std::vector<VkVertexInputAttributeDescription> attributes;
  for (const auto& a : desc.attributes) attributes.push_back({a.location, 0, toVk(a.format), a.offset});
  VkPipelineVertexInputStateCreateInfo vertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  if (desc.vertexStride) {
    vertexInput.vertexBindingDescriptionCount = 1;
    vertexInput.pVertexBindingDescriptions = &binding;
    vertexInput.vertexAttributeDescriptionCount = std::uint32_t(attributes.size());
    vertexInput.pVertexAttributeDescriptions = attributes.data();
  }
  VkPipelineInputAssemblyStateCreateInfo assembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = desc.cull == CullMode::None   ? VK_CULL_MODE_NONE
                    : desc.cull == CullMode::Back ? VK_CULL_MODE_BACK_BIT
                                                  : VK_CULL_MODE_FRONT_BIT;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.depthClampEnable = desc.depthClamp && s.enabledFeatures.depthClamp;
  raster.depthBiasEnable = desc.depthBiasConstant != 0.0f || desc.depthBiasSlope != 0.0f;
  raster.depthBiasConstantFactor = desc.depthBiasConstant;
  raster.depthBiasSlopeFactor = desc.depthBiasSlope;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VkSampleCountFlagBits(desc.samples);
  // Alpha-to-coverage smooths MASK materials' edges under MSAA (shaders output coverage alpha).
  multisample.alphaToCoverageEnable = VK_FALSE;
  VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  depth.depthTestEnable = desc.depthTest;
  depth.depthWriteEnable = desc.depthWrite;
  depth.depthCompareOp = toVk(desc.depthCompare);
  std::vector<VkPipelineColorBlendAttachmentState> blends(desc.colorFormats.size());
  for (auto& b : blends) {
    b.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                       VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    if (desc.blend == BlendMode::Alpha) {
      // Premultiplied alpha: shaders output colour * alpha.
      b.blendEnable = VK_TRUE;
      b.srcColorBlendFactor = VK_BLEND_FACTOR_ONE;
      b.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      b.colorBlendOp = VK_BLEND_OP_ADD;
      b.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
      b.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      b.alphaBlendOp = VK_BLEND_OP_ADD;
    }
  }
  VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  blend.attachmentCount = std::uint32_t(blends.size());
  blend.pAttachments = blends.data();
  VkDynamicState dynamics[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamics;

  std::vector<VkFormat> colorFormats;
  for (auto f : desc.colorFormats) colorFormats.push_back(toVkFormat(f));
  VkPipelineRenderingCreateInfo rendering{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
  rendering.viewMask = desc.viewMask;
  rendering.colorAttachmentCount = std::uint32_t(colorFormats.size());
  rendering.pColorAttachmentFormats = colorFormats.data();
  rendering.depthAttachmentFormat = toVkFormat(desc.depthFormat);

  PipelineRecord record;
  record.pushConstantBytes = desc.pushConstantBytes;
  std::vector<VkDescriptorSetLayout> setLayouts;
  for (auto h : desc.bindGroupLayouts) setLayouts.push_back(s.bindGroupLayouts.get(h.id).layout);
  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, desc.pushConstantBytes};
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = std::uint32_t(setLayouts.size());
  layoutInfo.pSetLayouts = setLayouts.data();
  layoutInfo.pushConstantRangeCount = desc.pushConstantBytes ? 1 : 0;
  layoutInfo.pPushConstantRanges = &push;
  VkResult result = vkCreatePipelineLayout(s.device, &layoutInfo, nullptr, &record.layout);

  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.pNext = &rendering;
  info.stageCount = frag ? 2 : 1;
  info.pStages = stages;
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = record.layout;
  if (result == VK_SUCCESS) {
    result = vkCreateGraphicsPipelines(s.device, s.pipelineCache, 1, &info, nullptr, &record.pipeline);
  }
  vkDestroyShaderModule(s.device, *vert, nullptr);
  if (frag) vkDestroyShaderModule(s.device, frag, nullptr);
  if (result != VK_SUCCESS) {
    if (record.layout) vkDestroyPipelineLayout(s.device, record.layout, nullptr);
    return makeError("pipeline {}: creation failed: {}", desc.name, vkResultName(result));
  }
  return PipelineHandle{s.pipelines.add(record)};
}

void Device::destroyPipeline(PipelineHandle handle) {
  if (!handle.valid()) return;
  DeviceState& s = *state_;
  PipelineRecord record = s.pipelines.get(handle.id);
  s.pipelines.remove(handle.id);
  s.deferDestroy([&s, record] {
    vkDestroyPipeline(s.device, record.pipeline, nullptr);
    vkDestroyPipelineLayout(s.device, record.layout, nullptr);
  });
}

}  // namespace sc::gpu
