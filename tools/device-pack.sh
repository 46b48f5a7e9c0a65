#!/usr/bin/env bash
# Packs what a lent GPU machine needs to run tools/device-bench.sh (shared/RECIPES.md, "A GPU
# machine": a driver, but no Vulkan loader, no Debian libraries, no network). Run here, then send
# .device/ along with the checkout (the device tool's `carry`):
#   tools/device-pack.sh [BUILD_DIR]      (default build/device, a Release build with benchmarks)
# Writes .device/gl/*.deb (the Vulkan loader and libglvnd, which device-bench.sh unpacks into /)
# and .device/pack.tar.xz: the binaries, their SPIR-V, every shared library they and Monado link
# (glibc and the Vulkan loader aside), the Khronos Vulkan and OpenXR validation layers, and the Monado runtime with a
# manifest whose library path is relative. xz keeps the whole under the tool's 64 MiB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/device}
monado_json=$(head -1 "${SC_CACHE_DIR:-$HOME/.cache/shancheng}/monado-25.0.0/runtime-json.txt")
monado_lib=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runtime"]["library_path"])' "$monado_json")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$root/.device/gl" "$stage"/{bin,shaders,lib,vklayer,xrlayer,monado}
grep -qx '/.device/' "$root/.git/info/exclude" 2>/dev/null || echo '/.device/' >> "$root/.git/info/exclude"
(cd "$root/.device/gl" && rm -f ./*.deb &&
 apt-get download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 2>/dev/null)

bins=(shancheng sc_render_bench sc_peer_bench)
for b in "${bins[@]}"; do strip -o "$stage/bin/$b" "$build/bin/$b"; done
cp "$build"/shaders/*.spv "$stage/shaders/"

# Vulkan validation layer: its manifest names the library bare, so LD_LIBRARY_PATH finds it.
cp /usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json "$stage/vklayer/"
cp -L /usr/lib/x86_64-linux-gnu/libVkLayer_khronos_validation.so "$stage/lib/"
# OpenXR core validation: its manifest holds an absolute path; make it relative to the manifest.
cp -L /usr/lib/x86_64-linux-gnu/openxr/1/api_layers/libXrApiLayer_core_validation.so "$stage/xrlayer/"
sed 's#"library_path": *"[^"]*"#"library_path": "./libXrApiLayer_core_validation.so"#' \
  /usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json \
  > "$stage/xrlayer/XrApiLayer_core_validation.json"
cp -L "$monado_lib" "$stage/monado/libopenxr_monado.so"
sed 's#"library_path": *"[^"]*"#"library_path": "./libopenxr_monado.so"#' "$monado_json" > "$stage/monado/openxr_monado.json"

# Every library the binaries and Monado load, except glibc's own (the machine's must serve) and
# the Vulkan loader (in gl/, unpacked into / where the driver's manifest expects it).
{ for f in "$stage"/bin/* "$stage/monado/libopenxr_monado.so" "$stage/lib/libVkLayer_khronos_validation.so" \
           "$stage/xrlayer/libXrApiLayer_core_validation.so"; do ldd "$f"; done; } |
  awk '$3 ~ /^\// {print $3}' | sort -u |
  grep -v -E '/(libc|libm|libdl|libpthread|librt|ld-linux-x86-64|libvulkan)\.so' |
  while read -r lib; do cp -L "$lib" "$stage/lib/"; done

tar -C "$stage" -cJf "$root/.device/pack.tar.xz" .
du -h "$root/.device/pack.tar.xz"
