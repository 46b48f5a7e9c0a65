#pragma once
// Giving freed heap memory back to the system, for processes that run for days (kiosk, soak).

namespace sc {

// Returns the heap pages that freed allocations left behind to the operating system (glibc's
// malloc_trim; nothing elsewhere). An import of a large scene peaks at hundreds of MB of
// temporaries; glibc keeps those pages after they are freed, so a kiosk's resident memory would
// stay at the largest scene's peak. Call it where a scene has just been replaced or removed:
// it walks the heap (milliseconds), too slow for every frame.
void returnFreedHeapToSystem();

// Sets glibc's allocator up so that returnFreedHeapToSystem can give back what a scene used
// (nothing elsewhere). Call it once at the start of a long-running command, before the Vulkan
// device is created (its driver threads take their heap arena when they first allocate).
//  - One heap arena for every thread (M_ARENA_MAX 1). By default each thread that allocates gets
//    an arena of its own, and malloc_trim does not shrink the top of those: lavapipe's queue
//    thread (which runs the submitted frames; its per-frame binning data peaks at ~50 MB on the
//    hub scene) kept its arena at the largest frame it had drawn, a step up in RSS at each new
//    largest view (the soak's "RSS steps at hub visits", docs/ROBUSTNESS.md).
//  - A fixed mmap threshold of 1 MiB (M_MMAP_THRESHOLD): blocks of 1 MiB and more (decoded
//    images, vertex arrays of an import) are mapped on their own and unmapped when freed, and
//    glibc no longer raises the threshold (and with it the trim threshold, to 64 MiB) after the
//    first large free, which left import temporaries in the heap.
// Costs: threads share one arena lock (the engine's threads allocate little per frame), and
// each large block is a fresh mapping (page faults on first touch; imports only).
void configureHeapForLongRuns();

}  // namespace sc
