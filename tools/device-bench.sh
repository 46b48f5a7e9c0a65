#!/usr/bin/env bash
# The checks that need a GPU, in one go on a lent GPU machine (shared/RECIPES.md, "A GPU machine":
# an NVIDIA driver, but no Vulkan loader, no Debian libraries and minutes of time). Here:
#   cmake --preset bench -B build/device && ninja -C build/device shancheng sc_render_bench sc_peer_bench
#   tools/device-pack.sh build/device          # .device/gl/*.deb and .device/pack.tar.xz
# There, from the checkout's root (device tool: carry .device/gl and .device/pack.tar.xz):
#   tools/device-bench.sh OUT_DIR
# Steps, each under its own time limit so that one hang cannot eat the lease:
#   1. the Vulkan loader and libglvnd into / (only where no loader is installed), the pack into
#      /tmp/sc; list the devices;
#   2. pictures with the Khronos validation layer: the built-in scene in stereo and Hongyadong
#      (4x MSAA, and 1x, where tone mapping is folded into the scene shaders);
#   3. `shancheng xr` on Hongyadong under Monado's null compositor, with the OpenXR core
#      validation and Vulkan validation layers, reading both eyes back (array swapchain and one
#      multiview pass where the device's multiview is reliable - not on lavapipe);
#   4. sc_render_bench: GPU time per frame from timestamp queries as resolution grows, stereo in
#      one multiview pass; then the stereo cases again with one pass per eye;
#   5. sc_peer_bench (Hongyadong 1280x720, MSAA 1) on the GPU: first frame cold and cooked, frames;
#   6. sc_render_bench as object count grows (and the courtyards, mono), fewer frames;
#   7. where the headset frame's GPU time goes: 2x2064x2208 with MSAA 1 against 4 and an
#      RGBA16F against a packed RG11B10 HDR target (SC_BENCH_HDR=wide|packed), and the
#      peer frame at 2064x2208 with shadows, sky or tone mapping left out (SC_BENCH_SKIP);
#   8. which host-visible memory CPU-written buffers should use: the device's memory types, then
#      the object-count cases and the first frame with SC_GPU_UPLOAD_MEMORY unset, cached, device.
# OUT_DIR gets log.txt, stereo.png, hongyadong.png and all.tar.gz (the JSON results, the eyes).
# SC_BENCH_GPU picks the device (default NVIDIA); SC_BENCH_FRAMES the frames per repetition;
# SC_DEVICE_STEPS the steps to run after step 1 (default "2 3 4 5 6 7 8").
set -uo pipefail
out=${1:?output folder}
root=$(cd "$(dirname "$0")/.." && pwd)
gpu=${SC_BENCH_GPU:-NVIDIA}
frames=${SC_BENCH_FRAMES:-100}
steps=" ${SC_DEVICE_STEPS:-2 3 4 5 6 7 8} "
res=/tmp/sc-results
mkdir -p "$out" "$res/xr"
exec > >(tee -a "$out/log.txt") 2>&1

step() { echo; echo "=== $(date -u +%T) $*"; }
run() {  # run LIMIT_S COMMAND...: a step that cannot hang; says how it ended
  local limit=$1; shift
  local t0=$SECONDS
  timeout -k 5 "$limit" "$@"; local rc=$?
  echo "--- rc $rc after $((SECONDS - t0)) s"
  return $rc
}

