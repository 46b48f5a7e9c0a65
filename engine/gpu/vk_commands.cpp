// The frame loop (frames in flight, fences, timestamps) and command recording.
#include <cstring>

#include <spdlog/spdlog.h>

#include "gpu/render_target.hpp"
#include "gpu/vk_state.hpp"

namespace sc::gpu {

namespace {

void releaseGarbage(FrameSlot& frame) {
  for (auto& fn : frame.garbage) fn();
  frame.garbage.clear();
}

}  // namespace

CommandList& Device::beginFrame() {
  DeviceState& s = *state_;
  SC_CHECK(!s.frameOpen, "beginFrame called twice without submitFrame");
  s.frameSlot = (s.frameSlot + 1) % kFramesInFlight;
  FrameSlot& frame = s.frames[s.frameSlot];
  // Wait until the GPU has finished the frame that used this slot last time.
  vkWaitForFences(s.device, 1, &frame.fence, VK_TRUE, UINT64_MAX);
  if (frame.submitted && frame.timestampsWritten) {
    std::uint64_t stamps[2] = {0, 0};
    if (vkGetQueryPoolResults(s.device, frame.timestamps, 0, 2, sizeof(stamps), stamps,
                              sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
      s.lastGpuFrameMs = double(stamps[1] - stamps[0]) * s.properties.limits.timestampPeriod * 1e-6;
    }
  }
  releaseGarbage(frame);
  frame.timestampsWritten = false;
  vkResetCommandBuffer(frame.commands, 0);
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(frame.commands, &begin);
  s.recording = frame.commands;
  s.frameOpen = true;
  s.commandList->resetCounters();
  return *s.commandList;
}

Status Device::submitFrame() {
  DeviceState& s = *state_;
  SC_CHECK(s.frameOpen, "submitFrame without beginFrame");
  FrameSlot& frame = s.frames[s.frameSlot];
  s.frameOpen = false;
  s.recording = VK_NULL_HANDLE;
  SC_VK_TRY(vkEndCommandBuffer(frame.commands));

  VkCommandBuffer buffers[2];
  std::uint32_t count = 0;
  if (!s.pendingUploads.empty()) {
    vkResetCommandBuffer(frame.uploads, 0);
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(frame.uploads, &begin);
    s.recordUploads(frame.uploads);
    SC_VK_TRY(vkEndCommandBuffer(frame.uploads));
    buffers[count++] = frame.uploads;
  }
  buffers[count++] = frame.commands;
  vkResetFences(s.device, 1, &frame.fence);
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = count;
  submit.pCommandBuffers = buffers;
  submit.waitSemaphoreCount = std::uint32_t(s.submitWait.size());
  submit.pWaitSemaphores = s.submitWait.data();
  submit.pWaitDstStageMask = s.submitWaitStages.data();
  submit.signalSemaphoreCount = std::uint32_t(s.submitSignal.size());
  submit.pSignalSemaphores = s.submitSignal.data();
  VkResult result = vkQueueSubmit(s.queue, 1, &submit, frame.fence);
  s.submitWait.clear();
  s.submitWaitStages.clear();
  s.submitSignal.clear();
  if (result != VK_SUCCESS) {
    return makeError("submitting the frame failed: {}", vkResultName(result));
  }
  frame.submitted = true;
  return okStatus();
}

Status Device::flushUploads() {
  DeviceState& s = *state_;
  SC_CHECK(!s.frameOpen, "flushUploads inside a frame");
  if (s.pendingUploads.empty()) return okStatus();
  beginFrame();
  return submitFrame();
}

Status DeviceState::submitNow(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = frames[frameSlot].pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  SC_VK_TRY(vkAllocateCommandBuffers(device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(cmd, &begin);
  record(cmd);
  vkEndCommandBuffer(cmd);
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VkResult result = vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE);
  if (result == VK_SUCCESS) result = vkQueueWaitIdle(queue);
  vkFreeCommandBuffers(device, frames[frameSlot].pool, 1, &cmd);
  SC_VK_TRY(result);
  return okStatus();
}

Status Device::waitIdle() {
  DeviceState& s = *state_;
  SC_VK_TRY(vkDeviceWaitIdle(s.device));
  return okStatus();
}

// --- CommandList ---------------------------------------------------------------------------

void CommandList::beginPass(const PassDesc& pass) {
  DeviceState& s = state_;
  VkCommandBuffer cmd = s.recording;
  std::uint32_t width = 0, height = 0;
  auto viewOf = [&](TextureRecord& t) {
    if (pass.viewMask == 0 && t.desc.layers > 1) return t.layerViews.at(pass.baseLayer);
    return t.attachmentView;
  };
  std::vector<VkRenderingAttachmentInfo> colors;
  for (const auto& c : pass.color) {
    TextureRecord& t = s.textures.get(c.texture.id);
    width = t.desc.width;
    height = t.desc.height;
    s.transition(cmd, t, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    VkRenderingAttachmentInfo info{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    info.imageView = viewOf(t);
    info.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    info.loadOp = c.load == LoadOp::Clear  ? VK_ATTACHMENT_LOAD_OP_CLEAR
                  : c.load == LoadOp::Load ? VK_ATTACHMENT_LOAD_OP_LOAD
                                           : VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    info.storeOp = c.store ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
    info.clearValue.color = {{c.clearColor.r, c.clearColor.g, c.clearColor.b, c.clearColor.a}};
    if (c.resolveTarget.valid()) {
      TextureRecord& r = s.textures.get(c.resolveTarget.id);
      s.transition(cmd, r, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
      info.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
      info.resolveImageView = viewOf(r);
      info.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    colors.push_back(info);
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  bool hasDepth = pass.depth.texture.valid();
  if (hasDepth) {
    TextureRecord& t = s.textures.get(pass.depth.texture.id);
    width = t.desc.width;
    height = t.desc.height;
    s.transition(cmd, t, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
    depth.imageView = viewOf(t);
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = pass.depth.load == LoadOp::Clear  ? VK_ATTACHMENT_LOAD_OP_CLEAR
                   : pass.depth.load == LoadOp::Load ? VK_ATTACHMENT_LOAD_OP_LOAD
                                                     : VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    depth.storeOp = pass.depth.store ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.clearValue.depthStencil = {pass.depth.clearDepth, 0};
    if (!s.depthExportPass.empty() && pass.name == s.depthExportPass) exportPassDepth(s, cmd, pass, t, depth);
  }
  VkRenderingInfo info{VK_STRUCTURE_TYPE_RENDERING_INFO};
  info.renderArea = {{0, 0}, {width, height}};
  info.layerCount = pass.viewMask ? 0 : 1;
  info.viewMask = pass.viewMask;
  info.colorAttachmentCount = std::uint32_t(colors.size());
  info.pColorAttachments = colors.data();
  info.pDepthAttachment = hasDepth ? &depth : nullptr;
  vkCmdBeginRendering(cmd, &info);
  // Y points down in Vulkan clip space; the projection matrices already flip it.
  VkViewport viewport{0.0f, 0.0f, float(width), float(height), 0.0f, 1.0f};
  VkRect2D scissor{{0, 0}, {width, height}};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void CommandList::endPass() {
  vkCmdEndRendering(state_.recording);
  state_.boundPipeline = nullptr;
}

void CommandList::bindPipeline(PipelineHandle handle) {
  PipelineRecord& p = state_.pipelines.get(handle.id);
  vkCmdBindPipeline(state_.recording, VK_PIPELINE_BIND_POINT_GRAPHICS, p.pipeline);
  state_.boundPipeline = &p;
}

void CommandList::bindGroup(std::uint32_t set, BindGroupHandle group) {
  SC_CHECK(state_.boundPipeline, "bindGroup before bindPipeline");
  VkDescriptorSet vkSet = state_.bindGroups.get(group.id).set;
  vkCmdBindDescriptorSets(state_.recording, VK_PIPELINE_BIND_POINT_GRAPHICS,
                          state_.boundPipeline->layout, set, 1, &vkSet, 0, nullptr);
}

void CommandList::pushConstants(const void* data, std::uint32_t bytes) {
  SC_CHECK(state_.boundPipeline && bytes <= state_.boundPipeline->pushConstantBytes,
           "push constants exceed the pipeline's range");
  vkCmdPushConstants(state_.recording, state_.boundPipeline->layout,
                     VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, bytes, data);
}

void CommandList::bindVertexBuffer(BufferHandle buffer, std::uint64_t offset) {
  VkBuffer vk = state_.buffers.get(buffer.id).buffer;
  VkDeviceSize off = offset;
  vkCmdBindVertexBuffers(state_.recording, 0, 1, &vk, &off);
}

void CommandList::bindIndexBuffer(BufferHandle buffer, std::uint64_t offset) {
  vkCmdBindIndexBuffer(state_.recording, state_.buffers.get(buffer.id).buffer, offset,
                       VK_INDEX_TYPE_UINT32);
}

void CommandList::draw(std::uint32_t vertexCount, std::uint32_t firstVertex) {
  vkCmdDraw(state_.recording, vertexCount, 1, firstVertex, 0);
  ++drawCalls_;
}

void CommandList::drawIndexed(std::uint32_t indexCount, std::uint32_t firstIndex, std::int32_t vertexOffset,
                              std::uint32_t instanceCount, std::uint32_t firstInstance) {
  vkCmdDrawIndexed(state_.recording, indexCount, instanceCount, firstIndex, vertexOffset, firstInstance);
  ++drawCalls_;
}

void CommandList::setViewport(std::uint32_t x, std::uint32_t y, std::uint32_t width, std::uint32_t height) {
  VkViewport viewport{float(x), float(y), float(width), float(height), 0.0f, 1.0f};
  VkRect2D scissor{{std::int32_t(x), std::int32_t(y)}, {width, height}};
  vkCmdSetViewport(state_.recording, 0, 1, &viewport);
  vkCmdSetScissor(state_.recording, 0, 1, &scissor);
}

void CommandList::prepareForSampling(TextureHandle texture) {
  TextureRecord& t = state_.textures.get(texture.id);
  VkImageLayout layout = isDepthFormat(t.desc.format) ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL
                                                      : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  state_.transition(state_.recording, t, layout);
}

void CommandList::markFrameStart() {
  FrameSlot& frame = state_.frames[state_.frameSlot];
  vkCmdResetQueryPool(state_.recording, frame.timestamps, 0, 2);
  vkCmdWriteTimestamp2(state_.recording, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, frame.timestamps, 0);
}

void CommandList::markFrameEnd() {
  FrameSlot& frame = state_.frames[state_.frameSlot];
  vkCmdWriteTimestamp2(state_.recording, VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, frame.timestamps, 1);
  frame.timestampsWritten = true;
}

// --- OffscreenTarget -------------------------------------------------------------------------

OffscreenTarget::OffscreenTarget(Device& device, std::uint32_t width, std::uint32_t height,
                                 std::uint32_t views, std::optional<bool> layered)
    : device_(device) {
  TextureDesc desc;
  desc.width = width;
  desc.height = height;
  desc.layers = views;
  desc.format = Format::RGBA8Srgb;
  desc.usage = TextureUsage::ColorAttachment | TextureUsage::TransferSrc | TextureUsage::Sampled;
  desc.arrayView = true;
  desc.debugName = "offscreen target";
  if (layered.value_or(device.info().multiviewReliable)) {
    image_.color = device.createTexture(desc);
  } else {
    desc.layers = 1;
    for (std::uint32_t view = 0; view < views; ++view) image_.viewColors.push_back(device.createTexture(desc));
  }
  image_.width = width;
  image_.height = height;
  image_.views = views;
  image_.format = desc.format;
}

OffscreenTarget::~OffscreenTarget() {
  device_.destroyTexture(image_.color);
  for (auto t : image_.viewColors) device_.destroyTexture(t);
}

Result<ImageRgba8> OffscreenTarget::readPixels() {
  ImageRgba8 out;
  out.width = image_.width * image_.views;
  out.height = image_.height;
  out.pixels.resize(std::size_t(out.width) * out.height * 4);
  for (std::uint32_t view = 0; view < image_.views; ++view) {
    auto layer = image_.viewColors.empty() ? device_.readback(image_.color, view)
                                           : device_.readback(image_.viewColors[view], 0);
    if (!layer) return layer.error();
    for (std::uint32_t y = 0; y < image_.height; ++y) {
      std::memcpy(out.at(view * image_.width, y), layer->at(0, y), std::size_t(image_.width) * 4);
    }
  }
  return out;
}

}  // namespace sc::gpu
