#include "app/xr_face.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/guided_tour.hpp"
#include "app/poi_ray_pick.hpp"
#include "app/scene_content.hpp"
#include "app/window_poi_markers.hpp"
#include "core/file_io.hpp"
#include "core/image_io.hpp"
#include "platform/scene_collider.hpp"
#include "ui/glyph_ranges.hpp"
#include "ui/ui.hpp"
#include "ui/ui_model.hpp"

namespace sc::app {

namespace {

// The panel is 512 x 256 pixels; the UI lays out in points at 0.8 pixels per point so its
// desktop-sized widgets fit and the text stays readable (labels ~14 px, subtitles ~19 px).
constexpr glm::vec2 kPanelPixels{512.0f, 256.0f};
constexpr float kPanelScale = 0.8f;
// A wall this much before a POI's anchor along the laser hides it (anchors sit on facades, so
// the wall the anchor is on must not).
constexpr float kPickOcclusionMargin = 1.0f;

struct LoadedXr {
  xr::XrContent content;
  std::shared_ptr<platform::SceneCollider> collider;
  // Scene files: (POI id, panorama file) for each POI with one, as the scene loader resolved it
  // (ViewContent::panoramaFiles, the same files the desktop shows).
  std::vector<std::pair<std::string, std::filesystem::path>> panoramas;
};

Result<LoadedXr> loadWithGround(const std::string& input) {
  auto content = loadViewContent(input);
  if (!content) return content.error();
  LoadedXr out;
  xr::XrContent& xr = out.content;
  out.collider = std::make_shared<platform::SceneCollider>();
  for (auto& m : content->models) {
    out.collider->addModel(m.model, m.transform);
    xr.models.push_back({std::move(m.model), m.transform, m.sameModelAs});
  }
  out.collider->build();
  xr.environment = content->environment;
  render::Camera camera = content->camera ? *content->camera : render::frameBounds(content->bounds, 1.0f);
  xr.farPlane = camera.farPlane;
  glm::vec3 spawn{camera.eye.x, 0.0f, camera.eye.z};
  glm::vec3 facing = camera.target - camera.eye;
  if (content->scene) {
    for (const auto& poi : content->scene->pois) {
      if (auto file = panoramaFileOf(*content, poi.id)) out.panoramas.emplace_back(poi.id, *file);
    }
    const scene::XrViewpoint& view = content->scene->spawn.xr;
    spawn = view.position;
    float yaw = glm::radians(view.yawDeg);
    facing = {-std::sin(yaw), 0.0f, -std::cos(yaw)};
    const scene::LocalizedText& title = content->scene->title;
    xr.title = title.zh.empty() ? title.en : title.en.empty() ? title.zh : title.zh + " " + title.en;
  }
  if (spawn.y == 0.0f) {
    float top = content->bounds.valid() ? content->bounds.max.y : 0.0f;
    if (auto ground = groundUnder(*out.collider, spawn, top)) spawn.y = *ground;
  }
  xr.spawn = spawn;
  xr.lookAt = spawn + glm::vec3(0.0f, 1.6f, 0.0f) + facing;
  spdlog::info("XR: the visitor's floor origin at ({:.2f}, {:.2f}, {:.2f})", spawn.x, spawn.y, spawn.z);
  return out;
}

ui::UiLanguage languageOf(tour::TourLanguage language) {
  if (language == tour::TourLanguage::Chinese) return ui::UiLanguage::Chinese;
  if (language == tour::TourLanguage::English) return ui::UiLanguage::English;
  return ui::UiLanguage::Both;
}

}  // namespace

std::optional<float> groundUnder(const platform::SceneCollider& collider, const glm::vec3& spawn, float contentTop) {
  // Near the authored point first (ground below a bridge deck, not the deck's roof), then from
  // above everything (the spawn point lies under a raised street).
  if (auto h = collider.heightBelow(spawn + glm::vec3(0.0f, 2.0f, 0.0f), 200.0f)) return h;
  float from = std::max(contentTop, spawn.y) + 1.0f;
  return collider.heightBelow({spawn.x, from, spawn.z}, from - spawn.y + 200.0f);
}

Result<xr::XrContent> loadXrContent(const std::string& input) {
  auto loaded = loadWithGround(input);
  if (!loaded) return loaded.error();
  return std::move(loaded->content);
}

struct XrFace::State {
  std::string input;
  std::string readbackDir;
  std::uint32_t readbackFrame = 0;
  std::shared_ptr<platform::SceneCollider> collider;
  glm::vec3 spawn{0.0f};
  std::string title;
  std::unique_ptr<GuidedTour> tour;
  std::unique_ptr<ui::Ui> ui;
  ui::UiModel model;
  render::Renderer* renderer = nullptr;
  std::uint32_t frames = 0;
  bool speakingWritten = false;
  // Per-POI panoramas: the scene loader's resolved file by POI id (loadContent). engine/xr
  // shows the one the panorama hook names (equirect2 layer under the eyes, else its sphere) and
  // says so in XrFrameInfo::panorama.
  std::vector<std::pair<std::string, std::filesystem::path>> panoramaFiles;
  std::string panoramaShown;  // POI id, empty: none
  // POIs in the world: their markers, the one the laser aims at (-1 none, and how far along the
  // laser) and the one last picked with the trigger (-1 none).
  PoiMarkers markers;
  int aimed = -1;
  float aimedDistance = 0.0f;
  int selected = -1;
  double clock = 0.0;
  std::uint32_t clicks = 0;

