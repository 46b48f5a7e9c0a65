#pragma once
// Runtime failures (files, content, the GPU, the XR runtime) travel as values: Result<T>.
// Bugs in our own code (broken contracts) stop loudly through SC_PANIC instead; never assert a
// value that came from outside, since asserts vanish in release builds.
#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace sc {

// One clear message a user can act on: which file or thing, what is wrong, what to do.
struct Error {
  std::string message;
};

template <typename... Args>
Error makeError(fmt::format_string<Args...> format, Args&&... args) {
  return Error{fmt::format(format, std::forward<Args>(args)...)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that produces nothing.
struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }

[[noreturn]] void panic(const char* file, int line, const std::string& message);

}  // namespace sc

#define SC_PANIC(...) ::sc::panic(__FILE__, __LINE__, ::fmt::format(__VA_ARGS__))
#define SC_CHECK(cond, ...)                 \
  do {                                      \
    if (!(cond)) SC_PANIC(__VA_ARGS__);     \
  } while (0)

// Propagate an error Result from the enclosing function (which must return some Result).
#define SC_TRY(expr)                                  \
  do {                                                \
    auto&& scTryResult_ = (expr);                     \
    if (!scTryResult_.ok()) return scTryResult_.error(); \
  } while (0)
