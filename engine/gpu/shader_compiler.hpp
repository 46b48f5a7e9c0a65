#pragma once
// GLSL -> SPIR-V at run time, for shader hot reload in the creator preview.
//
// The compiler is glslc (Debian's shaderc package), run as a child process with the same
// arguments the build uses (cmake/shaders.cmake: --target-env=vulkan1.3 -O -I <shader folder>),
// so a shader recompiled at run time is the same SPIR-V the build would make. A child process
// rather than linking libshaderc: no new library in the engine, the build's exact compiler, and a
// compiler crash or hang on a half-typed shader cannot take the preview down (it is killed after
// `timeout`). The price is a process start (tens of ms) per shader, paid only when one changes.
//
// LiveShaderSet keeps the LAST GOOD SPIR-V of every shader: a compile error leaves the previous
// code in place (in memory and in the output folder) and returns glslc's message for the UI.
//
// Pipelines are made by the renderer from <name>.spv files in Device::shaderDir(). The preview
// points SC_SHADER_DIR at a session folder seeded with the built SPIR-V and uses that folder as
// the LiveShaderSet's output; after an update that rebuilt shaders, the renderer recreates its
// pipelines from that folder (its own hook, see docs/PREVIEW.md).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sc::gpu {

struct ShaderCompileOptions {
  std::filesystem::path compiler;                  // empty: $SC_GLSLC, else glslc found on PATH
  std::vector<std::filesystem::path> includeDirs;  // -I (the source's own folder is always searched)
  std::string targetEnv = "vulkan1.3";
  bool optimize = true;                            // -O, as the build
  std::chrono::milliseconds timeout{20000};        // the child is killed after this
};

// Whether `file` is a shader stage glslc compiles on its own (.vert .frag .comp .geom .tesc
// .tese), as opposed to an include (.glsl).
bool isShaderStageFile(const std::filesystem::path& file);

// Compiles one stage file. On failure the Error holds the compiler's diagnostics as it printed
// them ("file:line: error: ..."), or says why it could not run (glslc missing, timeout).
Result<std::vector<std::uint32_t>> compileGlsl(const std::filesystem::path& source, const ShaderCompileOptions& options);

struct ShaderUpdate {
  std::vector<std::string> rebuilt;            // <name>.spv files that now hold new code
  std::map<std::string, std::string> errors;   // <name>.spv -> compiler message (old code kept)
  bool changed() const { return !rebuilt.empty(); }
};

class LiveShaderSet {
 public:
  // `sourceDir`: the GLSL folder (shaders/); `outputDir`: where <name>.spv files are written
  // (created when missing). Existing .spv files there are the initial last-good code.
  LiveShaderSet(std::filesystem::path sourceDir, std::filesystem::path outputDir, ShaderCompileOptions options = {});

  // Recompiles what `changedFiles` affect: a stage file itself; for an include (any other file
  // in the source folder), every stage file of the folder. Files outside it are ignored.
  ShaderUpdate recompile(const std::vector<std::filesystem::path>& changedFiles);

  // Last good SPIR-V for "<stage file name>.spv" (e.g. "pbr.frag.spv"); nullptr when none.
  const std::vector<std::uint32_t>* spirv(const std::string& spvName) const;
  // Shaders whose newest source does not compile, with the message; empty when all compile.
  const std::map<std::string, std::string>& errors() const { return errors_; }
  const std::filesystem::path& sourceDir() const { return sourceDir_; }
  const std::filesystem::path& outputDir() const { return outputDir_; }

 private:
  std::filesystem::path sourceDir_;
  std::filesystem::path outputDir_;
  ShaderCompileOptions options_;
  std::map<std::string, std::vector<std::uint32_t>> lastGood_;
  std::map<std::string, std::string> errors_;
};

}  // namespace sc::gpu
