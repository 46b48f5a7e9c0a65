// GLFW behind platform::Window. Vulkan headers are deliberately not included: the one GLFW
// call that takes Vulkan handles is declared below with opaque pointer/integer types.
#include "platform/window.hpp"

#include "platform/gamepad_mapping.hpp"

#include <cstdlib>

#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

// glfwCreateWindowSurface is only declared by glfw3.h when vulkan.h came first. VkInstance is a
// pointer, VkSurfaceKHR a 64-bit handle and VkResult an int-sized enum on every 64-bit ABI, so
// this declaration matches the library's symbol without pulling Vulkan types into the module.
extern "C" int glfwCreateWindowSurface(void* instance, GLFWwindow* window, const void* allocator,
                                       std::uint64_t* surface);
static_assert(sizeof(void*) == 8, "the opaque glfwCreateWindowSurface declaration assumes 64-bit handles");

namespace sc::platform {

struct Window::Impl {
  GLFWwindow* window = nullptr;
  InputState input;
  bool haveCursor = false;
  bool fullscreen = false;
  int windowedX = 100, windowedY = 100, windowedW = 1280, windowedH = 720;
};

namespace {

int glfwKeyFor(Key key) {
  switch (key) {
    case Key::Escape: return GLFW_KEY_ESCAPE;
    case Key::Enter: return GLFW_KEY_ENTER;
    case Key::Space: return GLFW_KEY_SPACE;
    case Key::Tab: return GLFW_KEY_TAB;
    case Key::Backspace: return GLFW_KEY_BACKSPACE;
    case Key::Left: return GLFW_KEY_LEFT;
    case Key::Right: return GLFW_KEY_RIGHT;
    case Key::Up: return GLFW_KEY_UP;
    case Key::Down: return GLFW_KEY_DOWN;
    case Key::LeftShift: return GLFW_KEY_LEFT_SHIFT;
    case Key::RightShift: return GLFW_KEY_RIGHT_SHIFT;
    case Key::LeftControl: return GLFW_KEY_LEFT_CONTROL;
    case Key::RightControl: return GLFW_KEY_RIGHT_CONTROL;
    case Key::LeftAlt: return GLFW_KEY_LEFT_ALT;
    case Key::RightAlt: return GLFW_KEY_RIGHT_ALT;
    case Key::F1: return GLFW_KEY_F1;
    case Key::F11: return GLFW_KEY_F11;
    case Key::F12: return GLFW_KEY_F12;
    default: break;
  }
  if (key >= Key::A && key <= Key::Z) return GLFW_KEY_A + (int(key) - int(Key::A));
  if (key >= Key::Num0 && key <= Key::Num9) return GLFW_KEY_0 + (int(key) - int(Key::Num0));
  return GLFW_KEY_UNKNOWN;
}

// Keypad digits count as the number row: kiosks and laptops differ in which one they have.
int keyIndexFor(int glfwKey) {
  if (glfwKey >= GLFW_KEY_KP_0 && glfwKey <= GLFW_KEY_KP_9) glfwKey = GLFW_KEY_0 + (glfwKey - GLFW_KEY_KP_0);
  for (std::size_t k = 0; k < std::size_t(Key::Count); ++k) {
    if (glfwKeyFor(Key(k)) == glfwKey) return int(k);
  }
  return -1;
}

Window::Impl& implOf(GLFWwindow* window) { return *static_cast<Window::Impl*>(glfwGetWindowUserPointer(window)); }

void onKey(GLFWwindow* window, int key, int, int action, int mods) {
  int index = keyIndexFor(key);
  if (index < 0) return;
  InputState& input = implOf(window).input;
  if (action == GLFW_PRESS) {
    input.keysDown.set(std::size_t(index));
    input.keysPressed.set(std::size_t(index));
    input.pressedMods[std::size_t(index)] = std::uint8_t((mods & GLFW_MOD_CONTROL ? kModCtrl : 0) |
                                                         (mods & GLFW_MOD_ALT ? kModAlt : 0) |
                                                         (mods & GLFW_MOD_SHIFT ? kModShift : 0));
  } else if (action == GLFW_RELEASE) {
    input.keysDown.reset(std::size_t(index));
  }
}

void onMouseButton(GLFWwindow* window, int button, int action, int) {
  if (button < 0 || button >= int(MouseButton::Count)) return;
  InputState& input = implOf(window).input;
  if (action == GLFW_PRESS) {
    input.buttonsDown.set(std::size_t(button));
    input.buttonsPressed.set(std::size_t(button));
  } else if (action == GLFW_RELEASE) {
    input.buttonsDown.reset(std::size_t(button));
    input.buttonsReleased.set(std::size_t(button));
  }
}

void onCursor(GLFWwindow* window, double x, double y) {
  Window::Impl& impl = implOf(window);
  glm::vec2 now{float(x), float(y)};
  if (impl.haveCursor) impl.input.cursorDelta += now - impl.input.cursor;
  impl.input.cursor = now;
  impl.haveCursor = true;
}

void onScroll(GLFWwindow* window, double x, double y) {
  implOf(window).input.scroll += glm::vec2(float(x), float(y));
}

// Text for PIN entry and search fields, as UTF-8.
void onChar(GLFWwindow* window, unsigned int codepoint) {
  std::string& out = implOf(window).input.typed;
  if (codepoint < 0x80) {
    out += char(codepoint);
  } else if (codepoint < 0x800) {
    out += char(0xC0 | (codepoint >> 6));
    out += char(0x80 | (codepoint & 0x3F));
  } else if (codepoint < 0x10000) {
    out += char(0xE0 | (codepoint >> 12));
    out += char(0x80 | ((codepoint >> 6) & 0x3F));
    out += char(0x80 | (codepoint & 0x3F));
  } else if (codepoint < 0x110000) {
    out += char(0xF0 | (codepoint >> 18));
    out += char(0x80 | ((codepoint >> 12) & 0x3F));
    out += char(0x80 | ((codepoint >> 6) & 0x3F));
    out += char(0x80 | (codepoint & 0x3F));
  }
}

void onClose(GLFWwindow* window) { implOf(window).input.closeRequested = true; }

// The first joystick GLFW knows a gamepad mapping for (SDL's database, built into GLFW 3.3).
void pollGamepad(GamepadState& pad) {
  GamepadState previous = pad;
  pad = GamepadState{};
  for (int jid = GLFW_JOYSTICK_1; jid <= GLFW_JOYSTICK_LAST; ++jid) {
    GLFWgamepadstate state;
    if (!glfwJoystickIsGamepad(jid) || !glfwGetGamepadState(jid, &state)) continue;
    RawGamepad raw;
    static_assert(GLFW_GAMEPAD_AXIS_LAST + 1 == int(std::tuple_size_v<decltype(raw.axes)>));
    static_assert(GLFW_GAMEPAD_BUTTON_LAST + 1 == int(GamepadButton::Count));
    static_assert(GLFW_GAMEPAD_AXIS_LEFT_TRIGGER == kRawAxisLeftTrigger && GLFW_GAMEPAD_BUTTON_LEFT_THUMB == int(GamepadButton::LeftThumb));
    for (std::size_t a = 0; a < raw.axes.size(); ++a) raw.axes[a] = state.axes[a];
    for (std::size_t b = 0; b < raw.buttons.size(); ++b) raw.buttons[b] = state.buttons[b] == GLFW_PRESS;
    const char* name = glfwGetGamepadName(jid);
    pad = gamepadStateFrom(raw, previous, name ? name : "gamepad");
    if (!previous.connected) spdlog::info("gamepad connected: {}", pad.name);
    return;
  }
  if (previous.connected) spdlog::info("gamepad disconnected: {}", previous.name);
}

void onGlfwError(int code, const char* message) { spdlog::debug("GLFW error {:#x}: {}", code, message); }

}  // namespace

bool Window::displayAvailable() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((!x11 || !*x11) && (!wayland || !*wayland)) return false;
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) return false;
  bool vulkan = glfwVulkanSupported() == GLFW_TRUE;
  if (!vulkan) spdlog::info("a display is there but GLFW finds no Vulkan loader for window surfaces");
  return vulkan;
}

