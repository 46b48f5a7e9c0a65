#pragma once
// The one window loop behind every desktop face (tour, kiosk, creator preview): a GLFW window,
// the Vulkan device with a swapchain, the renderer, and the scene on screen, loaded on worker
// threads while the window keeps drawing. What the face does with input, which camera it draws
// from and what it shows over the scene is a WindowMode plugged into the loop.
//
//   struct MyMode : WindowMode { ... };
//   MyMode mode;
//   return WindowLoop::run(options, mode);   // until a close, requestExit or a frame limit
//
// started() once the renderer exists, then per frame: poll events -> (a finished scene load is uploaded: sceneReady / sceneFailed) ->
// the loop's own keys when desktopKeys (F11 fullscreen, V vsync without Ctrl, F12 screenshot) -> mode.frame()
// returns the camera -> render and present (skipped while minimised: the loop then sleeps in
// waitEvents) -> mode.afterFrame(). The window's close button asks mode.allowClose().
//
// Scene changes: loadScene() starts a SceneLoadJob; the previous scene stays on screen (a kiosk
// keeps its last good scene) until the new one is ready, then it is replaced. A failed load
// leaves the previous scene and calls sceneFailed with the one-line message.
//
// Swapchain: out-of-date / suboptimal swapchains and size changes are rebuilt by
// gpu::SwapchainTarget at the next acquire; framebuffer pixels (HiDPI) size it, window points
// are what the cursor reports (FrameInput gives both).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "app/render_command.hpp"
#include "app/scene_content.hpp"
#include "app/window_scene_loader.hpp"
#include "gpu/device.hpp"
#include "platform/input_state.hpp"
#include "platform/scene_collider.hpp"
#include "platform/window.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"

namespace sc::app {

// The GPU was lost (VK_ERROR_DEVICE_LOST: driver reset, GPU removed): a supervisor should start
// the program again. Used by the kiosk; see docs/CLIENT.md.
inline constexpr int kExitDeviceLost = 6;

// True when an error message comes from a lost device.
bool isDeviceLost(const Error& error);

struct WindowLoopOptions {
  // input: the first scene; size: the window in points; gpu, msaa, validation, time of day,
  // exposure, tone mapper as for render.
  RenderRequest render;
  // false: the loop does not load render.input; the mode owns what the renderer shows (the
  // preview's hot reload adds and swaps models itself). loadScene() still works.
  bool loadInput = true;
  std::string title = "Shancheng";
  std::string logName = "window";  // the summary line at exit: "<logName>: N frames in ..."
  bool vsync = true;
  bool fullscreen = false;
  bool hideCursor = false;
  bool desktopKeys = true;   // F11 fullscreen, V vsync, F12 screenshot (off in the kiosk)
  std::string screenshotDir = "out/screenshots";
  std::uint32_t screenshotAfter = 0;  // > 0: write screenshotFile after this many frames, exit
  std::string screenshotFile;
  std::uint32_t frames = 0;           // > 0: exit after this many frames
  // Test hook: the Nth rendered frame reports this error instead (once), to exercise the
  // modes' failure paths (device loss, scene restart) without breaking a GPU.
  std::uint32_t testFailAfterFrames = 0;
  std::string testFailMessage;
  // Seconds a frame may claim at most (a stall or a breakpoint does not teleport the camera).
  float maxFrameSeconds = 0.25f;
};

struct FrameInput {
  const platform::InputState& input;
  float seconds = 0.0f;      // since the previous frame, at most maxFrameSeconds
  double time = 0.0;         // since the loop started
  glm::vec2 windowSize{0.0f};      // points (cursor space)
  glm::uvec2 framebufferSize{0u};  // pixels (0x0 while minimised)
  float contentScale = 1.0f;       // the monitor's HiDPI scale
  std::uint64_t frame = 0;         // frames rendered so far
};

class WindowLoop;

class WindowMode {
 public:
  virtual ~WindowMode() = default;
  // The window, device, renderer and swapchain are open; before the first frame and before
  // render.input starts loading. A mode that owns its content adds it to loop.renderer() here;
  // requestExit() here ends the run before any frame.
  virtual void started(WindowLoop&) {}
  // A scene finished loading and is uploaded (the first one and after every loadScene).
  virtual void sceneReady(WindowLoop& loop) = 0;
  // A load failed; the previous scene (if any) is still on screen.
  virtual void sceneFailed(WindowLoop& loop, const std::string& message) = 0;
  // One frame: input into the face's state. Returns the camera to draw from (fov, clip planes
  // too). Called while a scene loads as well (loop.content() may then be null).
  virtual render::Camera frame(WindowLoop& loop, const FrameInput& frame) = 0;
  // After the frame was presented (or skipped while minimised).
  virtual void afterFrame(WindowLoop&, const FrameInput&) {}
  // The window's close button: return false to refuse (the kiosk).
  virtual bool allowClose(WindowLoop&) { return true; }
  // Rendering failed. Return the exit code to stop with, or -1 to go on (the loop then reloads
  // the current scene). Default: stop with kExitDeviceLost or kExitNoGpu.
  virtual int renderFailed(WindowLoop& loop, const Error& error);
  // Before the renderer and device go (release everything made with them here).
  virtual void shutdown(WindowLoop&) {}
};

class WindowLoop {
 public:
  // Opens everything, calls mode.started, loads options.render.input (unless loadInput is
  // false or it is empty) and runs `mode` until the window closes, the
  // mode calls requestExit, or a frame limit is reached. Exit codes as for render
  // (kExitValidation when the validation layer reported errors) plus kExitDeviceLost.
  static int run(const WindowLoopOptions& options, WindowMode& mode);

  platform::Window& window();
  render::Renderer& renderer();
  gpu::Device& device();
  const WindowLoopOptions& options() const;

  // The scene on screen (null before the first load finished) and its walkable geometry.
  const ViewContent* content() const;
  const platform::SceneCollider& collider() const;
  // The scene on the renderer: instances[i] draws content()->models[i]. A mode may hide them for
  // a while (the panorama view) and puts content()->models[i].transform back afterwards.
  const ShownContent& shownContent() const;
  const std::string& sceneInput() const;     // what content() was loaded from
  // The camera the content suggests (its spawn / POI camera, or a framing of its bounds).
  render::Camera homeCamera() const;

  // Starts loading `input` (scene file, model file or builtin:default); a load in progress is
  // abandoned. The result arrives through sceneReady / sceneFailed.
  void loadScene(const std::string& input);
  bool loading() const;
  SceneLoadProgress loadProgress() const;     // of the running load (stage Done when none)
  const std::string& loadingInput() const;
  // What the last failed load tried to show (for a Retry).
  const std::string& lastFailedInput() const;

  void requestExit(int exitCode);
  // The last presented frame as a PNG (creates folders). Between frames only.
  Status screenshot(const std::filesystem::path& file);
  std::filesystem::path nextScreenshotPath();  // screenshotDir/screenshot-NNNN.png
  void setVsync(bool on);
  bool vsync() const;
  // CPU time of the last rendered frame (record + submit), milliseconds; 0 before the first.
  double lastFrameCpuMs() const;

  struct Impl;
  explicit WindowLoop(Impl& impl) : impl_(impl) {}

 private:
  Impl& impl_;
};

}  // namespace sc::app
