#pragma once
// Broken-reference check for Wavefront OBJ, run before Assimp: Assimp skips a missing .mtl
// library and invents a default material for an unknown `usemtl` name, so a model whose
// materials were lost would import silently grey. Here every `mtllib` must resolve through the
// content resolver and every `usemtl` must name a `newmtl` of those libraries, except the
// placeholder names exporters write for "no material" (Default, DefaultMaterial, (null), None)
// in a file without any mtllib. Internal.
#include <span>
#include <string>

#include "assets/content_io_system.hpp"
#include "core/result.hpp"

namespace sc::assets {

Status checkObjReferences(std::span<const std::uint8_t> objText, const ContentIoSystem& io,
                          const std::string& label);

}  // namespace sc::assets
