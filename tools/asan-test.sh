#!/usr/bin/env bash
# Builds the "asan" preset (Debug, AddressSanitizer + UndefinedBehaviorSanitizer, every test
# tier) and runs the whole test suite under it.
#   tools/asan-test.sh          # after tools/install-deps.sh (tools/test.sh runs it)
# Leak reports are on; the only suppressions are the precise ones in tests/lsan.supp (third-party
# libraries' own leaks: Assimp's error paths, Mesa/lavapipe, the Vulkan loader, each with why).
# UBSan findings fail the test (-fno-sanitize-recover=undefined in the top-level CMakeLists).
# Extra arguments go to ctest (e.g. -R Golden).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
start=$(date +%s)
cmake --preset asan
cmake --build --preset asan -j "$jobs"
built=$(date +%s)

# The Vulkan and OpenXR loaders dlclose the driver (lavapipe), the layers and the runtime when
# an instance is destroyed; LSan then reports their own leaks as "<unknown module>", which no
# precise suppression can match. A tiny preloaded shim (built here) dlopens them once more with
# RTLD_NODELETE | RTLD_LOCAL, so they stay mapped without interposing any symbol (LD_PRELOADing
# the validation layer itself would: it exports vkEnumerateInstanceExtensionProperties & co.),
# and tests/lsan.supp can name them. Child processes (the CLI tests) inherit it.
arch=$(gcc -print-multiarch)
keep=""
for lib in /usr/lib/$arch/libvulkan_lvp.so /usr/lib/$arch/libVkLayer_khronos_validation.so \
           /usr/lib/$arch/openxr/1/api_layers/libXrApiLayer_core_validation.so; do
  [ -f "$lib" ] && keep="$keep${keep:+:}$lib"
done
monado=$(ls "${XDG_CACHE_HOME:-$HOME/.cache}"/shancheng/monado-*/build/src/xrt/targets/openxr/libopenxr_monado.so 2>/dev/null | head -n 1 || true)
[ -n "$monado" ] && keep="$keep:$monado"
shim=build/asan/keep_loaded.so
gcc -shared -fPIC -O2 -o "$shim" -x c - -ldl <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
__attribute__((constructor)) static void keepLoaded(void) {
  const char* list = getenv("SC_KEEP_LOADED");
  if (!list || !dlsym(RTLD_DEFAULT, "__asan_init")) return;  /* only in sanitized processes */
  char* copy = strdup(list);
  for (char* path = strtok(copy, ":"); path; path = strtok(NULL, ":")) dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  free(copy);
}
C
export SC_KEEP_LOADED="$keep"
# The shim comes before the ASan runtime in the library list, which ASan accepts with
# verify_asan_link_order=0; processes without ASan (ctest, shells) load it and do nothing.
export LD_PRELOAD="$PWD/$shim"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
ctest --preset asan -j "$jobs" "$@" || status=$?
end=$(date +%s)
echo "asan-test.sh: build $((built - start)) s, tests $((end - built)) s, total $((end - start)) s (ctest exit $status)"
exit $status
