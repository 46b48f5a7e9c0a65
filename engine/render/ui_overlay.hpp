#pragma once
// 2D overlays (the visitor's UI: subtitles, cards, buttons) as engine-neutral triangle lists, and
// their drawing through engine/gpu: over the tone-mapped frame (Renderer::setOverlay) or into a
// texture for world-space panels in XR (Renderer::drawOverlayInto, createOverlayTexture).
//
// The draw list is what Dear ImGui produces, without ImGui types (engine/ui converts), so any
// 2D source can fill one. Positions are in the list's own pixel space [0,width] x [0,height],
// origin top-left, y down; the target is mapped onto it (a list of another size is stretched).
// Colours are 8-bit sRGB-encoded with straight alpha (as ImGui writes them); they are blended in
// linear light on sRGB targets. Textures are sampled as straight-alpha RGBA and multiplied with
// the vertex colour. The result is written premultiplied (blend ONE, ONE_MINUS_SRC_ALPHA), so a
// panel texture cleared to transparent holds premultiplied alpha, as OpenXR quad layers expect by
// default (no XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT).
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/image_io.hpp"
#include "core/result.hpp"
#include "gpu/device.hpp"

namespace sc::render {

struct OverlayVertex {
  glm::vec2 position{0.0f};  // pixels of the list's space
  glm::vec2 uv{0.0f};
  std::uint32_t rgba = 0xffffffffu;  // R in the low byte (ImGui's IM_COL32 layout)
};
static_assert(sizeof(OverlayVertex) == 20);

// An image a command samples: either CPU pixels the overlay renderer uploads and caches under
// `key` (re-uploaded when `version` changes: a font atlas rebuilt at another size), or a texture
// already on the GPU (sampled as is; it must be in a state readable by shaders, e.g. written by
// an earlier pass and prepareForSampling'd, or uploaded).
struct OverlayImage {
  std::uint64_t key = 0;      // identifies the image across frames (non-zero for pixels)
  std::uint64_t version = 0;
  std::shared_ptr<const ImageRgba8> pixels;
  gpu::TextureHandle texture;  // used instead of pixels when valid
};

struct OverlayCommand {
  glm::vec4 clipRect{0.0f};     // x0, y0, x1, y1 in the list's pixels; drawing outside is cut
  std::uint32_t image = 0;      // index into OverlayDrawList::images
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  std::int32_t vertexOffset = 0;  // added to every index of the command
};

struct OverlayDrawList {
  std::uint32_t width = 0;   // the list's pixel space; 0 = the target's size
  std::uint32_t height = 0;
  std::vector<OverlayVertex> vertices;
  std::vector<std::uint32_t> indices;  // triangles; 32-bit (the engine's index type)
  std::vector<OverlayCommand> commands;
  std::vector<OverlayImage> images;
  bool empty() const { return commands.empty(); }
};

// Checks the list's contract (indices within vertices, image indices within images, pixel
// images non-empty and sized as they say). Returns what is wrong, naming the command.
Status checkOverlayDrawList(const OverlayDrawList& list);

// Draws overlay lists with the engine's gpu abstraction: one alpha-blended pipeline per target
// format, per-frame vertex/index buffers that grow as needed, a bind group per image.
// Single-threaded like the Device; recorded inside a frame (between beginFrame and submitFrame).
class OverlayRenderer {
 public:
  static Result<std::unique_ptr<OverlayRenderer>> create(gpu::Device& device);
  ~OverlayRenderer();
  OverlayRenderer(const OverlayRenderer&) = delete;
  OverlayRenderer& operator=(const OverlayRenderer&) = delete;

  // Records a pass drawing `list` into layer `layer` of the colour texture `target` (formats
  // RGBA8/BGRA8, Unorm or Srgb; single-sampled). `clear` clears it first, else the overlay goes
  // over what is there. Invalid lists are refused with the reason (nothing recorded). An empty
  // list records nothing unless `clear` is given.
  Status record(gpu::CommandList& cmd, const OverlayDrawList& list, gpu::TextureHandle target,
                std::uint32_t layer = 0, std::optional<glm::vec4> clear = std::nullopt);

  // Uploaded images stay cached while lists use them; one that no list has drawn for 1000
  // record() calls is freed automatically (e.g. the atlas of a destroyed ui::Ui).
  // Forgets cached uploads whose key is not in `keep` (frees their textures) right away.
  void releaseImagesExcept(const std::vector<std::uint64_t>& keep);
  std::size_t cachedImageCount() const;

  // Shader hot reload: makes the pipelines made so far again from ui.vert.spv / ui.frag.spv in
  // Device::shaderDir(). All or nothing: on failure the old ones stay. Between frames only; the
  // old pipelines are destroyed once the frames in flight are done.
  Status reloadPipelines();

 private:
  struct Impl;
  explicit OverlayRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::render