step "1. libraries and devices"
export PATH=$PATH:/usr/sbin:/sbin
if ! ldconfig -p | grep -q 'libvulkan\.so\.1'; then
  for deb in "$root"/.device/gl/*.deb; do dpkg -x "$deb" /; done
  ldconfig
fi
rm -rf /tmp/sc && mkdir -p /tmp/sc && tar -C /tmp/sc -xJf "$root/.device/pack.tar.xz"
export LD_LIBRARY_PATH=/tmp/sc/lib SC_SHADER_DIR=/tmp/sc/shaders VK_LAYER_PATH=/tmp/sc/vklayer
bin=/tmp/sc/bin
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>/dev/null
run 30 "$bin/shancheng" list-gpus
if ! "$bin/shancheng" list-gpus 2>&1 | grep -q "$gpu"; then
  echo "no $gpu device with the default search; trying the NVIDIA driver manifest"
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  VK_LOADER_DEBUG=error,driver run 30 "$bin/shancheng" list-gpus
fi

wanted() { [[ $steps == *" $1 "* ]]; }

if wanted 2; then
step "2. pictures under the validation layer"
run 60 "$bin/shancheng" render builtin:default --validation --gpu "$gpu" --views 2 --size 960x540 --out "$res/stereo.png"
run 90 "$bin/shancheng" render scenes/hongyadong/hongyadong.scene.json --validation --gpu "$gpu" --size 1280x720 --out "$res/hongyadong.png"
# One sample, one view: the frame tone-maps in the scene shaders (RendererOptions::foldToneMapping).
run 90 "$bin/shancheng" render scenes/hongyadong/hongyadong.scene.json --validation --gpu "$gpu" --size 1280x720 --msaa 1 --out "$res/hongyadong-msaa1.png"

fi

if wanted 3; then
step "3. XR under Monado (null compositor), OpenXR core validation + Vulkan validation"
XR_RUNTIME_JSON=/tmp/sc/monado/openxr_monado.json XRT_COMPOSITOR_NULL=1 XR_API_LAYER_PATH=/tmp/sc/xrlayer \
XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation XR_CORE_VALIDATION_EXPORT_TYPE=text \
XR_CORE_VALIDATION_FILE_NAME="$res/xr-validation.txt" \
  run 120 "$bin/shancheng" xr scenes/hongyadong/hongyadong.scene.json --frames 150 --readback-frame 100 \
    --readback-dir "$res/xr" --validation --no-fallback --msaa 4
echo "OpenXR core validation errors: $(grep -c VALID_ERROR "$res/xr-validation.txt" 2>/dev/null || echo 0)"
ls -la "$res/xr"

fi

if wanted 4; then
step "4. sc_render_bench, stereo in one multiview pass where the device allows"
SC_BENCH_FRAMES=$frames SC_BENCH_GPU=$gpu run 120 "$bin/sc_render_bench" \
  --scene=assets/landmarks/hongyadong/hongyadong.gltf --benchmark_filter=BM_Resolution \
  --benchmark_out="$res/bench_multiview.json" --benchmark_out_format=json
step "4b. sc_render_bench, stereo with one pass per eye"
SC_BENCH_FRAMES=$frames SC_BENCH_GPU=$gpu SC_BENCH_SEQUENTIAL=1 run 120 "$bin/sc_render_bench" \
  --scene=assets/landmarks/hongyadong/hongyadong.gltf --benchmark_filter=BM_Resolution/stereo \
  --benchmark_out="$res/bench_per_view.json" --benchmark_out_format=json

fi

if wanted 5; then
step "5. sc_peer_bench on the GPU: first frame (cold, cooked) and frames"
SC_BENCH_FRAMES=30 SC_BENCH_GPU=$gpu run 90 "$bin/sc_peer_bench" \
  --model=assets/landmarks/hongyadong/hongyadong.gltf --size=1280x720 \
  --benchmark_out="$res/bench_peer.json" --benchmark_out_format=json

fi

if wanted 6; then
step "6. sc_render_bench as object count grows; the courtyards (mono)"
SC_BENCH_FRAMES=20 SC_BENCH_GPU=$gpu run 150 "$bin/sc_render_bench" --benchmark_filter='BM_Objects|BM_Courtyards/mono' \
  --benchmark_out="$res/bench_objects.json" --benchmark_out_format=json
fi

if wanted 7; then
step "7. the headset frame's GPU time: MSAA 1 against 4; the peer frame without shadows, sky or tone mapping"
for hdr in auto wide packed; do
  for msaa in 4 1; do
    echo "SC_BENCH_HDR=$hdr SC_BENCH_MSAA=$msaa"
    SC_BENCH_HDR=$hdr SC_BENCH_FRAMES=60 SC_BENCH_GPU=$gpu SC_BENCH_MSAA=$msaa run 60 "$bin/sc_render_bench" \
      --scene=assets/landmarks/hongyadong/hongyadong.gltf --benchmark_filter=2x2064x2208 \
      --benchmark_out="$res/bench_headset_${hdr}_msaa$msaa.json" --benchmark_out_format=json | grep -E 'median|rc '
  done
done
for skip in none shadows sky tonemap shadows,sky,tonemap; do
  echo "SC_BENCH_SKIP=$skip"
  SC_BENCH_SKIP=$skip SC_BENCH_FRAMES=60 SC_BENCH_GPU=$gpu run 60 "$bin/sc_peer_bench" \
    --model=assets/landmarks/hongyadong/hongyadong.gltf --size=2064x2208 --benchmark_filter=BM_PeerFrame |
    grep -E 'median|rc '
done
fi

if wanted 8; then
step "8. memory for CPU-written buffers: the device's types; objects and first frame per choice"
"$bin/shancheng" -v render builtin:default --gpu "$gpu" --size 64x64 --out "$res/tiny.png" 2>&1 | grep "memory type"
for memory in default cached device; do
  echo "SC_GPU_UPLOAD_MEMORY=$memory"
  SC_GPU_UPLOAD_MEMORY=$memory SC_BENCH_FRAMES=20 SC_BENCH_GPU=$gpu run 60 "$bin/sc_render_bench" \
    --benchmark_filter='BM_Objects/draws/(10000|100000)/' | grep -E 'median|rc '
  SC_GPU_UPLOAD_MEMORY=$memory SC_BENCH_FRAMES=10 SC_BENCH_GPU=$gpu run 60 "$bin/sc_peer_bench" \
    --model=assets/landmarks/hongyadong/hongyadong.gltf --size=1280x720 --benchmark_filter=FirstFrame | grep -E 'median|rc '
done
fi

step "done"
# The device tool brings back at most 8 files: the log, the two pictures, everything in one archive.
cp "$res"/stereo.png "$res"/hongyadong.png "$out/" 2>/dev/null
tar -C "$res" -czf "$out/all.tar.gz" .
ls -la "$out"