  // The stop's panorama file while the guide turns to the visitor, explains and dwells there;
  // none while walking ("").
  std::string wantedPanorama() const {
    if (!tour) return {};
    const tour::GuideFrame& f = tour->frame();
    bool presenting = f.phase == tour::TourPhase::TurnToVisitor || f.phase == tour::TourPhase::Present ||
                      f.phase == tour::TourPhase::Wait;
    if (!presenting || !f.poi) return {};
    for (const auto& [poi, file] : panoramaFiles)
      if (poi == f.poi->id) return file.string();
    return {};
  }

  // Which POI's panorama engine/xr showed this frame (for the report).
  void notePanorama(const xr::XrFrameInfo& f) {
    std::string now;
    for (const auto& [poi, file] : panoramaFiles)
      if (!f.panorama.empty() && file.string() == f.panorama) now = poi;
    if (now != panoramaShown) spdlog::info("XR: panorama {}", now.empty() ? "off" : "of " + now);
    panoramaShown = now;
  }

  void addMarkers(render::Renderer& r) {
    markers = PoiMarkers{};
    aimed = selected = -1;
    clicks = 0;
    if (!tour) return;
    float size = collider && !collider->empty() ? glm::length(collider->bounds().max - collider->bounds().min) : 10.0f;
    if (Status made = markers.create(r, tour->scene(), size); !made)
      spdlog::warn("XR: no POI markers: {}", made.error().message);
  }

  // The laser against the POIs (the panel in front of them wins, walls hide them) and, on the
  // trigger, the same as a marker click on the desktop: the guide walks over and explains it.
  // A marker's POI id for the reports, "-" for none (-1).
  std::string poiIdOr(int marker) const { return marker >= 0 ? markers.ids()[std::size_t(marker)] : std::string("-"); }

  void pickPois(const xr::XrFrameInfo& frame) {
    aimed = -1;
    if (frame.laser && !markers.positions().empty()) {
      PoiRayPickOptions options;
      std::optional<float> blocked;
      if (collider) {
        if (auto wall = collider->raycast(frame.laserOrigin, frame.laserDirection, options.maxDistance))
          blocked = wall->distance + kPickOcclusionMargin;
      }
      PoiRayPick pick = pickPoiAlongRay(frame.laserOrigin, frame.laserDirection, markers.positions(), options,
                                        frame.laserPanelDistance, blocked);
      if (pick.target == PoiRayTarget::Poi) {
        aimed = pick.poi;
        aimedDistance = pick.distance;
      }
    }
    if (frame.selectPressed) {
      ++clicks;
      if (aimed >= 0) selectPoi(aimed);
      if (!readbackDir.empty()) {
        std::ofstream log(std::filesystem::path(readbackDir) / "xr-face-clicks.txt", std::ios::app);
        log << fmt::format("click {} frame {} aimed {} selected {} panel {}\n", clicks, frames, poiIdOr(aimed),
                           poiIdOr(selected), frame.panelPointer ? 1 : 0);
      }
    }
    // The aimed marker grows (the highlight), else the picked one.
    if (renderer) markers.update(*renderer, clock, aimed >= 0 ? aimed : selected);
  }

  void selectPoi(int index) {
    selected = index;
    const std::string& id = markers.ids()[std::size_t(index)];
    spdlog::info("XR: selected POI {}", id);
    if (!tour) return;
    if (const auto* poi = tour->scene().findPoi(id)) model.card = ui::poiCardFor(*poi);
    if (Status went = tour->director().goToPoi(id); !went) spdlog::warn("XR: {}", went.error().message);
  }