Result<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) {
    const char* message = nullptr;
    glfwGetError(&message);
    return makeError("cannot open a window: GLFW failed to start ({}); is $DISPLAY right?",
                     message ? message : "no reason given");
  }
  if (!glfwVulkanSupported()) return makeError("cannot open a Vulkan window: GLFW finds no Vulkan loader");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWmonitor* monitor = nullptr;
  int width = int(options.width), height = int(options.height);
  if (options.fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
      width = mode->width;
      height = mode->height;
    }
  }
  GLFWwindow* window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
  if (!window) {
    const char* message = nullptr;
    glfwGetError(&message);
    return makeError("cannot open a {}x{} window: {}", width, height, message ? message : "GLFW gave no reason");
  }
  auto impl = std::make_unique<Impl>();
  impl->window = window;
  impl->fullscreen = monitor != nullptr;
  impl->windowedW = int(options.width);
  impl->windowedH = int(options.height);
  glfwSetWindowUserPointer(window, impl.get());
  glfwSetKeyCallback(window, onKey);
  glfwSetMouseButtonCallback(window, onMouseButton);
  glfwSetCursorPosCallback(window, onCursor);
  glfwSetScrollCallback(window, onScroll);
  glfwSetCharCallback(window, onChar);
  glfwSetWindowCloseCallback(window, onClose);
  return std::unique_ptr<Window>(new Window(std::move(impl)));
}

