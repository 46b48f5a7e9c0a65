#!/usr/bin/env bash
# Runs the guided tour of the default landmark: in a window when a display is available,
# otherwise rendered headless into out/tour/. Installs missing Debian packages and builds first.
#   tools/tour.sh [shancheng tour options...]
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
exec build/release/bin/shancheng tour "$@"
