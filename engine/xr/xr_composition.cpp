// The composition layers of a frame (xrEndFrame): panorama (equirect2), the rendered eyes with
// their depth (projection + XR_KHR_composition_layer_depth), the UI panel (quad).
#include <algorithm>

#include <glm/gtc/constants.hpp>

#include "gpu/vk_interop.hpp"
#include "xr/xr_session_impl.hpp"

namespace sc::xr {

Status Session::endFrame() {
  Impl& s = *impl_;
  SC_CHECK(s.frameOpen, "endFrame without beginFrame");
  s.frameOpen = false;
  // A frame whose rendering failed still hands its images back before ending.
  bool heldImages = std::any_of(s.swapchains.begin(), s.swapchains.end(),
                                [](const Swapchain& c) { return c.acquired != UINT32_MAX; }) ||
                    std::any_of(s.depthChains.begin(), s.depthChains.end(),
                                [](const Swapchain& c) { return c.acquired != UINT32_MAX; });
  if (heldImages) {
    gpu::setDepthExport(*s.device, {}, {});
    SC_TRY(s.releaseImages());
    s.rendered = false;
  }
  // Back to front: panorama (when shown), the rendered scene, the UI panel.
  std::vector<const XrCompositionLayerBaseHeader*> layers;
  bool shouldRender = s.frameState.shouldRender;
  XrCompositionLayerEquirect2KHR equirect{XR_TYPE_COMPOSITION_LAYER_EQUIRECT2_KHR};
  bool panorama = shouldRender && s.panoramaShown && s.panorama.everReleased;
  if (panorama) {
    equirect.space = s.space;
    equirect.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
    equirect.subImage.swapchain = s.panorama.handle;
    equirect.subImage.imageRect = {{0, 0}, {std::int32_t(s.panorama.width), std::int32_t(s.panorama.height)}};
    equirect.pose = s.panoramaPose;
    equirect.radius = 0.0f;  // infinitely far: no parallax, as a photo sphere should be
    equirect.centralHorizontalAngle = 2.0f * glm::pi<float>();
    equirect.upperVerticalAngle = 0.5f * glm::pi<float>();
    equirect.lowerVerticalAngle = -0.5f * glm::pi<float>();
    layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&equirect));
  }
  std::array<XrCompositionLayerProjectionView, 2> views{};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfos{};
  XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  bool submit = s.rendered && shouldRender;
  bool depth = submit && s.depthWritten;
  if (submit) {
    for (std::uint32_t i = 0; i < 2; ++i) {
      views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      views[i].pose = s.views[i].pose;
      views[i].fov = s.views[i].fov;
      views[i].subImage.swapchain = s.swapchains[s.array ? 0 : i].handle;
      views[i].subImage.imageRect = {{0, 0}, {std::int32_t(s.width), std::int32_t(s.height)}};
      views[i].subImage.imageArrayIndex = s.array ? i : 0;
      if (!depth) continue;
      depthInfos[i] = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
      depthInfos[i].subImage.swapchain = s.depthChains[s.array ? 0 : i].handle;
      depthInfos[i].subImage.imageRect = views[i].subImage.imageRect;
      depthInfos[i].subImage.imageArrayIndex = views[i].subImage.imageArrayIndex;
      depthInfos[i].minDepth = 0.0f;
      depthInfos[i].maxDepth = 1.0f;
      depthInfos[i].nearZ = s.nearZ;
      depthInfos[i].farZ = s.farZ;
      views[i].next = &depthInfos[i];
    }
    projection.space = s.space;
    // Blended by its alpha over the real world (alpha-blend AR) or over the panorama under it.
    // The renderer's transparent background writes premultiplied colour (render::Background),
    // which is what OpenXR assumes without XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT, so
    // that bit stays off. Additive AR needs no flag: black adds nothing.
    if (s.blendMode == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND || (panorama && s.panoramaUnderEyes)) {
      projection.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    }
    projection.viewCount = 2;
    projection.views = views.data();
    layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection));
  }
  XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
  bool panel = shouldRender && s.panelVisible && s.panel.everReleased;
  if (panel) {
    quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    quad.space = s.space;
    quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
    quad.subImage.swapchain = s.panel.handle;
    quad.subImage.imageRect = {{0, 0}, {std::int32_t(s.panel.width), std::int32_t(s.panel.height)}};
    quad.pose = s.panelPose;
    quad.size = s.panelSize;
    layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
  }
  XrFrameEndInfo endInfo{XR_TYPE_FRAME_END_INFO};
  endInfo.displayTime = s.frameState.predictedDisplayTime;
  endInfo.environmentBlendMode = s.blendMode;
  endInfo.layerCount = std::uint32_t(layers.size());
  endInfo.layers = layers.empty() ? nullptr : layers.data();
  SC_XR_TRY(s.system->instance, s.note(xrEndFrame(s.session, &endInfo)));
  ++s.ended;
  if (submit) ++s.submitted;
  if (depth) ++s.withDepth;
  if (panel) ++s.withPanel;
  if (panorama) ++s.withPanorama;
  if (submit && projection.layerFlags) ++s.withAlphaProjection;
  return okStatus();
}

void Session::setDepthRange(float nearPlane, float farPlane) {
  impl_->nearZ = nearPlane;
  impl_->farZ = farPlane;
}
bool Session::depthSubmission() const { return !impl_->depthChains.empty(); }

