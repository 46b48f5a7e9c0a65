// The XR face against a real OpenXR runtime: Monado (tools/build-monado.sh) with its null
// compositor and simulated HMD, the Khronos core validation layer, Vulkan validation, lavapipe.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "app/default_scene.hpp"
#include "core/image_io.hpp"
#include "xr/xr_command.hpp"
#include "xr/xr_internal.hpp"
#include "xr/xr_system.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sc;

constexpr const char* kCoreValidationManifest =
    "/usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json";

// The core validation layer's manifest: Debian's, or one in XR_API_LAYER_PATH (machines where
// the layer travels as an unpacked .deb).
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

// Monado's runtime manifest: SC_MONADO_JSON, else the path tools/build-monado.sh recorded in its
// cache. Empty when Monado has not been built on this machine.
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

// Errors in the core validation layer's text log, less the one message the 1.0.20 layer prints
// for correct XR_KHR_vulkan_enable2 use (XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR shares its value
// with XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR, and the layer asks for XR_KHR_vulkan_enable).
struct ValidationLog {
  std::vector<std::string> errors;
  std::size_t whitelisted = 0;
};
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

Result<xr::XrContent> builtinContent(const std::string& input) {
  if (input != "builtin:default") return makeError("{}: only builtin:default in this test", input);
  xr::XrContent content;
  content.models.emplace_back(app::makeDefaultScene(), glm::mat4(1.0f));
  content.spawn = {2.4f, 0.0f, 4.3f};
  content.lookAt = {-0.2f, 1.0f, 0.0f};
  return content;
}

// Share of pixels that differ from the image's most common colour by more than 8 per channel,
// and the number of distinct colours (a cleared or constant image has one).
struct ImageFacts {
  double variedShare = 0.0;
  std::size_t colours = 0;
};
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

TEST(XrRuntime, NoRuntimeIsAClearErrorAndFallsBack) {
  setenv("XR_RUNTIME_JSON", "/nonexistent/openxr_runtime.json", 1);
  unsetenv("XR_ENABLE_API_LAYERS");
  xr::Availability why = xr::Availability::Available;
  auto system = xr::System::create({}, &why);
  ASSERT_FALSE(system.ok());
  EXPECT_EQ(why, xr::Availability::NoRuntime) << system.error().message;
  EXPECT_NE(system.error().message.find("no OpenXR runtime"), std::string::npos) << system.error().message;

  xr::XrRequest request;
  request.loadContent = builtinContent;
  request.desktopFallback = [] { return 42; };
  EXPECT_EQ(xr::runXr(request), 42);
  request.noFallback = true;
  EXPECT_EQ(xr::runXr(request), xr::kXrExitNoXr);
}

// Positive control for the validation checks below: with the same settings, the core validation
// layer is loaded, catches an invalid call and writes it to its log file.
TEST(XrRuntime, CoreValidationLayerIsActive) {
  std::string json = monadoJson();
  if (json.empty()) GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh";
  ASSERT_TRUE(coreValidationInstalled())
      << "the OpenXR core validation layer is missing: apt-get install openxr-layer-corevalidation";
  fs::path log = fs::temp_directory_path() / fmt::format("sc_xr_layer_{}.txt", ::getpid());
  fs::remove(log);
  useMonado(json, log);
  auto system = xr::System::create({});
  ASSERT_TRUE(system.ok()) << system.error().message;
  auto& impl = (*system)->impl();
  EXPECT_EQ(xrGetSystemProperties(impl.instance, impl.systemId, nullptr), XR_ERROR_VALIDATION_FAILURE);
  system->reset();
  ValidationLog found = readValidationLog(log);
  EXPECT_FALSE(found.errors.empty()) << "the core validation layer reported nothing to " << log;
  fs::remove(log);
}

