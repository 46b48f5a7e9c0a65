// GPU skinning and morph targets for the vertex shaders (pbr.vert, shadow.vert). Layouts mirror
// engine/render/gpu_layouts.hpp (SkinVertexGpu, MorphDeltaGpu, DrawConstants); `draw` is this
// instance's record (draw_data.glsl), fetched by the vertex shader's loadDraw().
//
// Per frame, each posed instance's joint matrices (model space: joint world * inverse bind) and
// morph weights are written once into the frame slot's buffers (set 0, bindings 3 and 4) and read
// by both views of a multiview pass and by the shadow pass. Per model, the skin records and the
// morph deltas are uploaded once (set 1, bindings 6 and 7, next to the material).
//
// Order, as glTF defines it: morph the rest vertex first, then skin the result. The result
// matches sc::anim::morphPosition / skinPosition / skinNormal: the skin matrix is the weighted
// sum of the joint matrices, normals and tangents go through its upper 3x3 and are normalised.
#ifndef SC_SKINNING_GLSL
#define SC_SKINNING_GLSL

#include "draw_data.glsl"

layout(std430, set = 0, binding = 3) readonly buffer JointPalette {
  mat4 jointMatrices[];
};
layout(std430, set = 0, binding = 4) readonly buffer MorphWeights {
  float morphWeights[];
};

struct SkinVertex {
  uvec4 joints;
  vec4 weights;
};
layout(std430, set = 1, binding = 6) readonly buffer SkinVertices {
  SkinVertex skinVertices[];
};

struct MorphDelta {
  vec4 position;
  vec4 normal;
};
layout(std430, set = 1, binding = 7) readonly buffer MorphDeltas {
  MorphDelta morphDeltas[];
};

bool isSkinned() {
  return draw.info.z != 0u;
}

// Adds the weighted morph deltas of this vertex (no-op when the draw has no morphs).
void applyMorphs(inout vec3 position, inout vec3 normal) {
  uint count = draw.deform.x;
  if (count == 0u) return;
  uint base = draw.deform.z + uint(gl_VertexIndex) * count;
  for (uint t = 0u; t < count; ++t) {
    float w = morphWeights[draw.deform.y + t];
    if (w == 0.0) continue;
    MorphDelta d = morphDeltas[base + t];
    position += w * d.position.xyz;
    normal += w * d.normal.xyz;
  }
}

// The blended skin matrix of this vertex (model space); only call when isSkinned().
mat4 skinMatrix() {
  SkinVertex v = skinVertices[draw.info.w + uint(gl_VertexIndex)];
  uint first = draw.info.z - 1u;
  return v.weights.x * jointMatrices[first + v.joints.x] + v.weights.y * jointMatrices[first + v.joints.y] +
         v.weights.z * jointMatrices[first + v.joints.z] + v.weights.w * jointMatrices[first + v.joints.w];
}

#endif
