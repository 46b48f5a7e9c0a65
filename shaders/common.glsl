// Shared declarations of the forward renderer. Layouts mirror engine/render/gpu_layouts.hpp.
#ifndef SC_COMMON_GLSL
#define SC_COMMON_GLSL

#extension GL_EXT_multiview : require

const float PI = 3.14159265359;
const int kMaxViews = 2;
const int kCascades = 4;

struct ViewData {
  mat4 view;
  mat4 proj;
  mat4 viewProj;
  mat4 invViewProj;
  vec4 eye;  // xyz world position
};

layout(set = 0, binding = 0) uniform FrameUniforms {
  ViewData views[kMaxViews];
  mat4 cascadeViewProj[kCascades];
  vec4 cascadeFar;      // view-space distance where each cascade ends
  vec4 sunDirection;    // xyz: towards the sun (normalised), w: illuminance (lux-like, scaled)
  vec4 sunColor;        // rgb linear
  vec4 skyZenith;       // rgb, w: sky intensity scale
  vec4 skyHorizon;      // rgb
  vec4 groundColor;     // rgb
  vec4 fog;             // rgb, w: density (1/m)
  vec4 params;          // x: exposure, y: light count, z: atlas texel size (1/res), w: night (0..1)
} frame;

struct PunctualLight {
  vec4 positionRange;   // xyz world position, w range (0 = infinite)
  vec4 colorIntensity;  // rgb colour, w intensity (candela)
  vec4 directionType;   // xyz direction the light points to, w: 0 point, 1 spot
  vec4 cone;            // x: cos(outer), y: 1 / max(cos(inner) - cos(outer), 1e-4)
};

layout(std430, set = 0, binding = 1) readonly buffer Lights {
  PunctualLight lights[];
};

// The four cascades in a 2 x 2 atlas: cascade i in tile (i % 2, i / 2).
layout(set = 0, binding = 2) uniform sampler2DShadow shadowMap;

// Per pass (the per-draw data is in draw_data.glsl): x: cascade index in shadow passes,
// y: first view of a single-view pass; z, w: unused. Mirrors PassConstants in gpu_layouts.hpp.
layout(push_constant) uniform PassConstants {
  uvec4 info;
} passInfo;

// The view being drawn: gl_ViewIndex under multiview, or the view of a per-view pass on
// drivers whose multiview is unreliable (see Renderer's sequential views).
int viewIndex() {
  return int(gl_ViewIndex) + int(passInfo.info.y);
}

// 1: the sky's cheaper formula for CPU rasterisers (set by the renderer from DeviceInfo::isSoftware
// unless RendererOptions::exactSky): the sun glow's powers by repeated multiplication (the same
// values) and the gradient's x^0.45 as 0.861 sqrt(x) + 0.139 x^0.25 (at most 0.0074 off), because
// lavapipe's pow is a polynomial log and exp per pixel (the sky and its reflections cost ~3 ms of
// its 98 ms frame of the landmark). 0: pow, as on GPUs.
layout(constant_id = 4) const uint kFastSky = 0u;
// 0: the frame has no fog (density 0), and the fog arithmetic is left out (CPU rasterisers, where
// it costs even at density 0; the same picture); 1: fog as the frame's uniforms say.
layout(constant_id = 6) const uint kFog = 1u;

// The procedural analytic sky: a zenith-horizon gradient lit by the sun, with a Mie-like glow
// around it, a sun disk, and a darker ground below the horizon. Same function for the sky pass
// and the specular ambient, so reflections match what the visitor sees.
vec3 skyRadiance(vec3 dir, bool withSunDisk) {
  vec3 sun = frame.sunDirection.xyz;
  float up = dir.y;
  vec3 sky;
  if (up >= 0.0) {
    float u = clamp(up, 0.0, 1.0);
    float root = sqrt(u);
    float t = kFastSky == 1u ? 0.861 * root + 0.139 * sqrt(root) : pow(u, 0.45);
    sky = mix(frame.skyHorizon.rgb, frame.skyZenith.rgb, t);
  } else {
    float t = clamp(-up * 4.0, 0.0, 1.0);
    sky = mix(frame.skyHorizon.rgb * 0.6, frame.groundColor.rgb, t);
  }
  float cosSun = max(dot(dir, sun), 0.0);
  float glow;
  if (kFastSky == 1u) {
    float c2 = cosSun * cosSun, c4 = c2 * c2, c8 = c4 * c4, c16 = c8 * c8, c32 = c16 * c16, c64 = c32 * c32;
    glow = c4 * c8 * 0.6 + c64 * c64 * 1.5;
  } else {
    glow = pow(cosSun, 12.0) * 0.6 + pow(cosSun, 128.0) * 1.5;
  }
  float aboveHorizon = smoothstep(-0.15, 0.05, sun.y);
  sky += frame.sunColor.rgb * glow * aboveHorizon * 0.5;
  if (withSunDisk && up > -0.02) {
    float disk = smoothstep(0.99985, 0.99995, cosSun);
    sky += frame.sunColor.rgb * disk * 40.0 * aboveHorizon;
  }
  return sky * frame.skyZenith.w;
}

#endif
