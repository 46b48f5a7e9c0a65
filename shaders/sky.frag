#version 460
#include "common.glsl"
#include "scene_output.glsl"

layout(location = 0) in vec3 inDirection;
layout(location = 0) out vec4 outColor;

float hash(vec3 p) {
  p = fract(p * 0.3183099 + 0.1);
  p *= 17.0;
  return fract(p.x * p.y * p.z * (p.x + p.y + p.z));
}

// 0: no star field (the renderer's choice on CPU rasterisers for frames without night, where it
// adds nothing: lavapipe would pay for its hash on every pixel anyway); 1: stars where night > 0.
layout(constant_id = 5) const uint kStars = 1u;

void main() {
  vec3 dir = normalize(inDirection);
  vec3 color = skyRadiance(dir, true);
  // Stars fade in at night, above the horizon only.
  float night = frame.params.w;
  if (kStars == 1u && night > 0.0 && dir.y > 0.0) {
    vec3 cell = floor(dir * 300.0);
    float star = step(0.9985, hash(cell));
    color += vec3(star * night * 0.8 * smoothstep(0.0, 0.2, dir.y));
  }
  if (kFog == 1u) {
    color = mix(color, frame.fog.rgb * frame.skyZenith.w, clamp(frame.fog.w * 50.0, 0.0, 0.6) * (1.0 - clamp(dir.y * 4.0, 0.0, 1.0)));
  }
  outColor = sceneOutput(vec4(color, 1.0));
}
