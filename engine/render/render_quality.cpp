#include "render/render_quality.hpp"

#include <fmt/format.h>

#include "render/shadow_cascades.hpp"

namespace sc::render {

std::string_view renderQualityName(RenderQuality quality) {
  switch (quality) {
    case RenderQuality::Low: return "low";
    case RenderQuality::Medium: return "medium";
    case RenderQuality::High: return "high";
  }
  return "medium";
}

std::optional<RenderQuality> parseRenderQuality(std::string_view name) {
  for (RenderQuality q : {RenderQuality::Low, RenderQuality::Medium, RenderQuality::High}) {
    if (name == renderQualityName(q)) return q;
  }
  return std::nullopt;
}

RendererOptions rendererOptionsFor(RenderQuality quality, bool cpuRasteriser, std::uint32_t msaaOverride) {
  RendererOptions options;  // medium: the renderer's defaults
  options.msaaSamples = cpuRasteriser ? 1 : 4;
  switch (quality) {
    case RenderQuality::Low:
      // A quarter of medium's shadow texels over a shorter distance keeps the texel density
      // near the camera from dropping by the full 2x; 75% scale is ~44% fewer shaded pixels.
      options.shadowMapSize = 1024;
      options.shadowDistance = 150.0f;
      options.msaaSamples = 1;
      options.renderScale = 0.75f;
      break;
    case RenderQuality::Medium: break;
    case RenderQuality::High:
      options.shadowMapSize = 4096;  // the atlas: 8192^2 depth texels, 256 MiB
      break;
  }
  if (msaaOverride == 1 || msaaOverride == 4) options.msaaSamples = msaaOverride;
  return options;
}

const char* describeHdrFormat(gpu::Format format) {
  return format == gpu::Format::RG11B10Float ? "RG11B10" : "RGBA16F";
}

std::string describeRendererOptions(const RendererOptions& options) {
  return fmt::format("shadow map {} px x {} cascades, MSAA {}, render scale {:.2f}, shadows to {:.0f} m",
                     options.shadowMapSize, kShadowCascades, options.msaaSamples, options.renderScale,
                     options.shadowDistance);
}

}  // namespace sc::render
