#!/usr/bin/env bash
# The one benchmark command: builds the `bench` preset (release, no validation), runs the
# benchmarks in tests/bench with JSON output into docs/perf/, runs the three.js peer in headless
# Chromium, draws the plots (gnuplot) and regenerates the measured section of docs/PERFORMANCE.md.
#
#   tools/bench.sh [load] [render] [peer]     (default: all three; the report is always redone)
# Environment:
#   SC_BENCH_QUICK=1         fewer repetitions and frames (a smoke run, minutes instead of ~half an hour)
#   SC_BENCH_OUT=DIR         write JSON and plots there instead of docs/perf (the doc is then not touched)
#   SC_BENCH_GPU=NAME|INDEX  Vulkan device (default: the engine's choice; lavapipe on a machine without a GPU)
#   SC_BENCH_PEER_SIZE=WxH   peer comparison size (default 1280x720)
#   SC_BENCH_BUILD=DIR       use this already configured release build folder instead of the
#                            `bench` preset's build/bench (configure it with -DCMAKE_BUILD_TYPE=Release
#                            -DSC_VALIDATION=OFF -DSC_BUILD_BENCH=ON)
# Installs what it lacks: the Debian packages of tools/install-deps.sh (gnuplot-nox among them),
# Debian's chromium (only the benchmark needs it), and npm `three` into ~/.cache/shancheng/peer
# (outside the checkout; needs the npm registry once).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(load render peer)
want() { local s; for s in "${steps[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

out=${SC_BENCH_OUT:-$root/docs/perf}
doc=$root/docs/PERFORMANCE.md
[ -n "${SC_BENCH_OUT:-}" ] && doc=$out/PERFORMANCE.md
mkdir -p "$out"
build=${SC_BENCH_BUILD:-$root/build/bench}
three_version=0.187.0
peer_cache=${XDG_CACHE_HOME:-$HOME/.cache}/shancheng/peer
size=${SC_BENCH_PEER_SIZE:-1280x720}
landmark=$root/assets/landmarks/hongyadong/hongyadong.gltf

if [ "${SC_BENCH_QUICK:-0}" = 1 ]; then
  reps=2; frames=2; load_reps=2; peer_runs=1; peer_frames=3
else
  reps=3; frames=5; load_reps=5; peer_runs=3; peer_frames=10
fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"$root/tools/install-deps.sh"
if want peer && ! command -v chromium > /dev/null; then
  echo "bench: installing Debian's chromium for the three.js peer"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium
fi
if want peer; then
  have=$(node -p "require('$peer_cache/node_modules/three/package.json').version" 2>/dev/null || true)
  if [ "$have" != "$three_version" ]; then
    echo "bench: installing npm three@$three_version into $peer_cache"
    mkdir -p "$peer_cache"
    npm install --silent --no-audit --no-fund --prefix "$peer_cache" "three@$three_version"
  fi
fi

launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
[ -z "${SC_BENCH_BUILD:-}" ] && cmake --preset bench "${launcher[@]}" > /dev/null
targets=()
want load && targets+=(sc_load_bench)
want render && targets+=(sc_render_bench)
want peer && targets+=(sc_peer_bench)
cmake --build "$build" --target "${targets[@]}"

python3 "$root/tools/bench/report.py" machine "$out/machine.json"
export SC_BENCH_REPS=$reps
json=(--benchmark_out_format=json)

if want load; then
  echo "bench: loading (cold import, cooked cache, assimp info; scenes at 1x, 4x, 16x)"
  SC_BENCH_LOAD_REPS=$load_reps "$build/bin/sc_load_bench" --benchmark_out="$out/load.json" "${json[@]}"
fi
if want render; then
  # MSAA 1: a CPU rasteriser would otherwise spend most of the run resolving samples; the CPU
  # side of a frame does not depend on it.
  echo "bench: rendering (resolution, mono vs stereo, object count)"
  SC_BENCH_MSAA=1 SC_BENCH_GRID=6 SC_BENCH_FRAMES=$frames "$build/bin/sc_render_bench" \
    --benchmark_out="$out/render.json" "${json[@]}"
  echo "bench: rendering, stereo through one multiview pass"
  # Its CPU cost is what counts (lavapipe's multiview picture is wrong): fewer frames.
  SC_BENCH_MSAA=1 SC_BENCH_GRID=6 SC_BENCH_FRAMES=2 SC_BENCH_FORCE_MULTIVIEW=1 "$build/bin/sc_render_bench" \
    --benchmark_filter='stereo' --benchmark_out="$out/render_multiview.json" "${json[@]}"
fi
if want peer; then
  echo "bench: peer, shancheng side ($size)"
  SC_BENCH_MSAA=1 SC_BENCH_FRAMES=$peer_frames SC_BENCH_REPS=$peer_runs "$build/bin/sc_peer_bench" \
    --model="$landmark" --size="$size" --camera-out="$out/peer_camera.json" --png="$out/peer_shancheng.png" \
    --benchmark_out="$out/peer_shancheng.json" "${json[@]}"
  # The page filters textures as shancheng's device did: anisotropy off on CPU rasterisers
  # (engine/gpu/vk_device.cpp), 8x elsewhere; both take trilinear minification from the glTF.
  aniso=$(python3 -c 'import json, sys
b = [x for x in json.load(open(sys.argv[1]))["benchmarks"] if x["name"].startswith("BM_PeerFrame")]
print(int(b[0].get("anisotropy", 8)) if b else 1)' "$out/peer_shancheng.json")
  echo "bench: peer, three.js side ($size, headless Chromium on SwiftShader, anisotropy $aniso as shancheng's)"
  python3 "$root/tools/bench/peer_run.py" --three "$peer_cache/node_modules/three" --model "$landmark" \
    --camera "$out/peer_camera.json" --size "$size" --frames "$peer_frames" --runs "$peer_runs" --msaa 1 \
    --aniso "$aniso" --out "$out/peer_threejs.json" --png "$out/peer_threejs.png"
  rm -f "$out/peer_threejs_aniso1.json"  # the separate unmatched run of earlier versions
  # Chromium ships SwiftShader as a Vulkan driver too: shancheng on the very driver three.js ran on.
  icd=/usr/lib/chromium/vk_swiftshader_icd.json
  if [ -f "$icd" ]; then
    echo "bench: peer, shancheng on Chromium's SwiftShader Vulkan driver"
    VK_DRIVER_FILES=$icd SC_BENCH_MSAA=1 SC_BENCH_FRAMES=$peer_frames SC_BENCH_REPS=$peer_runs \
      "$build/bin/sc_peer_bench" --model="$landmark" --size="$size" \
      --benchmark_out="$out/peer_shancheng_swiftshader.json" "${json[@]}"
  fi
fi

python3 "$root/tools/bench/report.py" render "$out" "$doc"
echo "bench: results in $out, report in $doc"
