// Per-draw data of the vertex shaders (pbr.vert, shadow.vert). Mirrors DrawConstants in
// engine/render/gpu_layouts.hpp; how draws are batched: engine/render/draw_batches.hpp.
//
// Every primitive drawn this frame has one record in drawData; a pass's draw list holds their
// indices in drawSlots, and an instanced draw of n instances starting at list entry f sees
// gl_InstanceIndex = f .. f + n - 1. loadDraw() fetches this instance's record into `draw`.
#ifndef SC_DRAW_DATA_GLSL
#define SC_DRAW_DATA_GLSL

struct DrawData {
  mat4 model;
  // z: first joint matrix of the draw's skin + 1 (0: not skinned), w: skin record base
  // (see skinning.glsl); x, y: unused
  uvec4 info;
  // x: morph target count (0: none), y: first morph weight, z: morph delta base, w: unused
  uvec4 deform;
};

layout(std430, set = 0, binding = 5) readonly buffer DrawDataList {
  DrawData drawData[];
};
layout(std430, set = 0, binding = 6) readonly buffer DrawSlotList {
  uint drawSlots[];
};

DrawData draw;

void loadDraw() {
  draw = drawData[drawSlots[uint(gl_InstanceIndex)]];
}

#endif