TEST(XrRuntime, MonadoTourReachesFocusedRendersBothEyesAndRestarts) {
  std::string json = monadoJson();
  if (json.empty()) {
    GTEST_SKIP() << "Monado is not built on this machine: run tools/build-monado.sh (about 4 minutes), "
                    "or set SC_MONADO_JSON to an openxr_monado-dev.json";
  }
  ASSERT_TRUE(coreValidationInstalled())
      << "the OpenXR core validation layer is missing: apt-get install openxr-layer-corevalidation";
  fs::path dir = fs::temp_directory_path() / fmt::format("sc_xr_test_{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path validationFile = dir / "core_validation.txt";
  useMonado(json, validationFile);

  xr::XrRequest request;
  request.loadContent = builtinContent;
  request.noFallback = true;
  request.frames = 100;
  request.sessions = 2;
  request.readbackDir = dir.string();
  request.validation = std::getenv("SC_XR_TEST_NO_VK_VALIDATION") == nullptr;
  // lavapipe on two shared cores: small shadow maps and no MSAA keep a frame well inside 50 ms.
  request.msaa = 1;
  request.shadowMapSize = 512;
  if (const char* frames = std::getenv("SC_XR_TEST_FRAMES")) request.frames = std::uint32_t(std::atoi(frames));
  request.readbackFrame = request.frames / 2;
  xr::Availability why = xr::Availability::Failed;
  auto run = xr::runXrSession(request, &why);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(why, xr::Availability::Available);
  std::printf("runtime %s, system %s, %ux%u per eye, space %s, %s swapchains\n", run->runtime.c_str(),
              run->system.c_str(), run->width, run->height, run->space.c_str(),
              run->arraySwapchain ? "array" : "per-eye");

  // Lifecycle: both sessions reached FOCUSED, began once, submitted >= 100 frames; the second
  // session is the "ended and begun again" one.
  ASSERT_EQ(run->sessions.size(), 2u);
  EXPECT_EQ(run->sessionLosses, 0u);
  for (std::size_t i = 0; i < run->sessions.size(); ++i) {
    const auto& s = run->sessions[i];
    double fps = s.seconds > 0 ? double(s.framesEnded - 1) / s.seconds : 0.0;
    std::printf("session %zu: %s, %llu submitted, %llu ended, %.2f s, %.2f fps, period %.1f ms, CPU %.2f ms mean "
                "%.2f max, recording %.2f ms\n",
                i, xr::sessionStateName(s.highestState), (unsigned long long)s.framesSubmitted,
                (unsigned long long)s.framesEnded, s.seconds, fps, s.displayPeriodMs, s.cpuMsMean, s.cpuMsMax,
                s.recordMsMean);
    EXPECT_EQ(s.highestState, xr::SessionState::Focused) << "session " << i;
    EXPECT_EQ(s.timesBegun, 1u) << "session " << i;
    EXPECT_GE(s.framesSubmitted, request.frames) << "session " << i;
    EXPECT_FALSE(s.lost);
    EXPECT_GT(s.displayPeriodMs, 0.0);
  }

  // Input: every profile whose extension the runtime offers had its bindings accepted, and the
  // core ones a tourist is most likely to hold are among them.
  std::set<std::string> accepted;
  for (const auto& b : run->bindings) {
    std::printf("binding %s: %s\n", b.profile.c_str(), b.result.c_str());
    if (b.offered) {
      EXPECT_TRUE(b.accepted) << b.profile << ": " << b.result;
    }
    if (b.accepted) accepted.insert(b.profile);
  }
  for (const char* profile : {"/interaction_profiles/khr/simple_controller", "/interaction_profiles/oculus/touch_controller",
                              "/interaction_profiles/valve/index_controller", "/interaction_profiles/htc/vive_controller"}) {
    EXPECT_TRUE(accepted.count(profile)) << profile;
  }

  // Both eyes of both sessions were read back: the scene is there (many colours, not one
  // cleared or constant image) and the eyes differ slightly (parallax), not wholly.
  ASSERT_EQ(run->readbackFiles.size(), 4u);
  for (std::size_t session = 0; session < 2; ++session) {
    auto left = readPng(run->readbackFiles[session * 2]);
    auto right = readPng(run->readbackFiles[session * 2 + 1]);
    ASSERT_TRUE(left.ok() && right.ok());
    ASSERT_EQ(left->width, run->width);
    ASSERT_EQ(right->height, run->height);
    for (const auto* eye : {&*left, &*right}) {
      ImageFacts facts = describe(*eye);
      EXPECT_GT(facts.colours, 200u) << "session " << session;
      EXPECT_GT(facts.variedShare, 0.2) << "session " << session;
    }
    double difference = meanAbsDifference(*left, *right);
    std::printf("session %zu: eyes differ by %.2f per channel on average\n", session, difference);
    EXPECT_GT(difference, 0.5);
    EXPECT_LT(difference, 40.0);
  }

  EXPECT_EQ(run->vulkanValidationErrors, 0u);
  EXPECT_EQ(run->xrValidationErrors, 0u);
  // The layer writes its log only when it has something to say (CoreValidationLayerIsActive
  // proves it is loaded and reports there).
  ValidationLog log = readValidationLog(validationFile);
  for (const auto& e : log.errors) ADD_FAILURE() << "OpenXR core validation: " << e;
  std::printf("OpenXR core validation: %zu errors, %zu known 1.0.20 layer false positives\n", log.errors.size(),
              log.whitelisted);
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
