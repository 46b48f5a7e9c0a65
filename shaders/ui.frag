#version 460
// Vertex colour times the command's image (straight alpha), written premultiplied: the pipeline
// blends ONE, ONE_MINUS_SRC_ALPHA, so panel textures end up premultiplied as XR layers expect.
layout(location = 0) in vec2 inUv;
layout(location = 1) in vec4 inColor;
layout(location = 0) out vec4 outColor;

layout(set = 0, binding = 0) uniform sampler2D image;

void main() {
  vec4 color = inColor * texture(image, inUv);
  outColor = vec4(color.rgb * color.a, color.a);
}
