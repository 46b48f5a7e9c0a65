#pragma once
// What every Dear ImGui context in the engine does with ImGui's output (the visitor UI in
// ui.cpp, the creator preview's transform panel): the built font atlas becomes an image the
// overlay renderer uploads, and the draw data becomes an engine-neutral overlay list
// (render/ui_overlay.hpp). Callers make their own context current first.
#include <cstdint>
#include <memory>

#include <imgui/imgui.h>  // Debian's libimgui-dev 1.86

#include "core/image_io.hpp"
#include "render/ui_overlay.hpp"

namespace sc::ui {

// Copies the pixels of a built atlas (RGBA8), binds `textureId` to it and frees ImGui's own copy:
// the returned image is what the renderer uploads.
std::shared_ptr<const ImageRgba8> takeFontAtlasPixels(ImFontAtlas& atlas, ImTextureID textureId);

// Appends every triangle of `data` to `out` (vertices, indices and one command per ImGui command,
// clip rectangles moved to the list's origin), each command sampling `out.images[image]`.
// Commands with a user callback or no elements are skipped (the engine sets no callbacks).
void appendDrawData(const ImDrawData& data, std::uint32_t image, render::OverlayDrawList& out);

}  // namespace sc::ui