  void fillModel() {
    model.minimal = false;
    model.subtitles = {};
    model.tour.visible = tour != nullptr;
    if (!tour) {
      // No guide (no tour in the scene, a model file): the panel names the place.
      model.card.open = true;
      model.card.name = {title, title};
      return;
    }
    const tour::GuideFrame& f = tour->frame();
    model.language = languageOf(f.language);
    model.tour.playing = !f.paused && !f.awaitingResume && f.phase != tour::TourPhase::Finished;
    model.tour.stopIndex = f.stopIndex;
    model.tour.stopCount = f.stopCount;
    model.tour.stopName = f.poi ? f.poi->name : scene::LocalizedText{};
    // The card follows the stop (the POI being walked to or explained), or shows the POI the
    // laser aims at, which the trigger would pick.
    const scene::PointOfInterest* shown = f.poi;
    if (aimed >= 0) shown = tour->scene().findPoi(markers.ids()[std::size_t(aimed)]);
    if (shown && model.card.poiId != shown->id) model.card = ui::poiCardFor(*shown);
    if (!shown) model.card = {};
    const auto& rows = tour->subtitleRows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ui::SubtitleRowView row;
      row.text = std::string(rows[i].text);
      row.highlightBytes = std::min(rows[i].highlightBytes, row.text.size());
      row.spoken = rows[i].spoken;
      row.chinese = std::any_of(row.text.begin(), row.text.end(), [](char c) { return (unsigned char)c >= 0x80; });
      model.subtitles.rows.push_back(std::move(row));
    }
    model.subtitles.visible = !model.subtitles.rows.empty();
  }

  void apply(const ui::UiAction& action) {
    spdlog::info("XR panel: {}", ui::describeUiAction(action));
    if (ui::applyUiAction(model, action) || !tour) return;
    tour::TourDirector& director = tour->director();
    switch (action.kind) {
      case ui::UiActionKind::Play: director.resume(); break;
      case ui::UiActionKind::Pause: director.pause(); break;
      case ui::UiActionKind::Next: director.next(); break;
      case ui::UiActionKind::Previous: director.previous(); break;
      case ui::UiActionKind::Repeat: director.repeat(); break;
      default: break;  // landmark switching and retry are the desktop's
    }
  }

  std::optional<render::OverlayDrawList> panel(const xr::XrFrameInfo& frame) {
    if (!ui) return std::nullopt;
    fillModel();
    ui::UiInput in;
    in.displaySize = kPanelPixels / kPanelScale;
    in.framebufferScale = kPanelScale;
    in.deltaSeconds = std::max(1e-3, frame.dtSeconds);
    // The laser pointer is the mouse; the trigger press is a button down for one frame (the
    // widget fires on the following release over it).
    // A POI marker in front of the panel takes the click instead.
    bool onPanel = frame.panelPointer.has_value() && aimed < 0;
    in.pointerPresent = onPanel;
    if (frame.panelPointer) in.pointer = *frame.panelPointer / kPanelScale;
    in.pointerDown = onPanel && frame.selectPressed;
    ui::UiFrame out = ui->frame(model, in);
    for (const auto& action : out.actions) apply(action);
    // Checks: the first panel with the guide's words on it.
    if (!readbackDir.empty() && renderer && !speakingWritten && model.subtitles.visible) {
      speakingWritten = true;
      writePanel("xr-face-panel-speaking.png");
      writeReport("xr-face-speaking.txt", frame);
    }
    return ui->drawList();
  }

  // The panel as the face draws it, on the dark card the title panel uses (the compositor's
  // copy of the panel is not read back).
  void writePanel(const std::string& name) {
    gpu::TextureHandle target = renderer->createOverlayTexture(std::uint32_t(kPanelPixels.x), std::uint32_t(kPanelPixels.y));
    Status drawn = renderer->renderOverlayNow(target, ui->drawList(), glm::vec4(0.02f, 0.02f, 0.03f, 1.0f));
    if (!drawn) spdlog::warn("XR panel read-back: {}", drawn.error().message);
    else if (auto image = renderer->device().readback(target); !image) spdlog::warn("XR panel read-back: {}", image.error().message);
    else if (auto written = writePng(std::filesystem::path(readbackDir) / name, *image); !written)
      spdlog::warn("{}", written.error().message);
    renderer->device().destroyTexture(target);
  }

