// Monado test environment helpers (see monado_env.hpp).
#include "monado_env.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "render/procedural_shapes.hpp"

namespace sc::xrtest {

namespace fs = std::filesystem;

namespace {
constexpr const char* kCoreValidationManifest =
    "/usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json";
}

bool coreValidationInstalled() {
  if (fs::exists(kCoreValidationManifest)) return true;
  const char* paths = std::getenv("XR_API_LAYER_PATH");
  if (!paths) return false;
  std::string list = paths;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = list.find(':', start);
    if (end == std::string::npos) end = list.size();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(list.substr(start, end - start), ec))
      if (entry.path().filename().string().find("core_validation") != std::string::npos) return true;
    start = end + 1;
  }
  return false;
}

std::string monadoJson() {
  if (const char* env = std::getenv("SC_MONADO_JSON"); env && *env) return fs::exists(env) ? env : "";
  fs::path cache;
  if (const char* dir = std::getenv("SC_CACHE_DIR"); dir && *dir) cache = dir;
  else if (const char* home = std::getenv("HOME"); home && *home) cache = fs::path(home) / ".cache" / "shancheng";
  else return "";
  std::ifstream record(cache / "monado-25.0.0" / "runtime-json.txt");
  std::string path;
  std::getline(record, path);
  return !path.empty() && fs::exists(path) ? path : "";
}

void useMonado(const std::string& json, const fs::path& validationLog) {
  setenv("XR_RUNTIME_JSON", json.c_str(), 1);
  setenv("XRT_COMPOSITOR_NULL", "1", 1);
  setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
  setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  setenv("XR_CORE_VALIDATION_FILE_NAME", validationLog.c_str(), 1);
}

ValidationLog readValidationLog(const fs::path& file) {
  ValidationLog log;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("VALID_ERROR") == std::string::npos) continue;
    bool known = line.find("XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR") != std::string::npos &&
                 line.find("XR_KHR_vulkan_enable") != std::string::npos;
    if (known) ++log.whitelisted;
    else log.errors.push_back(line);
  }
  return log;
}

assets::Model testCourtyard() {
  assets::Model model;
  auto material = [&](glm::vec3 colour, float roughness) {
    assets::Material m;
    m.baseColorFactor = glm::vec4(colour, 1.0f);
    m.metallicFactor = 0.0f;
    m.roughnessFactor = roughness;
    model.materials.push_back(m);
    return std::uint32_t(model.materials.size() - 1);
  };
  std::uint32_t flagstone = material({0.42f, 0.40f, 0.36f}, 0.9f);
  std::uint32_t wall = material({0.62f, 0.18f, 0.12f}, 0.7f);
  std::uint32_t timber = material({0.35f, 0.22f, 0.12f}, 0.6f);
  std::uint32_t lantern = material({0.95f, 0.75f, 0.2f}, 0.3f);
  std::uint32_t stone = material({0.3f, 0.45f, 0.7f}, 0.4f);
  render::addPrimitiveNode(model, render::makeBox({10.0f, 0.05f, 10.0f}, 10.0f), flagstone, {0.0f, -0.05f, 0.0f}, "ground");
  render::addPrimitiveNode(model, render::makeBox({3.0f, 2.0f, 0.3f}), wall, {-0.5f, 2.0f, -3.0f}, "hall wall");
  render::addPrimitiveNode(model, render::makeBox({0.3f, 1.5f, 2.0f}), wall, {-3.8f, 1.5f, -0.5f}, "side wall");
  for (float x : {-2.5f, 1.5f}) {
    render::addPrimitiveNode(model, render::makeCylinder(0.2f, 3.2f), timber, {x, 0.0f, -1.8f}, "pillar");
  }
  render::addPrimitiveNode(model, render::makeSphere(0.35f), lantern, {-0.5f, 2.6f, -1.8f}, "lantern");
  render::addPrimitiveNode(model, render::makeSphere(0.6f), stone, {0.8f, 0.6f, 0.2f}, "stone");
  return model;
}

Result<xr::XrContent> builtinContent(const std::string& input) {
  if (input != "builtin:default") return makeError("{}: only builtin:default in this test", input);
  xr::XrContent content;
  // A small courtyard of procedural shapes: the XR tier needs no app module (and stays quick).
  content.models.push_back({testCourtyard(), glm::mat4(1.0f)});
  content.spawn = {2.4f, 0.0f, 4.3f};
  content.lookAt = {-0.2f, 1.0f, 0.0f};
  return content;
}

xr::XrRequest quickRequest(std::uint32_t frames) {
  xr::XrRequest request;
  request.loadContent = builtinContent;
  request.noFallback = true;
  request.frames = frames;
  request.validation = std::getenv("SC_XR_TEST_NO_VK_VALIDATION") == nullptr;
  // lavapipe on two shared cores: small shadow maps and no MSAA keep a frame well inside 50 ms.
  request.msaa = 1;
  request.shadowMapSize = 512;
  request.sessionRetrySeconds = 0.5;
  return request;
}

ImageFacts describe(const ImageRgba8& image) {
  std::map<std::uint32_t, std::size_t> histogram;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
    std::uint32_t c = image.pixels[i] | image.pixels[i + 1] << 8 | image.pixels[i + 2] << 16;
    ++histogram[c];
  }
  std::uint32_t common = 0;
  std::size_t best = 0;
  for (auto [c, n] : histogram)
    if (n > best) best = n, common = c;
  std::size_t varied = 0;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
    for (int ch = 0; ch < 3; ++ch) {
      if (std::abs(int(image.pixels[i + ch]) - int((common >> (8 * ch)) & 0xff)) > 8) {
        ++varied;
        break;
      }
    }
  }
  return {double(varied) / double(image.pixels.size() / 4), histogram.size()};
}

double meanAbsDifference(const ImageRgba8& a, const ImageRgba8& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / double(a.pixels.size());
}

fs::path freshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / fmt::format("sc_xr_{}_{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> filesEndingIn(const std::vector<std::string>& files, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& f : files)
    if (f.size() >= suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) out.push_back(f);
  return out;
}

void cleanUp(const fs::path& dir) {
  if (std::getenv("SC_XR_TEST_KEEP")) {
    std::printf("kept %s\n", dir.c_str());
    return;
  }
  fs::remove_all(dir);
}

std::map<std::string, std::string> readReport(const std::filesystem::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto space = line.find(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

}  // namespace sc::xrtest
