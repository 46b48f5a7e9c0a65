#!/usr/bin/env bash
# Builds Monado (the open-source OpenXR runtime) from Debian's own trixie source package, for
# the XR test tier (tests/xr) and XR benchmarks. Recipe: shared/RECIPES.md, "A real OpenXR
# runtime for tests".
#
# The build is cached OUTSIDE the checkout, keyed by Monado's version:
#   ${SC_CACHE_DIR:-$HOME/.cache/shancheng}/monado-<version>/
#       src/                      unpacked source
#       build/                    CMake build tree (holds libopenxr_monado.so and the manifest)
#       runtime-json.txt          one line: absolute path of openxr_monado-dev.json
#       BUILD_OK                  written last; its presence means the cache is complete
#   and, with --service (Monado as its own process, for the runtime-killed fault test):
#       build-service/            out-of-process build: monado-service and the IPC client
#                                 libopenxr_monado.so (which only talks to a running service)
#       service.txt               two lines: the IPC client's manifest, the monado-service path
#       SERVICE_OK                written last
# The in-process build (what every other XR test loads) is not changed by --service: the two
# builds are separate trees with their own markers, so each is cached on its own.
# A second run with the cache present prints where it is and exits at once.
#
# The machine's apt sources are not changed: a temporary deb-src list and a temporary apt
# state directory are used for the download, then removed.
#
# Usage: tools/build-monado.sh [--force] [--service]   (--force: rebuild even when cached;
#        --service: the out-of-process build instead, only its two targets, about 4 minutes)
# Output: the last line on stdout is the path of openxr_monado-dev.json (with --service: the
# IPC client's).
set -euo pipefail

readonly kVersion="25.0.0+dfsg"
readonly kUpstreamVersion="25.0.0"
readonly kTarball="monado_${kVersion}.orig.tar.xz"
readonly kTarballMd5="ea80981dfbb67fccf15bb5b40ae8d4a8"
readonly kBuildDeps=(cmake ninja-build libeigen3-dev libcjson-dev glslang-tools libbsd-dev pkg-config
  libx11-dev libx11-xcb-dev libxcb-randr0-dev libxrandr-dev libudev-dev libvulkan-dev)

force=0
service=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --service) service=1 ;;
    *) echo "build-monado: unknown argument $arg (use --force, --service)" >&2; exit 2 ;;
  esac
done

cacheRoot="${SC_CACHE_DIR:-$HOME/.cache/shancheng}"
cacheDir="${cacheRoot}/monado-${kUpstreamVersion}"
if [ "$service" = 1 ]; then
  jsonRecord="${cacheDir}/service.txt"
  okMarker="${cacheDir}/SERVICE_OK"
else
  jsonRecord="${cacheDir}/runtime-json.txt"
  okMarker="${cacheDir}/BUILD_OK"
fi

if [ "$force" = 0 ] && [ -f "$okMarker" ] && [ -f "$jsonRecord" ]; then
  json="$(head -n 1 "$jsonRecord")"
  if [ -f "$json" ]; then
    echo "build-monado: Monado ${kUpstreamVersion} ($([ "$service" = 1 ] && echo service || echo in-process)) is cached in ${cacheDir}" >&2
    echo "$json"
    exit 0
  fi
fi

log() { echo "build-monado: $*" >&2; }

sudoCmd=()
if [ "$(id -u)" -ne 0 ]; then sudoCmd=(sudo); fi

# --- build dependencies (asks apt only for what is missing) ---------------------------------
missing=()
for p in "${kBuildDeps[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing build dependencies: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudoCmd[@]}" apt-get update -qq >&2
  "${sudoCmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

mkdir -p "$cacheDir"
rm -f "$okMarker"

