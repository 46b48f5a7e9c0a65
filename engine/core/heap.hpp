#pragma once
// Giving freed heap memory back to the system.

namespace sc {

// Returns the heap pages that freed allocations left behind to the operating system (glibc's
// malloc_trim; nothing elsewhere). An import of a large scene peaks at hundreds of MB of
// temporaries; glibc keeps those pages after they are freed, so a kiosk's resident memory would
// stay at the largest scene's peak. Call it where a scene has just been replaced or removed:
// it walks the heap (milliseconds), too slow for every frame.
void returnFreedHeapToSystem();

}  // namespace sc
