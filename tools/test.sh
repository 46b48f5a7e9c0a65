#!/usr/bin/env bash
# Builds Shancheng and runs the whole test suite (unit, GPU on lavapipe with validation layers,
# XR against Monado when it is built), then the suite under ASan + UBSan and a bounded,
# repeatable fuzz run. Installs missing Debian packages first.
#   tools/test.sh            # the README's test command; CI runs exactly this
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
# Monado (the OpenXR runtime the XR tests use) is built once and cached outside the checkout.
if [ -x tools/build-monado.sh ]; then
  tools/build-monado.sh || echo "shancheng: Monado could not be built; the XR tests will say they were skipped"
  tools/build-monado.sh --service || echo "shancheng: monado-service could not be built; XrRuntimeFaults will skip"
fi

jobs=$(nproc)
# Three stages; each runs even when an earlier one failed, the summary comes last and the exit
# status is non-zero when any stage failed.
#  1. the normal build and the whole suite (GPU tests on lavapipe with validation layers);
#  2. the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset);
#  3. the libFuzzer targets, a fixed number of inputs from a fixed seed each (repeatable).
# Set SC_TEST_STAGES to a subset (e.g. "normal asan") to run fewer.
stages=${SC_TEST_STAGES:-"normal asan fuzz"}
fuzzRuns="scene_fuzz=30000 cooked_cache_fuzz=30000 model_import_fuzz=3000"
status=0
summary=()
stage() {  # stage KEY "TITLE" COMMAND...
  local key=$1 title=$2
  shift 2
  [[ " $stages " == *" $key "* ]] || { summary+=("skip  $title"); return 0; }
  local start
  start=$(date +%s)
  echo "=== tools/test.sh: $title"
  if "$@"; then
    summary+=("PASS  $title  ($(( $(date +%s) - start )) s)")
  else
    summary+=("FAIL  $title  ($(( $(date +%s) - start )) s)")
    status=1
  fi
}
normalSuite() {
  cmake --preset test && cmake --build --preset test -j "$jobs" && ctest --preset test -j "$jobs"
}
total=$(date +%s)
stage normal "build + whole test suite (validation layers)" normalSuite
stage asan "whole test suite under ASan + UBSan (tools/asan-test.sh)" tools/asan-test.sh
stage fuzz "fuzzing, seed 1: $fuzzRuns (tools/fuzz.sh)" env SC_FUZZ_RUNS="$fuzzRuns" SC_FUZZ_SEED=1 tools/fuzz.sh
echo
echo "=== tools/test.sh summary ($(( $(date +%s) - total )) s in all, $jobs cores)"
printf '  %s\n' "${summary[@]}"
if [ $status -ne 0 ]; then
  echo "tools/test.sh: FAILED (see the stage's output above)"
else
  echo "tools/test.sh: all stages passed"
fi
exit $status
