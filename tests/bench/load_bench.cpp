// Loading cost: Assimp cold import vs the cooked cache vs Assimp's own `assimp info` tool on the
// same files, and whole scenes made of 1, 4 and 16 copies of the Hongyadong landmark (each copy
// its own set of files, so import and cache costs really scale), with peak memory.
//
//   sc_load_bench [--benchmark_out=FILE --benchmark_out_format=json] [--benchmark_filter=...]
// Environment: SC_BENCH_LOAD_REPS (repetitions per case, default 5).
//
// Every measured load runs in a fresh child process (this executable re-run with --sc-child=...),
// so no case inherits another's caches, heap or page-table state, and its peak memory is its own:
//  - manual time   = the load inside the child (steady clock around importModel / loadOrCook /
//                    loadSceneContent), process start-up excluded;
//  - process_ms    = wall time of the whole child process (exec, dynamic linking, load, exit),
//                    the figure comparable with the `assimp info` tool, which is timed the same way;
//  - load_peak_mib = growth of the peak resident set during the load (VmHWM after the load minus
//                    the resident set before it; the kernel's peak is reset through
//                    /proc/self/clear_refs first);
//  - peak_mib      = the child's whole-life peak resident set (wait4's ru_maxrss);
//  - cpu_ms        = CPU time of the load (the child's CLOCK_PROCESS_CPUTIME_ID around it, all
//                    its threads): on a shared machine the wall time includes waiting for
//                    a core, the CPU time does not;
//  - faults        = page faults during the load (ru_minflt + ru_majflt), one per fresh page.
// Files are read from the page cache in every case (each file is read once before timing): the
// figures compare CPU work, not the disk.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/scene_content.hpp"
#include "assets/cooked_cache.hpp"
#include "assets/importer.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace sc;
using Clock = std::chrono::steady_clock;

const fs::path kSource = SC_SOURCE_DIR;
const fs::path kAssimpModels = "/usr/share/assimp/models";

// ---- child side -----------------------------------------------------------------------------

long statusKib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, n, key) == 0) return std::atol(line.c_str() + n + 1);
  }
  return -1;
}

double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

long pageFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

