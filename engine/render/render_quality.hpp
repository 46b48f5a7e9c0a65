#pragma once
// Quality presets: what "low / medium / high" in the visitor's settings (and --quality) mean for
// the renderer. Medium is the renderer's defaults; low trades sharpness for speed on weak
// machines (smaller shadow atlas, no MSAA, the scene drawn at 75% size and scaled up); high
// sharpens shadows (a 4x larger atlas) and keeps 4x MSAA.
//
// MSAA is 1 on CPU rasterisers at every level (lavapipe spends up to 100x longer on some views
// with 4x MSAA), as the render command does; an explicit sample count (--msaa) wins over the
// preset.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "render/renderer.hpp"

namespace sc::render {

enum class RenderQuality : std::uint8_t { Low, Medium, High };

std::string_view renderQualityName(RenderQuality quality);  // "low", "medium", "high"
// "low" | "medium" | "high" (lower case, as written on the command line); nullopt otherwise.
std::optional<RenderQuality> parseRenderQuality(std::string_view name);

// The renderer options of `quality` on a device (`cpuRasteriser`: DeviceInfo::isSoftware).
// `msaaOverride` 1 or 4 replaces the preset's sample count; 0 keeps it.
RendererOptions rendererOptionsFor(RenderQuality quality, bool cpuRasteriser, std::uint32_t msaaOverride = 0);

// One line for logs: "shadow map 2048 px x 4 cascades, MSAA 4, render scale 1.00, shadows to 250 m".
std::string describeRendererOptions(const RendererOptions& options);
// The HDR target's format for logs (Renderer::hdrTargetFormat): "RG11B10" or "RGBA16F".
const char* describeHdrFormat(gpu::Format format);

}  // namespace sc::render
