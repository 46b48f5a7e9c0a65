#include "core/heap.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sc {

void returnFreedHeapToSystem() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace sc
