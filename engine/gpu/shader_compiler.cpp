#include "gpu/shader_compiler.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <set>
#include <span>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/file_io.hpp"

extern char** environ;

namespace sc::gpu {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

fs::path findCompiler(const ShaderCompileOptions& options) {
  if (!options.compiler.empty()) return options.compiler;
  if (const char* env = std::getenv("SC_GLSLC"); env && *env) return env;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    std::size_t colon = dirs.find(':', at);
    fs::path dir = dirs.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
    std::error_code ec;
    if (!dir.empty() && fs::exists(dir / "glslc", ec)) return dir / "glslc";
    if (colon == std::string::npos) break;
    at = colon + 1;
  }
  return {};
}

struct ChildResult {
  int exitCode = -1;
  bool timedOut = false;
  std::string output;  // stderr and stdout together
};

// Runs `argv` with stdout and stderr captured; kills it after `timeout`.
Result<ChildResult> runChild(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) return makeError("cannot start {}: pipe: {}", args[0], std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipeFds[1]);
  if (spawned != 0) {
    ::close(pipeFds[0]);
    return makeError("cannot start {}: {}", args[0], std::strerror(spawned));
  }
  ChildResult result;
  auto deadline = Clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      result.timedOut = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd fd{pipeFds[0], POLLIN, 0};
    int ready = ::poll(&fd, 1, int(std::min<long long>(left, 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = ::read(pipeFds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child closed its output
    if (result.output.size() < (1u << 20)) result.output.append(buffer, std::size_t(n));
  }
  ::close(pipeFds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

bool isShaderStageFile(const fs::path& file) {
  static const std::set<std::string> stages{".vert", ".frag", ".comp", ".geom", ".tesc", ".tese"};
  return stages.count(file.extension().string()) > 0;
}

Result<std::vector<std::uint32_t>> compileGlsl(const fs::path& source, const ShaderCompileOptions& options) {
  if (!isShaderStageFile(source)) {
    return makeError("{}: not a shader stage file (.vert, .frag, .comp, .geom, .tesc, .tese)", source.string());
  }
  fs::path compiler = findCompiler(options);
  if (compiler.empty()) {
    return makeError("{}: cannot recompile: glslc was not found on PATH; install Debian's glslc package "
                     "or set SC_GLSLC", source.string());
  }
  // The output goes to a temporary file beside nothing the engine reads: a failed or killed
  // compile leaves no half-written SPIR-V anywhere.
  char tmpl[] = "/tmp/sc-shader-XXXXXX";
  int tmpFd = ::mkstemp(tmpl);
  if (tmpFd < 0) return makeError("{}: cannot make a temporary file: {}", source.string(), std::strerror(errno));
  ::close(tmpFd);
  fs::path output = tmpl;
  std::vector<std::string> args{compiler.string(), "--target-env=" + options.targetEnv};
  if (options.optimize) args.push_back("-O");
  args.push_back("-I");
  args.push_back(source.parent_path().empty() ? "." : source.parent_path().string());
  for (const auto& dir : options.includeDirs) {
    args.push_back("-I");
    args.push_back(dir.string());
  }
  args.push_back("-o");
  args.push_back(output.string());
  args.push_back(source.string());
  auto child = runChild(args, options.timeout);
  std::error_code ec;
  if (!child) {
    fs::remove(output, ec);
    return child.error();
  }
  if (child->timedOut) {
    fs::remove(output, ec);
    return makeError("{}: glslc did not finish within {} ms and was stopped", source.string(), options.timeout.count());
  }
  if (child->exitCode != 0) {
    fs::remove(output, ec);
    std::string message = trimmed(child->output);
    if (message.empty()) message = fmt::format("{}: glslc failed (exit code {})", source.string(), child->exitCode);
    return Error{message};
  }
  auto bytes = readFileBytes(output, 64ull << 20);
  fs::remove(output, ec);
  if (!bytes) return bytes.error();
  if (bytes->size() < 20 || bytes->size() % 4 != 0) {
    return makeError("{}: glslc wrote {} bytes, which is not SPIR-V", source.string(), bytes->size());
  }
  std::vector<std::uint32_t> words(bytes->size() / 4);
  std::memcpy(words.data(), bytes->data(), bytes->size());
  if (words[0] != 0x07230203u) return makeError("{}: glslc's output is not SPIR-V (bad magic number)", source.string());
  return words;
}

LiveShaderSet::LiveShaderSet(fs::path sourceDir, fs::path outputDir, ShaderCompileOptions options)
    : sourceDir_(std::move(sourceDir)), outputDir_(std::move(outputDir)), options_(std::move(options)) {
  std::error_code ec;
  sourceDir_ = fs::weakly_canonical(fs::absolute(sourceDir_, ec), ec);
  fs::create_directories(outputDir_, ec);
  for (fs::directory_iterator it(outputDir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".spv") continue;
    auto bytes = readFileBytes(it->path(), 64ull << 20);
    if (!bytes || bytes->size() % 4 != 0) continue;
    std::vector<std::uint32_t> words(bytes->size() / 4);
    std::memcpy(words.data(), bytes->data(), bytes->size());
    lastGood_[it->path().filename().string()] = std::move(words);
  }
}

ShaderUpdate LiveShaderSet::recompile(const std::vector<fs::path>& changedFiles) {
  std::set<fs::path> stages;
  for (const auto& changed : changedFiles) {
    std::error_code ec;
    fs::path file = fs::weakly_canonical(fs::absolute(changed, ec), ec);
    if (file.parent_path() != sourceDir_) continue;
    if (isShaderStageFile(file)) {
      stages.insert(file);
      continue;
    }
    // An include: which stages use it is not tracked, so every stage is rebuilt (a few shaders,
    // each well under a second).
    for (fs::directory_iterator it(sourceDir_, ec), end; !ec && it != end; it.increment(ec)) {
      if (isShaderStageFile(it->path())) stages.insert(it->path());
    }
  }
  ShaderUpdate update;
  for (const auto& stage : stages) {
    std::string name = stage.filename().string() + ".spv";
    auto words = compileGlsl(stage, options_);
    if (!words) {
      update.errors[name] = words.error().message;
      errors_[name] = words.error().message;
      continue;
    }
    auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(words->data()), words->size() * 4);
    if (auto written = writeFileAtomic(outputDir_ / name, bytes); !written) {
      update.errors[name] = written.error().message;
      errors_[name] = written.error().message;
      continue;
    }
    errors_.erase(name);
    lastGood_[name] = std::move(words.value());
    update.rebuilt.push_back(name);
  }
  return update;
}

const std::vector<std::uint32_t>* LiveShaderSet::spirv(const std::string& spvName) const {
  auto it = lastGood_.find(spvName);
  return it == lastGood_.end() ? nullptr : &it->second;
}

}  // namespace sc::gpu