Window::Window(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Window::~Window() {
  if (impl_->window) glfwDestroyWindow(impl_->window);
  glfwTerminate();
}

void Window::pollEvents() {
  impl_->input.beginPoll();
  glfwPollEvents();
  pollGamepad(impl_->input.gamepad);
}

void Window::waitEvents(double timeoutSeconds) {
  impl_->input.beginPoll();
  glfwWaitEventsTimeout(timeoutSeconds);
}

const InputState& Window::input() const { return impl_->input; }
bool Window::shouldClose() const { return glfwWindowShouldClose(impl_->window) == GLFW_TRUE; }
void Window::requestClose() { glfwSetWindowShouldClose(impl_->window, GLFW_TRUE); }
void Window::cancelClose() { glfwSetWindowShouldClose(impl_->window, GLFW_FALSE); }

void Window::setCursorHidden(bool hidden) {
  glfwSetInputMode(impl_->window, GLFW_CURSOR, hidden ? GLFW_CURSOR_HIDDEN : GLFW_CURSOR_NORMAL);
}

glm::vec2 Window::windowSize() const {
  int w = 0, h = 0;
  glfwGetWindowSize(impl_->window, &w, &h);
  return {float(std::max(w, 0)), float(std::max(h, 0))};
}

FramebufferSize Window::framebufferSize() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(impl_->window, &w, &h);
  if (minimised()) return {};
  return {std::uint32_t(std::max(w, 0)), std::uint32_t(std::max(h, 0))};
}

float Window::contentScale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(impl_->window, &x, &y);
  return std::max(x, y);
}

bool Window::minimised() const { return glfwGetWindowAttrib(impl_->window, GLFW_ICONIFIED) == GLFW_TRUE; }

void Window::setTitle(const std::string& title) { glfwSetWindowTitle(impl_->window, title.c_str()); }

void Window::setFullscreen(bool fullscreen) {
  Impl& impl = *impl_;
  if (fullscreen == impl.fullscreen) return;
  if (fullscreen) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) {
      spdlog::warn("no monitor to go fullscreen on");
      return;
    }
    glfwGetWindowPos(impl.window, &impl.windowedX, &impl.windowedY);
    glfwGetWindowSize(impl.window, &impl.windowedW, &impl.windowedH);
    glfwSetWindowMonitor(impl.window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(impl.window, nullptr, impl.windowedX, impl.windowedY, impl.windowedW, impl.windowedH, 0);
  }
  impl.fullscreen = fullscreen;
}

bool Window::fullscreen() const { return impl_->fullscreen; }

std::vector<std::string> Window::vulkanInstanceExtensions() {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; names && i < count; ++i) out.emplace_back(names[i]);
  return out;
}

gpu::SurfaceFactory Window::surfaceFactory() {
  GLFWwindow* window = impl_->window;
  return [window](void* instance) -> Result<std::uint64_t> {
    std::uint64_t surface = 0;
    int result = glfwCreateWindowSurface(instance, window, nullptr, &surface);
    if (result != 0) {
      const char* message = nullptr;
      glfwGetError(&message);
      return makeError("cannot make a Vulkan surface for the window (VkResult {}): {}", result,
                       message ? message : "GLFW gave no reason");
    }
    return surface;
  };
}

}  // namespace sc::platform