// Loads one thing and prints "seconds base_kib peak_kib triangles models source_bytes hash_s
// read_s decode_s cpu_s faults" on stdout (source_bytes .. decode_s from CookStats; 0 where the
// mode has none).
int childMain(const std::string& mode, const fs::path& file, const fs::path& cache) {
  spdlog::set_level(spdlog::level::err);
  if (!cache.empty()) setenv("XDG_CACHE_HOME", cache.c_str(), 1);  // loadSceneContent's cache
  {
    std::ofstream reset("/proc/self/clear_refs");
    reset << "5";  // resets VmHWM to the current resident set (Linux 4.0+)
  }
  const long baseKib = statusKib("VmRSS:");
  std::size_t triangles = 0, models = 0;
  assets::CookStats stats;
  const long faultsBefore = pageFaults();
  const double cpuBefore = processCpuSeconds();
  const auto start = Clock::now();
  ContentRoots roots({file.parent_path()});
  assets::CookOptions cook;
  cook.cacheDir = cache / "shancheng" / "cooked";
  if (mode == "import" || mode == "cook" || mode == "cooked") {
    auto model = mode == "import" ? assets::importModel(file, roots) : assets::loadOrCook(file, roots, {}, cook, &stats);
    if (!model) {
      std::fprintf(stderr, "%s\n", model.error().message.c_str());
      return 1;
    }
    triangles = model->triangleCount();
    models = 1;
  } else if (mode == "scene") {
    scene::ValidationReport report;
    auto content = app::loadSceneContent(file, report);
    if (!content) {
      std::fprintf(stderr, "%s\n", content.error().message.c_str());
      return 1;
    }
    for (const auto& m : content->models) triangles += m.model.triangleCount();
    models = content->models.size();
  } else {
    std::fprintf(stderr, "unknown child mode %s\n", mode.c_str());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpuSeconds = processCpuSeconds() - cpuBefore;
  const long faults = pageFaults() - faultsBefore;
  long peakKib = statusKib("VmHWM:");
  std::printf("%.9f %ld %ld %zu %zu %llu %.9f %.9f %.9f %.9f %ld\n", seconds, baseKib, peakKib, triangles, models,
              static_cast<unsigned long long>(stats.sourceBytes), stats.hashSeconds, stats.readSeconds,
              stats.decodeSeconds, cpuSeconds, faults);
  return 0;
}

// ---- parent side ----------------------------------------------------------------------------

struct ChildRun {
  bool ok = false;
  std::string error;
  double loadSeconds = 0.0;   // reported by the child (-1 for external tools)
  double processSeconds = 0.0;
  double loadPeakMib = 0.0;
  double peakMib = 0.0;       // ru_maxrss
  double triangles = 0.0, models = 0.0;
  double sourceBytes = 0.0, hashSeconds = 0.0, readSeconds = 0.0, decodeSeconds = 0.0;  // CookStats
  double cpuSeconds = 0.0, faults = 0.0;  // the load's CPU time and page faults
};

// Runs argv, capturing stdout (stderr passes through unless quiet), and times the process.
ChildRun spawnAndWait(const std::vector<std::string>& argv, bool captureStdout) {
  ChildRun run;
  int pipeFds[2];
  if (pipe(pipeFds) != 0) {
    run.error = "pipe failed";
    return run;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const auto start = Clock::now();
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  if (spawned != 0) {
    close(pipeFds[0]);
    run.error = "cannot start " + argv[0] + ": " + std::strerror(spawned);
    return run;
  }
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) {
    if (captureStdout) out.append(buffer, std::size_t(n));
  }
  close(pipeFds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.processSeconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.peakMib = double(usage.ru_maxrss) / 1024.0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.error = argv[0] + " " + (argv.size() > 1 ? argv[1] : "") + " failed (status " + std::to_string(status) + ")";
    return run;
  }
  run.ok = true;
  if (captureStdout) {
    std::istringstream in(out);
    long baseKib = 0, peakKib = 0;
    in >> run.loadSeconds >> baseKib >> peakKib >> run.triangles >> run.models >> run.sourceBytes >>
        run.hashSeconds >> run.readSeconds >> run.decodeSeconds >> run.cpuSeconds >> run.faults;
    if (!in) {
      run.ok = false;
      run.error = "unreadable child output: " + out;
    }
    run.loadPeakMib = double(peakKib - baseKib) / 1024.0;
  }
  return run;
}

fs::path gSelf;
fs::path gWork;  // temporary folder: caches and the generated scenes

void readOnce(const fs::path& folder) {
  // Warm the page cache so that every case reads from memory.
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<char> buffer(1 << 16);
    while (in.read(buffer.data(), std::streamsize(buffer.size())) || in.gcount() > 0) {
    }
  }
}

// mode: import | cook (empty cache every time) | cooked (cache filled first) | scene-cold |
// scene-cooked | assimp-info.
void loadCase(benchmark::State& state, const std::string& mode, const fs::path& file, const std::string& cacheName) {
  const fs::path cache = gWork / "cache" / cacheName;
  std::error_code ec;
  const bool sceneMode = mode.rfind("scene", 0) == 0;
  const std::string childMode = sceneMode ? "scene" : mode;
  auto childArgs = [&] {
    return std::vector<std::string>{gSelf.string(), "--sc-child=" + childMode, "--sc-file=" + file.string(),
                                    "--sc-cache=" + cache.string()};
  };
  if ((mode == "cooked" || mode == "scene-cooked") && !fs::exists(cache)) {
    ChildRun fill = spawnAndWait(childArgs(), true);  // the first start cooks (once per case)
    if (!fill.ok) {
      state.SkipWithError(fill.error.c_str());
      return;
    }
  }
  ChildRun last;
  for (auto _ : state) {
    if (mode == "cook" || mode == "scene-cold") fs::remove_all(cache, ec);
    if (mode == "assimp-info") {
      last = spawnAndWait({"assimp", "info", file.string()}, false);
      last.loadSeconds = last.processSeconds;
    } else {
      last = spawnAndWait(childArgs(), true);
    }
    if (!last.ok) {
      state.SkipWithError(last.error.c_str());
      return;
    }
    state.SetIterationTime(last.loadSeconds);
  }
  state.counters["process_ms"] = last.processSeconds * 1000.0;
  state.counters["peak_mib"] = last.peakMib;
  if (mode != "assimp-info") {
    state.counters["load_peak_mib"] = last.loadPeakMib;
    state.counters["triangles"] = last.triangles;
    state.counters["models"] = last.models;
    state.counters["cpu_ms"] = last.cpuSeconds * 1000.0;  // one iteration per repetition: its own
    state.counters["faults"] = last.faults;
  }
  if (mode == "cook" || mode == "cooked") {
    // The model file and every file it references (what the cache key hashes).
    state.counters["source_mib"] = last.sourceBytes / (1024.0 * 1024.0);
    state.counters["hash_ms"] = last.hashSeconds * 1000.0;
    state.counters["read_ms"] = last.readSeconds * 1000.0;
    state.counters["decode_ms"] = last.decodeSeconds * 1000.0;
  }
  state.SetLabel(file.filename().string());
}

