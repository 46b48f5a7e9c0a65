#!/usr/bin/env bash
# Runs the render benchmarks on a lent GPU machine that has a driver but no Vulkan loader or
# Debian libraries (shared/RECIPES.md, "A GPU machine"). Build here, then send the build folder
# and a folder of .deb files (apt-get download libvulkan1 libassimp5 libdraco7 libspdlog1.10
# libfmt9 libminizip1 libbenchmark1debian libstb0) along, and run:
#   tools/device-bench.sh BUILD_DIR DEB_DIR OUT_DIR
# Writes OUT_DIR/bench_multiview.json, bench_per_view.json, stereo.png and vulkan-devices.txt.
set -euo pipefail
build=${1:?build folder}; debs=${2:?deb folder}; out=${3:?output folder}
mkdir -p "$out" /tmp/sc-libs

for deb in "$debs"/*.deb; do
  case "$(basename "$deb")" in
    libvulkan1_*) dpkg -x "$deb" / ;;          # the loader goes where the driver's ICD expects it
    *) dpkg -x "$deb" /tmp/sc-libs ;;
  esac
done
ldconfig
export LD_LIBRARY_PATH=/tmp/sc-libs/usr/lib/x86_64-linux-gnu:/tmp/sc-libs/lib/x86_64-linux-gnu
export SC_SHADER_DIR="$build/shaders"
if ! "$build/bin/shancheng" list-gpus > "$out/vulkan-devices.txt" 2>&1; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  "$build/bin/shancheng" list-gpus > "$out/vulkan-devices.txt" 2>&1
fi
cat "$out/vulkan-devices.txt"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader >> "$out/vulkan-devices.txt" 2>/dev/null || true

gpu=${SC_BENCH_GPU:-NVIDIA}
"$build/bin/shancheng" render builtin:default --gpu "$gpu" --views 2 --size 960x540 --out "$out/stereo.png"
SC_BENCH_FRAMES=300 SC_BENCH_GPU=$gpu "$build/bin/sc_render_bench" \
  --benchmark_out="$out/bench_multiview.json" --benchmark_out_format=json
SC_BENCH_FRAMES=300 SC_BENCH_GPU=$gpu SC_BENCH_SEQUENTIAL=1 "$build/bin/sc_render_bench" \
  --benchmark_out="$out/bench_per_view.json" --benchmark_out_format=json