# --- source tarball through apt's own client, from a temporary deb-src list ------------------
if [ ! -f "${cacheDir}/${kTarball}" ] ||
   [ "$(md5sum "${cacheDir}/${kTarball}" | cut -d' ' -f1)" != "$kTarballMd5" ]; then
  sourcesFile=/etc/apt/sources.list.d/debian.sources
  uri=""
  if [ -f "$sourcesFile" ]; then
    # The first URIs: line whose value is not a -security archive.
    uri="$(awk '/^URIs:/ { for (i = 2; i <= NF; ++i) if ($i !~ /security/) { print $i; exit } }' "$sourcesFile")"
  fi
  if [ -z "$uri" ]; then
    log "error: no Debian archive URI found in ${sourcesFile}; cannot download Monado's source"
    exit 1
  fi
  aptTmp="$(mktemp -d)"
  trap 'rm -rf "$aptTmp"' EXIT
  mkdir -p "${aptTmp}/lists/partial" "${aptTmp}/download"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${uri} trixie main" \
    > "${aptTmp}/sources.list"
  aptOpts=(-o "Dir::Etc::SourceList=${aptTmp}/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
           -o "Dir::State::Lists=${aptTmp}/lists")
  log "downloading Monado's source package from ${uri} (suite trixie)"
  apt-get "${aptOpts[@]}" update -qq >&2
  # The .dsc can answer 404 while the orig tarball arrives (RECIPES.md), so the exit status is
  # not trusted; the tarball's md5 is.
  (cd "${aptTmp}/download" && apt-get "${aptOpts[@]}" source --download-only monado >&2) || true
  if [ ! -f "${aptTmp}/download/${kTarball}" ]; then
    log "error: apt did not deliver ${kTarball}; files received: $(ls "${aptTmp}/download" | tr '\n' ' ')"
    exit 1
  fi
  mv "${aptTmp}/download/${kTarball}" "${cacheDir}/${kTarball}"
fi
sum="$(md5sum "${cacheDir}/${kTarball}" | cut -d' ' -f1)"
if [ "$sum" != "$kTarballMd5" ]; then
  log "error: ${kTarball} has md5 ${sum}, expected ${kTarballMd5}; remove ${cacheDir} and retry"
  exit 1
fi

# --- unpack, configure, build -----------------------------------------------------------------
srcDir="${cacheDir}/src"
buildDir="${cacheDir}/build"
if [ ! -f "${srcDir}/CMakeLists.txt" ]; then
  rm -rf "$srcDir"
  mkdir -p "$srcDir"
  tar -xJf "${cacheDir}/${kTarball}" -C "$srcDir" --strip-components=1
fi

# In-process (the default): the runtime library holds the compositor and drivers, no service.
# Out-of-process (--service): monado-service holds them; libopenxr_monado.so is the IPC client.
ipcFlags=(-DXRT_FEATURE_SERVICE=OFF -DXRT_MODULE_IPC=OFF)
targets=()
if [ "$service" = 1 ]; then
  buildDir="${cacheDir}/build-service"
  ipcFlags=(-DXRT_FEATURE_SERVICE=ON -DXRT_MODULE_IPC=ON)
  targets=(--target monado-service openxr_monado)  # nothing else is needed: keeps it short
fi

log "configuring in ${buildDir}"
cmake -S "$srcDir" -B "$buildDir" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release "${ipcFlags[@]}" \
  -DXRT_MODULE_COMPOSITOR_NULL=ON -DXRT_MODULE_COMPOSITOR_MAIN=ON -DXRT_MODULE_AUX_VIVE=ON \
  -DXRT_FEATURE_STEAMVR_PLUGIN=OFF -DBUILD_TESTING=OFF -DXRT_BUILD_SAMPLES=OFF \
  -DXRT_MODULE_MONADO_CLI=OFF -DXRT_HAVE_OPENCV=OFF -DXRT_HAVE_SDL2=OFF -DXRT_HAVE_GST=OFF \
  -DXRT_HAVE_FFMPEG=OFF -DXRT_HAVE_LIBUVC=OFF -DXRT_HAVE_LIBUSB=OFF -DXRT_HAVE_HIDAPI=OFF \
  -DXRT_HAVE_SYSTEMD=OFF -DXRT_HAVE_DBUS=OFF -DXRT_HAVE_WAYLAND=OFF -DXRT_HAVE_OPENGL=OFF \
  -DXRT_HAVE_OPENGLES=OFF -DXRT_HAVE_EGL=OFF >&2

log "building (2 jobs; about 4 minutes on 2 cores)"
cmake --build "$buildDir" -j2 "${targets[@]}" >&2

json="$(find "$buildDir" -maxdepth 1 -name openxr_monado-dev.json -print -quit)"
if [ -z "$json" ]; then
  log "error: the build finished but openxr_monado-dev.json is not in ${buildDir}"
  exit 1
fi
if [ "$service" = 1 ]; then
  serviceBin="${buildDir}/src/xrt/targets/service/monado-service"
  if [ ! -x "$serviceBin" ]; then
    log "error: the build finished but ${serviceBin} is not there"
    exit 1
  fi
  printf '%s\n%s\n' "$json" "$serviceBin" > "$jsonRecord"
else
  echo "$json" > "$jsonRecord"
fi
touch "$okMarker"
log "done; runtime manifest recorded in ${jsonRecord}"
echo "$json"