namespace {

XrPosef toXrPose(const Pose& pose) {
  XrPosef out;
  out.orientation = {pose.orientation.x, pose.orientation.y, pose.orientation.z, pose.orientation.w};
  out.position = {pose.position.x, pose.position.y, pose.position.z};
  return out;
}

// A colour swapchain for a picture (panel, panorama) of this size, made anew on a size change:
// drawn into (colour attachment), uploaded into (transfer destination), read by shaders and
// layout transitions for sampling (sampled), read back in tests (transfer source).
Status ensurePictureSwapchain(Session::Impl& s, Swapchain& chain, std::uint32_t width, std::uint32_t height,
                              const char* name) {
  if (width == 0 || height == 0) return makeError("the {} picture is empty", name);
  if (chain.handle != XR_NULL_HANDLE && (chain.width != width || chain.height != height)) {
    SC_TRY(s.device->waitIdle());
    destroySwapchain(*s.device, chain);
  }
  if (chain.handle != XR_NULL_HANDLE) return okStatus();
  SwapchainSpec spec;
  spec.nativeFormat = s.nativeFormat;
  spec.format = s.format;
  spec.width = width;
  spec.height = height;
  spec.xrUsage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT |
                 XR_SWAPCHAIN_USAGE_SAMPLED_BIT;
  spec.textureUsage = gpu::TextureUsage::ColorAttachment | gpu::TextureUsage::Sampled;
  if (s.options.readbackUsage) {
    spec.xrUsage |= XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
    spec.textureUsage |= gpu::TextureUsage::TransferSrc;
  }
  spec.name = name;
  Status made = createSwapchain(s.system->instance, s.session, *s.device, spec, s.noter(), chain);
  if (!made) destroySwapchain(*s.device, chain);
  return made;
}

Status uploadPicture(Session::Impl& s, Swapchain& chain, const ImageRgba8& image, const char* name) {
  if (image.pixels.size() != std::size_t(image.width) * image.height * 4) {
    return makeError("the {} image's pixel count does not match {}x{}", name, image.width, image.height);
  }
  SC_TRY(ensurePictureSwapchain(s, chain, image.width, image.height, name));
  return uploadWholeImage(s.system->instance, *s.device, chain, image, s.noter());
}

}  // namespace

Status Session::setPanelImage(const ImageRgba8& image) {
  SC_CHECK(!impl_->frameOpen, "setPanelImage between beginFrame and endFrame");
  SC_TRY(uploadPicture(*impl_, impl_->panel, image, "panel"));
  impl_->panelVisible = true;
  return okStatus();
}

Status Session::drawPanel(std::uint32_t width, std::uint32_t height,
                          const std::function<Status(gpu::TextureHandle target)>& draw) {
  Impl& s = *impl_;
  SC_CHECK(!s.frameOpen, "drawPanel between beginFrame and endFrame");
  SC_TRY(ensurePictureSwapchain(s, s.panel, width, height, "panel"));
  XrInstance instance = s.system->instance;
  SC_TRY(acquireImage(instance, s.panel, s.noter()));
  gpu::TextureHandle target = s.panel.images[s.panel.acquired];
  Status drawn = draw(target);
  if (drawn && s.options.readbackUsage) {
    auto pixels = s.device->readback(target);
    if (pixels) s.panelReadback = std::move(*pixels);
    else drawn = pixels.error();
  }
  if (drawn) drawn = gpu::releaseLayoutNow(*s.device, target);
  // Back to the runtime even when drawing failed: a held image blocks the swapchain.
  Status released = releaseImage(instance, s.panel, s.noter());
  SC_TRY(drawn);
  SC_TRY(released);
  s.panelVisible = true;
  return okStatus();
}

std::optional<ImageRgba8> Session::takePanelReadback() {
  auto out = std::move(impl_->panelReadback);
  impl_->panelReadback.reset();
  return out;
}

void Session::setPanelPlacement(const Pose& pose, glm::vec2 sizeMetres) {
  impl_->panelPose = toXrPose(pose);
  impl_->panelSize = {sizeMetres.x, sizeMetres.y};
}

void Session::setPanelVisible(bool visible) { impl_->panelVisible = visible; }

bool Session::panoramaLayerOffered() const {
  return impl_->system->has(XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME);
}

Status Session::setPanorama(const ImageRgba8* image, const Pose& centre, bool underEyes) {
  Impl& s = *impl_;
  SC_CHECK(!s.frameOpen, "setPanorama between beginFrame and endFrame");
  if (!image) {
    s.panoramaShown = false;
    return okStatus();
  }
  if (!panoramaLayerOffered()) {
    return makeError("the XR runtime does not offer {}; show the panorama as a textured sphere instead",
                     XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME);
  }
  SC_TRY(uploadPicture(s, s.panorama, *image, "panorama"));
  s.panoramaPose = toXrPose(centre);
  s.panoramaShown = true;
  s.panoramaUnderEyes = underEyes;
  return okStatus();
}

bool Session::panoramaShown() const { return impl_->panoramaShown; }
void Session::setPanoramaCentre(const Pose& centre) { impl_->panoramaPose = toXrPose(centre); }
bool Session::panoramaUnderEyes() const { return impl_->panoramaShown && impl_->panoramaUnderEyes; }

}  // namespace sc::xr
