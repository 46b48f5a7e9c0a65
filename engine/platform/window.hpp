#pragma once
// A desktop window (GLFW): resizable, fullscreen toggle, HiDPI-aware (framebuffer pixels are
// what the swapchain uses; cursor positions are in window points), input state per poll.
// GLFW and Vulkan types stay in window.cpp. One thread (the main thread) uses it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "gpu/swapchain_target.hpp"
#include "platform/input_state.hpp"

namespace sc::platform {

struct WindowOptions {
  std::string title = "shancheng";
  std::uint32_t width = 1280;  // window points (scaled by the monitor's content scale on HiDPI)
  std::uint32_t height = 720;
  bool fullscreen = false;     // on the primary monitor, at its current video mode
  bool resizable = true;
};

struct FramebufferSize {
  std::uint32_t width = 0;  // 0x0 while minimised
  std::uint32_t height = 0;
};

class Window {
 public:
  // True when a display server is named ($DISPLAY or $WAYLAND_DISPLAY), GLFW can connect to it
  // and a Vulkan loader is there for surfaces. Never fails loudly: a false means "headless".
  static bool displayAvailable();
  // Fails with a message when GLFW cannot start or make the window.
  static Result<std::unique_ptr<Window>> create(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Processes pending events (non-blocking) into input().
  void pollEvents();
  // Blocks until an event arrives or `timeoutSeconds` pass (used while minimised).
  void waitEvents(double timeoutSeconds);
  const InputState& input() const;

  bool shouldClose() const;
  void requestClose();
  // Undoes a close request (the kiosk refuses the close button; input().closeRequested tells
  // that one came).
  void cancelClose();
  void setCursorHidden(bool hidden);
  glm::vec2 windowSize() const;  // points (cursor coordinates); framebufferSize() / this = HiDPI scale
  FramebufferSize framebufferSize() const;
  float contentScale() const;  // 1 on ordinary screens, 2 on many HiDPI ones
  bool minimised() const;
  void setTitle(const std::string& title);
  void setFullscreen(bool fullscreen);
  bool fullscreen() const;

  // The instance extensions Vulkan needs for this window system's surfaces.
  static std::vector<std::string> vulkanInstanceExtensions();
  // Makes this window's VkSurfaceKHR for a VkInstance (for gpu::SwapchainTarget::create).
  gpu::SurfaceFactory surfaceFactory();

  struct Impl;

 private:
  explicit Window(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::platform
