#pragma once
// `shancheng soak --xr`: the headset's day in fast motion. One OpenXR instance, Vulkan device
// and renderer (as `shancheng xr` keeps them) with the guided tour face (app/xr_face.hpp) on
// the first scene of --scenes (default builtin:default); XR sessions are begun, run for
// --frames-per-session submitted frames and ended, --sessions times or until --duration is up.
// The runtime is whatever OpenXR runtime is active (XR_RUNTIME_JSON; Monado in tests/xr).
//
// After each session has ended (session and swapchains torn down, device idle, its deferred
// destructions run by empty frames until the GPU bytes in use hold still, freed heap returned
// to the system as the desktop soak does between scenes) one sample: RSS (VmRSS), GPU memory in
// use (Device::memoryStats) and live objects. The desktop soak's checks, with its functions:
//  - growth: fitGrowth / growthWithin (app/memory_sampler.hpp) over the samples after the first
//    session and after --warmup (default: min(5 min, 30% of --duration) when running by
//    duration, none with --sessions), RSS and GPU each under --max-growth MB per 10 minutes;
//    fewer than 3 such samples fails (run more sessions). A short run's slope is mostly noise:
//    tests give a loose bound and check the rest.
//  - live objects: once the renderer is gone, before the device is destroyed, no buffer,
//    texture, pipeline or bind group may be alive, and no GPU bytes allocated with none alive.
//  - validation errors (Vulkan with --validation, OpenXR's layer when XR_ENABLE_API_LAYERS has
//    it), a session that never began, and runtime failures (no runtime: exit 5, no fallback).
// Uses of the desktop options: --size's width caps the eye width, --msaa (1 or 4), --gpu is
// ignored (the runtime picks the GPU), --out writes the samples as CSV. Summary line on stdout:
// "soak --xr: ...". Exit codes as runSoak (kExitSoakFailed when a check fails).
#include "app/soak_command.hpp"
