#version 460
// 2D overlay (the visitor's UI) over the frame or into a panel texture: positions in the draw
// list's pixels, mapped to the current viewport (the command's clip rectangle) by the push
// constants. Colours arrive sRGB-encoded (as ImGui writes them); on sRGB targets they are
// linearised here so blending happens in linear light and the target re-encodes them.
layout(location = 0) in vec2 inPosition;
layout(location = 1) in vec2 inUv;
layout(location = 2) in vec4 inColor;
layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;

layout(push_constant) uniform Overlay {
  vec4 transform;  // xy scale, zw offset: clip = position * scale + offset
  vec4 params;     // x: 1 when the target is sRGB
} overlay;

vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}

void main() {
  outUv = inUv;
  outColor = inColor;
  if (overlay.params.x > 0.5) outColor.rgb = srgbToLinear(inColor.rgb);
  gl_Position = vec4(inPosition * overlay.transform.xy + overlay.transform.zw, 0.0, 1.0);
}
