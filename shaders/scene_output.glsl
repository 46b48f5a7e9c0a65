// What the scene shaders (pbr.frag, sky.frag) write: the HDR colour for the tone-mapping pass, or,
// on frames drawn straight into the output target, the tone-mapped colour itself (see
// RendererOptions::foldToneMapping). Include after common.glsl.
#ifndef SC_SCENE_OUTPUT_GLSL
#define SC_SCENE_OUTPUT_GLSL

#include "tonemap.glsl"

// 0: write linear HDR (the tone-mapping pass follows); else tone-map into the sRGB output target,
// bits 0-1: 1 ACES, 2 PBR Neutral; bit 2: the background is transparent (keep the coverage as
// alpha). Set per pipeline by the renderer: a constant, not a uniform, because lavapipe pays for
// both sides of a branch (a uniform keep-alpha choice cost ~1.5 ms of its frame).
layout(constant_id = 3) const uint kToneMap = 0u;

// `premultiplied`: the scene colour, premultiplied by coverage (as the HDR target holds it).
// The exposure is the frame's (the tone-mapping pass gets the same).
vec4 sceneOutput(vec4 premultiplied) {
  if (kToneMap == 0u) return premultiplied;
  return toneMapped(premultiplied, frame.params.x, (kToneMap & 3u) == 2u, (kToneMap & 4u) != 0u);
}

#endif
