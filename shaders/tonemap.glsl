// Tone mapping, shared by the tone-mapping pass (tonemap.frag) and the scene shaders that tone-map
// their own output on frames drawn straight into the output target (scene_output.glsl), so both
// paths draw the same picture.
#ifndef SC_TONEMAP_GLSL
#define SC_TONEMAP_GLSL

vec3 rrtAndOdtFit(vec3 v) {
  vec3 a = v * (v + 0.0245786) - 0.000090537;
  vec3 b = v * (0.983729 * v + 0.4329510) + 0.238081;
  return a / b;
}

// ACES (Hill's fit).
vec3 acesHill(vec3 color) {
  const mat3 inputMatrix = mat3(0.59719, 0.07600, 0.02840, 0.35458, 0.90834, 0.13383, 0.04823, 0.01566, 0.83777);
  const mat3 outputMatrix = mat3(1.60475, -0.10208, -0.00327, -0.53108, 1.10813, -0.07276, -0.07367, -0.00605, 1.07602);
  return clamp(outputMatrix * rrtAndOdtFit(inputMatrix * color), 0.0, 1.0);
}

// Khronos PBR Neutral.
vec3 pbrNeutral(vec3 color) {
  const float startCompression = 0.8 - 0.04;
  const float desaturation = 0.15;
  float x = min(color.r, min(color.g, color.b));
  float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
  color -= offset;
  float peak = max(color.r, max(color.g, color.b));
  if (peak < startCompression) return color;
  const float d = 1.0 - startCompression;
  float newPeak = 1.0 - d * d / (peak + d - startCompression);
  color *= newPeak / peak;
  float g = 1.0 - 1.0 / (desaturation * (peak - newPeak) + 1.0);
  return mix(color, vec3(newPeak), g);
}

// A scene colour (linear, premultiplied by coverage) to the display colour written to the sRGB
// target (the hardware applies the transfer function on write): exposure, then the operator.
// keepAlpha (transparent background): the coverage stays as alpha; both operators map 0 to 0, so
// uncovered pixels stay (0, 0, 0, 0) and the output stays premultiplied (exactly where alpha is 0
// or 1; at partly covered edges the curve is applied to the premultiplied colour, a slight
// darkening accepted for AR). Otherwise alpha is 1.
vec4 toneMapped(vec4 hdrColor, float exposure, bool neutral, bool keepAlpha) {
  vec3 color = hdrColor.rgb * exposure;
  color = neutral ? pbrNeutral(color) : acesHill(color);
  float alpha = keepAlpha ? clamp(hdrColor.a, 0.0, 1.0) : 1.0;
  return vec4(keepAlpha ? min(color, vec3(alpha)) : color, alpha);
}

#endif
