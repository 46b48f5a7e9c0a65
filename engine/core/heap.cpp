#include "core/heap.hpp"

// Any C library header defines __GLIBC__ (through <features.h>); without one before the test
// below, the test was false and both functions compiled to nothing (malloc_trim never ran).
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sc {

void returnFreedHeapToSystem() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void configureHeapForLongRuns() {
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

}  // namespace sc
