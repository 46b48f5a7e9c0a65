#include "ui/imgui_output.hpp"

namespace sc::ui {

std::shared_ptr<const ImageRgba8> takeFontAtlasPixels(ImFontAtlas& atlas, ImTextureID textureId) {
  unsigned char* data = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&data, &width, &height);
  auto image = std::make_shared<ImageRgba8>();
  image->width = std::uint32_t(width);
  image->height = std::uint32_t(height);
  image->pixels.assign(data, data + std::size_t(width) * std::size_t(height) * 4);
  atlas.SetTexID(textureId);
  atlas.ClearTexData();  // the copy is what the renderer uploads
  return image;
}

void appendDrawData(const ImDrawData& data, std::uint32_t image, render::OverlayDrawList& out) {
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList* list = data.CmdLists[l];
    auto baseVertex = std::int32_t(out.vertices.size());
    auto baseIndex = std::uint32_t(out.indices.size());
    for (const ImDrawVert& v : list->VtxBuffer) out.vertices.push_back({{v.pos.x, v.pos.y}, {v.uv.x, v.uv.y}, v.col});
    for (ImDrawIdx i : list->IdxBuffer) out.indices.push_back(i);
    for (const ImDrawCmd& c : list->CmdBuffer) {
      if (c.UserCallback || c.ElemCount == 0) continue;
      render::OverlayCommand command;
      command.clipRect = glm::vec4(c.ClipRect.x - data.DisplayPos.x, c.ClipRect.y - data.DisplayPos.y,
                                   c.ClipRect.z - data.DisplayPos.x, c.ClipRect.w - data.DisplayPos.y);
      command.image = image;
      command.firstIndex = baseIndex + c.IdxOffset;
      command.indexCount = c.ElemCount;
      command.vertexOffset = baseVertex + std::int32_t(c.VtxOffset);
      out.commands.push_back(command);
    }
  }
}

}  // namespace sc::ui
