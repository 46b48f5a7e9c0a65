#pragma once
// Preview helpers for looking at the guide with a renderer that draws rest poses only: bake a
// morph target or a frame of a procedural clip (CPU skinning) into the vertex positions.
// The result is a preview, not an asset: its skin still binds the rest pose.
#include <string>

#include "core/result.hpp"
#include "guide_model.hpp"

namespace sc::avatar {

// Adds weight * delta of the target `name` (aa, ih, ou, ee, oh, blink) to every mesh that has it.
Status bakeMorph(GuideModel& model, const std::string& name, float weight);

// Poses the guide with the procedural clip `clip` (idle, talk, wave, point) at `timeSec`.
Status bakeClip(GuideModel& model, const std::string& clip, float timeSec);

}  // namespace sc::avatar
