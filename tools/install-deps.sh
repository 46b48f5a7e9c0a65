#!/usr/bin/env bash
# Installs the Debian 12 packages Shancheng builds, runs and tests with.
# Idempotent: asks apt only for what is missing, so a second run costs a second.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # Vulkan: loader, headers, lavapipe, validation layers, tools, shader compiler
  libvulkan-dev libvulkan1 mesa-vulkan-drivers vulkan-validationlayers vulkan-tools
  glslc glslang-tools spirv-tools
  # engine libraries
  libglfw3-dev libglm-dev libimgui-dev libfreetype-dev libassimp-dev libmeshoptimizer-dev
  libstb-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  libopenxr-dev libopenxr-loader1 libespeak-ng-dev espeak-ng-data libopenal-dev
  fonts-wqy-microhei
  # tests: GoogleTest/Benchmark, third-party models, windows without a display, OpenXR
  # validation layers, the scene schema check
  libgtest-dev libgmock-dev libbenchmark-dev assimp-testmodels assimp-utils
  xvfb xauth xdotool twm imagemagick openxr-layer-corevalidation openxr-layer-apidump python3-jsonschema
  # fuzzing and sanitizers (tools/fuzz.sh, tools/asan-test.sh)
  clang-14 libclang-rt-14-dev
  gnuplot-nox  # benchmark plots (tools/bench.sh)
  libx11-dev  # tests/window sc_x11_close: a window manager's close request to the kiosk
  x11-xserver-utils x11-utils  # tests/window HiDPI: xrdb sets Xft.dpi, xprop checks it
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "shancheng: installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