// Copies the Hongyadong landmark `count` times (hongyadong_00 ...) under gWork/assets and writes
// gWork/scenes/xN.scene.json from the real Hongyadong scene with its one model replaced by the
// N copies side by side. Returns the scene file.
fs::path makeScaledScene(int count) {
  const fs::path landmark = kSource / "assets/landmarks/hongyadong";
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "hongyadong_%02d", i);
    const fs::path copy = gWork / "assets/landmarks" / name;
    if (!fs::exists(copy)) {
      fs::create_directories(copy);
      fs::copy(landmark, copy, fs::copy_options::recursive);
    }
  }
  std::ifstream in(kSource / "scenes/hongyadong/hongyadong.scene.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc.erase("$schema");
  doc["contentRoots"] = nlohmann::json::array({"../assets"});
  nlohmann::json models = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "hongyadong_%02d", i);
    models.push_back({{"id", std::string("hongyadong-") + std::to_string(i)},
                      {"path", std::string("landmarks/") + name + "/hongyadong.gltf"},
                      {"transform", {{"translation", {0.0, 0.0, -400.0 * i}}}}});
  }
  doc["models"] = models;
  fs::create_directories(gWork / "scenes");
  const fs::path file = gWork / "scenes" / ("x" + std::to_string(count) + ".scene.json");
  std::ofstream(file) << doc.dump(2);
  return file;
}

int repetitions() {
  const char* env = std::getenv("SC_BENCH_LOAD_REPS");
  const int n = env ? std::atoi(env) : 5;
  return n > 0 ? n : 5;
}

void registerBenchmarks() {
  struct ModelFile {
    std::string name;
    fs::path file;
  };
  const std::vector<ModelFile> files = {
      {"hongyadong.gltf", kSource / "assets/landmarks/hongyadong/hongyadong.gltf"},
      {"2CylinderEngine.glb", kAssimpModels / "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb"},
      {"duck.dae", kAssimpModels / "Collada/duck.dae"},
      {"WusonOBJ.obj", kAssimpModels / "OBJ/WusonOBJ.obj"},
      {"animation_with_skeleton.fbx", kAssimpModels / "FBX/animation_with_skeleton.fbx"},
  };
  auto add = [](const std::string& name, auto fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(repetitions())
        ->ReportAggregatesOnly(true);
  };
  for (const auto& m : files) {
    if (!fs::exists(m.file)) continue;
    readOnce(m.file.parent_path());
    for (const char* mode : {"import", "cook", "cooked", "assimp-info"}) {
      const std::string cacheName = m.name + "-" + mode;
      add(std::string("BM_Load/") + m.name + "/" + mode,
          [mode = std::string(mode), file = m.file, cacheName](benchmark::State& s) { loadCase(s, mode, file, cacheName); });
    }
  }
  for (int count : {1, 4, 16}) {
    const fs::path scene = makeScaledScene(count);
    for (const char* mode : {"scene-cold", "scene-cooked"}) {
      const std::string cacheName = "x" + std::to_string(count) + "-" + mode;
      add("BM_LoadScene/x" + std::to_string(count) + "/" + std::string(mode).substr(6),
          [mode = std::string(mode), scene, cacheName](benchmark::State& s) { loadCase(s, mode, scene, cacheName); });
    }
  }
  readOnce(gWork / "assets");
}

}  // namespace

int main(int argc, char** argv) {
  std::string childMode, childFile, childCache;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--sc-child=", 0) == 0) childMode = a.substr(11);
    if (a.rfind("--sc-file=", 0) == 0) childFile = a.substr(10);
    if (a.rfind("--sc-cache=", 0) == 0) childCache = a.substr(11);
  }
  if (!childMode.empty()) return childMain(childMode, childFile, childCache);

  spdlog::set_level(spdlog::level::warn);
  gSelf = fs::read_symlink("/proc/self/exe");
  gWork = fs::temp_directory_path() / ("sc-load-bench-" + std::to_string(getpid()));
  fs::create_directories(gWork);
  benchmark::Initialize(&argc, argv);
  registerBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(gWork, ec);
  return 0;
}
