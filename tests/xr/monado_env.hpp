#pragma once
// Running Monado (tools/build-monado.sh) headless for the XR tests: its manifest, the null
// compositor, the Khronos core validation layer and its log, the built-in test content, and
// image facts for read-back eyes.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "xr/xr_command.hpp"

namespace sc::xrtest {

// Monado's runtime manifest: SC_MONADO_JSON, else the path tools/build-monado.sh recorded in
// its cache. Empty when Monado has not been built on this machine.
std::string monadoJson();
// The core validation layer's manifest is installed (Debian's, or one in XR_API_LAYER_PATH).
bool coreValidationInstalled();
// XR_RUNTIME_JSON, XRT_COMPOSITOR_NULL, the core validation layer writing to `validationLog`.
void useMonado(const std::string& json, const std::filesystem::path& validationLog);

// Errors in the core validation layer's text log, less the one message the 1.0.20 layer prints
// for correct XR_KHR_vulkan_enable2 use (XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR shares its value
// with XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR, and the layer asks for XR_KHR_vulkan_enable).
struct ValidationLog {
  std::vector<std::string> errors;
  std::size_t whitelisted = 0;
};
ValidationLog readValidationLog(const std::filesystem::path& file);

// "builtin:default" for the XR tests: a small courtyard of procedural shapes (flagstones, walls,
// pillars, a lantern, a stone), the visitor at (2.4, 0, 4.3) facing (-0.2, 1, 0).
Result<xr::XrContent> builtinContent(const std::string& input);

// A request for a quick test run: no MSAA, small shadow maps, Vulkan validation on (unless
// SC_XR_TEST_NO_VK_VALIDATION is set), no fallback.
xr::XrRequest quickRequest(std::uint32_t frames);

// Share of pixels that differ from the image's most common colour by more than 8 per channel,
// and the number of distinct colours (a cleared or constant image has one).
struct ImageFacts {
  double variedShare = 0.0;
  std::size_t colours = 0;
};
ImageFacts describe(const ImageRgba8& image);
double meanAbsDifference(const ImageRgba8& a, const ImageRgba8& b);

// The read-back files whose names end in `suffix` ("-left.png", "-right.png", "-panel.png"), in
// session order.
std::vector<std::string> filesEndingIn(const std::vector<std::string>& files, const std::string& suffix);

// A fresh temporary folder for one test, and its removal (kept when SC_XR_TEST_KEEP is set, to
// look at the read-back eyes).
std::filesystem::path freshDir(const std::string& name);
void cleanUp(const std::filesystem::path& dir);

// A "key value..." report file (what `shancheng xr --readback-dir` writes as xr-face.txt), by key.
std::map<std::string, std::string> readReport(const std::filesystem::path& file);

}  // namespace sc::xrtest
