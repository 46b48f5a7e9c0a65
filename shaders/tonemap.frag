#version 460
#extension GL_EXT_multiview : require
// HDR (one layer per view) -> display: exposure, then ACES (Hill's fit) or Khronos PBR Neutral.
// The target is an sRGB format, so the hardware applies the transfer function on write.
layout(location = 0) in vec2 inUv;
layout(location = 1) flat in int inView;
layout(location = 0) out vec4 outColor;

layout(set = 0, binding = 0) uniform sampler2DArray hdr;
layout(push_constant) uniform Tonemap {
  vec4 params;  // x exposure, y operator (0 ACES, 1 PBR Neutral), z keep alpha (transparent background)
} tonemap;

vec3 rrtAndOdtFit(vec3 v) {
  vec3 a = v * (v + 0.0245786) - 0.000090537;
  vec3 b = v * (0.983729 * v + 0.4329510) + 0.238081;
  return a / b;
}

vec3 acesHill(vec3 color) {
  const mat3 inputMatrix = mat3(0.59719, 0.07600, 0.02840, 0.35458, 0.90834, 0.13383, 0.04823, 0.01566, 0.83777);
  const mat3 outputMatrix = mat3(1.60475, -0.10208, -0.00327, -0.53108, 1.10813, -0.07276, -0.07367, -0.00605, 1.07602);
  return clamp(outputMatrix * rrtAndOdtFit(inputMatrix * color), 0.0, 1.0);
}

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

void main() {
  vec4 hdrColor = texture(hdr, vec3(inUv, float(inView)));
  vec3 color = hdrColor.rgb * tonemap.params.x;
  color = tonemap.params.y > 0.5 ? pbrNeutral(color) : acesHill(color);
  // Transparent background: the HDR target holds premultiplied colour and coverage (cleared to
  // 0, premultiplied blending). Both operators map 0 to 0, so uncovered pixels stay (0, 0, 0, 0)
  // and the output stays premultiplied (exactly where alpha is 0 or 1; at partly covered edges
  // the curve is applied to the premultiplied colour, a slight darkening accepted for AR).
  float alpha = tonemap.params.z > 0.5 ? clamp(hdrColor.a, 0.0, 1.0) : 1.0;
  outColor = vec4(tonemap.params.z > 0.5 ? min(color, vec3(alpha)) : color, alpha);
}
