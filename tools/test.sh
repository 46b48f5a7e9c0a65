#!/usr/bin/env bash
# Builds Shancheng and runs the whole test suite (unit, GPU on lavapipe with validation layers,
# XR against Monado when it is built). Installs missing Debian packages first.
#   tools/test.sh            # the README's test command; CI runs exactly this
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
# Monado (the OpenXR runtime the XR tests use) is built once and cached outside the checkout.
if [ -x tools/build-monado.sh ]; then
  tools/build-monado.sh || echo "shancheng: Monado could not be built; the XR tests will say they were skipped"
fi

jobs=$(nproc)
cmake --preset test
cmake --build --preset test -j "$jobs"
ctest --preset test -j "$jobs"