  void writeReport(const std::string& name, const xr::XrFrameInfo& frame) {
    std::optional<float> ground = collider ? collider->heightBelow(frame.eyeWorld, 10.0f) : std::nullopt;
    std::ofstream file(std::filesystem::path(readbackDir) / name);
    file << fmt::format("frame {}\n", frames);
    file << fmt::format("eye {:.3f} {:.3f} {:.3f}\n", frame.eyeWorld.x, frame.eyeWorld.y, frame.eyeWorld.z);
    file << fmt::format("spawn {:.3f} {:.3f} {:.3f}\n", spawn.x, spawn.y, spawn.z);
    // Content without walkable geometry stands on the flat y = 0 ground (xr::groundOf).
    file << fmt::format("ground {}\n", ground ? "mesh" : "flat");
    file << fmt::format("eyeHeight {:.3f}\n", frame.eyeWorld.y - ground.value_or(0.0f));
    file << fmt::format("subtitleRows {}\n", model.subtitles.rows.size());
    if (tour) {
      const tour::GuideFrame& f = tour->frame();
      file << fmt::format("stop {}\n", f.stopIndex);
      file << fmt::format("phase {}\n", tour::phaseName(f.phase));
      file << fmt::format("paused {}\n", f.paused ? 1 : 0);
      file << fmt::format("tourSeconds {:.2f}\n", f.timeSec);
      file << fmt::format("poi {}\n", f.poi ? f.poi->id : std::string("-"));
      file << fmt::format("panorama {}\n", panoramaShown.empty() ? std::string("-") : panoramaShown);
      // Through the compositor's equirect2 layer under the eyes (1), or engine/xr's sphere (0).
      file << fmt::format("panoramaLayer {}\n", frame.panoramaLayer ? 1 : 0);
      file << fmt::format("detour {}\n", f.detour ? 1 : 0);
      file << fmt::format("aimed {}\n", poiIdOr(aimed));
      file << fmt::format("selected {}\n", poiIdOr(selected));
      file << fmt::format("clicks {}\n", clicks);
      file << fmt::format("laserStop {}\n", aimed >= 0 ? fmt::format("{:.3f}", aimedDistance) : std::string("-"));
      file << fmt::format("laser {} {:.3f} {:.3f} {:.3f} {:.3f} {:.3f} {:.3f}\n", frame.laser ? 1 : 0, frame.laserOrigin.x,
                          frame.laserOrigin.y, frame.laserOrigin.z, frame.laserDirection.x, frame.laserDirection.y,
                          frame.laserDirection.z);
      file << fmt::format("guide {:.3f} {:.3f} {:.3f}\n", f.root[3].x, f.root[3].y, f.root[3].z);
    }
  }
};

XrFace::XrFace(std::string input) : state_(std::make_unique<State>()) { state_->input = std::move(input); }
XrFace::~XrFace() = default;

void XrFace::wire(xr::XrRequest& request) {
  State* s = state_.get();
  s->readbackDir = request.readbackDir;
  s->readbackFrame = request.readbackFrame;
  request.loadContent = [s](const std::string& input) -> Result<xr::XrContent> {
    auto loaded = loadWithGround(input);
    if (!loaded) return loaded.error();
    s->collider = loaded->collider;
    s->spawn = loaded->content.spawn;
    s->title = loaded->content.title;
    s->panoramaFiles = std::move(loaded->panoramas);
    return std::move(loaded->content);
  };
  request.hooks.onStart = [s](render::Renderer& renderer) {
    s->renderer = &renderer;
    s->frames = 0;
    s->speakingWritten = false;
    if (auto t = GuidedTour::create(renderer, s->input); t) s->tour = std::move(*t);
    else spdlog::warn("XR without the guide: {}", t.error().message);
    s->panoramaShown.clear();
    s->addMarkers(renderer);
    if (!s->ui) {
      ui::UiOptions options;
      options.glyphText = s->title;
      if (s->tour) options.glyphText += ui::glyphTextForScene(s->tour->scene());
      auto made = ui::Ui::create(options);
      if (made) s->ui = std::move(*made);
      else spdlog::warn("the XR panel shows no UI: {}", made.error().message);
    }
    return okStatus();
  };
  request.hooks.onFrame = [s](render::Renderer&, const xr::XrFrameInfo& f) {
    if (s->tour) {
      s->tour->update(f.dtSeconds, f.eyeWorld,
                      guide::ListenerPose{f.eyeWorld, f.headWorld * glm::vec3(0, 0, -1), f.headWorld * glm::vec3(0, 1, 0)});
    }
    s->notePanorama(f);
    s->clock += f.dtSeconds;
    s->pickPois(f);
    if (++s->frames == s->readbackFrame && !s->readbackDir.empty() && s->ui) {
      s->writePanel("xr-face-panel.png");
      s->writeReport("xr-face.txt", f);
    }
  };
  request.hooks.onStop = [s] {
    s->tour.reset();
    s->markers = PoiMarkers{};
    s->aimed = -1;
    s->renderer = nullptr;
  };
  request.hooks.panelOverlay = [s](const xr::XrFrameInfo& f) { return s->panel(f); };
  request.hooks.panorama = [s](const xr::XrFrameInfo&) { return s->wantedPanorama(); };
  // The laser ends at the marker it aims at.
  request.hooks.laserStop = [s](const xr::XrFrameInfo&) -> std::optional<float> {
    if (s->aimed < 0) return std::nullopt;
    return s->aimedDistance;
  };
}

}  // namespace sc::app
